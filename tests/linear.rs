//! No superlinear path: linting k copies of a sentence on one line costs k
//! times one sentence, measured by counting, never by timing.
//!
//! A counting global allocator records, for this thread only, how many
//! allocations the engine makes and how many bytes it asks for while it lints
//! a synthetic paragraph of k = 1,000, 4,000 and 16,000 sentences (one line,
//! no newline), with every rule on. The findings must grow exactly linearly
//! (k × per sentence, plus any per-document constant), and the allocations
//! and bytes per sentence may not grow by more than half from k = 1,000 to
//! k = 16,000. A path that copies the rest of the line, re-collects a prefix
//! or rebuilds a structure per finding shows up here as quadratic bytes.
//!
//! What this cannot see: pure CPU loops that allocate nothing (say, counting
//! characters from the start of a line for every finding). Those show up in
//! the throughput on the 20 MB single-paragraph file of `scripts/bench.sh`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

use gwlint::config::CliOverrides;
use gwlint::engine::{Engine, EngineOptions};

struct Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn record(size: usize) {
    // `try_with`: the thread-local may already be gone while a thread exits.
    let _ = ON.try_with(|on| {
        if on.get() {
            COUNT.with(|c| c.set(c.get() + 1));
            BYTES.with(|b| b.set(b.get() + size as u64));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes requested on this thread while `f` runs.
fn counted<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
    COUNT.with(|c| c.set(0));
    BYTES.with(|b| b.set(0));
    ON.with(|on| on.set(true));
    let r = f();
    ON.with(|on| on.set(false));
    (r, COUNT.with(Cell::get), BYTES.with(Cell::get))
}

/// One sentence of an annual report with something for most families: an
/// impossible date, a 发文字号 in square brackets, a rate that does not match
/// its counts (100 ÷ 120 = 83.33%, not 90%), a total that is not the sum of
/// its parts (20 + 20 ≠ 50), a range, a half-width comma between Han
/// characters, and an ordinal run.
const SENTENCE: &str = "2023年2月30日，市政府印发《江州市行政执法公示办法》（江政发[2023]12号），\
全年共受理行政复议申请120件，审结100件，审结率90%；共开展执法检查50次，其中日常检查20次、\
专项检查20次,按照3至5个工作日的时限一是完善制度，二是强化监督。";

fn engine() -> Engine {
    Engine::new(EngineOptions {
        isolated: true,
        cli: CliOverrides {
            select: Some(vec!["ALL".into()]),
            ..CliOverrides::default()
        },
        ..EngineOptions::default()
    })
    .expect("engine")
}

struct Cost {
    k: u64,
    findings: u64,
    allocs: u64,
    bytes: u64,
}

fn measure(engine: &Engine, text: &str, k: u64) -> Cost {
    let path = Path::new("linear/report.txt");
    let (n, allocs, bytes) = counted(|| {
        let r = engine.lint(path, text).expect("lint");
        r.diagnostics.len() as u64
    });
    Cost {
        k,
        findings: n,
        allocs,
        bytes,
    }
}

fn check_linear(shape: &str, build: impl Fn(u64) -> String) {
    let engine = engine();
    // Warm the engine's caches (configuration chain, rule set) first, so
    // one-time costs are not charged to the smallest k.
    let _ = measure(&engine, &build(3), 3);
    let costs: Vec<Cost> = [1_000, 4_000, 16_000]
        .iter()
        .map(|&k| measure(&engine, &build(k), k))
        .collect();
    for c in &costs {
        eprintln!(
            "{shape}: k = {:>6}: {:>7} findings, {:>9} allocations, {:>11} bytes ({:.1} allocations and {:.0} bytes per sentence)",
            c.k,
            c.findings,
            c.allocs,
            c.bytes,
            c.allocs as f64 / c.k as f64,
            c.bytes as f64 / c.k as f64
        );
    }
    let [a, b, c] = &costs[..] else {
        unreachable!()
    };

    // Findings: affine in k with the same slope over both steps.
    let per = (b.findings - a.findings) as f64 / (b.k - a.k) as f64;
    assert!(
        per >= 2.0,
        "{shape}: expected at least the date and the 发文字号 of every sentence to be found, got {per} findings per sentence"
    );
    assert_eq!(
        (c.findings - b.findings) * (b.k - a.k),
        (b.findings - a.findings) * (c.k - b.k),
        "{shape}: findings do not grow linearly with the number of sentences"
    );

    // Work: allocations and bytes per sentence stay flat (within 1.5x).
    let growth = |x: &Cost, y: &Cost, f: fn(&Cost) -> u64| {
        (f(y) as f64 / y.k as f64) / (f(x) as f64 / x.k as f64)
    };
    let allocs = growth(a, c, |c| c.allocs);
    let bytes = growth(a, c, |c| c.bytes);
    assert!(
        allocs <= 1.5,
        "{shape}: allocations per sentence grew {allocs:.2}x from k = 1,000 to 16,000 (superlinear)"
    );
    assert!(
        bytes <= 1.5,
        "{shape}: bytes allocated per sentence grew {bytes:.2}x from k = 1,000 to 16,000 (superlinear)"
    );
}

#[test]
fn one_long_paragraph_costs_linear_work() {
    check_linear("paragraph", |k| {
        let title = "江州市人民政府关于2023年度法治政府建设情况的报告\n\n";
        let mut s = String::with_capacity(title.len() + SENTENCE.len() * k as usize);
        s.push_str(title);
        for _ in 0..k {
            s.push_str(SENTENCE);
        }
        s
    });
}

#[test]
fn many_lines_cost_linear_work() {
    check_linear("lines", |k| {
        let title = "江州市人民政府关于2023年度法治政府建设情况的报告\n\n";
        let mut s = String::with_capacity(title.len() + (SENTENCE.len() + 1) * k as usize);
        s.push_str(title);
        for _ in 0..k {
            s.push_str(SENTENCE);
            s.push('\n');
        }
        s
    });
}
