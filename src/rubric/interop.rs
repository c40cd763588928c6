//! Rubric interchange: Canvas LMS rubric JSON and Prometheus-style (LLM-judge) score rubrics, in
//! and out.
//!
//! # Canvas
//! A Canvas rubric is a title and a flat list of criteria, each with a `description`, a
//! `long_description`, `points` and `ratings` (`description`, `long_description`, `points`).
//! [`from_canvas`] reads the shapes Canvas returns and accepts:
//! - the rubric object of the API (`{"title", "points_possible", "data": [criterion, …]}`);
//! - `criteria` instead of `data`, as an array or as the indexed hash the create endpoint takes
//!   (`{"0": {…}, "1": {…}}`, ratings likewise);
//! - either wrapped as `{"rubric": {…}}` (the create request body, or the create response with
//!   its `rubric_association`), or a one-element array (a list response);
//! - points as numbers or numeric strings (form parameters).
//!
//! [`to_canvas`] writes the API rubric object. Each question becomes, in order:
//! - a **question row** (0 points): `description` = the question, `long_description` = the model
//!   answer; one rating "Not scored";
//! - a row per **criterion**: `description` = its name, five ratings 5..1 whose `long_description`
//!   is the descriptor of that level (points = level);
//! - a row per **talking point**: `description` = its text, points = its weight, ratings
//!   Full / Partial / None (weight, half, 0).
//!
//! What Canvas has no field for travels in a marker line at the end of each row's
//! `long_description`: `[rubricate] {json}` (ids, kind, alternatives, criterion weights and
//! signals, talking-point phrases; on the first question row also the rubric id, version, role
//! and description). Canvas keeps `long_description` text as written, so a rubric exported,
//! uploaded, downloaded and imported again keeps them. The visible fields win over the marker
//! (a point's text and weight are read from `description` and `points`, so edits made in Canvas
//! are kept). Example answers are not exported: Canvas has no place for graded sample answers.
//!
//! A Canvas rubric without markers (written in Canvas) becomes one question: its title is the
//! question, every criterion a talking point (phrases drawn from its descriptions, weight 1–3 in
//! proportion to its points), the model answer is composed from the criteria and their top
//! ratings, and the criteria are the drafted defaults of [`super::draft`].
//!
//! # Prometheus
//! A Prometheus score rubric is `{"criteria", "score1_description", …, "score5_description"}`,
//! optionally with the instruction (`orig_instruction` or `question`) and a reference answer
//! (`orig_reference_answer` or `reference_answer`); the `orig_`-prefixed spellings of the rubric
//! fields are read too, and other fields (responses, feedback, scores) are ignored. One object or an
//! array of them. Each item is one question: the instruction is its text (else the criteria), the
//! reference its model answer (else the score-5 description), and the criterion that weighs most
//! carries the Prometheus criteria as its name and the five score descriptions as its descriptors.
//! Talking points, kind and the other criteria are drafted ([`super::draft::draft_question`]).
//! [`to_prometheus`] writes an array, one item per question; ids, kinds, alternatives, talking
//! points, the other criteria and examples have no place in the format and are not written.
//!
//! Every importer returns a rubric that passes [`super::parse_and_validate`], or every problem
//! found in the input, each with its JSON path (`$.data[3].points`).

use super::draft::{self, slug, unique_id};
use super::model::{Criterion, Misconception, Point, Question, Rubric};
use super::validate::{
    is_kebab, is_semverish, member, syntax_error, type_name, LEVELS, MAX_RUBRIC_BYTES, QUESTION_KINDS, SIGNALS,
};
use crate::error::{RubricError, RubricProblem};
use crate::transcript;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

/// Largest Canvas or Prometheus document read, in bytes (32 MiB). Larger than a rubric may be
/// ([`MAX_RUBRIC_BYTES`]) because a Canvas export spells every talking point out as a row with three
/// ratings: a rubric at the size limit exported to Canvas must still import again.
pub const MAX_IMPORT_BYTES: usize = 16 * MAX_RUBRIC_BYTES;

/// The start of the line that carries what Canvas has no field for.
pub const MARKER: &str = "[rubricate] ";
/// What the question row's `long_description` starts with before the model answer.
const MODEL_ANSWER: &str = "Model answer: ";
/// Labels of the five criterion ratings, level 5 first.
const LEVEL_LABELS: [&str; 5] = ["Excellent", "Good", "Adequate", "Weak", "Poor"];

/// The formats `rubricate convert` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rubricate,
    Canvas,
    Prometheus,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Rubricate => "rubricate",
            Format::Canvas => "canvas",
            Format::Prometheus => "prometheus",
        }
    }
}

impl Format {
    /// The format named `name` (`rubricate`, `canvas`, `prometheus`; any case), if any.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "rubricate" => Some(Format::Rubricate),
            "canvas" => Some(Format::Canvas),
            "prometheus" => Some(Format::Prometheus),
            _ => None,
        }
    }
}

/// Tells which format a rubric document is in, from its shape: `questions` makes a Rubricate
/// rubric, `score1_description` (or `orig_score1_description`) a Prometheus one, `data`,
/// `criteria` (an array or indexed hash) or a `{"rubric": {…}}` wrapper a Canvas one, and an
/// object with other rubric fields (`id`, `title`, …) a Rubricate one again; an array is judged by
/// its first item. Invalid JSON and unrecognised shapes are problems at `$`.
pub fn detect(json: &str) -> Result<Format, RubricError> {
    let value = parse_json(json, "the rubric")?;
    let (first, path) = match &value {
        Value::Array(items) => match items.first() {
            Some(v) => (v, "$[0]"),
            None => return Err(RubricError::one("$", "expected a rubric, found an empty array")),
        },
        v => (v, "$"),
    };
    let Some(obj) = first.as_object() else {
        return Err(RubricError::one(path, format!("expected a rubric (an object), found {}", type_name(first))));
    };
    let has = |k: &str| obj.contains_key(k);
    if has("questions") && !value.is_array() {
        Ok(Format::Rubricate)
    } else if has("score1_description")
        || has("orig_score1_description")
        || obj.get("criteria").is_some_and(Value::is_string)
    {
        Ok(Format::Prometheus)
    } else if has("data") || has("criteria") || is_wrapper(first) {
        Ok(Format::Canvas)
    } else if !value.is_array() && super::validate::RUBRIC_FIELDS.iter().any(|(k, _)| has(k)) {
        // A Rubricate rubric missing its questions: the validator then lists everything missing.
        Ok(Format::Rubricate)
    } else {
        Err(RubricError::one(
            path,
            "cannot tell the rubric's format: expected \"questions\" (Rubricate), \"data\" or \"criteria\" (Canvas), or \"score1_description\" (Prometheus)",
        ))
    }
}

/// Reads a rubric in whichever format [`detect`] finds, and says which.
pub fn import_detected(json: &str) -> Result<(Format, Rubric), RubricError> {
    let format = detect(json)?;
    import(format, json).map(|r| (format, r))
}

/// Reads a rubric in `format`.
pub fn import(format: Format, json: &str) -> Result<Rubric, RubricError> {
    match format {
        Format::Rubricate => super::parse_and_validate(json),
        Format::Canvas => from_canvas(json),
        Format::Prometheus => from_prometheus(json),
    }
}

/// Writes a rubric in `format`.
pub fn export(format: Format, rubric: &Rubric) -> Value {
    match format {
        Format::Rubricate => serde_json::to_value(rubric).unwrap_or(Value::Null),
        Format::Canvas => to_canvas(rubric),
        Format::Prometheus => to_prometheus(rubric),
    }
}

/// Reads `json` in one format and writes it in another (pretty-printed JSON).
pub fn convert(from: Format, to: Format, json: &str) -> Result<String, RubricError> {
    let rubric = import(from, json)?;
    serde_json::to_string_pretty(&export(to, &rubric))
        .map_err(|e| RubricError::one("$", format!("cannot write JSON: {}", e)))
}

// ---------------------------------------------------------------------------------------------
// Shared reading helpers

/// Problems found so far, each with its JSON path.
#[derive(Default)]
struct Problems(Vec<RubricProblem>);

impl Problems {
    fn add(&mut self, path: &str, problem: impl Into<String>) {
        self.0.push(RubricProblem { path: path.to_string(), problem: problem.into() });
    }
    fn into_result<T>(self, value: T) -> Result<T, RubricError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(RubricError { problems: self.0 })
        }
    }
}

/// Parses JSON text with the rubric size limit, a byte order mark allowed, syntax errors located.
fn parse_json(json: &str, what: &str) -> Result<Value, RubricError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_IMPORT_BYTES {
        return Err(RubricError::one(
            "$",
            format!("{} is too large ({} bytes; the limit is {} bytes)", what, json.len(), MAX_IMPORT_BYTES),
        ));
    }
    if json.trim().is_empty() {
        return Err(RubricError::one("$", format!("{} is empty", what)));
    }
    serde_json::from_str(json).map_err(syntax_error)
}

/// An optional string field: absent and `null` are `None`; another type is a problem.
fn opt_string(obj: &Map<String, Value>, key: &str, path: &str, problems: &mut Problems) -> Option<String> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            problems.add(&member(path, key), format!("expected a string, found {}", type_name(other)));
            None
        }
    }
}

/// The first of `keys` present (and not null) in `obj`, with its name.
fn first_key<'a>(obj: &'a Map<String, Value>, keys: &[&'a str]) -> Option<(&'a str, &'a Value)> {
    keys.iter().find_map(|k| obj.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))
}

/// A number, or a string holding one (Canvas form parameters); `None` when absent or null.
fn opt_number(obj: &Map<String, Value>, key: &str, path: &str, problems: &mut Problems) -> Option<f64> {
    let here = member(path, key);
    let n = match obj.get(key)? {
        Value::Null => return None,
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.trim().parse::<f64>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.add(&here, format!("expected a number, found the string {:?}", s));
                return None;
            }
        },
        other => {
            problems.add(&here, format!("expected a number, found {}", type_name(other)));
            return None;
        }
    };
    match n {
        Some(n) if n.is_finite() && n >= 0.0 => Some(n),
        Some(n) if n.is_finite() => {
            problems.add(&here, format!("must not be negative (found {})", n));
            None
        }
        _ => {
            problems.add(&here, "must be a finite number");
            None
        }
    }
}

/// The items of a list given as an array or as an indexed hash (`{"0": …, "1": …}`, numeric keys
/// in numeric order, others after them by name), each with its path.
fn list_items<'v>(v: &'v Value, path: &str, what: &str, problems: &mut Problems) -> Option<Vec<(String, &'v Value)>> {
    match v {
        Value::Array(items) => {
            Some(items.iter().enumerate().map(|(i, item)| (format!("{}[{}]", path, i), item)).collect())
        }
        Value::Object(map) => {
            let mut keyed: Vec<(&String, &Value)> = map.iter().collect();
            crate::sort::sort_by(&mut keyed, |(a, _), (b, _)| match (a.parse::<u64>(), b.parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                (Ok(_), Err(_)) => std::cmp::Ordering::Less,
                (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
                (Err(_), Err(_)) => a.cmp(b),
            });
            Some(keyed.into_iter().map(|(k, item)| (member(path, k), item)).collect())
        }
        other => {
            problems
                .add(path, format!("expected {} (an array or an indexed object), found {}", what, type_name(other)));
            None
        }
    }
}

/// A kebab-case id from `wanted` (kept when already kebab-case, else slugged), unique in `taken`.
fn clean_id(taken: &mut HashSet<String>, wanted: &str, fallback: &str) -> String {
    let id = if is_kebab(wanted) { wanted.to_string() } else { slug(wanted, 6, fallback) };
    unique_id(taken, id)
}

/// The criterion a question's level descriptors come from: the one weighing most (the first of
/// equals), as grading uses it.
pub fn main_criterion(q: &Question) -> Option<&Criterion> {
    q.criteria.iter().filter(|c| c.weight.is_finite()).fold(None, |best: Option<&Criterion>, c| match best {
        Some(b) if b.weight >= c.weight => Some(b),
        _ => Some(c),
    })
}

/// Checks the rubric an importer built. It is valid by construction; this guards the promise.
fn finish(rubric: Rubric) -> Result<Rubric, RubricError> {
    let json = serde_json::to_string(&rubric)
        .map_err(|e| RubricError::one("$", format!("cannot write the converted rubric: {}", e)))?;
    super::parse_and_validate(&json).map_err(|e| RubricError {
        problems: e
            .problems
            .into_iter()
            .map(|p| RubricProblem {
                path: "$".to_string(),
                problem: format!("the converted rubric is invalid at {}: {}", p.path, p.problem),
            })
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Canvas

/// What a Canvas row's marker holds. Every field is optional: which are present says what the row is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Marker {
    /// The question the row belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    question: Option<String>,
    /// On a question row: its kind and alternative phrasings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<String>,
    /// On the first question row: the rubric's own fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rubric: Option<RubricMeta>,
    /// On a criterion row: its id, weight and signals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    criterion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signals: Vec<String>,
    /// On a talking-point row: its id and phrases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    point: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    phrases: Vec<String>,
    /// On a talking-point row: the common wrong claims that contradict it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    misconceptions: Vec<MarkerMisconception>,
}

/// A misconception on its talking point's row (the point it contradicts is the row's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct MarkerMisconception {
    id: String,
    claim: String,
    phrases: Vec<String>,
    correction: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct RubricMeta {
    id: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
}

fn marker_line(m: &Marker) -> String {
    format!("{}{}", MARKER, serde_json::to_string(m).unwrap_or_else(|_| "{}".to_string()))
}

/// Splits a `long_description` into its visible text and its marker (if its last line is one).
fn split_marker(long: &str, path: &str, problems: &mut Problems) -> (String, Option<Marker>) {
    let trimmed = long.trim_end();
    let (body, last) = match trimmed.rfind('\n') {
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => ("", trimmed),
    };
    let last = last.trim();
    let Some(data) = last.strip_prefix(MARKER.trim_end()) else { return (long.trim().to_string(), None) };
    match serde_json::from_str::<Marker>(data.trim()) {
        Ok(m) => (body.trim().to_string(), Some(m)),
        Err(e) => {
            problems.add(path, format!("the {} line is not valid: {}", MARKER.trim_end(), e));
            (body.trim().to_string(), None)
        }
    }
}

/// A Canvas rating as read.
#[derive(Debug, Clone)]
struct Rating {
    description: String,
    long: String,
    points: f64,
}

/// A Canvas criterion row as read.
#[derive(Debug, Clone)]
struct Row {
    description: String,
    long: String,
    points: Option<f64>,
    ratings: Vec<Rating>,
    marker: Option<Marker>,
    path: String,
}

/// A question being assembled from rows.
#[derive(Debug, Default)]
struct Draft {
    id: Option<String>,
    text: Option<String>,
    reference: Option<String>,
    kind: Option<String>,
    alternatives: Vec<String>,
    criteria: Vec<Criterion>,
    points: Vec<Point>,
    misconceptions: Vec<Misconception>,
    /// Rows written without a marker (talking points of a rubric made in Canvas).
    foreign: Vec<Row>,
}

/// Reads a Canvas LMS rubric (see the module documentation for the shapes accepted).
pub fn from_canvas(json: &str) -> Result<Rubric, RubricError> {
    let value = parse_json(json, "the Canvas rubric")?;
    let mut problems = Problems::default();
    let (rubric, path) = locate_canvas(&value)?;
    let Some(obj) = rubric.as_object() else {
        return Err(RubricError::one(
            &path,
            format!("expected a Canvas rubric (an object), found {}", type_name(rubric)),
        ));
    };
    let title = opt_string(obj, "title", &path, &mut problems).map(|t| t.trim().to_string()).unwrap_or_default();
    if title.is_empty() && !problems.0.iter().any(|p| p.path == member(&path, "title")) {
        problems.add(&member(&path, "title"), "a Canvas rubric needs a non-empty \"title\"");
    }
    let rows = match first_key(obj, &["data", "criteria"]) {
        Some((key, list)) => read_rows(list, &member(&path, key), &mut problems),
        None => {
            problems.add(&member(&path, "data"), "a Canvas rubric needs its criteria in \"data\" (or \"criteria\")");
            Vec::new()
        }
    };
    if !problems.0.is_empty() {
        return Err(RubricError { problems: problems.0 });
    }
    let rubric = assemble(&title, rows, &mut problems);
    problems.into_result(())?;
    finish(rubric)
}

/// Finds the rubric object in a Canvas document: itself, `{"rubric": …}`, or a one-element list.
fn locate_canvas(value: &Value) -> Result<(&Value, String), RubricError> {
    match value {
        Value::Array(items) => match items.as_slice() {
            [] => Err(RubricError::one("$", "expected a Canvas rubric, found an empty array")),
            [one] => Ok((unwrap_rubric(one), wrapped_path(one, "$[0]"))),
            more => Err(RubricError::one(
                "$",
                format!("found {} Canvas rubrics in an array; convert one at a time", more.len()),
            )),
        },
        other => Ok((unwrap_rubric(other), wrapped_path(other, "$"))),
    }
}

fn is_wrapper(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.get("rubric").is_some_and(Value::is_object) && !o.contains_key("data") && !o.contains_key("criteria")
    })
}

fn unwrap_rubric(v: &Value) -> &Value {
    if is_wrapper(v) {
        &v["rubric"]
    } else {
        v
    }
}

fn wrapped_path(v: &Value, path: &str) -> String {
    if is_wrapper(v) {
        member(path, "rubric")
    } else {
        path.to_string()
    }
}

fn read_rows(list: &Value, path: &str, problems: &mut Problems) -> Vec<Row> {
    let Some(items) = list_items(list, path, "a list of criteria", problems) else { return Vec::new() };
    if items.is_empty() {
        problems.add(path, "a Canvas rubric needs at least one criterion");
    }
    let mut rows = Vec::new();
    for (here, item) in items {
        let Some(obj) = item.as_object() else {
            problems.add(&here, format!("expected a criterion (an object), found {}", type_name(item)));
            continue;
        };
        let description =
            opt_string(obj, "description", &here, problems).map(|s| s.trim().to_string()).unwrap_or_default();
        let long_raw = opt_string(obj, "long_description", &here, problems).unwrap_or_default();
        let (long, marker) = split_marker(&long_raw, &member(&here, "long_description"), problems);
        let points = opt_number(obj, "points", &here, problems);
        let mut ratings = Vec::new();
        if let Some(list) = obj.get("ratings").filter(|v| !v.is_null()) {
            let rpath = member(&here, "ratings");
            for (rhere, r) in list_items(list, &rpath, "a list of ratings", problems).unwrap_or_default() {
                let Some(robj) = r.as_object() else {
                    problems.add(&rhere, format!("expected a rating (an object), found {}", type_name(r)));
                    continue;
                };
                let description =
                    opt_string(robj, "description", &rhere, problems).map(|s| s.trim().to_string()).unwrap_or_default();
                let long = opt_string(robj, "long_description", &rhere, problems)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default();
                match opt_number(robj, "points", &rhere, problems) {
                    Some(points) => ratings.push(Rating { description, long, points }),
                    None if !robj.contains_key("points") || robj["points"].is_null() => {
                        problems.add(&member(&rhere, "points"), "a rating needs \"points\"")
                    }
                    None => {}
                }
            }
        }
        let is_question_row = marker.as_ref().is_some_and(|m| m.criterion.is_none() && m.point.is_none());
        if description.is_empty() && long.is_empty() && !is_question_row {
            problems.add(&member(&here, "description"), "a criterion needs a description");
        }
        if points.is_none() && ratings.is_empty() && obj.get("points").is_none_or(Value::is_null) && !is_question_row {
            problems.add(&member(&here, "points"), "a criterion needs \"points\" (or ratings with points)");
        }
        rows.push(Row { description, long, points, ratings, marker, path: here });
    }
    rows
}

/// Builds the rubric from the rows: marked rows go to their question, unmarked rows to the
/// question of the row before them (or to one question named after the title).
fn assemble(title: &str, rows: Vec<Row>, problems: &mut Problems) -> Rubric {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut meta: Option<RubricMeta> = None;
    let mut current: Option<usize> = None;
    for row in rows {
        let question = row.marker.as_ref().and_then(|m| m.question.clone());
        let slot = match &question {
            Some(qid) => match drafts.iter().position(|d| d.id.as_deref() == Some(qid.as_str())) {
                Some(i) => i,
                None => {
                    drafts.push(Draft { id: Some(qid.clone()), ..Draft::default() });
                    drafts.len() - 1
                }
            },
            None => match current {
                Some(i) => i,
                None => {
                    drafts.push(Draft::default());
                    drafts.len() - 1
                }
            },
        };
        current = Some(slot);
        let d = &mut drafts[slot];
        let Some(m) = row.marker.clone() else {
            d.foreign.push(row);
            continue;
        };
        if let Some(pid) = &m.point {
            let weight = match row.points.or_else(|| row.ratings.iter().map(|r| r.points).reduce(f64::max)) {
                Some(w) if w > 0.0 => w,
                _ => {
                    problems.add(
                        &member(&row.path, "points"),
                        "a talking point needs more than 0 points (its points are its weight)",
                    );
                    continue;
                }
            };
            let text = if row.description.is_empty() { row.long.clone() } else { row.description.clone() };
            let mut phrases: Vec<String> = m.phrases.iter().filter(|p| !p.trim().is_empty()).cloned().collect();
            if phrases.is_empty() {
                phrases.push(text.to_lowercase());
            }
            d.points.push(Point { id: pid.clone(), text, phrases, weight });
            d.misconceptions.extend(m.misconceptions.iter().map(|w| Misconception {
                id: w.id.clone(),
                claim: w.claim.clone(),
                phrases: w.phrases.clone(),
                contradicts: pid.clone(),
                correction: w.correction.clone(),
            }));
        } else if let Some(cid) = &m.criterion {
            let name = if row.description.is_empty() { cid.clone() } else { row.description.clone() };
            let weight = m.weight.filter(|w| w.is_finite() && *w > 0.0).unwrap_or(1.0);
            let mut signals: Vec<String> =
                m.signals.iter().filter(|s| SIGNALS.contains(&s.as_str())).cloned().collect();
            if signals.is_empty() {
                signals.push("coverage".to_string());
            }
            let descriptors = descriptors_from(&row.ratings, cid);
            d.criteria.push(Criterion { id: cid.clone(), name, weight, signals, descriptors });
        } else {
            if !row.description.is_empty() {
                d.text = Some(row.description.clone());
            }
            let reference = row.long.strip_prefix(MODEL_ANSWER.trim_end()).unwrap_or(&row.long).trim().to_string();
            if !reference.is_empty() {
                d.reference = Some(reference);
            }
            d.kind = m.kind.clone();
            d.alternatives = m.alternatives.iter().filter(|a| !a.trim().is_empty()).cloned().collect();
            if meta.is_none() {
                meta = m.rubric.clone();
            }
        }
    }
    let mut question_ids = HashSet::new();
    let questions: Vec<Question> = drafts.into_iter().map(|d| finish_question(d, title, &mut question_ids)).collect();
    let meta = meta.unwrap_or_default();
    Rubric {
        id: if is_kebab(&meta.id) { meta.id } else { slug(title, 6, "canvas-rubric") },
        title: title.to_string(),
        version: if is_semverish(&meta.version) { meta.version } else { "1.0.0".to_string() },
        role: if meta.role.trim().is_empty() { title.to_string() } else { meta.role.clone() },
        description: if meta.description.is_empty() && meta.role.is_empty() {
            "Imported from a Canvas rubric.".to_string()
        } else {
            meta.description
        },
        questions,
    }
}

/// Completes a question: foreign rows become talking points, gaps are filled, ids made valid.
fn finish_question(mut d: Draft, title: &str, question_ids: &mut HashSet<String>) -> Question {
    let text = d.text.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| title.to_string());
    let kind = d
        .kind
        .as_deref()
        .filter(|k| QUESTION_KINDS.contains(k))
        .map(str::to_string)
        .unwrap_or_else(|| draft::rubric_kind(transcript::classify(&text)).as_str().to_string());
    // Talking points written in Canvas: weight in proportion to points, phrases from the wording.
    let top = d.foreign.iter().filter_map(|r| r.points).fold(0.0f64, f64::max);
    let question_stems: HashSet<String> = crate::text::content_stems(&text).into_iter().collect();
    let mut composed: Vec<String> = Vec::new();
    for row in &d.foreign {
        let best = row.ratings.iter().filter(|r| !r.long.is_empty()).max_by(|a, b| a.points.total_cmp(&b.points));
        let label = if row.description.is_empty() {
            crate::text::excerpt::shorten(&row.long, 80)
        } else {
            row.description.clone()
        };
        let mut sentence = label.clone();
        if !row.long.is_empty() && row.long != label {
            sentence = format!("{}: {}", sentence.trim_end_matches(['.', ':']), row.long);
        }
        if let Some(r) = best {
            sentence = format!("{} {}", sentence.trim_end_matches('.'), r.long);
        }
        composed.push(ensure_period(&sentence));
        let weight = match (row.points, top > 0.0) {
            (Some(p), true) => (3.0 * p / top).ceil().clamp(1.0, 3.0),
            _ => 2.0,
        };
        let mut phrases: Vec<String> = Vec::new();
        if label.split_whitespace().count() <= 6 {
            phrases.push(label.to_lowercase().trim_end_matches('.').to_string());
        }
        for p in draft::key_phrases(&format!("{}. {}", label, row.long), &question_stems, 4) {
            if phrases.len() >= 5 {
                break;
            }
            if !phrases.contains(&p) {
                phrases.push(p);
            }
        }
        phrases.retain(|p| !p.trim().is_empty());
        if phrases.is_empty() {
            phrases.push(label.to_lowercase());
        }
        d.points.push(Point { id: slug(&label, 4, "point"), text: label, phrases, weight });
    }
    let reference = d
        .reference
        .clone()
        .filter(|r| !r.trim().is_empty())
        .or_else(|| (!composed.is_empty()).then(|| composed.join(" ")))
        .or_else(|| {
            (!d.points.is_empty())
                .then(|| d.points.iter().map(|p| ensure_period(&p.text)).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| text.clone());
    let qkind = transcript::QuestionKind::parse(&kind).unwrap_or(transcript::QuestionKind::Other);
    if d.criteria.is_empty() {
        d.criteria = draft::default_criteria(qkind);
    }
    if d.points.is_empty() {
        d.points = draft::draft_points(&text, &reference);
    }
    if d.points.is_empty() {
        // a reference with no content words at all: the question itself is the one point
        d.points.push(Point {
            id: "answer".to_string(),
            text: text.clone(),
            phrases: vec![text.to_lowercase()],
            weight: 1.0,
        });
    }
    let mut ids = HashSet::new();
    for c in &mut d.criteria {
        c.id = clean_id(&mut ids, &c.id, "criterion");
        c.name = if c.name.trim().is_empty() { c.id.clone() } else { c.name.clone() };
    }
    let mut ids = HashSet::new();
    let mut renamed: Vec<(String, String)> = Vec::new();
    for p in &mut d.points {
        let was = p.id.clone();
        p.id = clean_id(&mut ids, &p.id, "point");
        renamed.push((was, p.id.clone()));
        if p.text.trim().is_empty() {
            p.text = p.phrases.first().cloned().unwrap_or_else(|| p.id.clone());
        }
    }
    // Misconceptions follow their point's id; those that would not validate (no claim, no
    // correction, or a wording of fewer than two content words) are left out.
    let mut ids = HashSet::new();
    let misconceptions: Vec<Misconception> = std::mem::take(&mut d.misconceptions)
        .into_iter()
        .filter_map(|mut m| {
            m.contradicts = renamed.iter().find(|(was, _)| *was == m.contradicts)?.1.clone();
            m.phrases.retain(|ph| crate::text::claim_stems(ph).0.len() >= super::validate::MISCONCEPTION_MIN_WORDS);
            if m.phrases.is_empty() || m.claim.trim().is_empty() || m.correction.trim().is_empty() {
                return None;
            }
            m.id = clean_id(&mut ids, &m.id, "misconception");
            Some(m)
        })
        .collect();
    let wanted = d.id.clone().unwrap_or_else(|| slug(&text, 4, "question"));
    Question {
        id: clean_id(question_ids, &wanted, "question"),
        text,
        alternatives: d.alternatives,
        kind,
        reference,
        criteria: d.criteria,
        points: d.points,
        misconceptions,
        examples: Vec::new(),
    }
}

fn ensure_period(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{}.", s)
    }
}

/// Five level descriptors from a row's ratings: five ratings map to levels 5..1 by points; other
/// counts are spread over the levels by where each level falls between the lowest and highest
/// points. Without ratings, the drafted defaults of a criterion with that id.
fn descriptors_from(ratings: &[Rating], criterion_id: &str) -> BTreeMap<String, String> {
    let text_of = |r: &Rating| if r.long.is_empty() { r.description.clone() } else { r.long.clone() };
    let mut sorted: Vec<&Rating> = ratings.iter().filter(|r| !text_of(r).trim().is_empty()).collect();
    crate::sort::sort_by(&mut sorted, |a, b| a.points.total_cmp(&b.points)); // stable: equal points keep their order
    if sorted.is_empty() {
        let defaults = draft::default_criteria(transcript::QuestionKind::Technical);
        let pick = defaults.iter().find(|c| c.id == criterion_id).unwrap_or(&defaults[0]);
        return pick.descriptors.clone();
    }
    if sorted.len() == LEVELS.len() {
        return LEVELS.iter().zip(sorted).map(|(l, r)| (l.to_string(), text_of(r))).collect();
    }
    let lo = sorted.first().map_or(0.0, |r| r.points);
    let hi = sorted.last().map_or(0.0, |r| r.points);
    LEVELS
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let target = lo + (hi - lo) * i as f64 / 4.0;
            let nearest = sorted
                .iter()
                .min_by(|a, b| (a.points - target).abs().total_cmp(&(b.points - target).abs()))
                .map(|r| text_of(r))
                .unwrap_or_default();
            (l.to_string(), nearest)
        })
        .collect()
}

/// Writes a rubric as a Canvas LMS rubric object (the shape the Canvas API returns: `title`,
/// `points_possible`, `data`). See the module documentation for the layout.
pub fn to_canvas(rubric: &Rubric) -> Value {
    let rows = canvas_rows(rubric);
    let total: f64 = rows.iter().filter_map(|r| r["points"].as_f64()).sum();
    json!({
        "title": rubric.title,
        "points_possible": total,
        "free_form_criterion_comments": false,
        "hide_score_total": false,
        "data": rows,
    })
}

/// The body of a Canvas "create rubric" request (`POST /api/v1/courses/:id/rubrics` as JSON):
/// `{"rubric": {"title", "free_form_criterion_comments", "criteria": {"0": …}}}`, criteria and
/// ratings as indexed hashes. [`from_canvas`] reads it back.
pub fn to_canvas_create(rubric: &Rubric) -> Value {
    let indexed = |items: Vec<Value>| -> Value {
        Value::Object(items.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect())
    };
    let criteria: Vec<Value> = canvas_rows(rubric)
        .into_iter()
        .map(|mut row| {
            if let Some(obj) = row.as_object_mut() {
                obj.remove("id");
                let ratings: Vec<Value> = match obj.remove("ratings") {
                    Some(Value::Array(rs)) => rs
                        .into_iter()
                        .map(|mut r| {
                            if let Some(o) = r.as_object_mut() {
                                o.remove("id");
                                o.remove("criterion_id");
                            }
                            r
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                obj.insert("ratings".to_string(), indexed(ratings));
            }
            row
        })
        .collect();
    json!({"rubric": {"title": rubric.title, "free_form_criterion_comments": false, "criteria": indexed(criteria)}})
}

fn canvas_rows(rubric: &Rubric) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut n = 0usize;
    let mut next_id = || {
        n += 1;
        format!("_{}", n)
    };
    for (qi, q) in rubric.questions.iter().enumerate() {
        let marker = Marker {
            question: Some(q.id.clone()),
            kind: Some(q.kind.clone()),
            alternatives: q.alternatives.clone(),
            rubric: (qi == 0).then(|| RubricMeta {
                id: rubric.id.clone(),
                version: rubric.version.clone(),
                role: rubric.role.clone(),
                description: rubric.description.clone(),
            }),
            ..Marker::default()
        };
        let id = next_id();
        rows.push(json!({
            "id": id,
            "description": q.text,
            "long_description": format!("{}{}\n\n{}", MODEL_ANSWER, q.reference, marker_line(&marker)),
            "points": 0.0,
            "criterion_use_range": false,
            "ratings": [rating(&id, 0, "Not scored", "This row gives the question and its model answer; it carries no points.", 0.0)],
        }));
        for c in &q.criteria {
            let marker = Marker {
                question: Some(q.id.clone()),
                criterion: Some(c.id.clone()),
                weight: Some(c.weight),
                signals: c.signals.clone(),
                ..Marker::default()
            };
            let id = next_id();
            let ratings: Vec<Value> = (1..=5)
                .rev()
                .map(|level| {
                    let text = c.descriptors.get(&level.to_string()).cloned().unwrap_or_default();
                    rating(&id, level, LEVEL_LABELS[5 - level], &text, level as f64)
                })
                .collect();
            rows.push(json!({
                "id": id,
                "description": c.name,
                "long_description": format!("Weight {} of the question; judged by {}.\n\n{}", c.weight, c.signals.join(", "), marker_line(&marker)),
                "points": 5.0,
                "criterion_use_range": false,
                "ratings": ratings,
            }));
        }
        for p in &q.points {
            let wrong: Vec<&Misconception> = q.misconceptions.iter().filter(|m| m.contradicts == p.id).collect();
            let marker = Marker {
                question: Some(q.id.clone()),
                point: Some(p.id.clone()),
                phrases: p.phrases.clone(),
                misconceptions: wrong
                    .iter()
                    .map(|m| MarkerMisconception {
                        id: m.id.clone(),
                        claim: m.claim.clone(),
                        phrases: m.phrases.clone(),
                        correction: m.correction.clone(),
                    })
                    .collect(),
                ..Marker::default()
            };
            let mut visible = format!("Listen for: {}.", p.phrases.join("; "));
            for m in &wrong {
                visible.push_str(&format!("\nWrong claim: {} Correct: {}", ensure_period(&m.claim), m.correction));
            }
            let id = next_id();
            rows.push(json!({
                "id": id,
                "description": p.text,
                "long_description": format!("{}\n\n{}", visible, marker_line(&marker)),
                "points": p.weight,
                "criterion_use_range": false,
                "ratings": [
                    rating(&id, 2, "Full", "Makes the point clearly and correctly.", p.weight),
                    rating(&id, 1, "Partial", "Touches on the point without its substance.", p.weight / 2.0),
                    rating(&id, 0, "None", "Does not make the point.", 0.0),
                ],
            }));
        }
    }
    rows
}

fn rating(criterion_id: &str, n: usize, description: &str, long: &str, points: f64) -> Value {
    json!({
        "id": format!("{}_{}", criterion_id, n),
        "criterion_id": criterion_id,
        "description": description,
        "long_description": long,
        "points": points,
    })
}

// ---------------------------------------------------------------------------------------------
// Prometheus

const CRITERIA_KEYS: &[&str] = &["criteria", "orig_criteria"];
const QUESTION_KEYS: &[&str] = &["orig_instruction", "question"];
const REFERENCE_KEYS: &[&str] = &["orig_reference_answer", "reference_answer"];

/// One Prometheus item as read.
struct Item {
    criteria: String,
    scores: [String; 5],
    question: Option<String>,
    reference: Option<String>,
}

/// Reads Prometheus-style score rubrics: one object or an array of them (see the module
/// documentation).
pub fn from_prometheus(json: &str) -> Result<Rubric, RubricError> {
    let value = parse_json(json, "the Prometheus rubric")?;
    let mut problems = Problems::default();
    let entries: Vec<(String, &Value)> = match &value {
        Value::Array(items) if items.is_empty() => {
            return Err(RubricError::one("$", "expected Prometheus rubric items, found an empty array"))
        }
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (format!("$[{}]", i), v)).collect(),
        Value::Object(_) => vec![("$".to_string(), &value)],
        other => {
            return Err(RubricError::one(
                "$",
                format!("expected a Prometheus rubric (an object, or an array of them), found {}", type_name(other)),
            ))
        }
    };
    let mut items = Vec::new();
    for (path, v) in entries {
        if let Some(item) = read_item(v, &path, &mut problems) {
            items.push(item);
        }
    }
    problems.into_result(())?;
    let mut ids = HashSet::new();
    let mut questions = Vec::new();
    for item in &items {
        let text = item.question.clone().unwrap_or_else(|| item.criteria.clone());
        let reference = item.reference.clone().unwrap_or_else(|| item.scores[4].clone());
        let mut q = draft::draft_question(&text, &reference);
        q.id = unique_id(&mut ids, q.id);
        if q.points.is_empty() {
            let fallback = format!("{} {}", reference, item.scores[4]);
            q.points = draft::draft_points(&text, &fallback);
        }
        if q.points.is_empty() {
            q.points.push(Point {
                id: "answer".to_string(),
                text: text.clone(),
                phrases: vec![text.to_lowercase()],
                weight: 1.0,
            });
        }
        let main = q.criteria.iter().enumerate().fold(None::<(usize, f64)>, |best, (i, c)| match best {
            Some((_, w)) if w >= c.weight => best,
            _ => Some((i, c.weight)),
        });
        if let Some((i, _)) = main {
            let c = &mut q.criteria[i];
            c.name = item.criteria.clone();
            c.descriptors = LEVELS.iter().zip(item.scores.iter()).map(|(l, s)| (l.to_string(), s.clone())).collect();
        }
        questions.push(q);
    }
    let (Some(first), Some(first_item)) = (questions.first(), items.first()) else {
        return Err(RubricError::one("$", "expected Prometheus rubric items, found none"));
    };
    let (id, title) = if questions.len() == 1 {
        (
            slug(&first.text, 6, "prometheus-rubric"),
            format!("Prometheus: {}", crate::text::excerpt::shorten(&first_item.criteria, 80)),
        )
    } else {
        (
            format!("prometheus-{}", slug(&first.text, 4, "rubric")),
            format!("Prometheus rubrics ({} questions)", questions.len()),
        )
    };
    finish(Rubric {
        id,
        title,
        version: "1.0.0".to_string(),
        role: "Imported from Prometheus".to_string(),
        description: "Imported from Prometheus-style score rubrics; talking points drafted from the reference answers."
            .to_string(),
        questions,
    })
}

fn read_item(v: &Value, path: &str, problems: &mut Problems) -> Option<Item> {
    let Some(obj) = v.as_object() else {
        problems.add(path, format!("expected a Prometheus rubric (an object), found {}", type_name(v)));
        return None;
    };
    let before = problems.0.len();
    let mut text = |keys: &[&str], required: bool, what: &str| -> Option<String> {
        match first_key(obj, keys) {
            Some((_, Value::String(s))) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some((key, Value::String(_))) => {
                if required {
                    problems.add(&member(path, key), "must not be empty");
                }
                None
            }
            Some((key, other)) => {
                problems.add(&member(path, key), format!("expected a string, found {}", type_name(other)));
                None
            }
            None => {
                if required {
                    problems
                        .add(&member(path, keys[0]), format!("required field \"{}\" is missing ({})", keys[0], what));
                }
                None
            }
        }
    };
    let criteria = text(CRITERIA_KEYS, true, "the criterion the scores describe");
    let mut scores: Vec<String> = Vec::with_capacity(5);
    for level in 1..=5 {
        let plain = format!("score{}_description", level);
        let orig = format!("orig_score{}_description", level);
        scores.push(
            text(&[plain.as_str(), orig.as_str()], true, "what an answer scoring it looks like").unwrap_or_default(),
        );
    }
    let question = text(QUESTION_KEYS, false, "");
    let reference = text(REFERENCE_KEYS, false, "");
    if problems.0.len() > before {
        return None;
    }
    // The wrong claims `to_prometheus` appends to the lowest level are the rubric's misconceptions,
    // which Prometheus has no field for: they are not part of the level's description.
    if let Some(first) = scores.first_mut() {
        if let Some(at) = first.find(WRONG_CLAIMS) {
            let kept = first[..at].trim_end().to_string();
            if !kept.is_empty() {
                *first = kept;
            }
        }
    }
    let scores: [String; 5] = scores.try_into().ok()?;
    Some(Item { criteria: criteria?, scores, question, reference })
}

/// Writes a rubric as Prometheus score rubrics: an array with one item per question
/// (`orig_instruction`, `orig_reference_answer`, `criteria`, `score1_description`..`score5_description`).
pub fn to_prometheus(rubric: &Rubric) -> Value {
    let defaults = draft::default_criteria(transcript::QuestionKind::Technical);
    let items: Vec<Value> = rubric
        .questions
        .iter()
        .map(|q| {
            let main = main_criterion(q).unwrap_or(&defaults[0]);
            let mut item = Map::new();
            item.insert("orig_instruction".to_string(), Value::String(q.text.clone()));
            item.insert("orig_reference_answer".to_string(), Value::String(q.reference.clone()));
            item.insert("criteria".to_string(), Value::String(main.name.clone()));
            for level in LEVELS {
                let text = main
                    .descriptors
                    .get(*level)
                    .filter(|t| !t.trim().is_empty())
                    .or_else(|| defaults[0].descriptors.get(*level))
                    .cloned()
                    .unwrap_or_default();
                // The common wrong claims travel as text with the lowest level, which they describe.
                let text = match (*level, wrong_claims(q)) {
                    ("1", Some(claims)) => format!("{} {}", ensure_period(&text), claims),
                    _ => text,
                };
                item.insert(format!("score{}_description", level), Value::String(text));
            }
            Value::Object(item)
        })
        .collect();
    Value::Array(items)
}

/// What opens the wrong claims appended to a Prometheus item's lowest level.
const WRONG_CLAIMS: &str = " Wrong claims: ";

/// A question's common wrong claims as one paragraph ("Wrong claims: … (correct: …); …"), if any.
fn wrong_claims(q: &Question) -> Option<String> {
    let items: Vec<String> = q
        .misconceptions
        .iter()
        .map(|m| format!("{} (correct: {})", m.claim.trim_end_matches('.'), m.correction.trim_end_matches('.')))
        .collect();
    (!items.is_empty()).then(|| format!("{}{}.", WRONG_CLAIMS.trim_start(), items.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_from_their_shape() {
        let rubricate = serde_json::to_string(&crate::rubric::bundled::rubrics()[0]).unwrap_or_default();
        assert_eq!(detect(&rubricate), Ok(Format::Rubricate));
        assert_eq!(detect(&canvas_sample().to_string()), Ok(Format::Canvas));
        assert_eq!(detect(&json!({"rubric": canvas_sample()}).to_string()), Ok(Format::Canvas));
        assert_eq!(detect(&json!([canvas_sample()]).to_string()), Ok(Format::Canvas));
        let prometheus = json!({"criteria": "Is it right?", "score1_description": "a", "score2_description": "b",
            "score3_description": "c", "score4_description": "d", "score5_description": "e"});
        assert_eq!(detect(&prometheus.to_string()), Ok(Format::Prometheus));
        assert_eq!(detect(&json!([prometheus]).to_string()), Ok(Format::Prometheus));
        assert_eq!(detect("{\"title\": \"x\"}"), Ok(Format::Rubricate));
        for (bad, path) in [
            ("{\"owner\": \"x\"}", "$"),
            ("[{\"title\": \"x\"}]", "$[0]"),
            ("[]", "$"),
            ("[3]", "$[0]"),
            ("\"text\"", "$"),
            ("{", "$"),
        ] {
            let e = detect(bad).expect_err(bad);
            assert_eq!(e.problems[0].path, path, "{bad}: {e}");
        }
        let (format, rubric) = import_detected(&canvas_sample().to_string()).expect("imports");
        assert_eq!((format, rubric.questions.len()), (Format::Canvas, 1));
        assert_eq!(Format::parse(" Canvas "), Some(Format::Canvas));
        assert_eq!(Format::parse("csv"), None);
    }

    fn canvas_sample() -> Value {
        json!({
            "id": 42,
            "title": "Incident response",
            "points_possible": 10,
            "data": [
                {"id": "_1", "description": "Acknowledges the page and opens an incident channel", "long_description": "Tells others someone is on it.", "points": 2,
                 "ratings": [{"description": "Full", "long_description": "Acknowledges the alert at once and declares an incident.", "points": 2}, {"description": "None", "points": 0}]},
                {"id": "_2", "description": "Checks recent deploys", "long_description": "", "points": "5",
                 "ratings": [{"description": "Full", "long_description": "Looks at what changed and rolls back a bad deploy.", "points": 5}]},
                {"id": "_3", "description": "Posts status updates", "points": 3, "ratings": []}
            ]
        })
    }

    #[test]
    fn a_foreign_canvas_rubric_becomes_one_question() {
        let r = from_canvas(&canvas_sample().to_string()).unwrap_or_else(|e| panic!("{}", e));
        assert_eq!(r.id, "incident-response");
        assert_eq!(r.title, "Incident response");
        assert_eq!(r.version, "1.0.0");
        assert_eq!(r.questions.len(), 1);
        let q = &r.questions[0];
        assert_eq!(q.text, "Incident response");
        let texts: Vec<&str> = q.points.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Acknowledges the page and opens an incident channel", "Checks recent deploys", "Posts status updates"]
        );
        let weights: Vec<f64> = q.points.iter().map(|p| p.weight).collect();
        assert_eq!(weights, [2.0, 3.0, 2.0]);
        assert!(q.reference.contains("rolls back a bad deploy"), "{}", q.reference);
        assert!(q.points[1].phrases.contains(&"checks recent deploys".to_string()));
        assert_eq!(q.criteria.len(), 3);
    }

    #[test]
    fn indexed_hashes_and_wrappers_are_read() {
        let body = json!({"rubric": {"title": "Short", "criteria": {
            "1": {"description": "Second", "points": 1, "ratings": {"0": {"description": "ok", "points": 1}}},
            "0": {"description": "First idea here", "points": 2}
        }}, "rubric_association": {"purpose": "grading"}});
        let r = from_canvas(&body.to_string()).unwrap_or_else(|e| panic!("{}", e));
        let texts: Vec<&str> = r.questions[0].points.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["First idea here", "Second"]);
        let listed = json!([canvas_sample()]);
        assert!(from_canvas(&listed.to_string()).is_ok());
    }

    #[test]
    fn canvas_errors_have_paths() {
        let mut v = canvas_sample();
        v["data"][1]["points"] = json!("lots");
        v["data"][2]["ratings"] = json!("none");
        v["data"][0]["ratings"][1]["points"] = json!(true);
        v["title"] = json!(7);
        let e = from_canvas(&v.to_string()).unwrap_err();
        let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.title", "$.data[0].ratings[1].points", "$.data[1].points", "$.data[2].ratings"], "{}", e);
        let e = from_canvas(r#"{"title": "x"}"#).unwrap_err();
        assert_eq!(e.problems[0].path, "$.data");
        let e = from_canvas(r#"{"title": "x", "data": []}"#).unwrap_err();
        assert_eq!(e.problems[0].path, "$.data");
        let e = from_canvas("[1, 2]").unwrap_err();
        assert_eq!(e.problems[0].path, "$");
        let e = from_canvas("{\"title\": ").unwrap_err();
        assert!(e.problems[0].problem.starts_with("JSON ends too early"), "{}", e);
        let e = from_canvas(r#"{"title": "x", "data": [{"description": "d", "points": -1}]}"#).unwrap_err();
        assert_eq!(e.problems[0].path, "$.data[0].points");
        let bad_marker = json!({"title": "x", "data": [{"description": "d", "points": 1, "long_description": "text\n[rubricate] {nope"}]});
        let e = from_canvas(&bad_marker.to_string()).unwrap_err();
        assert_eq!(e.problems[0].path, "$.data[0].long_description");
    }

    #[test]
    fn canvas_round_trip_of_a_small_rubric() {
        let r = draft::draft_rubric(
            "How do you keep retries from overloading a service?",
            "Retry only idempotent calls, with exponential backoff and jitter so clients do not retry in lockstep. Cap the attempts, and put a circuit breaker in front of a failing dependency. Budget retries per client so a storm cannot multiply the load.",
        );
        let back = from_canvas(&to_canvas(&r).to_string()).unwrap_or_else(|e| panic!("{}", e));
        assert_eq!(back, r);
        let back = from_canvas(&to_canvas_create(&r).to_string()).unwrap_or_else(|e| panic!("{}", e));
        assert_eq!(back, r);
    }

    /// A drafted question with one misconception on its first point.
    fn with_misconception() -> Rubric {
        let mut r = draft::draft_rubric(
            "How do you keep retries from overloading a service?",
            "Retry only idempotent calls, with exponential backoff and jitter so clients do not retry in lockstep. Cap the attempts, and put a circuit breaker in front of a failing dependency.",
        );
        let point = r.questions[0].points[0].id.clone();
        r.questions[0].misconceptions.push(Misconception {
            id: "retry-everything".into(),
            claim: "Every failed call should be retried at once".into(),
            phrases: vec!["retry immediately".into(), "retry every call".into()],
            contradicts: point,
            correction: "Retry only idempotent calls, after a growing, jittered delay.".into(),
        });
        r
    }

    #[test]
    fn misconceptions_travel_through_canvas_and_as_text_through_prometheus() {
        let r = with_misconception();
        assert!(super::super::parse_and_validate(&serde_json::to_string(&r).unwrap_or_default()).is_ok());
        let canvas = to_canvas(&r);
        let text = canvas.to_string();
        assert!(text.contains("Wrong claim: Every failed call should be retried at once."), "{text}");
        assert_eq!(from_canvas(&text).unwrap_or_else(|e| panic!("{}", e)), r);
        let prometheus = to_prometheus(&r);
        let lowest = prometheus[0]["score1_description"].as_str().unwrap_or_default();
        assert!(
            lowest.ends_with(
                "Wrong claims: Every failed call should be retried at once (correct: Retry only idempotent calls, after a growing, jittered delay)."
            ),
            "{lowest}"
        );
    }

    #[test]
    fn prometheus_in_and_out() {
        let item = json!({
            "orig_instruction": "Explain what an index does in a relational database.",
            "orig_reference_answer": "An index is a separate sorted structure, usually a B-tree, that maps column values to rows so lookups avoid a full table scan. It speeds reads but slows writes and takes storage, so you index the columns your queries filter and join on.",
            "orig_response": "ignored", "orig_score": 3,
            "criteria": "Does the answer explain how an index speeds lookups and what it costs?",
            "score1_description": "Wrong or no explanation.",
            "score2_description": "Vague idea of speed only.",
            "score3_description": "Explains faster lookups but not the costs.",
            "score4_description": "Explains lookups and some costs.",
            "score5_description": "Explains the structure, the faster lookups and the write and storage costs."
        });
        let r = from_prometheus(&item.to_string()).unwrap_or_else(|e| panic!("{}", e));
        let q = &r.questions[0];
        assert_eq!(q.text, "Explain what an index does in a relational database.");
        let main = main_criterion(q).unwrap();
        assert_eq!(main.name, "Does the answer explain how an index speeds lookups and what it costs?");
        assert_eq!(main.descriptors["3"], "Explains faster lookups but not the costs.");
        assert!(q.points.len() >= 6, "{:?}", q.points);
        let out = to_prometheus(&r);
        assert_eq!(out[0]["criteria"], item["criteria"]);
        assert_eq!(out[0]["score5_description"], item["score5_description"]);
        assert_eq!(out[0]["orig_reference_answer"], item["orig_reference_answer"]);
        let again = from_prometheus(&out.to_string()).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn an_imported_question_gets_a_rubric_kind_even_when_it_reads_as_logistics() {
        let item = json!({
            "orig_instruction": "What are your compensation expectations for this role?",
            "orig_reference_answer": "A range backed by market data for the role and location, the notice period owed to the current employer, and flexibility on the start date where the team needs it.",
            "criteria": "Does the answer give a grounded range and a realistic start date?",
            "score1_description": "No range.", "score2_description": "A number with no basis.",
            "score3_description": "A range.", "score4_description": "A grounded range and a date.",
            "score5_description": "A grounded range, a date and the notice period."
        });
        let r = from_prometheus(&item.to_string()).unwrap_or_else(|e| panic!("{}", e));
        assert_eq!(crate::transcript::classify(&r.questions[0].text).as_str(), "logistics");
        assert_eq!(r.questions[0].kind, "other");
    }

    #[test]
    fn prometheus_errors_have_paths() {
        let v = json!([
            {"criteria": "c", "score1_description": "a", "score2_description": "b", "score3_description": "c", "score4_description": "d", "score5_description": "e"},
            {"criteria": 3, "score1_description": "a", "score2_description": "", "score4_description": "d", "score5_description": "e", "question": ["x"]}
        ]);
        let e = from_prometheus(&v.to_string()).unwrap_err();
        let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["$[1].criteria", "$[1].score2_description", "$[1].score3_description", "$[1].question"],
            "{}",
            e
        );
        assert_eq!(from_prometheus("[]").unwrap_err().problems[0].path, "$");
        assert_eq!(from_prometheus("\"x\"").unwrap_err().problems[0].path, "$");
        // no instruction and no reference: the criteria and the top description stand in
        let r = from_prometheus(&v[0].to_string()).unwrap();
        assert_eq!(r.questions[0].text, "c");
        assert_eq!(r.questions[0].reference, "e");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_text_never_panics(s in "[\\[\\]{}\":,0-9a-z \\\\]{0,200}") {
                let _ = from_canvas(&s);
                let _ = from_prometheus(&s);
                let _ = import_detected(&s);
            }

            #[test]
            fn every_export_imports_again(
                texts in proptest::collection::vec("[ a-zA-Z0-9é日\\n.,;:!?'\"-]{0,40}", 8),
                weights in proptest::collection::vec(0.01f64..100.0, 2),
                questions in 1usize..3,
            ) {
                let word = |i: usize, fallback: &str| -> String {
                    let t = texts[i % texts.len()].trim().to_string();
                    if t.is_empty() { fallback.to_string() } else { t }
                };
                let mut rubric = super::super::draft::draft_rubric(&word(0, "Why?"), &word(1, "Because caching helps."));
                rubric.title = word(2, "T");
                rubric.role = word(3, "R");
                let base = rubric.questions[0].clone();
                rubric.questions = (0..questions).map(|i| {
                    let mut q = base.clone();
                    q.id = format!("q{}", i + 1);
                    q.text = word(4 + i, "Question?");
                    q.reference = word(6, "A reference.");
                    q.alternatives = vec![word(7, "Another way?")];
                    q.criteria[0].weight = weights[0];
                    q.criteria[0].name = word(5, "Content");
                    q.criteria[1].descriptors.insert("3".into(), word(2, "Middle."));
                    if let Some(p) = q.points.first_mut() {
                        p.weight = weights[1];
                        p.text = word(3, "A point");
                        p.phrases = vec![word(4, "phrase"), word(5, "other")];
                    }
                    q
                }).collect();
                let json = serde_json::to_string(&rubric).unwrap();
                prop_assume!(super::super::super::parse_and_validate(&json).is_ok());
                for to in [Format::Rubricate, Format::Canvas, Format::Prometheus] {
                    let exported = export(to, &rubric).to_string();
                    prop_assert_eq!(detect(&exported), Ok(to), "an export is detected as its format");
                    let back = import(to, &exported);
                    prop_assert!(back.is_ok(), "{} export does not import: {:?}", to.name(), back.err());
                }
                // trimmed text survives Canvas exactly, line breaks and runs of spaces included
                {
                    let back = from_canvas(&to_canvas(&rubric).to_string()).unwrap();
                    prop_assert_eq!(back.questions.len(), rubric.questions.len());
                    // (numbers go through JSON text: serde_json reads some back one ulp off)
                    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
                    for (b, q) in back.questions.iter().zip(&rubric.questions) {
                        prop_assert_eq!(&b.text, &q.text);
                        prop_assert_eq!(&b.alternatives, &q.alternatives);
                        prop_assert_eq!(b.points.len(), q.points.len());
                        for (bp, qp) in b.points.iter().zip(&q.points) {
                            prop_assert_eq!((&bp.id, &bp.text, &bp.phrases), (&qp.id, &qp.text, &qp.phrases));
                            prop_assert!(close(bp.weight, qp.weight), "{} vs {}", bp.weight, qp.weight);
                        }
                        prop_assert_eq!(b.criteria.len(), q.criteria.len());
                        for (bc, qc) in b.criteria.iter().zip(&q.criteria) {
                            prop_assert_eq!((&bc.id, &bc.name, &bc.signals, &bc.descriptors), (&qc.id, &qc.name, &qc.signals, &qc.descriptors));
                            prop_assert!(close(bc.weight, qc.weight), "{} vs {}", bc.weight, qc.weight);
                        }
                    }
                }
            }

            #[test]
            fn arbitrary_canvas_rows_never_panic(desc in ".{0,60}", long in ".{0,120}", pts in -5.0f64..50.0) {
                let v = json!({"title": "t", "data": [{"description": desc, "long_description": long, "points": pts}]});
                if let Ok(r) = from_canvas(&v.to_string()) {
                    prop_assert!(super::super::super::parse_and_validate(&serde_json::to_string(&r).unwrap()).is_ok());
                }
            }
        }
    }
}
