//! Excerpts of text for titles and quotes: a text cut on a word boundary to a number of characters
//! or of words, with an ellipsis where it was cut. Used by rubric drafting and interop (titles), by
//! grading targets (point labels) and by the HR summary (quoted points).

/// Shortens a text to at most `max` characters on a word boundary, adding an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = s.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// The first `max` words of `s`, with an ellipsis when cut.
pub fn first_words(s: &str, max: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= max {
        words.join(" ")
    } else {
        format!("{}\u{2026}", words[..max].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_on_a_word_boundary() {
        assert_eq!(shorten("  short  ", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert!(shorten("one two three four", 10).chars().count() <= 10);
        // a single word longer than the limit is cut inside the word
        assert_eq!(shorten("abcdefghijkl", 5), "abcd…");
    }

    #[test]
    fn first_words_counts_words() {
        assert_eq!(first_words("a b c", 2), "a b\u{2026}");
        assert_eq!(first_words("  a  b ", 5), "a b");
    }
}
