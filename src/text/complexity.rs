//! Complexity classes named in a text: big-O style notation ("O(log n)", "Θ(n²)", "O(n*log(n))") and
//! their names in words ("logarithmic", "linear time", "constant time"), each reduced to one
//! canonical key, so that an answer's "O(n)" can be told apart from a model answer's "O(log n)"
//! (different words of almost no weight otherwise: "o", "n").

/// The canonical keys (never a real stem: they hold a colon).
pub const CLASS_KEYS: &[&str] =
    &["cx:1", "cx:loglogn", "cx:logn", "cx:sqrtn", "cx:n", "cx:nlogn", "cx:n2", "cx:n3", "cx:2n", "cx:n!"];

/// Whether a word is a class key.
pub fn is_key(word: &str) -> bool {
    CLASS_KEYS.contains(&word)
}

/// Class names in words, longest first where one contains another.
const NAMED: &[(&str, &str)] = &[
    ("constant time", "cx:1"),
    ("constant-time", "cx:1"),
    ("logarithmic", "cx:logn"),
    ("linearithmic", "cx:nlogn"),
    ("n log n", "cx:nlogn"),
    ("linear time", "cx:n"),
    ("linear-time", "cx:n"),
    ("quadratic", "cx:n2"),
    ("cubic", "cx:n3"),
    ("exponential", "cx:2n"),
    ("factorial time", "cx:n!"),
];

/// One class found: its byte span in the text and its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub key: &'static str,
}

/// Every complexity class the text names, in text order (notation and words).
pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Notation: a capital O (or Θ, Ω), optional "big", then a bracketed expression.
    for (i, c) in text.char_indices() {
        if !matches!(c, 'O' | 'Θ' | 'Ω') {
            continue;
        }
        let before_ok = text[..i].chars().next_back().map(|p| !p.is_alphanumeric()).unwrap_or(true);
        let rest = &text[i + c.len_utf8()..];
        let Some(inner_start) = rest.strip_prefix('(').map(|_| i + c.len_utf8() + 1) else { continue };
        if !before_ok {
            continue;
        }
        // The expression up to the matching bracket (nested brackets allowed, at most 40 bytes).
        let mut depth = 1;
        let mut end = None;
        for (j, ch) in text[inner_start..].char_indices().take(40) {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(inner_start + j);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { continue };
        if let Some(key) = canonical(&text[inner_start..end]) {
            out.push(Found { start: i, end: end + 1, key });
        }
    }
    // Words.
    let lower = text.to_ascii_lowercase();
    for (name, key) in NAMED {
        let mut from = 0;
        while let Some(k) = lower.get(from..).and_then(|s| s.find(name)) {
            let s = from + k;
            let e = s + name.len();
            let bounded = lower[..s].chars().next_back().map(|p| !p.is_alphanumeric()).unwrap_or(true)
                && lower[e..].chars().next().map(|n| !n.is_alphanumeric()).unwrap_or(true);
            let overlaps = out.iter().any(|f: &Found| f.start < e && s < f.end);
            if bounded && !overlaps {
                out.push(Found { start: s, end: e, key });
            }
            from = e;
        }
    }
    // "linear" alone names the class only beside "time" or "complexity"-talk; "linear" in "linear
    // history" or "linear regression" does not, so it is left to the phrases above.
    crate::sort::sort_by_key(&mut out, |f| f.start);
    out
}

/// The canonical key of a bracketed expression ("log n", "n*log(n)", "n^2", "n²", "1"), if it is
/// one of the common classes.
fn canonical(expr: &str) -> Option<&'static str> {
    let mut s: String = expr
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '·' | '⋅' | '^' | '(' | ')' | '_'))
        .map(|c| match c {
            '²' => '2',
            '³' => '3',
            'N' => 'n',
            _ => c,
        })
        .collect();
    s = s.replace("log2", "log").replace("lg", "log").replace("ln", "log");
    let key = match s.as_str() {
        "1" | "c" | "k" => "cx:1",
        "loglogn" => "cx:loglogn",
        "logn" => "cx:logn",
        "sqrtn" | "√n" | "n1/2" | "n0.5" => "cx:sqrtn",
        "n" => "cx:n",
        "nlogn" | "lognn" => "cx:nlogn",
        "n2" | "nn" => "cx:n2",
        "n3" => "cx:n3",
        "2n" => "cx:2n",
        "n!" => "cx:n!",
        _ => return None,
    };
    CLASS_KEYS.iter().copied().find(|k| *k == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: &str) -> Vec<&'static str> {
        find(t).into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn notation_and_words_reduce_to_one_key() {
        assert_eq!(keys("It runs in O(log n) time."), vec!["cx:logn"]);
        assert_eq!(keys("binary search is logarithmic"), vec!["cx:logn"]);
        assert_eq!(
            keys("O(n * log(n)) for merge sort, O(n^2) or Θ(n²) for bubble sort"),
            vec!["cx:nlogn", "cx:n2", "cx:n2"]
        );
        assert_eq!(
            keys("lookups are constant time, O(1) on average, and linear time, O(N), at worst"),
            vec!["cx:1", "cx:1", "cx:n", "cx:n"]
        );
        assert_eq!(keys("sorting takes n log n comparisons"), vec!["cx:nlogn"]);
    }

    #[test]
    fn other_brackets_and_words_are_not_classes() {
        assert!(keys("Call foo(n) and BIGO(n); a linear history; SOLO(1)").is_empty());
        assert!(keys("O(").is_empty() && keys("O(n").is_empty() && keys("").is_empty());
        assert!(keys("O(whatever this is)").is_empty());
    }

    #[test]
    fn spans_cover_the_notation() {
        let t = "Search is O(log n).";
        let f = find(t);
        assert_eq!(&t[f[0].start..f[0].end], "O(log n)");
    }
}
