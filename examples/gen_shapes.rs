//! Write the repeated structures of the scaling check (see
//! `examples/gen/shapes.rs`), each at two sizes.
//!
//! ```text
//! cargo run --release --example gen_shapes -- OUT_DIR [--small-kb K] [--factor F]
//! ```
//!
//! For every shape, without and with a report title, it writes
//! `OUT_DIR/NAME.small.txt` (about K KB, default 1024) and
//! `OUT_DIR/NAME.large.txt` (F times as many units, default 4), where NAME is
//! the shape's name, followed by `-titled` for the titled variant. Linear
//! work lints both at the same MB/s; `scripts/bench.sh` prints the ratio.

#[path = "gen/shapes.rs"]
mod shapes;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Write the repeated structures of the scaling check, each at two sizes.
#[derive(Parser)]
#[command(name = "gen_shapes")]
struct Args {
    /// Where to write the files.
    out: PathBuf,
    /// The size of the small file of each shape, in KB.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    small_kb: u64,
    /// How many times as many units the large file holds.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..))]
    factor: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (out, small_kb, factor) = (args.out, args.small_kb as usize, args.factor as usize);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    for shape in shapes::SHAPES {
        let n = (small_kb * 1024 / shape.unit.len()).max(1);
        for titled in [false, true] {
            let name = if titled {
                format!("{}-titled", shape.name)
            } else {
                shape.name.to_string()
            };
            for (size, units) in [("small", n), ("large", n * factor)] {
                let path = out.join(format!("{name}.{size}.txt"));
                if let Err(e) = std::fs::write(&path, shapes::text(shape, titled, units)) {
                    eprintln!("error: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
    }
    ExitCode::SUCCESS
}
