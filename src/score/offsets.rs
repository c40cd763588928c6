//! Where evidence points, in the unit a binding's strings are indexed by. The engine measures
//! evidence and misconception spans in UTF-8 bytes (the native JSON); JavaScript strings index
//! UTF-16 code units and Python strings code points, so the wasm and Python bindings remap every
//! span of a scored answer before handing it out (and back, when a report returns to be rendered).

use super::{Evidence, ScoredAnswer};

/// A unit strings are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes: Rust, the native JSON.
    Byte,
    /// UTF-16 code units: JavaScript.
    Utf16,
    /// Unicode code points: Python.
    CodePoint,
}

impl Unit {
    fn len(self, c: char) -> usize {
        match self {
            Unit::Byte => c.len_utf8(),
            Unit::Utf16 => c.len_utf16(),
            Unit::CodePoint => 1,
        }
    }
}

/// Maps every `start`/`end` of `evidence` from offsets in `from` units into `text` to offsets in
/// `to` units, in one pass over `text`. An offset inside a character maps to that character's
/// start; one past the end maps to the end of the text.
pub fn remap(text: &str, evidence: &mut [Evidence], from: Unit, to: Unit) {
    if evidence.is_empty() || text.is_ascii() || from == to {
        return; // ASCII: every unit is one byte, nothing to do.
    }
    let mut wanted: Vec<usize> = evidence.iter().flat_map(|e| [e.start, e.end]).collect();
    crate::sort::sort(&mut wanted);
    wanted.dedup();
    let mut mapped = Vec::with_capacity(wanted.len());
    let (mut chars, mut pos_from, mut pos_to) = (text.chars().peekable(), 0usize, 0usize);
    for &target in &wanted {
        while let Some(&c) = chars.peek() {
            if pos_from + from.len(c) > target {
                break;
            }
            pos_from += from.len(c);
            pos_to += to.len(c);
            chars.next();
        }
        mapped.push(pos_to);
    }
    let lookup = |offset: usize| match wanted.binary_search(&offset) {
        Ok(i) => mapped.get(i).copied().unwrap_or(offset),
        Err(_) => offset, // unreachable: every offset was collected into `wanted` above
    };
    for e in evidence.iter_mut() {
        e.start = lookup(e.start);
        e.end = lookup(e.end);
    }
}

/// Remaps every span of a scored answer (evidence and stated misconceptions) into `answer`.
pub fn remap_scored(answer: &str, scored: &mut ScoredAnswer, from: Unit, to: Unit) {
    remap(answer, &mut scored.evidence, from, to);
    if scored.misconceptions.is_empty() {
        return;
    }
    let mut spans: Vec<Evidence> = scored
        .misconceptions
        .iter()
        .map(|m| Evidence { start: m.start, end: m.end, text: String::new(), point: String::new() })
        .collect();
    remap(answer, &mut spans, from, to);
    for (m, e) in scored.misconceptions.iter_mut().zip(spans) {
        m.start = e.start;
        m.end = e.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Evidence {
        Evidence { start, end, text: String::new(), point: String::new() }
    }

    #[test]
    fn spans_move_between_units_and_back() {
        let text = "café 🚀 ok"; // é: 2 bytes, 1 UTF-16 unit; 🚀: 4 bytes, 2 UTF-16 units
        let bytes = [span(0, 5), span(6, 10), span(11, 13)];
        let mut points = bytes.clone();
        remap(text, &mut points, Unit::Byte, Unit::CodePoint);
        assert_eq!(points.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), [(0, 4), (5, 6), (7, 9)]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[7..9].iter().collect::<String>(), "ok");
        let mut units = bytes.clone();
        remap(text, &mut units, Unit::Byte, Unit::Utf16);
        assert_eq!(units.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), [(0, 4), (5, 7), (8, 10)]);
        remap(text, &mut units, Unit::Utf16, Unit::Byte);
        assert_eq!(units, bytes);
        remap(text, &mut points, Unit::CodePoint, Unit::Byte);
        assert_eq!(points, bytes);
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_stay_in_the_text() {
        let mut e = [span(4, 99)]; // byte 4 is inside "é"
        remap("café", &mut e, Unit::Byte, Unit::CodePoint);
        assert_eq!((e[0].start, e[0].end), (3, 4));
    }
}
