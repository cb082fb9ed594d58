//! Helpers for the unit tests.

use std::ops::Range;

/// Run `check` on `rounds` texts, each of a number of pieces drawn from
/// `lens` and then of those pieces drawn from `pieces`: the inputs on which a
/// fast form of a check is held to its plain form. Seeded, so that a failure
/// repeats.
pub fn for_random_texts(
    seed: u64,
    rounds: usize,
    pieces: &[&str],
    lens: Range<usize>,
    mut check: impl FnMut(&str),
) {
    let mut rng = fastrand::Rng::with_seed(seed);
    for _ in 0..rounds {
        let len = rng.usize(lens.clone());
        let t: String = (0..len)
            .map(|_| pieces[rng.usize(..pieces.len())])
            .collect();
        check(&t);
    }
}

/// An engine with no configuration file and only the rules `select` names
/// (codes, prefixes or `ALL`), as `gwlint check --isolated --select …` has.
pub fn engine_selecting(select: &str) -> crate::engine::Engine {
    crate::engine::Engine::new(crate::engine::EngineOptions {
        isolated: true,
        cli: crate::config::CliOverrides {
            select: Some(vec![select.into()]),
            ..Default::default()
        },
        ..Default::default()
    })
    .expect("engine")
}
