//! The arithmetic family's trace: every checkable statement gwlint found in
//! the seeds, with its verdict (set GWLINT_TRACE=1 to print it), and the
//! verdicts on the fixture lines.

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

/// Every checkable statement of the seeds that gwlint understands, with the
/// computation: all consistent except 002:65 (97.5% for 3334 ÷ 3426).
const SEED_TRACE: &[&str] = &[
    "000:29:80: PartSum ok: 57项 + 253项 = 310项",
    "000:29:89: Subset ok: 57项 ≤ 310项",
    "000:33:463: PartSum ok: 6779个 + 145个 + 2971个 = 9895个",
    "000:33:496: Subset ok: 6779个 ≤ 9895个",
    "000:105:173: Growth ok: 3.72倍：(236次 − 50次) ÷ 50次 = 3.72倍",
    "000:109:72: PartSum ok: 409件 + 94件 + 97件 = 600件",
    "000:109:86: Subset ok: 409件 ≤ 600件",
    "001:20:109: ImplicitSum ok: 53件 + 14件 = 67件",
    "001:20:140: PartSum ok: 10件 + 10件 + 2件 + 19件 = 41件",
    "001:20:149: Subset ok: 10件 ≤ 41件",
    "001:20:185: Rate ok: 直接纠错率4.88%：2件 ÷ 41件 × 100% ≈ 4.87805%",
    "001:20:232: Rate ok: 间接纠错率46.34%：19件 ÷ 41件 × 100% ≈ 46.34146%",
    "001:20:293: PartSum ok: 7件 + 1件 + 1件 = 9件",
    "001:20:300: Subset ok: 7件 ≤ 9件",
    "001:20:305: Subset ok: 1件 ≤ 9件",
    "001:20:311: Subset ok: 1件 ≤ 9件",
    "001:21:53: PartSum ok: 9件 + 1件 = 10件",
    "001:21:73: Subset ok: 9件 ≤ 10件",
    "002:17:260: ImplicitSum ok: 1个 + 81个 = 82个",
    "002:23:404: Subset ok: 11件 ≤ 501件",
    "002:35:155: PartSum ok: 2841条 + 5876条 + 127条 + 993条 + 22274条 + 137条 = 32248条",
    "002:35:171: Subset ok: 2841条 ≤ 32248条",
    "002:37:250: PartSum ok: 35件 + 9件 + 5件 + 1件 = 50件",
    "002:37:262: Subset ok: 35件 ≤ 50件",
    "002:37:274: Subset ok: 9件 ≤ 50件",
    "002:37:283: Subset ok: 5件 ≤ 50件",
    "002:37:292: Subset ok: 1件 ≤ 50件",
    "002:47:339: ImplicitSum ok: 2.23亿元 + 1.61亿元 = 3.84亿元",
    "002:61:94: PartSum ok: 58件 + 4件 = 62件",
    "002:61:102: Subset ok: 58件 ≤ 62件",
    "002:65:341: Rate BAD: 3334件 ÷ 3426件 × 100% ≈ 97.3147%，写到一位小数应为97.3%",
    "004:4:52: Change ok: 401项 + 3项 − 4项 = 400，与400项一致",
    "004:8:447: Rate ok: 成功率99%：8140件 ÷ 8211件 × 100% ≈ 99.135%",
];

#[test]
fn seed_statements_are_checked() {
    let seeds = common::root().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: {} not found", seeds.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut got = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        got.extend(trace_lines(
            &f.file_name().unwrap().to_str().unwrap()[..3],
            &text,
        ));
    }
    if std::env::var_os("GWLINT_TRACE").is_some() {
        println!("{}", got.join("\n"));
    }
    assert_eq!(got, SEED_TRACE, "seed trace changed:\n{}", got.join("\n"));
    assert_eq!(got.iter().filter(|l| l.contains(" BAD: ")).count(), 1);
}

/// Each line of a `consistent.txt` fixture is verified (not merely skipped),
/// and each line of a `mismatch.txt` fixture is found inconsistent.
#[test]
fn fixture_lines_are_verified() {
    for code in ["A001", "A002", "A003", "A004", "A005"] {
        for (case, want_ok) in [("consistent.txt", true), ("mismatch.txt", false)] {
            let p = common::root().join("tests/fixtures").join(code).join(case);
            let text = std::fs::read_to_string(&p).unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let checks = gwlint::rules::arith::trace(line);
                if want_ok {
                    assert!(
                        !checks.is_empty() && checks.iter().all(|c| c.consistent),
                        "{code}/{case}: not verified as consistent: {line}\n{checks:#?}"
                    );
                } else {
                    assert!(
                        checks.iter().any(|c| !c.consistent),
                        "{code}/{case}: not found: {line}"
                    );
                }
            }
        }
    }
}
