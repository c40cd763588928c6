//! Text analysis: words with byte spans, case folding, Snowball stemming, stopwords, sentences,
//! and phrase lexicons (hedges, fillers, reasoning markers, …) matched over the word sequence.
//!
//! Every token keeps its byte span into the original text, so every finding can point back at the
//! writer's own words.

pub mod complexity;
pub(crate) mod data;
pub mod excerpt;
pub mod hash;
pub mod lexicon;
pub mod phrases;
pub mod skills;
pub mod synonyms;
pub mod wordnet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// A shared word string (a token's folded form or stem): cloning it copies a pointer, not the text,
/// since a text repeats its words and every token of a word shares one copy. Reads like a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Word(std::sync::Arc<str>);

impl Word {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Word {
    fn from(s: String) -> Word {
        Word(s.into())
    }
}

impl From<&str> for Word {
    fn from(s: &str) -> Word {
        Word(s.into())
    }
}

impl std::ops::Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Word {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Word {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Word {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Word {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Word {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Word> for String {
    fn eq(&self, other: &Word) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Word> for &str {
    fn eq(&self, other: &Word) -> bool {
        **self == *other.0
    }
}

/// One word of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte span in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Lower-cased, with typographic apostrophes folded to `'`.
    pub lower: Word,
    /// Snowball (Porter2) English stem of `lower`.
    pub stem: Word,
    /// A function word (see [`lexicon::is_stopword`]).
    pub stop: bool,
    /// Contains a digit (`40`, `3.5`, `p99`, `2019`).
    pub numeric: bool,
    /// Index of the sentence the token is in.
    pub sentence: usize,
}

/// A sentence: a byte span and the range of tokens inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub first_token: usize,
    pub last_token: usize, // exclusive
}

impl Sentence {
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.first_token..self.last_token
    }
}

/// A text split into tokens and sentences.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Lower-cases a word and folds typographic apostrophes.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The stemmer used everywhere (English Snowball).
pub fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// Stems a folded word. Possessive `'s` is dropped first.
///
/// Stems are remembered per thread (up to [`STEM_CACHE_LIMIT`] words, then the memory starts
/// afresh): the Snowball stemmer costs far more than a lookup, and the same vocabulary recurs across
/// the answers of a transcript, the phrases of the rubrics and each re-grade of an edited answer.
pub fn stem_with(stemmer: &Stemmer, lower: &str) -> String {
    STEMS.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return stem_uncached(stemmer, lower);
        };
        if let Some(stem) = cache.get(lower) {
            return stem.to_string();
        }
        let stem = stem_uncached(stemmer, lower);
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(lower.into(), stem.as_str().into());
        stem
    })
}

/// How many distinct words [`stem_with`] remembers per thread.
pub const STEM_CACHE_LIMIT: usize = 50_000;

thread_local! {
    static STEMS: std::cell::RefCell<hash::FastMap<Box<str>, Box<str>>> = std::cell::RefCell::new(hash::FastMap::default());
}

fn stem_uncached(stemmer: &Stemmer, lower: &str) -> String {
    let w = lower.strip_suffix("'s").unwrap_or(lower);
    stemmer.stem(gradable_base(w).unwrap_or(w)).into_owned()
}

/// A short word list kept as one space-separated string (one string costs the wasm module less than
/// an array of strings). Natively it is looked up through a hash set built on its first use: scanning
/// the string for every token took a fifth of the grading time of a 300-word answer (`perf`, 0.9.0).
/// The wasm module keeps the scan: the sets' code would cost it ~600 B gzipped of its size budget.
pub struct WordList {
    words: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    set: std::sync::OnceLock<hash::FastSet<&'static str>>,
}

impl WordList {
    pub const fn new(words: &'static str) -> WordList {
        WordList {
            words,
            #[cfg(not(target_arch = "wasm32"))]
            set: std::sync::OnceLock::new(),
        }
    }

    /// Whether `w` is one of the list's words.
    pub fn contains(&self, w: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        return self.words.split(' ').any(|x| x == w);
        #[cfg(not(target_arch = "wasm32"))]
        self.get(w).is_some()
    }

    /// The list's own copy of `w`, if it is one of its words.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn get(&self, w: &str) -> Option<&'static str> {
        self.set.get_or_init(|| self.words.split(' ').collect()).get(w).copied()
    }

    /// The list's own copy of `w`, if it is one of its words.
    #[cfg(target_arch = "wasm32")]
    pub fn get(&self, w: &str) -> Option<&'static str> {
        self.words.split(' ').find(|x| *x == w)
    }

    /// The words, in the order written.
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.words.split(' ')
    }
}

/// Short gradable adjectives whose comparative and superlative ("tighter", "longest", "bigger",
/// "heavier", "larger") the Snowball stemmer leaves apart from the base word. Science and
/// engineering answers state relations with them: "the short string is high" says what "if the
/// string is shorter, the pitch is higher" says. Hand-listed (not fitted): only adjectives, so that
/// nouns ending in -er or -est ("server", "layer", "test", "interest") keep their own stem. Those in
/// -y are listed as their stem ("heavi": "heavier" and "heavy" both stem to it).
static GRADABLE: WordList = WordList::new(
    "big bright cheap close cold cool dark deep dense earli easi fast few fine hard heavi high \
hot large late light long loose loud low narrow near new old quick quiet safe short simple slow small soft strong \
thick thin tight tini warm weak wide",
);

/// The base of a comparative or superlative of a [`GRADABLE`] adjective ("tighter" → "tight",
/// "larger" → "large", "bigger" → "big", "heavier" → "heavi").
fn gradable_base(w: &str) -> Option<&str> {
    let listed = |base: &str| GRADABLE.get(base);
    // "larger", "largest": the adjective ends in e.
    let e_final = w.strip_suffix('r').or_else(|| w.strip_suffix("st"));
    let plain = w.strip_suffix("er").or_else(|| w.strip_suffix("est"))?;
    let n = plain.len();
    let doubled = n >= 2 && plain.as_bytes()[n - 1] == plain.as_bytes()[n - 2];
    e_final.and_then(listed).or_else(|| listed(plain)).or_else(|| doubled.then(|| listed(&plain[..n - 1])).flatten())
}

/// Analyses a text: tokens (words and numbers) with spans and stems, grouped into sentences.
pub fn analyze(text: &str) -> Analysis {
    WORDS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut words) => analyze_with(text, &mut words),
        Err(_) => analyze_with(text, &mut hash::FastMap::default()),
    })
}

/// What analysis needs of a word as written: its folded form, whether it is a function word, its stem.
type WordInfo = (Word, bool, Word);

thread_local! {
    /// Words as written → [`WordInfo`], shared by every analysis on this thread (up to
    /// [`STEM_CACHE_LIMIT`] words, then it starts afresh): a word met before costs one lookup and no
    /// allocation, and its tokens share one copy of its strings.
    static WORDS: std::cell::RefCell<hash::FastMap<Box<str>, WordInfo>> = std::cell::RefCell::new(hash::FastMap::default());
}

fn word_info(stemmer: &Stemmer, word: &str) -> WordInfo {
    let lower = Word::from(fold(word));
    let stop = lexicon::is_stopword(&lower);
    // Function words are never matched by stem: skip the stemmer for them.
    let stem = if stop { lower.clone() } else { Word::from(stem_with(stemmer, &lower)) };
    (lower, stop, stem)
}

fn analyze_with(text: &str, known: &mut hash::FastMap<Box<str>, WordInfo>) -> Analysis {
    let mut stemmer: Option<Stemmer> = None;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentences = Vec::new();
    for (s_start, s_text) in split_sentences(text) {
        let first = tokens.len();
        words.clear();
        if s_text.is_ascii() {
            ascii_words(s_text, &mut words);
        } else {
            words.extend(s_text.unicode_word_indices());
        }
        for &(off, word) in &words {
            let (lower, stop, stem) = match known.get(word) {
                Some(info) => info.clone(),
                None => {
                    let info = word_info(stemmer.get_or_insert_with(self::stemmer), word);
                    if known.len() >= STEM_CACHE_LIMIT {
                        known.clear();
                    }
                    known.insert(word.into(), info.clone());
                    info
                }
            };
            let numeric = word.bytes().any(|b| b.is_ascii_digit());
            tokens.push(Token {
                start: s_start + off,
                end: s_start + off + word.len(),
                stop,
                lower,
                stem,
                numeric,
                sentence: sentences.len(),
            });
        }
        if tokens.len() > first {
            sentences.push(Sentence {
                start: s_start,
                end: s_start + s_text.len(),
                first_token: first,
                last_token: tokens.len(),
            });
        }
    }
    Analysis { tokens, sentences }
}

/// Word classes of UAX #29 word segmentation, for ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Letter,
    Digit,
    /// `_` (ExtendNumLet)
    Connector,
    /// `:` (MidLetter): joins letters.
    MidLetter,
    /// `.` and `'` (MidNumLet, Single_Quote): join letters or digits.
    MidNumLet,
    /// `,` and `;` (MidNum): join digits.
    MidNum,
    Other,
}

fn word_class(b: u8) -> WordClass {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => WordClass::Letter,
        b'0'..=b'9' => WordClass::Digit,
        b'_' => WordClass::Connector,
        b':' => WordClass::MidLetter,
        b'.' | b'\'' => WordClass::MidNumLet,
        b',' | b';' => WordClass::MidNum,
        _ => WordClass::Other,
    }
}

/// The words of an ASCII text, exactly as `unicode_word_indices` finds them (UAX #29 rules WB5-WB13b,
/// the only ones that apply to ASCII; segments without a letter or digit are dropped), but without
/// the general Unicode machinery, which costs most of the time of analysing a text.
fn ascii_words<'a>(text: &'a str, out: &mut Vec<(usize, &'a str)>) {
    use WordClass::*;
    let bytes = text.as_bytes();
    let class = |i: usize| bytes.get(i).map_or(Other, |&b| word_class(b));
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut prev = class(i);
        if !matches!(prev, Letter | Digit | Connector) {
            i += 1;
            continue;
        }
        let mut alnum = prev != Connector;
        i += 1;
        loop {
            let c = class(i);
            let joined = match (prev, c) {
                (Letter | Digit | Connector, Letter | Digit | Connector) => 1,
                (Letter, MidLetter | MidNumLet) if class(i + 1) == Letter => 2,
                (Digit, MidNum | MidNumLet) if class(i + 1) == Digit => 2,
                _ => 0,
            };
            if joined == 0 {
                break;
            }
            i += joined;
            prev = class(i - 1);
            alnum |= prev != Connector;
        }
        if alnum {
            out.push((start, &text[start..i]));
        }
    }
}

/// Splits text into sentences, returning each with its byte offset (whitespace trimmed).
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by white space,
/// unless the word before the stop is a common abbreviation (`e.g.`, `i.e.`, `vs.`, `etc.` …) or a
/// single letter; a line break always ends a sentence (list items, paragraphs). Faster than full
/// UAX-29 sentence segmentation and good enough for spoken answers.
pub fn split_sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push_trimmed(&mut out, start, &text[start..i]);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // Closing curly quotes (U+201D, U+2019) after the stop.
            while j + 2 < bytes.len() && bytes[j] == 0xE2 && bytes[j + 1] == 0x80 && matches!(bytes[j + 2], 0x9D | 0x99)
            {
                j += 3;
            }
            let at_space = j >= bytes.len() || bytes[j].is_ascii_whitespace();
            if at_space && !(b == b'.' && is_abbreviation(&text[start..i])) {
                push_trimmed(&mut out, start, &text[start..j]);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < text.len() {
        push_trimmed(&mut out, start, &text[start..]);
    }
    out
}

/// Words after which a full stop does not end a sentence.
static ABBREVIATIONS: WordList = WordList::new("e.g i.e vs etc mr mrs ms dr prof approx inc ltd no fig cf al");

fn is_abbreviation(before: &str) -> bool {
    let mut words = before.rsplit(|c: char| c.is_whitespace() || c == '(');
    let word = words.next().unwrap_or("");
    // After a number it is a unit ("120 ms."), not a title ("Ms.").
    if words.next().is_some_and(|w| w.ends_with(|c: char| c.is_ascii_digit())) {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)) || ABBREVIATIONS.contains(&lower)
}

fn push_trimmed<'a>(out: &mut Vec<(usize, &'a str)>, off: usize, s: &'a str) {
    let trimmed_start = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push((off + trimmed_start, t));
    }
}

/// A claim's wording as it is matched (a rubric misconception's phrase): the stems of its content
/// words in order, negation cues left out, and whether it carries a negation cue ("never test
/// failover" is `["test", "failov"]`, negated). The validator counts the same stems the grader
/// matches.
pub fn claim_stems(phrase: &str) -> (Vec<String>, bool) {
    let a = analyze(phrase);
    let keys = phrases::WordKeys::new(&a.tokens);
    let cues = lexicon::negations().find_keyed(&a.tokens, &keys);
    let in_cue = |i: usize| cues.iter().any(|h| h.start <= i && i < h.end);
    let stems = (0..a.tokens.len())
        .filter(|&i| !a.tokens[i].stop && !in_cue(i))
        .map(|i| a.tokens[i].stem.to_string())
        .collect();
    (stems, !cues.is_empty())
}

/// Stems of the content words of a short text (a question, a phrase), in order, without stopwords.
pub fn content_stems(text: &str) -> Vec<String> {
    let stemmer = stemmer();
    text.unicode_words().map(fold).filter(|w| !lexicon::is_stopword(w)).map(|w| stem_with(&stemmer, &w)).collect()
}

impl Analysis {
    /// Number of content (non-stopword) tokens.
    pub fn content_count(&self) -> usize {
        self.tokens.iter().filter(|t| !t.stop).count()
    }

    /// Byte span covering tokens `a..b` (b exclusive, b > a).
    pub fn span(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let first = self.tokens.get(a)?;
        let last = self.tokens.get(b.checked_sub(1)?)?;
        Some((first.start, last.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparatives_share_their_adjectives_stem_and_nouns_keep_theirs() {
        let st = stemmer();
        let s = |w: &str| stem_uncached(&st, w);
        for (a, b) in [
            ("tighter", "tight"),
            ("shortest", "short"),
            ("bigger", "big"),
            ("heavier", "heavy"),
            ("larger", "large"),
            ("closest", "close"),
            ("easier", "easy"),
            ("hotter", "hot"),
            ("faster", "fast"),
            ("later", "late"),
            ("higher", "high"),
            ("lightest", "light"),
        ] {
            assert_eq!(s(a), s(b), "{a} / {b}");
        }
        for (a, b) in [("server", "serve"), ("layer", "lay"), ("interest", "inter"), ("tester", "test"), ("user", "us")]
        {
            assert_ne!(s(a), s(b), "{a} / {b}");
        }
    }

    #[test]
    fn tokens_keep_byte_spans_on_non_ascii_text() {
        let text = "Café ☕ runs on Kubernetes — 40% faster. 東京 region!";
        let a = analyze(text);
        for t in &a.tokens {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert_eq!(fold(&text[t.start..t.end]), t.lower);
        }
        assert!(a.tokens.iter().any(|t| t.lower == "kubernetes"));
        assert!(a.tokens.iter().any(|t| t.lower == "40" && t.numeric));
    }

    #[test]
    fn stems_fold_inflections() {
        let a = analyze("Replicating replicas replicated");
        let stems: Vec<_> = a.tokens.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(stems, vec!["replic", "replica", "replic"]);
    }

    #[test]
    fn remembered_stems_equal_fresh_ones() {
        let stemmer = stemmer();
        for w in ["replicating", "replicas", "team's", "availability", "don't", "caches", "café"] {
            let fresh = stem_uncached(&stemmer, w);
            assert_eq!(stem_with(&stemmer, w), fresh);
            assert_eq!(stem_with(&stemmer, w), fresh, "second (cached) lookup of {w}");
        }
        assert_eq!(stem_with(&stemmer, "team's"), "team");
    }

    #[test]
    fn apostrophes_are_folded() {
        let a = analyze("I don\u{2019}t know");
        assert_eq!(a.tokens[1].lower, "don't");
        assert!(a.tokens[1].stop);
    }

    #[test]
    fn sentences_split_on_punctuation_and_lines() {
        let a = analyze("First we measure. Then we fix it!\n- add caching\n- add replicas");
        assert_eq!(a.sentences.len(), 4);
        assert_eq!(a.tokens[a.sentences[2].first_token].lower, "add");
    }

    #[test]
    fn the_per_thread_word_table_changes_no_analysis() {
        let text = "Replicas lag; the replica's lag grew. Don\u{2019}t retry non-idempotent writes, retry reads.";
        let cold = analyze_with(text, &mut hash::FastMap::default());
        let warm_once = analyze(text);
        let warm_twice = analyze(text);
        assert_eq!(cold.tokens, warm_once.tokens);
        assert_eq!(cold.sentences, warm_twice.sentences);
        assert_eq!(warm_once.tokens, warm_twice.tokens);
        // Tokens of one word share its strings.
        let lag: Vec<&Token> = warm_twice.tokens.iter().filter(|t| t.lower == "lag").collect();
        assert_eq!(lag.len(), 2);
        assert!(std::sync::Arc::ptr_eq(&lag[0].stem.0, &lag[1].stem.0));
        assert!(warm_twice.tokens.iter().any(|t| t.lower == "don't" && t.stop));
    }

    #[test]
    fn ascii_words_match_unicode_segmentation() {
        // Texts built from the characters the rules treat specially, plus letters, digits and space.
        let alphabet = b"aZk9_0:.',; -\"!?\n(x)";
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut checked = 0;
        for len in 0..2000usize {
            let mut t = String::new();
            for _ in 0..(len % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push(alphabet[(seed % alphabet.len() as u64) as usize] as char);
            }
            let mut fast = Vec::new();
            ascii_words(&t, &mut fast);
            let slow: Vec<(usize, &str)> = t.unicode_word_indices().collect();
            assert_eq!(fast, slow, "{t:?}");
            checked += 1;
        }
        for t in [
            "e.g. 3.5 ms, p99: a:b 1,000,000 can't it's _x x_ __ a_1 1_a 'quoted' o'clock. U.S.A.",
            "x86_64 v2.0.1; 10:30 a.m.",
        ] {
            let mut fast = Vec::new();
            ascii_words(t, &mut fast);
            assert_eq!(fast, t.unicode_word_indices().collect::<Vec<_>>(), "{t:?}");
        }
        assert_eq!(checked, 2000);
    }

    #[test]
    fn empty_and_symbol_only_text_has_no_tokens() {
        assert!(analyze("").tokens.is_empty());
        assert!(analyze(" \n\t ... !!! ").sentences.is_empty());
    }
}
