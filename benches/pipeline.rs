//! Criterion benches for gwlint's hot stages, on a generated ~200 KB draft.
//!
//! ```text
//! cargo bench --bench pipeline             # all
//! cargo bench --bench pipeline -- lint/    # the whole lint, per family
//! ```
//!
//! The draft comes from the same templates as the benchmark corpus
//! (`examples/gen/mod.rs`). End-to-end figures (walk, read, output, threads)
//! come from `scripts/bench.sh`; see BENCHMARKS.md.

#[path = "../examples/gen/mod.rs"]
mod generator;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gwlint::config::CliOverrides;
use gwlint::document::{Document, LineIndex};
use gwlint::engine::{Engine, EngineOptions};
use gwlint::rules::Context;

const SEED: u64 = 2024;
const SIZE: usize = 200 * 1024;
const PATH: &str = "bench/report.txt";

fn draft() -> String {
    generator::bench_draft(SEED, SIZE)
}

fn engine(select: &str) -> Engine {
    Engine::new(EngineOptions {
        isolated: true,
        cli: CliOverrides {
            select: Some(vec![select.into()]),
            ..CliOverrides::default()
        },
        ..EngineOptions::default()
    })
    .expect("engine")
}

fn stages(c: &mut Criterion) {
    let text = draft();
    let bytes = text.as_bytes().to_vec();
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("decode", |b| {
        b.iter_batched(
            || bytes.clone(),
            |v| gwlint::source::decode(black_box(v)).expect("utf-8"),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("line_index", |b| {
        b.iter(|| LineIndex::new(black_box(&text)))
    });
    g.bench_function("document", |b| b.iter(|| Document::new(black_box(&text))));
    let doc = Document::new(&text);
    let path = Path::new(PATH);
    g.bench_function("extract/dates", |b| {
        b.iter(|| Context::new(path, &doc, "annual-report").dates().len())
    });
    g.bench_function("extract/docnums", |b| {
        b.iter(|| Context::new(path, &doc, "annual-report").docnums().len())
    });
    g.bench_function("extract/numbers", |b| {
        b.iter(|| Context::new(path, &doc, "annual-report").numbers().len())
    });
    g.finish();
}

fn lint(c: &mut Criterion) {
    let text = draft();
    let path = Path::new(PATH);
    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(text.len() as u64));
    for family in ["S", "N", "D", "A", "P", "ALL"] {
        let e = engine(family);
        g.bench_function(family, |b| {
            b.iter(|| {
                e.lint(path, black_box(&text))
                    .expect("lint")
                    .diagnostics
                    .len()
            })
        });
    }
    g.finish();
}

/// What the language server does after a keystroke in a 50 KB draft: lint
/// with every rule and convert the findings to UTF-16 LSP diagnostics.
fn server_keystroke(c: &mut Criterion) {
    let text = generator::bench_draft(SEED, 50 * 1024);
    let engine = engine("ALL");
    let path = std::path::Path::new(PATH);
    let mut g = c.benchmark_group("server");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("relint_50k_utf16", |b| {
        b.iter(|| {
            gwlint::server::lint_to_lsp(
                &engine,
                path,
                "file:///bench/report.txt",
                black_box(&text),
                gwlint::server::Encoding::Utf16,
            )
            .expect("lint")
        })
    });
    g.finish();
}

criterion_group!(benches, stages, lint, server_keystroke);
criterion_main!(benches);
