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

fn usage() -> ExitCode {
    eprintln!("usage: gen_shapes OUT_DIR [--small-kb K] [--factor F]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut small_kb = 1024usize;
    let mut factor = 4usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let number = |v: Option<String>| v.and_then(|v| v.parse::<usize>().ok()).filter(|&v| v > 0);
        match a.as_str() {
            "--small-kb" => match number(args.next()) {
                Some(v) => small_kb = v,
                None => return usage(),
            },
            "--factor" => match number(args.next()) {
                Some(v) => factor = v,
                None => return usage(),
            },
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ if a.starts_with('-') => return usage(),
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => return usage(),
        }
    }
    let Some(out) = out else { return usage() };
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
