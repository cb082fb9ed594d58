//! Family P: punctuation, usage and residue (GB/T 15834, GB/T 15835).
//!
//! - P0xx: punctuation marks and numeric ranges;
//! - P1xx: spaces and digit forms;
//! - P2xx: residue: template placeholders, web-page chrome, injected spam;
//! - P4xx: the usage pack (`rules/usage.toml`), TOML substitution rules.

use crate::rules::RuleSpec;

pub(crate) mod text;

mod p001_title_mark_nesting;
mod p002_unbalanced_pairs;
mod p003_comma_between_quotes;
mod p004_interpunct;
mod p005_halfwidth_punctuation;
mod p006_folded_punctuation;
mod p007_numeric_range;
mod p008_straight_quotes;
mod p009_repeated_punctuation;
mod p010_cc_line_end;
mod p101_stray_space;
mod p102_fullwidth_digits;
mod p201_template_placeholder;
mod p202_page_residue;
mod p203_injected_spam;
mod p204_emoji;

pub const RULES: &[RuleSpec] = &[
    p001_title_mark_nesting::TitleMarkNesting::SPEC,
    p002_unbalanced_pairs::UnbalancedPairs::SPEC,
    p003_comma_between_quotes::CommaBetweenQuotes::SPEC,
    p004_interpunct::Interpunct::SPEC,
    p005_halfwidth_punctuation::HalfwidthPunctuation::SPEC,
    p006_folded_punctuation::FoldedPunctuation::SPEC,
    p007_numeric_range::NumericRange::SPEC,
    p008_straight_quotes::StraightQuotes::SPEC,
    p009_repeated_punctuation::RepeatedPunctuation::SPEC,
    p010_cc_line_end::CcLineEnd::SPEC,
    p101_stray_space::StraySpace::SPEC,
    p102_fullwidth_digits::FullwidthDigits::SPEC,
    p201_template_placeholder::TemplatePlaceholder::SPEC,
    p202_page_residue::PageResidue::SPEC,
    p203_injected_spam::InjectedSpam::SPEC,
    p204_emoji::Emoji::SPEC,
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::document::Document;
    use crate::rules::Context;

    /// Every P rule on text built from the characters the rules look at,
    /// in many orders: no panic, and every span on character boundaries.
    #[test]
    fn no_panic_on_mark_soup() {
        let alphabet: Vec<char> =
            "《》〈〉<>＜＞“”\"`（）()，,：:；;？?！!、—-－–~～〜•・ \u{a0}\u{3000}0１9.．%万元人年月日号〔〕XＸx×*县我\n首页>主办单位ICP备投注彩金"
                .chars()
                .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let rules: Vec<_> = super::RULES
            .iter()
            .map(|s| (s.build)(&toml::Table::new()).unwrap())
            .collect();
        for len in [0usize, 1, 2, 3, 5, 8, 13, 40, 200] {
            for _ in 0..200 {
                let text: String = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        alphabet[(seed % alphabet.len() as u64) as usize]
                    })
                    .collect();
                let doc = Document::new(&text);
                let cx = Context::new(Path::new("x.txt"), &doc, "general");
                for r in &rules {
                    let mut out = crate::diagnostic::Findings::new();
                    r.check(&cx, &mut out);
                    for d in out.iter() {
                        assert!(
                            d.range().start <= d.range().end && d.range().end <= text.len(),
                            "{text:?}"
                        );
                        assert!(
                            text.is_char_boundary(d.range().start)
                                && text.is_char_boundary(d.range().end),
                            "{text:?}"
                        );
                        for e in d.fix.iter().flat_map(|f| &f.edits) {
                            assert!(
                                text.is_char_boundary(e.range().start)
                                    && text.is_char_boundary(e.range().end),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
