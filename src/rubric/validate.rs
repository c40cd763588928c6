//! Rubric validation: reads rubric JSON and reports every problem at once, each with its JSON path
//! (`$.questions[2].points[0].weight`), before a [`Rubric`] is built from it.
//!
//! Order of the checks: size, nesting depth (a byte scan, before any parser runs), JSON syntax
//! (with line and column), then one walk over the parsed value for types, unknown and missing
//! fields and the semantic rules of `rubrics/FORMAT.md`. Only a rubric with no problem at all is
//! deserialized into the model.

use super::model::Rubric;
use crate::error::{RubricError, RubricProblem};
use crate::number::shortest;
use crate::text::{self, lexicon};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Largest rubric accepted, in bytes (2 MiB). The largest bundled pack is a few tens of KiB.
pub const MAX_RUBRIC_BYTES: usize = 2 << 20;

/// Deepest nesting of arrays and objects accepted. A rubric needs 6 levels (rubric → questions →
/// question → criteria → criterion → descriptors); 32 leaves room and stops pathological input.
pub const MAX_RUBRIC_DEPTH: usize = 32;

/// The question kinds a rubric may name (`behavioural` is accepted as a spelling of `behavioral`).
pub const QUESTION_KINDS: &[&str] =
    &["introduction", "project", "technical", "behavioral", "behavioural", "closing", "other"];

/// The signals a criterion may be measured by.
pub const SIGNALS: &[&str] = &["coverage", "specificity", "reasoning", "structure", "relevance", "fluency"];

/// The descriptor levels every criterion must describe.
pub const LEVELS: &[&str] = &["1", "2", "3", "4", "5"];

/// The fields of each object in a rubric, and whether each is required (the same as `model.rs`
/// and `rubrics/rubric.schema.json`; a unit test keeps the schema in step).
pub const RUBRIC_FIELDS: &[(&str, Need)] = &[
    ("id", Required),
    ("title", Required),
    ("version", Required),
    ("role", Required),
    ("description", Optional),
    ("questions", Required),
];
pub const QUESTION_FIELDS: &[(&str, Need)] = &[
    ("id", Required),
    ("text", Required),
    ("alternatives", Optional),
    ("kind", Required),
    ("reference", Required),
    ("criteria", Required),
    ("points", Required),
    ("misconceptions", Optional),
    ("examples", Optional),
];
pub const CRITERION_FIELDS: &[(&str, Need)] =
    &[("id", Required), ("name", Required), ("weight", Required), ("signals", Required), ("descriptors", Required)];
pub const POINT_FIELDS: &[(&str, Need)] =
    &[("id", Required), ("text", Required), ("phrases", Required), ("weight", Required)];
pub const MISCONCEPTION_FIELDS: &[(&str, Need)] = &[
    ("id", Required),
    ("claim", Required),
    ("phrases", Required),
    ("contradicts", Required),
    ("correction", Required),
];
pub const EXAMPLE_FIELDS: &[(&str, Need)] =
    &[("label", Required), ("answer", Required), ("min", Required), ("max", Required)];

/// Content words a misconception phrasing must name (see [`Walker::misconception`]): one word is
/// a topic, two say something about it ("rto data", "failover risky").
pub const MISCONCEPTION_MIN_WORDS: usize = 2;

/// The lowest and highest score an example may ask for.
const SCORE_MIN: f64 = 0.0;
const SCORE_MAX: f64 = 5.0;

/// Parses rubric JSON and validates it, returning the rubric or every problem found.
pub fn parse_and_validate(json: &str) -> Result<Rubric, RubricError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_RUBRIC_BYTES {
        return Err(RubricError::one(
            "$",
            format!("rubric is too large ({} bytes; the limit is {} bytes (2 MiB))", json.len(), MAX_RUBRIC_BYTES),
        ));
    }
    if json.trim().is_empty() {
        return Err(RubricError::one("$", "rubric is empty"));
    }
    check_depth(json)?;
    let value: Value = serde_json::from_str(json).map_err(syntax_error)?;
    let mut walker = Walker::default();
    walker.rubric(&value);
    if !walker.problems.is_empty() {
        return Err(RubricError { problems: walker.problems });
    }
    // Every type and field was checked above, so this only fails if the walk and the model disagree.
    crate::json::from_value(value).map_err(|e| RubricError::one("$", format!("does not match the rubric model: {}", e)))
}

/// Refuses JSON nested deeper than [`MAX_RUBRIC_DEPTH`], by a scan of the bytes that skips strings.
fn check_depth(json: &str) -> Result<(), RubricError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1usize, 0usize);
    for &b in json.as_bytes() {
        if b == b'\n' {
            line += 1;
            column = 0;
        } else if b & 0xc0 != 0x80 {
            column += 1; // count characters, not continuation bytes
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_RUBRIC_DEPTH {
                    return Err(RubricError::one(
                        "$",
                        format!(
                            "JSON is nested too deeply (more than {} levels of arrays and objects, at line {}, column {})",
                            MAX_RUBRIC_DEPTH, line, column
                        ),
                    ));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// A JSON syntax error as a rubric problem at `$`, located by line and column (shared with the
/// importers of [`super::interop`]).
pub(crate) fn syntax_error(e: serde_json::Error) -> RubricError {
    let full = e.to_string();
    // serde_json ends its messages with " at line L column C"; we say where in our own words.
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let what = if e.is_eof() { "JSON ends too early" } else { "JSON syntax error" };
    RubricError::one("$", format!("{}: {} (line {}, column {})", what, message, e.line(), e.column()))
}

/// `a value of type X`, for type errors (also used by the importers and the CLI).
/// What `rubricate check-rubric` prints for a valid rubric: its id and version, how many questions,
/// points and examples it has, and how many warnings [`lint`] found.
pub fn check_summary(r: &Rubric, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let points: usize = r.questions.iter().map(|q| q.points.len()).sum();
    let examples: usize = r.questions.iter().map(|q| q.examples.len()).sum();
    let warned = if warnings == 0 { String::new() } else { format!(", {} (on stderr)", plural(warnings, "warning")) };
    format!(
        "ok: {} {}, {}, {}, {}{warned}",
        r.id,
        r.version,
        plural(r.questions.len(), "question"),
        plural(points, "point"),
        plural(examples, "example")
    )
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `base.key`, or `base["key"]` when the key is not a plain identifier.
pub(crate) fn member(base: &str, key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{}.{}", base, key)
    } else {
        format!("{}[{}]", base, Value::String(key.to_string()))
    }
}

/// `base[i]`.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{}[{}]", base, i)
}

/// Lowercase kebab-case: `cloud-architect`, `high-availability`, `q1`.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Semver-ish: `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`, numbers without leading zeros, with an optional
/// `-pre.release` and `+build` suffix (`1.0.0`, `2.1`, `1.0.0-draft.2`).
pub fn is_semverish(s: &str) -> bool {
    let (core, build) = match s.split_once('+') {
        Some((c, b)) => (c, Some(b)),
        None => (s, None),
    };
    let (core, pre) = match core.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (core, None),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let number_ok =
        |n: &&str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n.len() == 1 || !n.starts_with('0'));
    let ident_ok = |t: &str| {
        !t.is_empty()
            && t.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    (2..=3).contains(&numbers.len())
        && numbers.iter().all(number_ok)
        && pre.is_none_or(ident_ok)
        && build.is_none_or(ident_ok)
}

/// Walks the parsed JSON and collects every problem.
#[derive(Default)]
struct Walker {
    problems: Vec<RubricProblem>,
}

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}
use Need::*;

impl Walker {
    fn problem(&mut self, path: &str, problem: impl Into<String>) {
        self.problems.push(RubricProblem { path: path.to_string(), problem: problem.into() });
    }

    /// Checks that `v` is an object with only `fields` in it and every required one present.
    fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        what: &str,
        fields: &[(&str, Need)],
    ) -> Option<&'v Map<String, Value>> {
        let Some(obj) = v.as_object() else {
            self.problem(path, format!("expected {} (an object), found {}", what, type_name(v)));
            return None;
        };
        for key in obj.keys() {
            if !fields.iter().any(|(name, _)| name == key) {
                let allowed: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
                self.problem(
                    &member(path, key),
                    format!("unknown field \"{}\" in {} (allowed: {})", key, what, allowed.join(", ")),
                );
            }
        }
        for (name, need) in fields {
            if *need == Required && !obj.contains_key(*name) {
                self.problem(&member(path, name), format!("required field \"{}\" is missing from {}", name, what));
            }
        }
        Some(obj)
    }

    /// A string field; `None` when absent or of the wrong type (reported).
    fn string<'v>(&mut self, obj: &'v Map<String, Value>, key: &str, path: &str) -> Option<&'v str> {
        let v = obj.get(key)?;
        match v.as_str() {
            Some(s) => Some(s),
            None => {
                self.problem(&member(path, key), format!("expected a string, found {}", type_name(v)));
                None
            }
        }
    }

    /// A string field that must contain something other than whitespace.
    fn text<'v>(&mut self, obj: &'v Map<String, Value>, key: &str, path: &str) -> Option<&'v str> {
        let s = self.string(obj, key, path)?;
        if s.trim().is_empty() {
            self.problem(&member(path, key), "must not be empty");
            return None;
        }
        Some(s)
    }

    /// An identifier field: non-empty and, when `kebab`, lowercase kebab-case.
    fn ident<'v>(&mut self, obj: &'v Map<String, Value>, key: &str, path: &str, kebab: bool) -> Option<&'v str> {
        let s = self.text(obj, key, path)?;
        if kebab && !is_kebab(s) {
            self.problem(
                &member(path, key),
                format!("\"{}\" is not lowercase kebab-case (letters a-z, digits, single hyphens, e.g. \"cloud-architect\")", s),
            );
        }
        Some(s)
    }

    /// A number field; `None` when absent or of the wrong type (reported).
    fn number(&mut self, obj: &Map<String, Value>, key: &str, path: &str) -> Option<f64> {
        let v = obj.get(key)?;
        match v.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            Some(_) => {
                self.problem(&member(path, key), "must be a finite number");
                None
            }
            None => {
                self.problem(&member(path, key), format!("expected a number, found {}", type_name(v)));
                None
            }
        }
    }

    /// A weight: a finite number greater than zero.
    fn weight(&mut self, obj: &Map<String, Value>, key: &str, path: &str) {
        if let Some(w) = self.number(obj, key, path) {
            if w <= 0.0 {
                self.problem(&member(path, key), format!("must be greater than 0 (found {})", shortest(w)));
            }
        }
    }

    /// An array field; `None` when absent or of the wrong type (reported). `min` items required.
    fn array<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        path: &str,
        min: usize,
        item: &str,
    ) -> Option<&'v [Value]> {
        let v = obj.get(key)?;
        let Some(items) = v.as_array() else {
            self.problem(&member(path, key), format!("expected an array, found {}", type_name(v)));
            return None;
        };
        if items.len() < min {
            self.problem(&member(path, key), format!("needs at least {} {}", min, item));
        }
        Some(items)
    }

    /// An array of non-empty strings.
    fn strings(&mut self, obj: &Map<String, Value>, key: &str, path: &str, min: usize, item: &str) -> Vec<String> {
        let mut out = Vec::new();
        let Some(items) = self.array(obj, key, path, min, item) else { return out };
        let base = member(path, key);
        for (i, v) in items.iter().enumerate() {
            match v.as_str() {
                Some(s) if s.trim().is_empty() => self.problem(&index(&base, i), "must not be empty"),
                Some(s) => out.push(s.to_string()),
                None => self.problem(&index(&base, i), format!("expected a string, found {}", type_name(v))),
            }
        }
        out
    }

    /// Reports the second and later uses of an id within one list.
    fn unique(&mut self, seen: &mut HashMap<String, String>, id: Option<&str>, path: &str, what: &str) {
        let Some(id) = id else { return };
        let here = member(path, "id");
        if let Some(first) = seen.get(id) {
            self.problem(&here, format!("duplicate {} id \"{}\" (first used at {})", what, id, first));
        } else {
            seen.insert(id.to_string(), here);
        }
    }

    fn rubric(&mut self, v: &Value) {
        let path = "$";
        let Some(obj) = self.object(v, path, "a rubric", RUBRIC_FIELDS) else { return };
        self.ident(obj, "id", path, true);
        self.text(obj, "title", path);
        if let Some(version) = self.text(obj, "version", path) {
            if !is_semverish(version) {
                self.problem(&member(path, "version"), format!("\"{}\" is not a version like \"1.0.0\"", version));
            }
        }
        self.text(obj, "role", path);
        self.string(obj, "description", path);
        if let Some(questions) = self.array(obj, "questions", path, 1, "question") {
            let base = member(path, "questions");
            let mut ids = HashMap::new();
            for (i, q) in questions.iter().enumerate() {
                self.question(q, &index(&base, i), &mut ids);
            }
        }
    }

    fn question(&mut self, v: &Value, path: &str, ids: &mut HashMap<String, String>) {
        let Some(obj) = self.object(v, path, "a question", QUESTION_FIELDS) else { return };
        let id = self.ident(obj, "id", path, true);
        self.unique(ids, id, path, "question");
        self.text(obj, "text", path);
        self.strings(obj, "alternatives", path, 0, "alternative");
        if let Some(kind) = self.text(obj, "kind", path) {
            if !QUESTION_KINDS.contains(&kind) {
                self.problem(
                    &member(path, "kind"),
                    format!("unknown kind \"{}\" (expected one of: {})", kind, QUESTION_KINDS.join(", ")),
                );
            }
        }
        self.text(obj, "reference", path);
        if let Some(criteria) = self.array(obj, "criteria", path, 1, "criterion") {
            let base = member(path, "criteria");
            let mut ids = HashMap::new();
            for (i, c) in criteria.iter().enumerate() {
                self.criterion(c, &index(&base, i), &mut ids);
            }
        }
        let mut point_ids = HashMap::new();
        if let Some(points) = self.array(obj, "points", path, 1, "talking point") {
            let base = member(path, "points");
            for (i, p) in points.iter().enumerate() {
                self.point(p, &index(&base, i), &mut point_ids);
            }
        }
        if let Some(wrong) = self.array(obj, "misconceptions", path, 0, "misconception") {
            let base = member(path, "misconceptions");
            let mut ids = HashMap::new();
            for (i, m) in wrong.iter().enumerate() {
                self.misconception(m, &index(&base, i), &mut ids, &point_ids);
            }
        }
        if let Some(examples) = self.array(obj, "examples", path, 0, "example") {
            let base = member(path, "examples");
            for (i, e) in examples.iter().enumerate() {
                self.example(e, &index(&base, i));
            }
        }
    }

    fn criterion(&mut self, v: &Value, path: &str, ids: &mut HashMap<String, String>) {
        let Some(obj) = self.object(v, path, "a criterion", CRITERION_FIELDS) else { return };
        let id = self.ident(obj, "id", path, false);
        self.unique(ids, id, path, "criterion");
        self.text(obj, "name", path);
        self.weight(obj, "weight", path);
        if let Some(signals) = self.array(obj, "signals", path, 1, "signal") {
            let base = member(path, "signals");
            for (i, s) in signals.iter().enumerate() {
                match s.as_str() {
                    Some(name) if SIGNALS.contains(&name) => {}
                    Some(name) => self.problem(
                        &index(&base, i),
                        format!("unknown signal \"{}\" (expected one of: {})", name, SIGNALS.join(", ")),
                    ),
                    None => self.problem(&index(&base, i), format!("expected a string, found {}", type_name(s))),
                }
            }
        }
        if let Some(d) = obj.get("descriptors") {
            let base = member(path, "descriptors");
            let Some(levels) = d.as_object() else {
                self.problem(&base, format!("expected an object with levels \"1\"..\"5\", found {}", type_name(d)));
                return;
            };
            for (level, text) in levels {
                let here = member(&base, level);
                if !LEVELS.contains(&level.as_str()) {
                    self.problem(
                        &here,
                        format!("unknown descriptor level \"{}\" (expected exactly \"1\"..\"5\")", level),
                    );
                    continue;
                }
                match text.as_str() {
                    Some(s) if s.trim().is_empty() => self.problem(&here, "must not be empty"),
                    Some(_) => {}
                    None => self.problem(&here, format!("expected a string, found {}", type_name(text))),
                }
            }
            let missing: Vec<&str> = LEVELS.iter().copied().filter(|l| !levels.contains_key(*l)).collect();
            if !missing.is_empty() {
                self.problem(
                    &base,
                    format!(
                        "missing descriptor level{} {}",
                        if missing.len() == 1 { "" } else { "s" },
                        quoted(&missing)
                    ),
                );
            }
        }
    }

    fn point(&mut self, v: &Value, path: &str, ids: &mut HashMap<String, String>) {
        let Some(obj) = self.object(v, path, "a talking point", POINT_FIELDS) else { return };
        let id = self.ident(obj, "id", path, false);
        self.unique(ids, id, path, "point");
        self.text(obj, "text", path);
        self.strings(obj, "phrases", path, 1, "phrase");
        self.weight(obj, "weight", path);
    }

    fn misconception(
        &mut self,
        v: &Value,
        path: &str,
        ids: &mut HashMap<String, String>,
        points: &HashMap<String, String>,
    ) {
        let Some(obj) = self.object(v, path, "a misconception", MISCONCEPTION_FIELDS) else { return };
        let id = self.ident(obj, "id", path, false);
        self.unique(ids, id, path, "misconception");
        self.text(obj, "claim", path);
        self.strings(obj, "phrases", path, 1, "phrase");
        let base = member(path, "phrases");
        let phrases = obj.get("phrases").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        for (i, ph) in
            phrases.iter().enumerate().filter_map(|(i, v)| Some((i, v.as_str().filter(|s| !s.trim().is_empty())?)))
        {
            // A wording must name at least two content words: one word alone is a topic, not a claim.
            if text::claim_stems(ph).0.len() < MISCONCEPTION_MIN_WORDS {
                self.problem(
                    &index(&base, i),
                    format!(
                        "\"{}\" states no claim: a misconception phrase needs at least {} content words besides negations",
                        ph, MISCONCEPTION_MIN_WORDS
                    ),
                );
            }
        }
        if let Some(point) = self.text(obj, "contradicts", path) {
            if !points.contains_key(point) && !points.is_empty() {
                let mut known: Vec<&str> = points.keys().map(String::as_str).collect();
                crate::sort::sort_by(&mut known, |a, b| a.cmp(b));
                self.problem(
                    &member(path, "contradicts"),
                    format!("no talking point \"{}\" in this question (its points: {})", point, known.join(", ")),
                );
            }
        }
        self.text(obj, "correction", path);
    }

    fn example(&mut self, v: &Value, path: &str) {
        let Some(obj) = self.object(v, path, "an example", EXAMPLE_FIELDS) else { return };
        self.text(obj, "label", path);
        self.text(obj, "answer", path);
        let min = self.number(obj, "min", path);
        let max = self.number(obj, "max", path);
        let in_range = |n: f64| (SCORE_MIN..=SCORE_MAX).contains(&n);
        if let Some(m) = min.filter(|m| !in_range(*m)) {
            self.problem(&member(path, "min"), format!("must be between 0 and 5 (found {})", shortest(m)));
        }
        if let Some(m) = max.filter(|m| !in_range(*m)) {
            self.problem(&member(path, "max"), format!("must be between 0 and 5 (found {})", shortest(m)));
        }
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                self.problem(
                    &member(path, "min"),
                    format!("min {} is greater than max {}", shortest(lo), shortest(hi)),
                );
            }
        }
    }
}

/// Whether a talking-point phrasing collapses, once stopwords are dropped and the rest stemmed as
/// the grader stems it, to nothing but the generic words of interview talk ("the work", "a good
/// approach", "really important things"), or to nothing at all (punctuation only). Such a phrasing
/// would be found in almost any answer, so the point would be credited for saying nothing.
pub fn is_generic_phrase(phrase: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let stemmer = text::stemmer();
    phrase
        .unicode_words()
        .map(text::fold)
        .filter(|w| !lexicon::is_stopword(w))
        .all(|w| lexicon::is_generic_stem(&text::stem_with(&stemmer, &w)))
}

/// Warnings about a valid rubric: things that load and grade, but grade badly. Today one rule:
/// a talking point's text or phrasing that [`is_generic_phrase`] (it would match almost any
/// answer, so the point is credited for saying nothing). Each warning has the JSON path of the
/// phrasing. `rubricate check-rubric` prints them (and fails on them with `--strict`); the page
/// shows them next to an imported rubric.
pub fn lint(rubric: &Rubric) -> Vec<RubricProblem> {
    let mut warnings = Vec::new();
    for (qi, q) in rubric.questions.iter().enumerate() {
        for (pi, p) in q.points.iter().enumerate() {
            let base = format!("$.questions[{}].points[{}]", qi, pi);
            let phrasings = std::iter::once((member(&base, "text"), &p.text))
                .chain(p.phrases.iter().enumerate().map(|(k, ph)| (index(&member(&base, "phrases"), k), ph)));
            for (path, phrase) in phrasings {
                if is_generic_phrase(phrase) {
                    warnings.push(RubricProblem {
                        path,
                        problem: format!(
                            "\"{}\" is only stop words or generic words once stemmed: it would match almost any answer (name what is specific to the point)",
                            phrase
                        ),
                    });
                }
            }
        }
    }
    warnings
}

fn quoted(items: &[&str]) -> String {
    items.iter().map(|s| format!("\"{}\"", s)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn descriptors() -> Value {
        json!({"1": "Misses the point.", "2": "Touches it.", "3": "Adequate.", "4": "Solid.", "5": "Thorough and precise."})
    }

    fn good() -> Value {
        json!({
            "id": "tiny-rubric",
            "title": "Tiny rubric",
            "version": "1.0.0",
            "role": "Tester",
            "questions": [{
                "id": "retries",
                "text": "When should a client retry a failed request?",
                "kind": "technical",
                "reference": "Retry only idempotent operations, with exponential backoff and jitter, and cap the attempts.",
                "criteria": [{"id": "content", "name": "Content", "weight": 1, "signals": ["coverage"], "descriptors": descriptors()}],
                "points": [{"id": "idempotent", "text": "Only idempotent calls", "phrases": ["idempotent"], "weight": 3}],
                "examples": [{"label": "weak", "answer": "Always retry forever.", "min": 0, "max": 2.4}]
            }]
        })
    }

    fn problems(v: &Value) -> Vec<(String, String)> {
        match parse_and_validate(&v.to_string()) {
            Ok(_) => vec![],
            Err(e) => e.problems.into_iter().map(|p| (p.path, p.problem)).collect(),
        }
    }

    fn paths(v: &Value) -> Vec<String> {
        problems(v).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn a_good_rubric_parses() {
        let r = parse_and_validate(&good().to_string()).unwrap();
        assert_eq!(r.id, "tiny-rubric");
        assert_eq!(r.questions[0].points[0].phrases, vec!["idempotent".to_string()]);
        // with a BOM and pretty-printed
        let text = format!("\u{feff}{}", serde_json::to_string_pretty(&good()).unwrap());
        assert!(parse_and_validate(&text).is_ok());
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut v = good();
        v["id"] = json!("Tiny Rubric");
        v["version"] = json!("one");
        v["questions"][0]["kind"] = json!("trivia");
        v["questions"][0]["points"][0]["weight"] = json!(0);
        v["questions"][0]["points"][0]["phrases"] = json!([]);
        v["questions"][0]["criteria"][0]["signals"] = json!(["coverage", "vibes"]);
        v["questions"][0]["examples"][0]["max"] = json!(7);
        v["questions"][0]["colour"] = json!("blue");
        let got = paths(&v);
        for want in [
            "$.id",
            "$.version",
            "$.questions[0].kind",
            "$.questions[0].points[0].weight",
            "$.questions[0].points[0].phrases",
            "$.questions[0].criteria[0].signals[1]",
            "$.questions[0].examples[0].max",
            "$.questions[0].colour",
        ] {
            assert!(got.iter().any(|p| p == want), "no problem at {} in {:?}", want, got);
        }
        assert_eq!(got.len(), 8, "{:?}", problems(&v));
    }

    #[test]
    fn type_errors_name_the_types() {
        let mut v = good();
        v["title"] = json!(42);
        v["questions"][0]["criteria"][0]["weight"] = json!("heavy");
        v["questions"][0]["points"] = json!({"id": "x"});
        let got = problems(&v);
        assert!(got.contains(&("$.title".into(), "expected a string, found a number".into())), "{:?}", got);
        assert!(
            got.contains(&("$.questions[0].criteria[0].weight".into(), "expected a number, found a string".into())),
            "{:?}",
            got
        );
        assert!(
            got.contains(&("$.questions[0].points".into(), "expected an array, found an object".into())),
            "{:?}",
            got
        );
        let got = problems(&json!([1, 2]));
        assert_eq!(got, vec![("$".to_string(), "expected a rubric (an object), found an array".to_string())]);
    }

    #[test]
    fn missing_fields_and_empty_lists() {
        let mut v = good();
        v.as_object_mut().unwrap().remove("role");
        v["questions"][0].as_object_mut().unwrap().remove("reference");
        v["questions"][0]["criteria"] = json!([]);
        let got = problems(&v);
        assert!(
            got.contains(&("$.role".into(), "required field \"role\" is missing from a rubric".into())),
            "{:?}",
            got
        );
        assert!(got.iter().any(|(p, m)| p == "$.questions[0].reference" && m.contains("is missing")), "{:?}", got);
        assert!(got.iter().any(|(p, m)| p == "$.questions[0].criteria" && m.contains("at least 1")), "{:?}", got);
        let mut v = good();
        v["questions"] = json!([]);
        assert_eq!(paths(&v), vec!["$.questions"]);
    }

    #[test]
    fn empty_strings_are_refused() {
        let mut v = good();
        v["title"] = json!("  ");
        v["questions"][0]["text"] = json!("");
        v["questions"][0]["points"][0]["phrases"] = json!(["idempotent", " "]);
        v["questions"][0]["examples"][0]["answer"] = json!("");
        v["questions"][0]["alternatives"] = json!([""]);
        assert_eq!(
            paths(&v),
            vec![
                "$.title",
                "$.questions[0].text",
                "$.questions[0].alternatives[0]",
                "$.questions[0].points[0].phrases[1]",
                "$.questions[0].examples[0].answer"
            ]
        );
    }

    #[test]
    fn duplicate_ids() {
        let mut v = good();
        let q = v["questions"][0].clone();
        v["questions"].as_array_mut().unwrap().push(q);
        let p = v["questions"][1]["points"][0].clone();
        v["questions"][1]["points"].as_array_mut().unwrap().push(p);
        let got = problems(&v);
        assert_eq!(got.len(), 2, "{:?}", got);
        assert_eq!(got[0].0, "$.questions[1].id");
        assert!(got[0].1.contains("first used at $.questions[0].id"), "{:?}", got);
        assert_eq!(got[1].0, "$.questions[1].points[1].id");
    }

    #[test]
    fn descriptors_must_be_exactly_one_to_five() {
        let mut v = good();
        v["questions"][0]["criteria"][0]["descriptors"] = json!({"1": "a", "2": "", "3": 3, "5": "e", "6": "f"});
        let got = problems(&v);
        let at: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            at,
            vec![
                "$.questions[0].criteria[0].descriptors[\"2\"]",
                "$.questions[0].criteria[0].descriptors[\"3\"]",
                "$.questions[0].criteria[0].descriptors[\"6\"]",
                "$.questions[0].criteria[0].descriptors"
            ],
            "{:?}",
            got
        );
        assert!(got[3].1.contains("\"4\""), "{:?}", got);
    }

    #[test]
    fn example_ranges() {
        let mut v = good();
        v["questions"][0]["examples"] = json!([
            {"label": "a", "answer": "x", "min": -1, "max": 2},
            {"label": "b", "answer": "x", "min": 4, "max": 3},
            {"label": "c", "answer": "x", "min": 0, "max": 5},
            {"label": "d", "answer": "x", "min": 5, "max": 5}
        ]);
        assert_eq!(paths(&v), vec!["$.questions[0].examples[0].min", "$.questions[0].examples[1].min"]);
    }

    #[test]
    fn generic_phrasings_are_flagged_with_their_paths() {
        let mut v = good();
        v["questions"][0]["points"][0]["phrases"] =
            json!(["idempotent", "the work", "really good things", "?!", "team approach", "retry budget"]);
        v["questions"][0]["points"][0]["text"] = json!("Important experience");
        // A warning, not an error: the rubric still loads.
        let rubric = parse_and_validate(&v.to_string()).expect("valid");
        let found = lint(&rubric);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "$.questions[0].points[0].text",
                "$.questions[0].points[0].phrases[1]",
                "$.questions[0].points[0].phrases[2]",
                "$.questions[0].points[0].phrases[3]",
                "$.questions[0].points[0].phrases[4]",
            ],
            "{found:#?}"
        );
        assert!(
            found[1].problem.contains("\"the work\"") && found[1].problem.contains("match almost any answer"),
            "{found:#?}"
        );
        assert!(lint(&parse_and_validate(&good().to_string()).expect("valid")).is_empty());
        // Specific phrasings pass, including ones mixing a generic word with a specific one.
        for phrase in ["idempotent", "team topology", "work queue", "99.9", "exponential backoff"] {
            assert!(!is_generic_phrase(phrase), "{phrase} flagged");
        }
        // Stemming decides: "projections" stems to "project", which any answer may say.
        for phrase in ["the work", "Working", "a good approach", "things", "...", "learned a lot", "projections"] {
            assert!(is_generic_phrase(phrase), "{phrase} not flagged");
        }
    }

    #[test]
    fn weights_must_be_positive() {
        let mut v = good();
        v["questions"][0]["criteria"][0]["weight"] = json!(-0.5);
        v["questions"][0]["points"][0]["weight"] = json!(0.0);
        assert_eq!(paths(&v), vec!["$.questions[0].criteria[0].weight", "$.questions[0].points[0].weight"]);
        // numbers beyond f64 are a syntax error from the parser, not a panic
        let text = good().to_string().replace("\"weight\":3", "\"weight\":1e999");
        assert!(parse_and_validate(&text).is_err());
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = parse_and_validate("{\n  \"id\": \"x\",\n  \"title\": oops\n}").unwrap_err();
        assert_eq!(e.problems.len(), 1);
        let msg = &e.problems[0].problem;
        assert!(msg.starts_with("JSON syntax error"), "{}", msg);
        assert!(msg.contains("line 3, column 12"), "{}", msg);
        let e = parse_and_validate("{\"id\": \"x\",").unwrap_err();
        assert!(e.problems[0].problem.starts_with("JSON ends too early"), "{:?}", e);
        assert_eq!(parse_and_validate("   ").unwrap_err().problems[0].problem, "rubric is empty");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse_and_validate(&deep).unwrap_err();
        assert!(e.problems[0].problem.contains("nested too deeply"), "{:?}", e);
        assert!(e.problems[0].problem.contains("column 33"), "{:?}", e);
        // brackets inside strings do not count
        let mut v = good();
        v["description"] = json!("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{ \\\" [[[[");
        assert!(parse_and_validate(&v.to_string()).is_ok());
    }

    #[test]
    fn oversize_is_refused() {
        let mut v = good();
        v["description"] = json!("x".repeat(MAX_RUBRIC_BYTES));
        let e = parse_and_validate(&v.to_string()).unwrap_err();
        assert!(e.problems[0].problem.contains("too large"), "{:?}", e);
    }

    #[test]
    fn odd_keys_are_quoted_in_paths() {
        let mut v = good();
        v["questions"][0]["points"][0]["weird key\""] = json!(1);
        assert_eq!(paths(&v), vec!["$.questions[0].points[0][\"weird key\\\"\"]"]);
    }

    #[test]
    fn behavioural_spelling_and_versions() {
        let mut v = good();
        v["questions"][0]["kind"] = json!("behavioural");
        v["version"] = json!("2.1");
        assert!(paths(&v).is_empty());
        for ok in ["1.0.0", "0.1", "10.20.30", "1.0.0-draft.1", "1.0.0+build.5"] {
            assert!(is_semverish(ok), "{}", ok);
        }
        for bad in ["", "1", "v1.0", "1.0.0.0", "01.0.0", "1..0", "1.0-", "1.0.0+"] {
            assert!(!is_semverish(bad), "{}", bad);
        }
        assert!(
            is_kebab("cloud-architect") && is_kebab("q1") && !is_kebab("-a") && !is_kebab("a--b") && !is_kebab("A")
        );
    }

    #[test]
    fn misconceptions_are_checked_with_paths() {
        let mut v = good();
        v["questions"][0]["misconceptions"] = json!([
            {"id": "any-call", "claim": "Retry every call", "phrases": ["retry every call"], "contradicts": "idempotent",
             "correction": "Only idempotent calls are safe to repeat."},
            {"id": "any-call", "claim": "Retry", "phrases": ["retry", " "], "contradicts": "nope", "correction": ""},
            {"id": "x", "claim": "c", "phrases": ["of the"], "contradicts": "idempotent", "correction": "d", "extra": 1}
        ]);
        let got = problems(&v);
        let at = |p: &str| got.iter().filter(|(path, _)| path == p).map(|(_, m)| m.as_str()).collect::<Vec<_>>();
        assert_eq!(at("$.questions[0].misconceptions[1].id").len(), 1, "{got:?}");
        assert!(at("$.questions[0].misconceptions[1].phrases[0]")[0].contains("at least 2 content words"), "{got:?}");
        assert_eq!(at("$.questions[0].misconceptions[1].phrases[1]"), vec!["must not be empty"]);
        assert_eq!(
            at("$.questions[0].misconceptions[1].contradicts"),
            vec!["no talking point \"nope\" in this question (its points: idempotent)"]
        );
        assert_eq!(at("$.questions[0].misconceptions[1].correction"), vec!["must not be empty"]);
        assert_eq!(at("$.questions[0].misconceptions[2].extra").len(), 1, "{got:?}");
        assert!(at("$.questions[0].misconceptions[0].id").is_empty());
        // "a b c" is stop words only: no content word, no claim.
        assert_eq!(at("$.questions[0].misconceptions[2].phrases[0]").len(), 1, "{got:?}");
    }

    #[test]
    fn schema_matches_the_validator() {
        let schema: Value = serde_json::from_str(include_str!("../../rubrics/rubric.schema.json")).unwrap();
        let check = |node: &Value, fields: &[(&str, Need)], what: &str| {
            let mut props: Vec<&str> = node["properties"].as_object().unwrap().keys().map(|k| k.as_str()).collect();
            let mut want: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
            props.sort();
            want.sort();
            assert_eq!(props, want, "properties of {}", what);
            let mut required: Vec<&str> =
                node["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let mut want: Vec<&str> = fields.iter().filter(|(_, n)| *n == Required).map(|(n, _)| *n).collect();
            required.sort();
            want.sort();
            assert_eq!(required, want, "required fields of {}", what);
            assert_eq!(node["additionalProperties"], json!(false), "{} must refuse unknown fields", what);
        };
        check(&schema, RUBRIC_FIELDS, "rubric");
        let defs = &schema["$defs"];
        check(&defs["question"], QUESTION_FIELDS, "question");
        check(&defs["criterion"], CRITERION_FIELDS, "criterion");
        check(&defs["point"], POINT_FIELDS, "point");
        check(&defs["misconception"], MISCONCEPTION_FIELDS, "misconception");
        check(&defs["example"], EXAMPLE_FIELDS, "example");
        assert_eq!(defs["question"]["properties"]["kind"]["enum"], json!(QUESTION_KINDS));
        assert_eq!(defs["criterion"]["properties"]["signals"]["items"]["enum"], json!(SIGNALS));
        assert_eq!(defs["criterion"]["properties"]["descriptors"]["required"], json!(LEVELS));
        // and what the model writes back out is a valid rubric equal to the one read
        let r = parse_and_validate(&good().to_string()).unwrap();
        assert_eq!(parse_and_validate(&serde_json::to_string(&r).unwrap()).unwrap(), r);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_text_never_panics(s in "[\\[\\]{}\":,0-9a-z \\\\]{0,200}") {
                if let Err(e) = parse_and_validate(&s) {
                    prop_assert!(!e.problems.is_empty());
                }
            }
        }
    }
}
