//! Write a synthetic corpus of 公文 drafts for gwlint's benchmark.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR [--size-mb N] [--big-mb M] [--seed S]
//! ```
//!
//! Layout (the total is about N MB, default 100):
//!
//! ```text
//! OUT_DIR/drafts/NNN/report_NNNNN.txt, notice_NNNNN.txt   drafts of 2 KB – 200 KB
//! OUT_DIR/big/paragraph.txt                               one M MB paragraph, no newline
//! OUT_DIR/big/lines.txt                                   M MB of short lines
//! OUT_DIR/small/one.txt                                   one ~2 KB draft (startup time)
//! ```
//!
//! M defaults to 20, or to a fifth of N when N is under 100. The drafts fill
//! the rest. The output is a pure function of the arguments: the same seed
//! gives the same bytes, and a larger corpus begins with the same drafts.

#[path = "gen/mod.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use generator::{Gen, Kind, draft_size, file_seed};

const MB: f64 = 1024.0 * 1024.0;

/// Write a synthetic corpus of 公文 drafts for gwlint's benchmark.
#[derive(Parser)]
#[command(name = "gen_corpus")]
struct Args {
    /// Where to write the corpus.
    out: PathBuf,
    /// About how many MB to write in all.
    #[arg(long, default_value_t = 100.0, value_parser = positive)]
    size_mb: f64,
    /// The size of each of the two big files, in MB (default: 20, or a
    /// fifth of --size-mb under 100).
    #[arg(long, value_parser = not_negative)]
    big_mb: Option<f64>,
    /// The corpus seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 => Ok(v),
        _ => Err(format!("“{s}” is not a positive number")),
    }
}

fn not_negative(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v >= 0.0 => Ok(v),
        _ => Err(format!("“{s}” is not a number of at least 0")),
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let big_mb = args.big_mb.unwrap_or(if args.size_mb >= 100.0 {
        20.0
    } else {
        args.size_mb / 5.0
    });
    match run(&args.out, args.size_mb, big_mb, args.seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

fn run(out: &Path, size_mb: f64, big_mb: f64, seed: u64) -> std::io::Result<()> {
    let big = (big_mb * MB) as usize;
    let total = (size_mb * MB) as usize;
    let drafts_target = total.saturating_sub(2 * big).max(1);

    // Seeds of the special files are far from those of the drafts.
    let mut g = Gen::new(file_seed(seed, u64::MAX));
    let small = g.draft(Kind::Report, 2 * 1024);
    write(&out.join("small/one.txt"), &small)?;
    if big > 0 {
        let mut g = Gen::new(file_seed(seed, u64::MAX - 1));
        write(&out.join("big/paragraph.txt"), &g.single_paragraph(big))?;
        let mut g = Gen::new(file_seed(seed, u64::MAX - 2));
        write(&out.join("big/lines.txt"), &g.short_lines(big))?;
    }

    let mut written = 0usize;
    let mut files = 0u64;
    let mut largest = 0usize;
    while written < drafts_target {
        let mut g = Gen::new(file_seed(seed, files));
        let size = draft_size(&mut g.rng);
        let kind = if g.rng.u8(0..4) == 0 {
            Kind::Notice
        } else {
            Kind::Report
        };
        let text = g.draft(kind, size);
        let name = match kind {
            Kind::Report => "report",
            Kind::Notice => "notice",
        };
        let path = out.join(format!("drafts/{:03}/{name}_{files:05}.txt", files / 100));
        write(&path, &text)?;
        written += text.len();
        largest = largest.max(text.len());
        files += 1;
    }
    eprintln!(
        "wrote {files} drafts ({:.1} MB, largest {:.0} KB), 2 × {:.1} MB big files and small/one.txt ({} bytes) to {} (seed {seed})",
        written as f64 / MB,
        largest as f64 / 1024.0,
        big as f64 / MB,
        small.len(),
        out.display()
    );
    Ok(())
}
