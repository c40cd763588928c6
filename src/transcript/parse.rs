//! Reading a transcript in any of the contract's three formats (dialogue turns, numbered Q/A blocks,
//! or one plain answer) into an [`Interview`]; annotations and appended reports are dropped unread.
//!
//! The work is line based and linear in the input. Lines are first cleaned and sorted into text,
//! blank, separator (rules and section banners) and report-banner lines; then the format is chosen
//! from the markers seen before any report banner, and the matching reader walks the lines once.
//!
//! The word lists the reader recognises (speaker labels, report headings, annotation keys, judgement
//! tags, name particles, abbreviations, remark and asking openers, praise) are curated data, one file
//! each in `src/transcript/lexicons/` (line format in `src/text/lexicons/README.md`), compiled in by the
//! build script (see [`super::data`]).

use super::kind::{classify, classify_label, Folded};
use super::{Candidate, Exchange, Interview, QuestionKind, TranscriptFormat};

/// Reads a transcript. Never fails: text with no markers is one plain answer.
pub fn parse(text: &str) -> Interview {
    let mut lines = prepare(text);
    resolve_name_labels(&mut lines);
    let format = detect(&lines);
    let candidates = match format {
        TranscriptFormat::Dialogue => read_dialogue(&lines),
        TranscriptFormat::Numbered => read_numbered(&lines),
        TranscriptFormat::Plain => read_plain(&lines),
    };
    Interview { format, candidates }
}

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Empty, or emptied: annotations, tool calls and the like.
    Blank,
    /// A separator: `=====`, `-----`, `~~~~`, an all-capitals section banner next to one, a title line.
    Rule,
    /// The start of an appended evaluation or HR report.
    Report,
    Text,
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    kind: LineKind,
}

/// Judgement tags that graders append to answers (`[STRUGGLED]`); removed wherever they appear. (`src/transcript/lexicons/judgement_tags.txt`)
use super::data::JUDGEMENT_TAGS;

/// Annotation keys whose value is a number (`Relevance Score: 0.53`, `Score: 4/5`). (`src/transcript/lexicons/numeric_annotations.txt`)
use super::data::NUMERIC_ANNOTATIONS;

/// Annotation keys with a short word value (`Quality Profile: strong`, `Total Turns: 20`). (`src/transcript/lexicons/word_annotations.txt`)
use super::data::WORD_ANNOTATIONS;

/// Longest word value of a word annotation; longer lines are prose that happens to start with the key.
const WORD_ANNOTATION_MAX_WORDS: usize = 4;

/// Headings that open an appended report; everything after one is ignored (in numbered files, until
/// the next candidate block). Compared case-insensitively after markup is stripped. (`src/transcript/lexicons/report_headings.txt`)
use super::data::REPORT_HEADINGS;

/// Report headings recognised only when written in capitals (in lower case they are ordinary words). (`src/transcript/lexicons/report_headings_caps.txt`)
use super::data::REPORT_HEADINGS_CAPS;

fn prepare(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<Line> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        for part in raw.split('\r') {
            lines.push(classify_line(part));
        }
    }
    // An all-capitals line beside a rule is a section banner ("WEAK CANDIDATES").
    let n = lines.len();
    let mut banners = Vec::new();
    for i in 0..n {
        if lines[i].kind != LineKind::Text || !is_caps_banner(&lines[i].text) {
            continue;
        }
        let prev = (0..i).rev().find(|&j| lines[j].kind != LineKind::Blank);
        let next = (i + 1..n).find(|&j| lines[j].kind != LineKind::Blank);
        let beside_rule = |j: Option<usize>| j.is_some_and(|j| lines[j].kind == LineKind::Rule);
        if beside_rule(prev) || beside_rule(next) {
            banners.push(i);
        }
    }
    for i in banners {
        if let Some(l) = lines.get_mut(i) {
            l.kind = LineKind::Rule;
        }
    }
    lines
}

fn classify_line(raw: &str) -> Line {
    let cleaned = strip_judgement_tags(raw);
    let text = cleaned.trim_end().to_string();
    let t = text.trim();
    let kind = if t.is_empty() || is_annotation(t) || is_tool_noise(t) {
        LineKind::Blank
    } else if is_report_banner(t) {
        LineKind::Report
    } else if is_rule(t) || is_title_line(t) {
        LineKind::Rule
    } else {
        LineKind::Text
    };
    Line { text, kind }
}

/// Removes `[STRUGGLED]`-style tags (any case) from a line.
fn strip_judgement_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']').filter(|&c| c <= 24);
        match close {
            Some(c) if JUDGEMENT_TAGS.iter().any(|t| after[..c].trim().eq_ignore_ascii_case(t)) => {
                out.push_str(rest[..open].trim_end_matches(' '));
                rest = &after[c + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_markup(t: &str) -> &str {
    t.trim().trim_matches(['*', '_', '#', '>', '=', ' ', '\t']).trim()
}

fn is_annotation(t: &str) -> bool {
    let s = t.trim_start_matches(['*', '_', '-', '>', ' ', '\t']);
    let lower = s.to_lowercase();
    let value_of = |key: &str| -> Option<String> {
        let rest = lower.strip_prefix(key)?;
        let rest = rest.trim_start_matches(['*', '_', ' ', '\t']);
        let v = rest.strip_prefix(':')?;
        Some(v.trim_matches(['*', '_', ' ', '\t']).to_string())
    };
    for key in NUMERIC_ANNOTATIONS {
        if let Some(v) = value_of(key) {
            if v.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
    }
    for key in WORD_ANNOTATIONS {
        if let Some(v) = value_of(key) {
            if v.split_whitespace().count() <= WORD_ANNOTATION_MAX_WORDS {
                return true;
            }
        }
    }
    false
}

/// Tool-call residue some recruiter bots leave in transcripts.
fn is_tool_noise(t: &str) -> bool {
    // Every form below contains an underscore; most lines have none.
    if !t.as_bytes().contains(&b'_') {
        return false;
    }
    let l = t.trim().to_ascii_lowercase();
    l == "tool_code"
        || l == "tool_output"
        || l == "```tool_code"
        || l == "```tool_output"
        || l.starts_with("print(default_api")
        || l.contains("default_api.")
}

fn is_report_banner(t: &str) -> bool {
    let s = strip_markup(t);
    if REPORT_HEADINGS_CAPS.contains(&s) {
        return true;
    }
    let s = s.trim_end_matches(':').trim();
    REPORT_HEADINGS.iter().any(|h| s.eq_ignore_ascii_case(h))
}

/// A line made only of rule characters (at least three of them).
fn is_rule(t: &str) -> bool {
    let mut n = 0;
    for c in t.chars() {
        match c {
            '=' | '-' | '~' | '*' | '_' | '#' | '\u{2014}' | '\u{2013}' | '\u{2500}' | '\u{2550}' => n += 1,
            ' ' | '\t' => {}
            _ => return false,
        }
    }
    n >= 3
}

/// Title lines of a transcript document ("Interview Transcript").
fn is_title_line(t: &str) -> bool {
    let s = strip_markup(t).trim_end_matches(':').trim();
    s.eq_ignore_ascii_case("interview transcript") || s.eq_ignore_ascii_case("transcript")
}

/// All capitals, at least three letters, no lowercase letter.
fn is_caps_banner(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && !t.chars().any(|c| c.is_lowercase()) && speaker(t).is_none() && qa_marker(t).is_none()
}

// ---------------------------------------------------------------------------------------------
// Markers
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaker {
    Recruiter,
    Candidate,
}

/// `src/transcript/lexicons/candidate_labels.txt`.
use super::data::CANDIDATE_LABELS;
/// `src/transcript/lexicons/recruiter_labels.txt`.
use super::data::RECRUITER_LABELS;

/// Longest speaker label accepted before the colon (bytes), including an optional `(name)`.
const MAX_LABEL_BYTES: usize = 48;

/// `AI Recruiter: text` / `**Candidate:** text` / `Interviewer (Sam): text` → speaker and text.
fn speaker(line: &str) -> Option<(Speaker, &str)> {
    let t = line.trim_start().trim_start_matches(['*', '_']);
    let colon = t.find(':')?;
    if colon > MAX_LABEL_BYTES {
        return None;
    }
    let label = t[..colon].trim().trim_end_matches(['*', '_']).trim();
    let base = match label.find('(') {
        Some(p) if label.ends_with(')') => label[..p].trim(),
        _ => label,
    };
    // The role is the label (`Interviewer (Sam)`), or its bracket when the label is a name (`Sam (Interviewer)`).
    let inner = label.strip_suffix(')').and_then(|l| l.rfind('(').map(|p| l[p + 1..].trim())).unwrap_or("");
    let role = |s: &str| {
        let lower = s.to_ascii_lowercase();
        if RECRUITER_LABELS.contains(&lower.as_str()) {
            Some(Speaker::Recruiter)
        } else if CANDIDATE_LABELS.contains(&lower.as_str()) {
            Some(Speaker::Candidate)
        } else {
            None
        }
    };
    let who = role(base).or_else(|| role(inner))?;
    let rest = t[colon + 1..].trim_start_matches(['*', '_']).trim();
    Some((who, rest))
}

/// Longest personal name accepted as a speaker label (`Jane Doe: ...`), in bytes, and most words.
const MAX_NAME_LABEL_BYTES: usize = 40;
const MAX_NAME_LABEL_WORDS: usize = 3;
/// Turns a name label needs before it is taken for a speaker (a one-off `Note:` is not one).
const MIN_NAME_LABEL_TURNS: usize = 2;

/// `Jane Doe: text` → (`Jane Doe`, text) when the label is a personal name and no role label or
/// header key.
fn name_label(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start().trim_start_matches(['*', '_']);
    let colon = t.find(':')?;
    if colon > MAX_NAME_LABEL_BYTES
        || speaker(line).is_some()
        || header_field(line).is_some()
        || qa_marker(line).is_some()
    {
        return None;
    }
    let label = t[..colon].trim().trim_end_matches(['*', '_']).trim();
    let words = label.split_whitespace().count();
    let short = label.chars().count() < 2;
    if words == 0
        || words > MAX_NAME_LABEL_WORDS
        || short
        || !name_like(label)
        || label.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((label, t[colon + 1..].trim_start_matches(['*', '_']).trim()))
}

/// Real transcripts often label turns with people's names (`Jane: ...`, `Alex: ...`) rather than
/// roles. Before the format is chosen, such labels are given a role, and their lines rewritten with
/// it (`Candidate: ...`, `Interviewer: ...`):
///
/// * a label that is the candidate's name from the header (`Candidate: Jane Doe`, `Name: ...`), or its
///   first word, is the candidate;
/// * beside role-labelled turns of one side, the one other name label with at least
///   [`MIN_NAME_LABEL_TURNS`] turns is the other side;
/// * with no role labels at all, exactly two such name labels: the one asking more questions is the
///   interviewer.
///
/// Numbered transcripts (Q/A markers) are left alone. When the candidate is known only by their label, the name is recorded as a header would be. So a
/// transcript that opens with the candidate's greeting ("Jane: Hello, can you hear me?") reads as one
/// candidate with the header's name.
fn resolve_name_labels(lines: &mut Vec<Line>) {
    // (Parallel vectors of types the module already has: each new tuple type would cost the wasm
    // module its own vector code.)
    let mut known: Vec<String> = Vec::new();
    let (mut recruiter_turns, mut candidate_turns) = (0usize, 0usize);
    let (mut labels, mut turns, mut asks): (Vec<String>, Vec<usize>, Vec<usize>) = Default::default();
    for l in lines.iter() {
        match l.kind {
            LineKind::Report => break,
            LineKind::Text => {}
            _ => continue,
        }
        if qa_marker(&l.text).is_some() {
            return; // numbered Q/A blocks: turns are not labelled by speaker
        }
        if let Some((who, rest)) = speaker(&l.text) {
            let name = split_name_position(rest).0;
            match who {
                Speaker::Candidate if name_like(name) && !name.ends_with('.') => known.push(name.to_lowercase()),
                Speaker::Candidate => candidate_turns += 1,
                Speaker::Recruiter => recruiter_turns += 1,
            }
        } else if let Some((Field::Name, value)) = header_field(&l.text) {
            known.push(split_name_position(value).0.to_lowercase());
        } else if let Some((label, rest)) = name_label(&l.text) {
            let i = labels.iter().position(|x| x == label).unwrap_or_else(|| {
                labels.push(label.to_string());
                turns.push(0);
                asks.push(0);
                labels.len() - 1
            });
            turns[i] += 1;
            asks[i] += usize::from(rest.contains('?'));
        }
    }
    // The candidate's labels (by name), and the labels of unknown speakers with enough turns.
    let mut candidate: Vec<String> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let lower = label.to_lowercase();
        if known.iter().any(|k| *k == lower || k.split_whitespace().next() == Some(lower.as_str())) {
            candidate.push(label.clone());
        } else if turns[i] >= MIN_NAME_LABEL_TURNS {
            others.push(i);
        }
    }
    let mut recruiter: Option<usize> = None;
    let mut named = false;
    match others[..] {
        [one] if recruiter_turns == 0 && (candidate_turns > 0 || !candidate.is_empty()) => recruiter = Some(one),
        [one] if recruiter_turns > 0 && candidate_turns == 0 && candidate.is_empty() => {
            candidate.push(labels[one].clone());
            named = true;
        }
        [a, b] if recruiter_turns == 0 && candidate_turns == 0 && candidate.is_empty() && asks[a] != asks[b] => {
            let (asker, answerer) = if asks[a] > asks[b] { (a, b) } else { (b, a) };
            recruiter = Some(asker);
            candidate.push(labels[answerer].clone());
            named = true;
        }
        _ => {}
    }
    if candidate.is_empty() && recruiter.is_none() {
        return;
    }
    for l in lines.iter_mut().filter(|l| l.kind == LineKind::Text) {
        let rewritten = name_label(&l.text).and_then(|(label, rest)| {
            let role = if candidate.iter().any(|c| c == label) {
                "Candidate"
            } else if recruiter.is_some_and(|r| labels[r] == label) {
                "Interviewer"
            } else {
                return None;
            };
            Some(format!("{role}: {rest}"))
        });
        if let Some(text) = rewritten {
            l.text = text;
        }
    }
    if named && known.is_empty() {
        lines.insert(0, Line { text: format!("Name: {}", candidate[0]), kind: LineKind::Text });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qa {
    Q,
    A,
}

/// `Q1:` / `Q:` / `Question 2:` / `A1:` / `Answer:` / `Q3 (Behavioral):` → marker, text, and label.
fn qa_marker(line: &str) -> Option<(Qa, &str, Option<&str>)> {
    let t = line.trim_start().trim_start_matches(['*', '_', '#', ' ', '\t']);
    let starts_ci = |w: &str| t.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
    let (qa, after) = if starts_ci("question") {
        (Qa::Q, &t[8..])
    } else if starts_ci("answer") {
        (Qa::A, &t[6..])
    } else if let Some(r) = t.strip_prefix('Q') {
        (Qa::Q, r)
    } else if let Some(r) = t.strip_prefix('A') {
        (Qa::A, r)
    } else {
        return None;
    };
    let after = after.trim_start_matches([' ', '\t']);
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let mut rest = after[digits..].trim_start_matches([' ', '\t', '*', '_']);
    let mut label = None;
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        label = Some(inner[..close].trim());
        rest = inner[close + 1..].trim_start_matches([' ', '\t', '*', '_']);
    }
    let rest = if let Some(r) = rest.strip_prefix(':') {
        r
    } else if digits > 0 && (rest.starts_with('.') || rest.starts_with(')')) {
        &rest[1..]
    } else {
        return None;
    };
    Some((qa, rest.trim_start_matches(['*', '_']).trim(), label))
}

/// A label line such as `Behavioral Question:` (short, ends in a colon, nothing after it).
fn label_line(t: &str) -> Option<&str> {
    let s = strip_markup(t);
    let body = s.strip_suffix(':')?.trim();
    let words = body.split_whitespace().count();
    if (1..=6).contains(&words) && !body.contains(':') && !body.ends_with(['.', '?', '!']) {
        Some(body)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Position,
}

/// Header lines: `Position: ...`, `Role: ...`, `Name: ...`.
fn header_field(t: &str) -> Option<(Field, &str)> {
    let s = t.trim().trim_start_matches(['*', '_']);
    let colon = s.find(':')?;
    let key = s[..colon].trim().trim_end_matches(['*', '_']).trim().to_ascii_lowercase();
    let value = s[colon + 1..].trim_start_matches(['*', '_']).trim();
    let field = match key.as_str() {
        "position" | "role" | "job title" | "title" | "job" | "position applied for" | "applying for" => {
            Field::Position
        }
        "candidate name" | "name" => Field::Name,
        _ => return None,
    };
    if value.is_empty() {
        None
    } else {
        Some((field, value))
    }
}

/// Lowercase name particles allowed inside a name ("Ludwig van Beethoven"). (`src/transcript/lexicons/name_particles.txt`)
use super::data::NAME_PARTICLES;

/// Longest name accepted in a header (bytes) and most words.
const MAX_NAME_BYTES: usize = 80;
const MAX_NAME_WORDS: usize = 6;

/// A name: up to six words, each starting with a capital (or a letter of a script without case, such
/// as Chinese or Arabic) or a particle (`van`); a number may follow the first word (`Bench Candidate 1`),
/// and a name in another script may carry its transliteration in brackets (`李雷 (Li Lei)`).
fn name_like(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_NAME_BYTES || s.ends_with(['?', '!', ',', ';', ':']) {
        return false;
    }
    if let Some((outer, inner)) = transliterated(s) {
        return name_like(outer) && name_like(inner);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > MAX_NAME_WORDS {
        return false;
    }
    for (i, w) in words.iter().enumerate() {
        if i > 0 && w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 4 {
            continue;
        }
        if !w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}')) {
            return false;
        }
        let Some(first) = w.chars().next() else { return false };
        let capital = first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase());
        if !capital && !NAME_PARTICLES.contains(&w.to_lowercase().as_str()) {
            return false;
        }
        if i + 1 == words.len() && w.ends_with('.') && w.trim_end_matches('.').chars().count() > 3 {
            return false;
        }
    }
    true
}

/// `李雷 (Li Lei)` → (`李雷`, `Li Lei`): a name without Latin letters followed by a bracketed Latin
/// spelling of it. (`Jane Roe (QA Engineer)` is a name and a position, not this.)
fn transliterated(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let (outer, inner) = (body[..open].trim(), body[open + 1..].trim());
    let latin = |t: &str| t.chars().any(|c| c.is_ascii_alphabetic());
    (!outer.is_empty() && !latin(outer) && latin(inner) && !inner.contains(['(', ')'])).then_some((outer, inner))
}

/// `James Anderson - Cloud Architect` / `Jane Roe (QA Engineer)` → name and position.
fn split_name_position(s: &str) -> (&str, Option<&str>) {
    let s = s.trim();
    for sep in [" - ", " \u{2013} ", " \u{2014} ", " | ", " -- "] {
        if let Some(i) = s.find(sep) {
            let pos = s[i + sep.len()..].trim();
            return (s[..i].trim(), if pos.is_empty() { None } else { Some(pos) });
        }
    }
    if transliterated(s).is_some() {
        return (s, None);
    }
    if let (Some(open), true) = (s.find('('), s.ends_with(')')) {
        let pos = s[open + 1..s.len() - 1].trim();
        return (s[..open].trim(), if pos.is_empty() { None } else { Some(pos) });
    }
    (s, None)
}

fn detect(lines: &[Line]) -> TranscriptFormat {
    let (mut qa, mut recruiter) = (0usize, 0usize);
    for l in lines {
        match l.kind {
            LineKind::Report => break,
            LineKind::Text => {
                if qa_marker(&l.text).is_some() {
                    qa += 1;
                } else if let Some((Speaker::Recruiter, _)) = speaker(&l.text) {
                    recruiter += 1;
                }
            }
            _ => {}
        }
    }
    if qa > 0 && qa >= recruiter {
        TranscriptFormat::Numbered
    } else if recruiter > 0 {
        TranscriptFormat::Dialogue
    } else {
        TranscriptFormat::Plain
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Joins lines into text: lines of a paragraph by `\n`, paragraphs by a blank line; trims the ends.
fn join_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let mut out = String::new();
    let mut gap = false;
    for l in lines {
        let l = l.as_ref().trim_end();
        if l.trim().is_empty() {
            gap = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if gap { "\n\n" } else { "\n" });
        }
        out.push_str(l);
        gap = false;
    }
    out
}

fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in text.lines() {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(l.trim());
        }
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}

/// Removes quotes that wrap a whole answer (or wrap each of its paragraphs).
pub(crate) fn strip_wrapping_quotes(s: &str) -> String {
    let t = s.trim();
    if let Some(inner) = unwrap_quotes(t) {
        return inner.trim().to_string();
    }
    let paras: Vec<&str> = t.split("\n\n").collect();
    if paras.len() > 1 && paras.iter().all(|p| unwrap_quotes(p.trim()).is_some()) {
        return paras.iter().filter_map(|p| unwrap_quotes(p.trim())).map(str::trim).collect::<Vec<_>>().join("\n\n");
    }
    t.to_string()
}

fn unwrap_quotes(t: &str) -> Option<&str> {
    if let Some(inner) = t.strip_prefix('\u{201c}').and_then(|r| r.strip_suffix('\u{201d}')) {
        // Curly quotes nest unambiguously.
        let mut depth = 1i32;
        for c in inner.chars() {
            match c {
                '\u{201c}' => depth += 1,
                '\u{201d}' => {
                    depth -= 1;
                    if depth == 0 {
                        return None;
                    }
                }
                _ => {}
            }
        }
        return Some(inner);
    }
    let inner = t.strip_prefix('"')?.strip_suffix('"')?;
    // Straight quotes: one preceded by a space (or an opening bracket) opens, any other closes. If the
    // first quote is closed before the end, the quotes do not wrap the whole text.
    let mut depth = 1i32;
    let mut prev: Option<char> = Some(' ');
    for c in inner.chars() {
        if c == '"' {
            if prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '\u{2014}')) {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
        }
        prev = Some(c);
    }
    Some(inner)
}

fn push_exchange(c: &mut Candidate, question: String, answer: String, label: Option<QuestionKind>) {
    let kind = label.unwrap_or_else(|| classify(&question));
    let number = c.exchanges.len() + 1;
    c.exchanges.push(Exchange { number, question, answer, kind });
}

// ---------------------------------------------------------------------------------------------
// Questions: the asking sentences of an interviewer's turn
// ---------------------------------------------------------------------------------------------

/// Words before a full stop that do not end a sentence. (`src/transcript/lexicons/abbreviations.txt`)
use super::data::ABBREVIATIONS;

/// Openers of sentences that react to the last answer, greet, or change topic rather than ask. (`src/transcript/lexicons/remark_openers.txt`)
use super::data::REMARK_OPENERS;

/// Phrases of praise that mark a sentence as a remark about the last answer. (`src/transcript/lexicons/praise.txt`)
use super::data::PRAISE;

/// How a sentence that asks without a question mark begins. (`src/transcript/lexicons/asking_openers.txt`)
use super::data::ASKING_OPENERS;

/// Words in a question that point back at the sentences before it. (`src/transcript/lexicons/back_references.txt`)
use super::data::BACK_REFERENCES;

/// Remarks are short: only this much of a sentence is read to tell one (bounds the work on run-on text).
const MAX_REMARK_BYTES: usize = 400;
/// Only the start of a sentence is read to see how it opens.
const MAX_OPENER_BYTES: usize = 64;

/// The first `max` bytes of `s`, cut back to a char boundary.
fn head(s: &str, max: usize) -> &str {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// Most scene-setting sentences kept before the asking sentences.
const MAX_SETUP_SENTENCES: usize = 3;

fn normalise_lower(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn starts_with_phrase(text: &str, phrase: &str) -> bool {
    text.starts_with(phrase) && !text[phrase.len()..].chars().next().is_some_and(char::is_alphanumeric)
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| w == word)
}

/// Splits a paragraph into sentences at `.`, `!`, `?` followed by a space and a non-lowercase start.
fn sentences(par: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = par.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !matches!(c, '.' | '!' | '?') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len()
            && matches!(chars[j].1, '.' | '!' | '?' | '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']')
        {
            j += 1;
        }
        let ends_here = j >= chars.len() || chars[j].1.is_whitespace();
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let next_lower = k < chars.len() && chars[k].1.is_lowercase();
        let abbreviation = c == '.' && is_abbreviation(&par[start..pos]);
        if ends_here && !next_lower && !abbreviation {
            let end = chars.get(j).map_or(par.len(), |&(p, _)| p);
            let s = par[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
        i = j.max(i + 1);
    }
    let tail = par[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let w: String = word.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || word.contains('.')
        || ABBREVIATIONS.contains(&w.as_str())
}

/// Removes a "My next question is:" / "For our final technical question," lead-in.
fn strip_question_lead(s: &str) -> &str {
    for sep in [':', ','] {
        if let Some(i) = s.find(sep) {
            let head = normalise_lower(&s[..i]);
            if i <= 80 && has_word(&head, "question") && head.split_whitespace().count() <= 8 {
                let rest = s[i + 1..].trim();
                if !rest.is_empty() {
                    return rest;
                }
            }
        }
    }
    s
}

/// Whether a sentence reacts, greets or changes topic (after any "next question:" lead-in).
fn is_remark(sentence: &str) -> bool {
    let body = head(strip_question_lead(sentence), MAX_REMARK_BYTES);
    let l = normalise_lower(body);
    REMARK_OPENERS.iter().any(|o| starts_with_phrase(&l, o)) || Folded::new(body).has_any(PRAISE)
}

fn is_asking(sentence: &str) -> bool {
    let t = sentence.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', ' ']);
    if t.ends_with('?') {
        return true;
    }
    if is_remark(sentence) {
        return false;
    }
    let l = normalise_lower(head(strip_question_lead(sentence), MAX_OPENER_BYTES));
    if starts_with_phrase(&l, "what a") || starts_with_phrase(&l, "how nice") {
        return false;
    }
    ASKING_OPENERS.iter().any(|o| starts_with_phrase(&l, o))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// The question an interviewer's turn asks: its asking sentences plus the scene-setting sentences
/// just before them, without remarks about the previous answer. The flag is false when no sentence
/// asks anything; the whole turn is then returned.
pub(crate) fn extract_question(turn: &str) -> (String, bool) {
    let paras = paragraphs(turn);
    let mut sents: Vec<(usize, &str)> = Vec::new();
    for (p, par) in paras.iter().enumerate() {
        for s in sentences(par) {
            sents.push((p, s));
        }
    }
    let asking: Vec<bool> = sents.iter().map(|(_, s)| is_asking(s)).collect();
    let Some(last) = asking.iter().rposition(|&a| a) else {
        return (paras.join("\n\n"), false);
    };
    let mut first = last;
    while first > 0 && asking[first - 1] {
        first -= 1;
    }
    // The asking sentences may lean on the paragraph before ("each of these pillars").
    let opens_paragraph = first == 0 || sents[first - 1].0 != sents[first].0;
    let leans_back = opens_paragraph
        && sents[first..=last].iter().any(|(_, s)| {
            let l = normalise_lower(s);
            BACK_REFERENCES.iter().any(|w| has_word(&l, w))
        });
    let ask_para = sents[first].0;
    let mut setup = 0;
    while first > 0 && setup < MAX_SETUP_SENTENCES {
        let (p, s) = sents[first - 1];
        let near = p == ask_para || (leans_back && p + 1 == ask_para);
        if !near || is_remark(s) {
            break;
        }
        first -= 1;
        setup += 1;
    }
    // Instructions after the last asking sentence of its paragraph ("Then give an example.") belong to it.
    let mut last = last;
    while last + 1 < sents.len() && sents[last + 1].0 == sents[last].0 && !is_remark(sents[last + 1].1) {
        last += 1;
    }
    let mut out = String::new();
    let mut prev_para = None;
    for (k, (p, s)) in sents[first..=last].iter().enumerate() {
        let s = if asking[first + k] { strip_question_lead(s) } else { s };
        let s = if k == 0 { capitalise(s) } else { s.to_string() };
        if let Some(pp) = prev_para {
            out.push_str(if pp == *p { " " } else { "\n\n" });
        }
        out.push_str(&s);
        prev_para = Some(*p);
    }
    (out, true)
}

// ---------------------------------------------------------------------------------------------
// Dialogue
// ---------------------------------------------------------------------------------------------

struct Pending {
    question: String,
    asks: bool,
}

#[derive(Default)]
struct Dialogue {
    done: Vec<Candidate>,
    cur: Candidate,
    /// Whether the current candidate has had any turn yet.
    started: bool,
    turn: Option<(Speaker, Vec<String>)>,
    pending: Option<Pending>,
}

impl Dialogue {
    fn finish_turn(&mut self) {
        let Some((who, lines)) = self.turn.take() else { return };
        let body = join_lines(&lines);
        match who {
            Speaker::Recruiter => self.recruiter_said(&body),
            Speaker::Candidate => self.candidate_said(&body),
        }
    }

    fn recruiter_said(&mut self, body: &str) {
        let kept: Vec<&str> = body.lines().filter(|l| !is_tool_noise(l)).collect();
        let body = join_lines(&kept);
        if body.trim().is_empty() {
            return;
        }
        let (question, asks) = extract_question(&body);
        if question.trim().is_empty() {
            return;
        }
        match self.pending.take() {
            // A remark after an unanswered question ("Take your time.") leaves the question open.
            Some(p) if p.asks && !asks => {
                self.pending = Some(p);
                return;
            }
            Some(p) if p.asks => push_exchange(&mut self.cur, p.question, String::new(), None),
            _ => {}
        }
        self.pending = Some(Pending { question, asks });
    }

    fn candidate_said(&mut self, body: &str) {
        let answer = strip_wrapping_quotes(body);
        if let Some(p) = self.pending.take() {
            push_exchange(&mut self.cur, p.question, answer, None);
        } else if let Some(last) = self.cur.exchanges.last_mut() {
            // Speech after a non-question turn (a tool call, say) continues the last answer.
            if !answer.is_empty() {
                if !last.answer.is_empty() {
                    last.answer.push_str("\n\n");
                }
                last.answer.push_str(&answer);
            }
        }
        // Small talk before the first question is not graded.
    }

    fn flush_pending(&mut self) {
        if let Some(p) = self.pending.take() {
            if p.asks {
                push_exchange(&mut self.cur, p.question, String::new(), None);
            }
        }
    }

    fn next_candidate(&mut self) {
        self.finish_turn();
        self.flush_pending();
        let c = std::mem::take(&mut self.cur);
        self.done.push(c);
        self.started = false;
    }
}

fn neighbour(lines: &[Line], i: usize, forward: bool) -> Option<&Line> {
    if forward {
        lines.iter().skip(i + 1).find(|l| l.kind != LineKind::Blank)
    } else {
        lines.iter().take(i).rev().find(|l| l.kind != LineKind::Blank)
    }
}

fn read_dialogue(lines: &[Line]) -> Vec<Candidate> {
    let mut d = Dialogue::default();
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Report => break,
            LineKind::Blank | LineKind::Rule => {
                if let Some((_, ls)) = d.turn.as_mut() {
                    ls.push(String::new());
                }
                continue;
            }
            LineKind::Text => {}
        }
        let text = line.text.as_str();
        if let Some((who, rest)) = speaker(text) {
            if who == Speaker::Candidate {
                let (name, position) = split_name_position(rest);
                let structural = neighbour(lines, i, false).is_some_and(|l| l.kind == LineKind::Rule)
                    || neighbour(lines, i, true).is_some_and(|l| {
                        l.kind == LineKind::Text && matches!(header_field(&l.text), Some((Field::Position, _)))
                    });
                let fresh = !d.started && d.turn.is_none();
                if name_like(name) && (fresh || structural) {
                    if d.started {
                        d.next_candidate();
                    }
                    d.cur.name = Some(name.to_string());
                    if let Some(p) = position {
                        d.cur.position = Some(p.to_string());
                    }
                    continue;
                }
            }
            d.finish_turn();
            d.turn = Some((who, vec![rest.to_string()]));
            d.started = true;
            continue;
        }
        if let Some((_, ls)) = d.turn.as_mut() {
            ls.push(text.to_string());
        } else if let Some((field, value)) = header_field(text) {
            match field {
                Field::Position => d.cur.position = Some(value.to_string()),
                Field::Name => d.cur.name = Some(value.to_string()),
            }
        }
    }
    d.finish_turn();
    d.flush_pending();
    let mut out = d.done;
    if !d.cur.exchanges.is_empty() || out.is_empty() || d.cur.name.is_some() {
        out.push(d.cur);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Numbered
// ---------------------------------------------------------------------------------------------

struct Block {
    question: Vec<String>,
    answer: Option<Vec<String>>,
    label: Option<QuestionKind>,
}

/// Splits a question block that has no answer marker: the question is its first line when that line
/// asks something, else its paragraphs up to the first one that asks (within a few); the rest is the answer.
fn split_unanswered(lines: &[String]) -> (String, String) {
    let text = join_lines(lines);
    let mut it = text.splitn(2, '\n');
    let first = it.next().unwrap_or("").trim();
    let rest = it.next().unwrap_or("");
    if first.contains('?') || extract_question(first).1 {
        return (first.to_string(), rest.trim().to_string());
    }
    let paras: Vec<&str> = text.split("\n\n").collect();
    for (k, p) in paras.iter().enumerate().take(3) {
        if p.contains('?') {
            return (paras[..=k].join("\n\n"), paras[k + 1..].join("\n\n").trim().to_string());
        }
    }
    (first.to_string(), rest.trim().to_string())
}

fn close_block(block: Option<Block>, cur: &mut Option<Candidate>) {
    let Some(b) = block else { return };
    let (q_text, a_text) = match &b.answer {
        Some(a) => (join_lines(&b.question), join_lines(a)),
        None => split_unanswered(&b.question),
    };
    let question = if q_text.trim().is_empty() { String::new() } else { extract_question(&q_text).0 };
    let answer = strip_wrapping_quotes(&a_text);
    if question.is_empty() && answer.is_empty() {
        return;
    }
    let c = cur.get_or_insert_with(Candidate::default);
    if let Some(last) = c.exchanges.last_mut() {
        // The same question repeated with no answer in between is one question.
        if last.answer.is_empty() && !question.is_empty() && last.question == question {
            last.answer = answer;
            return;
        }
    }
    push_exchange(c, question, answer, b.label);
}

fn read_numbered(lines: &[Line]) -> Vec<Candidate> {
    let mut done: Vec<Candidate> = Vec::new();
    let mut cur: Option<Candidate> = None;
    let mut block: Option<Block> = None;
    let mut label: Option<QuestionKind> = None;
    let mut skipping = false;
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Report => {
                close_block(block.take(), &mut cur);
                skipping = true;
                continue;
            }
            LineKind::Blank | LineKind::Rule => {
                if let Some(b) = block.as_mut() {
                    b.answer.as_mut().unwrap_or(&mut b.question).push(String::new());
                }
                continue;
            }
            LineKind::Text => {}
        }
        let text = line.text.as_str();
        if let Some((Speaker::Candidate, rest)) = speaker(text) {
            let (name, position) = split_name_position(rest);
            if name_like(name) {
                close_block(block.take(), &mut cur);
                if let Some(c) = cur.take() {
                    done.push(c);
                }
                cur = Some(Candidate {
                    name: Some(name.to_string()),
                    position: position.map(str::to_string),
                    exchanges: Vec::new(),
                });
                skipping = false;
                label = None;
                continue;
            }
        }
        if skipping {
            continue;
        }
        if let Some((qa, rest, inline_label)) = qa_marker(text) {
            let inline = inline_label.and_then(classify_label);
            match qa {
                Qa::Q => {
                    close_block(block.take(), &mut cur);
                    block =
                        Some(Block { question: vec![rest.to_string()], answer: None, label: inline.or(label.take()) });
                }
                Qa::A => match block.as_mut() {
                    Some(b) if b.answer.is_none() => b.answer = Some(vec![rest.to_string()]),
                    _ => {
                        close_block(block.take(), &mut cur);
                        block = Some(Block { question: Vec::new(), answer: Some(vec![rest.to_string()]), label: None });
                    }
                },
            }
            continue;
        }
        if let Some(l) = label_line(text) {
            let next_is_q = neighbour(lines, i, true)
                .is_some_and(|n| n.kind == LineKind::Text && matches!(qa_marker(&n.text), Some((Qa::Q, _, _))));
            if next_is_q {
                label = classify_label(l);
                continue;
            }
        }
        if block.is_none() {
            if let (Some(c), Some((Field::Position, value))) = (cur.as_mut(), header_field(text)) {
                c.position = Some(value.to_string());
            }
            continue;
        }
        if let Some(b) = block.as_mut() {
            b.answer.as_mut().unwrap_or(&mut b.question).push(text.to_string());
        }
    }
    close_block(block.take(), &mut cur);
    if let Some(c) = cur {
        done.push(c);
    }
    if done.is_empty() {
        done.push(Candidate::default());
    }
    done
}

// ---------------------------------------------------------------------------------------------
// Plain
// ---------------------------------------------------------------------------------------------

fn read_plain(lines: &[Line]) -> Vec<Candidate> {
    let mut kept: Vec<&str> = Vec::new();
    for l in lines {
        match l.kind {
            LineKind::Report => break,
            LineKind::Blank | LineKind::Rule => kept.push(""),
            LineKind::Text => kept.push(match speaker(&l.text) {
                Some((Speaker::Candidate, rest)) => rest,
                _ => l.text.as_str(),
            }),
        }
    }
    let answer = strip_wrapping_quotes(&join_lines(&kept));
    let mut c = Candidate::default();
    if !answer.is_empty() {
        c.exchanges.push(Exchange { number: 1, question: String::new(), answer, kind: QuestionKind::Other });
    }
    vec![c]
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuestionKind::*;

    fn qs(c: &Candidate) -> Vec<&str> {
        c.exchanges.iter().map(|e| e.question.as_str()).collect()
    }

    #[test]
    fn dialogue_with_header_turns_and_quotes() {
        let t = "Interview Transcript\n=====\nCandidate: Ada Park\nPosition: Platform Engineer\nQuality Profile: weak\n=====\n\n\
                 Interviewer: Welcome! Please introduce yourself.\n\nCandidate: \"I build internal platforms.\"\n\n\
                 Interviewer: Nice. How would you roll out a schema change safely?\n\nCandidate: \"First, expand.\n\nThen \"contract\" later.\"\n";
        let iv = parse(t);
        assert_eq!(iv.format, TranscriptFormat::Dialogue);
        assert_eq!(iv.candidates.len(), 1);
        let c = &iv.candidates[0];
        assert_eq!(c.name.as_deref(), Some("Ada Park"));
        assert_eq!(c.position.as_deref(), Some("Platform Engineer"));
        assert_eq!(qs(c), vec!["Please introduce yourself.", "How would you roll out a schema change safely?"]);
        assert_eq!(c.exchanges[0].answer, "I build internal platforms.");
        assert_eq!(c.exchanges[1].answer, "First, expand.\n\nThen \"contract\" later.");
        assert_eq!(c.exchanges[0].kind, Introduction);
        assert_eq!(c.exchanges[1].kind, Technical);
        assert_eq!(c.exchanges[1].number, 2);
    }

    #[test]
    fn remarks_are_dropped_from_questions() {
        let (q, asks) = extract_question(
            "That's a thorough answer.\n\nNow, let's move on. Can you explain how a B-tree splits? What does it cost?",
        );
        assert!(asks);
        assert_eq!(q, "Can you explain how a B-tree splits? What does it cost?");
        let (q, _) = extract_question("Good. In our shop, deploys happen hourly. How would you gate them?");
        assert_eq!(q, "In our shop, deploys happen hourly. How would you gate them?");
        let (q, _) = extract_question("Thank you.\n\nFor my last question: Describe how you would size a cache.");
        assert_eq!(q, "Describe how you would size a cache.");
        let (q, _) = extract_question(
            "Thanks.\n\nWe track three signals: errors, saturation, and latency.\n\nHow do these fit together?",
        );
        assert_eq!(q, "We track three signals: errors, saturation, and latency.\n\nHow do these fit together?");
        let (q, asks) = extract_question("Thanks, that is all from me.");
        assert!(!asks);
        assert_eq!(q, "Thanks, that is all from me.");
        let (q, _) = extract_question("I see you worked with Dr. Lee at Acme Inc. on search. What did you own there?");
        assert!(q.contains("Dr. Lee") && q.ends_with("own there?"), "{q}");
    }

    #[test]
    fn tool_calls_make_no_exchange() {
        let t = "AI Recruiter: What is a mutex?\nCandidate: A lock.\nAI Recruiter: tool_code\nprint(default_api.lookup(query=\"x\"))\n\nCandidate: I looked at the notes.\nAI Recruiter: Do you have any questions for me?\nCandidate: No.\n";
        let c = &parse(t).candidates[0];
        assert_eq!(c.exchanges.len(), 2);
        assert_eq!(c.exchanges[0].answer, "A lock.\n\nI looked at the notes.");
        assert_eq!(c.exchanges[1].kind, Closing);
    }

    #[test]
    fn unanswered_and_trailing_questions() {
        let t = "Interviewer: What is CAP?\nInterviewer: Take your time.\nCandidate: Consistency, availability, partitions.\nInterviewer: What is PACELC?\nInterviewer: And what is Raft?\n";
        let c = &parse(t).candidates[0];
        assert_eq!(qs(c), vec!["What is CAP?", "What is PACELC?", "And what is Raft?"]);
        assert_eq!(c.exchanges[0].answer, "Consistency, availability, partitions.");
        assert_eq!(c.exchanges[1].answer, "");
        assert_eq!(c.exchanges[2].answer, "");
    }

    #[test]
    fn report_banner_ends_dialogue() {
        let t = "Interviewer: What is TLS?\nCandidate: Transport security.\n\n====\nEVALUATION REPORT\n====\nInterviewer: Fake?\nCandidate: Fake.\n";
        let c = &parse(t).candidates[0];
        assert_eq!(c.exchanges.len(), 1);
    }

    #[test]
    fn numbered_blocks_with_annotations() {
        let t = "=====\nSTRONG CANDIDATES\n=====\n\nCandidate: Bo Li - Data Engineer\n-----\nQ1: Hi Bo. What is a watermark in streaming?\n\nA1: \"It bounds lateness.\"\n\nRelevance Score: 0.91 [STRUGGLED]\n~~~~~\n\nQ2: Explain backpressure.\nA2: Slow consumers push back. [STRUGGLED]\n\nCandidate: Cy Ng - SRE\nQ1: What is an SLO?\nA1:\n";
        let iv = parse(t);
        assert_eq!(iv.format, TranscriptFormat::Numbered);
        assert_eq!(iv.candidates.len(), 2);
        let a = &iv.candidates[0];
        assert_eq!(a.name.as_deref(), Some("Bo Li"));
        assert_eq!(a.position.as_deref(), Some("Data Engineer"));
        assert_eq!(qs(a), vec!["What is a watermark in streaming?", "Explain backpressure."]);
        assert_eq!(a.exchanges[0].answer, "It bounds lateness.");
        assert_eq!(a.exchanges[1].answer, "Slow consumers push back.");
        let b = &iv.candidates[1];
        assert_eq!(b.exchanges.len(), 1);
        assert_eq!(b.exchanges[0].answer, "");
    }

    #[test]
    fn qa_blocks_with_labels() {
        let t = "Behavioral Question:\nQ: Tell us about a time you changed your mind.\n\nA:\n\nI argued for X.\n\nLater I chose Y.\n\nSystem Design Question:\nQ: How would you build a rate limiter?\nA: Token buckets.\nNotes:\n- per user\n";
        let iv = parse(t);
        assert_eq!(iv.format, TranscriptFormat::Numbered);
        let c = &iv.candidates[0];
        assert_eq!(c.name, None);
        assert_eq!(c.exchanges.len(), 2);
        assert_eq!(c.exchanges[0].kind, Behavioral);
        assert_eq!(c.exchanges[0].answer, "I argued for X.\n\nLater I chose Y.");
        assert_eq!(c.exchanges[1].kind, Technical);
        assert_eq!(c.exchanges[1].answer, "Token buckets.\nNotes:\n- per user");
    }

    #[test]
    fn plain_text() {
        let iv = parse("  \"Use a queue and retry with backoff.\"  ");
        assert_eq!(iv.format, TranscriptFormat::Plain);
        assert_eq!(iv.candidates.len(), 1);
        assert_eq!(iv.candidates[0].exchanges.len(), 1);
        assert_eq!(iv.candidates[0].exchanges[0].question, "");
        assert_eq!(iv.candidates[0].exchanges[0].answer, "Use a queue and retry with backoff.");
        assert!(parse("").candidates[0].exchanges.is_empty());
    }

    #[test]
    fn crlf_bom_tabs_match_lf() {
        let lf = "Interviewer: What is DNS?\n\nCandidate: \"Names to addresses.\n\nCached by resolvers.\"\n";
        let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        assert_eq!(parse(lf), parse(&crlf));
        let tabs = "Interviewer:\tWhat is DNS?\n\t\nCandidate:\t\"Names to addresses.\n\nCached by resolvers.\"\t\n";
        assert_eq!(parse(lf), parse(tabs));
    }

    #[test]
    fn quotes() {
        assert_eq!(strip_wrapping_quotes("\"a \"b\" c\""), "a \"b\" c");
        assert_eq!(strip_wrapping_quotes("\"a\" and \"b\""), "\"a\" and \"b\"");
        assert_eq!(strip_wrapping_quotes("\u{201c}curly\u{201d}"), "curly");
        assert_eq!(strip_wrapping_quotes("\"one\"\n\n\"two\""), "one\n\ntwo");
        assert_eq!(strip_wrapping_quotes("\""), "\"");
        assert_eq!(strip_wrapping_quotes("\"\""), "");
    }

    #[test]
    fn markers() {
        assert_eq!(qa_marker("Q1: x").map(|m| m.0), Some(Qa::Q));
        assert_eq!(qa_marker("  **A12:** y").map(|m| (m.0, m.1)), Some((Qa::A, "y")));
        assert_eq!(qa_marker("Question 3: z").map(|m| m.1), Some("z"));
        assert_eq!(qa_marker("Q2 (Behavioral): w").and_then(|m| m.2), Some("Behavioral"));
        assert!(qa_marker("AWS: fine").is_none());
        assert!(qa_marker("A great answer").is_none());
        assert!(qa_marker("Quality: high").is_none());
        assert_eq!(speaker("**Interviewer:** hi").map(|s| s.0), Some(Speaker::Recruiter));
        assert_eq!(speaker("Interviewer (Sam): hi").map(|s| s.1), Some("hi"));
        assert!(speaker("Note: hi").is_none());
        assert!(is_annotation("Relevance Score: 0.533"));
        assert!(is_annotation("**Score:** 4/5"));
        assert!(!is_annotation("Score: the team kept one"));
        assert!(name_like("Dr. Amanda Foster"));
        assert!(!name_like("Absolutely."));
        assert!(!name_like("I think so, yes"));
        assert!(name_like("Bench Candidate 11"));
        assert!(!name_like("3 Bench"), "a name does not start with a number");
        assert!(!name_like("Candidate 123456"), "a long number is not part of a name");
        assert!(name_like("李雷") && name_like("李雷 (Li Lei)"));
        assert!(!name_like("Jane Roe (QA Engineer)"), "a position in brackets is not part of the name");
        assert_eq!(split_name_position("李雷 (Li Lei)"), ("李雷 (Li Lei)", None));
        assert_eq!(split_name_position("Jane Roe (QA Engineer)"), ("Jane Roe", Some("QA Engineer")));
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "",
            "\u{feff}",
            "\r",
            "\r\n\r\n",
            ":",
            "Q",
            "Q:",
            "A:",
            "Q1:\nA1:",
            "Candidate:",
            "Candidate: - -",
            "Interviewer:",
            "Interviewer: ?",
            "AI Recruiter: tool_code",
            "[STRUGGLED",
            "[",
            "]",
            "\"",
            "“",
            "Q1 (",
            "Q1 (Behavioral",
            "é?\u{0}. Ä! ?",
            "Interviewer: Dr. ? e.g. ?\nCandidate: \u{201c}",
            "=====\nEVALUATION REPORT",
            "Candidate: A - \nQ1: ?\nA1: \"",
            "\t\tQ3)\tfoo\n\tA3)\n",
            "Q1. what? A1. no",
            "😀😀: 😀\nQ😀:",
        ];
        for s in samples {
            let iv = parse(s);
            assert!(!iv.candidates.is_empty(), "{s:?}");
        }
    }
}
