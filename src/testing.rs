//! Helpers for the unit tests.

/// A text of `len` pieces drawn at random from `pieces`: the inputs on which
/// a fast form of a check is held to its plain form.
pub fn random_text(rng: &mut fastrand::Rng, pieces: &[&str], len: usize) -> String {
    (0..len)
        .map(|_| pieces[rng.usize(..pieces.len())])
        .collect()
}
