//! LSP positions: lines split as LSP splits them (`\r\n`, `\r` and `\n`)
//! and columns counted in the negotiated encoding (UTF-8 bytes, UTF-16 code
//! units or UTF-32 code points).
//!
//! gwlint's own [`crate::document::LineIndex`] is for human-facing output;
//! this one follows the protocol exactly, including lone `\r` line ends.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit in which columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    pub fn parse(s: &str) -> Option<Encoding> {
        match s {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    /// The encoding to use given the client's `general.positionEncodings`
    /// (in its order of preference): the first one gwlint knows, UTF-16
    /// when the list is absent or names none of them.
    pub fn negotiate<'a>(offered: impl IntoIterator<Item = &'a str>) -> Encoding {
        offered
            .into_iter()
            .find_map(Encoding::parse)
            .unwrap_or(Encoding::Utf16)
    }

    /// Columns taken by `s` (which contains no line end).
    fn width(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            // A char starts at every non-continuation byte; a 4-byte char is
            // a surrogate pair in UTF-16.
            Encoding::Utf16 => s
                .bytes()
                .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum(),
            Encoding::Utf32 => s.bytes().filter(|&b| b & 0xC0 != 0x80).count(),
        }
    }

    fn char_width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each LSP line starts.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of every line; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &b[i..]) {
            let at = i + k;
            let next = if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The end of the content of `line`, before its line terminator.
    fn content_end(&self, text: &str, line: usize) -> usize {
        match self.starts.get(line + 1) {
            None => self.len,
            Some(&next) => {
                let b = text.as_bytes();
                let mut e = next;
                if e > 0 && b[e - 1] == b'\n' {
                    e -= 1;
                }
                if e > self.starts[line] && b[e - 1] == b'\r' {
                    e -= 1;
                }
                e
            }
        }
    }

    /// The position of byte `offset` (clamped to the text and to a char
    /// boundary; an offset inside a line terminator maps to the line end).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let offset = offset.min(self.content_end(text, line));
        Position {
            line: to_u32(line),
            character: to_u32(enc.width(&text[start..offset])),
        }
    }

    /// Positions of many offsets in one pass over the text: linear in the
    /// text plus `k log k`, however long the lines are.
    pub fn positions(&self, text: &str, offsets: &[usize], enc: Encoding) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![
            Position {
                line: 0,
                character: 0
            };
            offsets.len()
        ];
        // The last position computed: its line, its clamped byte offset and
        // its column.
        let mut cur: Option<(usize, usize, usize)> = None;
        for i in order {
            let offset = floor_boundary(text, offsets[i]);
            let line = self.line_of(offset);
            let offset = offset.min(self.content_end(text, line));
            let (from, col) = match cur {
                Some((l, o, c)) if l == line && o <= offset => (o, c),
                _ => (self.starts[line], 0),
            };
            let col = col + enc.width(&text[from..offset]);
            cur = Some((line, offset, col));
            out[i] = Position {
                line: to_u32(line),
                character: to_u32(col),
            };
        }
        out
    }

    /// The byte offset of an LSP position. A line past the end maps to the
    /// end of the text; a column past the end of its line maps to the line
    /// end (as the protocol says); a column inside a character (half of a
    /// surrogate pair, a byte inside a UTF-8 sequence) maps to that
    /// character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self.content_end(text, line);
        let want = pos.character as usize;
        if enc == Encoding::Utf8 {
            return floor_boundary(text, (start + want).min(end));
        }
        let mut col = 0;
        for (i, c) in text[start..end].char_indices() {
            let w = enc.char_width(c);
            if col + w > want {
                return start + i;
            }
            col += w;
        }
        end
    }

    pub fn range(&self, text: &str, range: &std::ops::Range<usize>, enc: Encoding) -> Range {
        let p = self.positions(text, &[range.start, range.end], enc);
        Range {
            start: p[0],
            end: p[1],
        }
    }

    /// Byte range of an LSP range (start and end swapped if reversed).
    pub fn byte_range(&self, text: &str, range: Range, enc: Encoding) -> std::ops::Range<usize> {
        let a = self.offset(text, range.start, enc);
        let b = self.offset(text, range.end, enc);
        a.min(b)..a.max(b)
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn astral_characters_take_two_utf16_units() {
        let text = "𠮷中a\n𠮷x";
        let ix = LineIndex::new(text);
        let a = text.find('a').unwrap();
        assert_eq!(ix.position(text, a, Encoding::Utf16), pos(0, 3));
        assert_eq!(ix.position(text, a, Encoding::Utf32), pos(0, 2));
        assert_eq!(ix.position(text, a, Encoding::Utf8), pos(0, 7));
        let x = text.find('x').unwrap();
        assert_eq!(ix.position(text, x, Encoding::Utf16), pos(1, 2));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for off in [0, 4, a, a + 1, x, text.len()] {
                assert_eq!(
                    ix.offset(text, ix.position(text, off, enc), enc),
                    off,
                    "{enc:?} {off}"
                );
            }
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "ab\r\ncd\ref\ngh";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_count(), 4);
        assert_eq!(
            ix.position(text, text.find('c').unwrap(), Encoding::Utf16),
            pos(1, 0)
        );
        assert_eq!(
            ix.position(text, text.find('e').unwrap(), Encoding::Utf16),
            pos(2, 0)
        );
        assert_eq!(
            ix.position(text, text.find('g').unwrap(), Encoding::Utf16),
            pos(3, 0)
        );
        // Inside "\r\n": the end of line 0.
        assert_eq!(ix.position(text, 3, Encoding::Utf16), pos(0, 2));
        // A column past the line end stops before the terminator.
        assert_eq!(ix.offset(text, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(ix.offset(text, pos(1, 99), Encoding::Utf16), 6);
        assert_eq!(ix.offset(text, pos(9, 0), Encoding::Utf16), text.len());
    }

    #[test]
    fn trailing_newline_opens_an_empty_line() {
        let text = "a\r\n";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_count(), 2);
        assert_eq!(ix.position(text, 3, Encoding::Utf16), pos(1, 0));
        assert_eq!(ix.offset(text, pos(1, 0), Encoding::Utf16), 3);
    }

    #[test]
    fn half_a_surrogate_pair_maps_to_the_character_start() {
        let text = "a𠮷b";
        let ix = LineIndex::new(text);
        assert_eq!(ix.offset(text, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(ix.offset(text, pos(0, 3), Encoding::Utf16), 5);
        assert_eq!(ix.offset(text, pos(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn batch_positions_match_single_ones() {
        let text = "第一行𠮷，2023年\r\n第二𠮷行\r第三行\n";
        let ix = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len())
            .rev()
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let batch = ix.positions(text, &offsets, enc);
            for (o, p) in offsets.iter().zip(&batch) {
                assert_eq!(*p, ix.position(text, *o, enc));
            }
        }
    }

    #[test]
    fn negotiation_takes_the_first_known_encoding() {
        assert_eq!(Encoding::negotiate([]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(["utf-8", "utf-16"]), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(["x-foo", "utf-32"]), Encoding::Utf32);
        assert_eq!(Encoding::negotiate(["x-foo"]), Encoding::Utf16);
    }
}
