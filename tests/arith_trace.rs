//! The arithmetic family's trace: every checkable statement gwlint found in
//! the seeds, with its verdict. Set GWLINT_TRACE=1 to print it.

mod common;

fn trace_lines(name: &str, text: &str) -> Vec<String> {
    let index = gwlint::document::LineIndex::new(text);
    gwlint::rules::arith::trace(text)
        .into_iter()
        .map(|c| {
            let p = index.position(text, c.range.start);
            let v = if c.consistent { "ok" } else { "BAD" };
            format!(
                "{name}:{}:{}: {:?} {v}: {}",
                p.line, p.column, c.kind, c.note
            )
        })
        .collect()
}

#[test]
fn print_seed_trace() {
    let seeds = common::root().join("../shared/seeds");
    if !seeds.is_dir() || std::env::var_os("GWLINT_TRACE").is_none() {
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = &f.file_name().unwrap().to_str().unwrap()[..3];
        for l in trace_lines(name, &text) {
            println!("{l}");
        }
    }
}
