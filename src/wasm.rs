//! The WebAssembly boundary and nothing else: JS objects in and out, evidence spans turned from
//! UTF-8 byte offsets into UTF-16 code units (JavaScript string indices), errors thrown as `Error`.
//!
//! Every entry point returns `Result`; nothing here unwraps a value that came from JavaScript.

//!
//! Two wasm modules are built from this file (see the Makefile's `pkg` rule):
//! - the core module (feature `scorer`, `pkg/rubricate.js`): the [`Scorer`] class of the contract;
//! - the rubric tools module (feature `tools`, `pkg/rubricate_tools.js`): [`RubricTools`], the
//!   Canvas/Prometheus interop and drafting, loaded by the page only when first used. Those tools
//!   work on Rubricate JSON text and load nothing: the page hands their output to `Scorer.addRubric`.
//!
//! Building the core without `tools` keeps the interop and drafting code out of its module.
// With neither feature (e.g. `cargo check --no-default-features`) the shared helpers go unused.
#![cfg_attr(not(any(feature = "scorer", feature = "tools")), allow(dead_code, unused_imports))]

#[cfg(feature = "tools")]
#[cfg(feature = "tools")]
use crate::rubric::{draft, interop, parse_and_validate};
use crate::score::offsets::{self, Unit};
use crate::score::Evidence;
use crate::RubricError;
#[cfg(feature = "scorer")]
use crate::{render as render_report, Engine, Format, Report, ScoreRequest, ENGINE_VERSION};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The wasm modules' allocator: talc instead of the standard dlmalloc. Same job, ~2 KB smaller
/// gzipped (core module 257,132 -> 255,125 B at 0.6.0), which keeps the core within its budget.
// SAFETY: `new_global` is sound for the one global allocator of a single-threaded wasm module,
// which this is (talc's documented use: it claims memory with `memory.grow` and owns it alone).
#[global_allocator]
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_COMMON: &'static str = r#"
export interface QuestionSummary {
  id: string;
  text: string;
  kind: string;
}

/** A loaded rubric as `rubricate rubrics` lists it. */
export interface RubricSummary {
  id: string;
  title: string;
  version: string;
  role: string;
  questions: QuestionSummary[];
}

/** A full rubric pack (see rubrics/rubric.schema.json). */
export interface Rubric {
  id: string;
  title: string;
  version: string;
  role: string;
  description?: string;
  questions: Array<{
    id: string;
    text: string;
    alternatives?: string[];
    kind: string;
    reference: string;
    criteria: Array<{ id: string; name: string; weight: number; signals: string[]; descriptors: Record<string, string> }>;
    points: Array<{ id: string; text: string; phrases: string[]; weight: number }>;
    /** Common wrong claims: each contradicts the point `contradicts` (an id of `points`). */
    misconceptions?: Array<{ id: string; claim: string; phrases: string[]; contradicts: string; correction: string }>;
    examples?: Array<{ label: string; answer: string; min: number; max: number }>;
  }>;
}

export interface RubricProblem {
  path: string;
  problem: string;
}

/** What `Scorer.addRubric` and the rubric tools throw: `message` lists every problem, `problems` holds them one by one. */
export interface RubricError extends Error {
  name: "RubricError";
  problems: RubricProblem[];
}
"#;

#[cfg(feature = "scorer")]
#[wasm_bindgen(typescript_custom_section)]
const TS_SCORER: &'static str = r#"
/** The optional semantic model loaded by `Scorer.loadEmbeddings`. */
export interface EmbeddingsInfo {
  /** Dimensions of each word vector. */
  dims: number;
  /** Word pieces and whole words with a vector. */
  vocabulary: number;
  /** Size of the asset in bytes. */
  bytes: number;
}

/** What `Scorer.score` grades: an answer to a question, against a rubric or a model answer. */
export interface ScoreInput {
  /** Copied into the result. */
  id?: string;
  question: string;
  answer: string;
  /** A model answer to grade against when no rubric is named. */
  reference?: string | null;
  /** A rubric id (`cloud-architect`) or `rubric-id/question-id`. */
  rubric?: string | null;
  /** Accurate mode: the sentence encoder's comparison of `answer` with `reference`, as
   *  `loadAccurate().compare(answer, reference)` returns it (pkg/accurate.js). */
  accurate?: SentenceEvidence;
}

/** Accurate mode's evidence: cosine of the sentence embeddings and recall of the model answer's tokens, each in [-1, 1]. */
export interface SentenceEvidence {
  model: string;
  cosine: number;
  recall: number;
}

/** A span of the answer supporting a finding. `start`/`end` are UTF-16 indices: `answer.slice(start, end)`. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
  /** The talking point or signal this span supports. */
  point: string;
}

/** Which rubric (and question in it) an answer was graded against. */
export interface RubricRef {
  id: string;
  version: string;
  question?: string;
  /** `named` or `matched`. */
  selected?: string;
  confidence?: number;
}

/** A common wrong claim of the rubric question, stated in the answer. */
export interface Misconception {
  id: string;
  /** The wrong claim, as the rubric words it. */
  claim: string;
  /** What is true instead. */
  correction: string;
  /** The text of the talking point it contradicts. */
  point: string;
  /** UTF-16 offsets into the answer, like evidence spans. */
  start: number;
  end: number;
  /** The answer's own words that state it. */
  text: string;
}

/** One graded answer. */
export interface ScoredAnswer {
  id?: string;
  /** 0.0–5.0, one decimal. */
  score: number;
  /** 0–5: the score rounded half up. */
  grade: number;
  /** 0–1: how much the answer addresses the question asked. */
  relevance: number;
  struggled: boolean;
  insufficient: boolean;
  justification: string;
  evidence: Evidence[];
  covered: string[];
  missing: string[];
  /** The rubric question's common wrong claims the answer states (absent when none): each caps the
   *  score (3.4 with one, 2.0 with two, 1.0 with three or more) and costs its talking point. */
  misconceptions?: Misconception[];
  next_step?: string;
  /** Measured features behind the score, each 0–1. */
  signals: Record<string, number>;
  rubric?: RubricRef;
  /** What the answer was graded against: `rubric`, `reference` or `question`. */
  basis: string;
  /** e.g. `hedging`, `admits-unfamiliarity`, `deflection`, `non-answer`, `fillers`. */
  flags: string[];
  engine: string;
  /** Which mode produced this result. */
  mode: "default" | "accurate";
}

export type QuestionKind = "introduction" | "project" | "technical" | "behavioral" | "closing" | "other" | "small-talk" | "logistics";

/** A scored answer plus where it sits in the interview. */
export interface QuestionReport extends ScoredAnswer {
  number: number;
  kind: QuestionKind;
  question: string;
  answer: string;
}

export type Recommendation = "advance" | "hold" | "decline";

export interface Overall {
  score: number;
  recommendation: Recommendation;
  /** How many questions counted towards the overall score. */
  graded: number;
}

export interface HrReport {
  suitability: string;
  strengths: string[];
  gaps: string[];
  skills: string[];
  communication: string;
  recommendation: string;
}

export interface CandidateReport {
  name: string | null;
  position: string | null;
  questions: QuestionReport[];
  overall: Overall;
  hr: HrReport;
}

/** An interview graded question by question, with an HR summary per candidate. */
export interface Report {
  engine: string;
  candidates: CandidateReport[];
}

export interface ReportOptions {
  /** Grade every answer against this rubric id instead of matching each question. */
  rubric?: string | null;
  /** The question a plain (unmarked) answer replies to. */
  question?: string | null;
}

export type RenderFormat = "md" | "markdown" | "text" | "txt" | "html" | "json";

"#;

#[cfg(feature = "tools")]
#[wasm_bindgen(typescript_custom_section)]
const TS_TOOLS: &'static str = r#"
/** The rubric formats `RubricTools` reads and writes. */
export type RubricFormatName = "rubricate" | "canvas" | "prometheus";

/** A format to read: one of the three, or `"auto"` to tell it from the document's shape. */
export type RubricFormatIn = RubricFormatName | "auto";

/** What `RubricTools.importRubric` returns: the rubric as validated Rubricate JSON text (ready for
 * `Scorer.addRubric`), its summary, the format it was read in, and warnings about phrasings that load
 * but grade badly (e.g. ones that would match any answer). */
export interface ImportedRubric extends RubricSummary {
  json: string;
  format: RubricFormatName;
  warnings: RubricProblem[];
}

/** What `RubricTools.draftRubric` drafts from: a question and its model answer. */
export interface DraftInput {
  question: string;
  /** The model answer the talking points are drafted from. */
  reference: string;
  /** The rubric id (lowercase kebab-case); derived from the question when absent. */
  id?: string | null;
  /** The rubric title; derived from the question when absent. */
  title?: string | null;
}
"#;

// The JS values crossing the boundary, each typed for TypeScript with an interface declared above
// (a plain `JsValue` would appear as `any` in the .d.ts).
#[cfg(feature = "scorer")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ScoreInput")]
    #[derive(Clone, Debug)]
    pub type ScoreInput;
    #[wasm_bindgen(typescript_type = "ScoredAnswer")]
    #[derive(Clone, Debug)]
    pub type ScoredAnswerJs;
    #[wasm_bindgen(typescript_type = "ReportOptions")]
    #[derive(Clone, Debug)]
    pub type ReportOptions;
    #[wasm_bindgen(typescript_type = "Report")]
    #[derive(Clone, Debug)]
    pub type ReportJs;
    #[wasm_bindgen(typescript_type = "RenderFormat")]
    #[derive(Clone, Debug)]
    pub type RenderFormat;
    #[wasm_bindgen(typescript_type = "RubricSummary[]")]
    #[derive(Clone, Debug)]
    pub type RubricSummaryList;
    #[wasm_bindgen(typescript_type = "RubricSummary")]
    #[derive(Clone, Debug)]
    pub type RubricSummaryJs;
    #[wasm_bindgen(typescript_type = "EmbeddingsInfo")]
    #[derive(Clone, Debug)]
    pub type EmbeddingsInfoJs;
    #[wasm_bindgen(typescript_type = "Rubric | undefined")]
    #[derive(Clone, Debug)]
    pub type RubricJs;
}

#[cfg(feature = "tools")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Rubric")]
    #[derive(Clone, Debug)]
    pub type DraftedRubricJs;
    #[wasm_bindgen(typescript_type = "RubricFormatIn")]
    #[derive(Clone, Debug)]
    pub type RubricFormatIn;
    #[wasm_bindgen(typescript_type = "RubricFormatName")]
    #[derive(Clone, Debug)]
    pub type RubricFormatName;
    #[wasm_bindgen(typescript_type = "ImportedRubric")]
    #[derive(Clone, Debug)]
    pub type ImportedRubricJs;
    #[wasm_bindgen(typescript_type = "DraftInput")]
    #[derive(Clone, Debug)]
    pub type DraftInputJs;
}

#[cfg(feature = "scorer")]
/// The options `report` accepts; anything else on the object is ignored.
#[derive(serde::Deserialize, Default)]
struct ReportOpts {
    #[serde(default)]
    rubric: Option<String>,
    #[serde(default)]
    question: Option<String>,
}

/// The grader, as JavaScript sees it: bundled rubrics loaded, custom rubrics added with `addRubric`.
#[cfg(feature = "scorer")]
#[wasm_bindgen]
pub struct Scorer {
    engine: Engine,
}

#[cfg(feature = "scorer")]
impl Default for Scorer {
    fn default() -> Self {
        Scorer::new()
    }
}

#[cfg(feature = "scorer")]
#[wasm_bindgen]
impl Scorer {
    /// A scorer with the bundled rubrics loaded.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Scorer {
        Scorer { engine: Engine::new() }
    }

    /// The engine version carried by every output, e.g. `rubricate 0.4.0`.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        ENGINE_VERSION.to_string()
    }

    /// Every loaded rubric (bundled first, then custom), as `rubricate rubrics` lists them.
    pub fn rubrics(&mut self) -> Result<RubricSummaryList, js_sys::Error> {
        self.engine.sync_bundled();
        to_js(&self.engine.rubrics()).map(JsCast::unchecked_into)
    }

    /// One full rubric by id, or `undefined`.
    pub fn rubric(&mut self, id: &str) -> Result<RubricJs, js_sys::Error> {
        self.engine.sync_bundled();
        match self.engine.rubric(id) {
            Some(r) => to_js(r).map(JsCast::unchecked_into),
            None => Ok(JsValue::UNDEFINED.unchecked_into()),
        }
    }

    /// Grades one answer `{question, answer, reference?, rubric?}`. Evidence offsets are UTF-16 indices.
    pub fn score(&mut self, input: ScoreInput) -> Result<ScoredAnswerJs, js_sys::Error> {
        self.engine.sync_bundled();
        let input = JsValue::from(input);
        let accurate = accurate_from_js(&input)?;
        let mut req: ScoreRequest = from_js(input, "score input {question, answer, reference?, rubric?}")?;
        req.accurate = accurate;
        let mut scored = self.engine.score(&req).map_err(|e| error(&e.to_string()))?;
        offsets::remap_scored(&req.answer, &mut scored, Unit::Byte, Unit::Utf16);
        to_js(&scored).map(JsCast::unchecked_into)
    }

    /// Parses a transcript (dialogue, numbered or plain) and grades every answer in it.
    pub fn report(&mut self, text: &str, opts: Option<ReportOptions>) -> Result<ReportJs, js_sys::Error> {
        self.engine.sync_bundled();
        let opts: ReportOpts = match opts.map(JsValue::from) {
            Some(v) if !v.is_undefined() && !v.is_null() => from_js(v, "report options {rubric?, question?}")?,
            _ => ReportOpts::default(),
        };
        let mut report = self
            .engine
            .report(text, opts.rubric.as_deref(), opts.question.as_deref())
            .map_err(|e| error(&e.to_string()))?;
        crate::report::remap_offsets(&mut report, Unit::Byte, Unit::Utf16);
        to_js(&report).map(JsCast::unchecked_into)
    }

    /// Renders a report object (as returned by `report`) as `md`, `text`, `html` or `json`.
    /// The HTML escapes everything that came from input, so it is safe to insert into a page.
    pub fn render(&self, report: ReportJs, format: RenderFormat) -> Result<String, js_sys::Error> {
        let name = JsValue::from(format).as_string().unwrap_or_default();
        let format = Format::parse(&name).ok_or_else(|| {
            error(&format!("unknown format {name:?}: expected \"md\", \"text\", \"html\" or \"json\""))
        })?;
        let mut report: Report = from_js(report.into(), "report (an object returned by Scorer.report)")?;
        crate::report::remap_offsets(&mut report, Unit::Utf16, Unit::Byte);
        Ok(render_report(&report, format))
    }

    /// Validates a rubric given as JSON text and loads it (replacing one with the same id).
    /// Throws a `RubricError` whose message lists every problem with its JSON path.
    #[wasm_bindgen(js_name = addRubric)]
    pub fn add_rubric(&mut self, json_text: &str) -> Result<RubricSummaryJs, js_sys::Error> {
        match self.engine.add_rubric_json(json_text) {
            Ok(summary) => to_js(&summary).map(JsCast::unchecked_into),
            Err(e) => Err(rubric_error(&e)),
        }
    }

    /// Loads the optional semantic model from the bytes of its asset (`models/minilm-l6-static.rbem`),
    /// replacing any loaded one; later scores give paraphrased talking points partial credit.
    /// Throws an `Error` saying what is wrong with the bytes (truncated, corrupted, not an asset).
    #[wasm_bindgen(js_name = loadEmbeddings)]
    pub fn load_embeddings(&mut self, bytes: &[u8]) -> Result<EmbeddingsInfoJs, js_sys::Error> {
        match self.engine.load_embeddings(bytes) {
            Ok(info) => to_js(&info).map(JsCast::unchecked_into),
            Err(e) => Err(error(&e.to_string())),
        }
    }
}

/// Installs bundled rubric packs from the bytes of an asset and returns how many rubrics are installed:
/// `rubricate_rubrics.pack`, the index of every pack (the package's `init()` installs it unless told
/// `rubrics: false`), or one pack's `rubrics/<id>.pack` (the package's `loadRubrics`). Every scorer
/// takes up the installed packs at its next call. Throws an `Error` naming what is
/// wrong (not the asset, built for another engine version, a truncated record); nothing is installed then.
#[cfg(feature = "scorer")]
#[wasm_bindgen(js_name = installRubricPacks)]
pub fn install_rubric_packs(bytes: &[u8]) -> Result<u32, js_sys::Error> {
    match crate::install_rubric_packs(bytes) {
        Ok(n) => Ok(u32::try_from(n).unwrap_or(u32::MAX)),
        Err(e) => {
            let problems: Vec<String> = e.problems.iter().map(|p| format!("{}: {}", p.path, p.problem)).collect();
            Err(error(&format!("rubricate_rubrics.pack: {}", problems.join("; "))))
        }
    }
}

/// What `draftRubric` accepts; anything else on the object is ignored.
#[cfg(feature = "tools")]
#[derive(serde::Deserialize)]
struct DraftInput {
    question: String,
    reference: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// What `importRubric` returns.
#[cfg(feature = "tools")]
#[derive(serde::Serialize)]
struct Imported {
    json: String,
    #[serde(flatten)]
    summary: crate::RubricSummary,
    format: &'static str,
    warnings: Vec<crate::RubricProblem>,
}

/// The rubric tools of the second, lazily loaded module (`pkg/rubricate_tools.js`): Canvas and
/// Prometheus interop and drafting. They hold no rubrics: each works on JSON text and returns JSON
/// text (or a rubric object) that `Scorer.addRubric` of the core module loads.
#[cfg(feature = "tools")]
#[wasm_bindgen]
#[derive(Default)]
pub struct RubricTools {}

#[cfg(feature = "tools")]
#[wasm_bindgen]
impl RubricTools {
    #[wasm_bindgen(constructor)]
    pub fn new() -> RubricTools {
        RubricTools {}
    }

    /// Converts rubric JSON text from one format to another (`"rubricate"`, `"canvas"`,
    /// `"prometheus"`; `from` may be `"auto"`) and returns it as pretty-printed JSON. Throws a
    /// `RubricError` listing every problem of the input with its JSON path.
    pub fn convert(&self, text: &str, from: RubricFormatIn, to: RubricFormatName) -> Result<String, js_sys::Error> {
        let from = format_arg(from.into(), "source", true)?;
        let to = format_arg(to.into(), "target", false)?.unwrap_or(interop::Format::Rubricate);
        let (_, rubric) = import_text(text, from)?;
        pretty(&interop::export(to, &rubric))
    }

    /// Which format a rubric document is in (`"rubricate"`, `"canvas"` or `"prometheus"`), told from
    /// its shape. Throws a `RubricError` when the text is not JSON or has none of the three shapes.
    #[wasm_bindgen(js_name = detectFormat)]
    pub fn detect_format(&self, text: &str) -> Result<RubricFormatName, js_sys::Error> {
        let format = interop::detect(text).map_err(|e| rubric_error(&e))?;
        Ok(JsValue::from_str(format.name()).unchecked_into())
    }

    /// Reads a rubric in any of the three formats (`from` defaults to `"auto"`) and validates it.
    /// Returns it as Rubricate JSON text (`json`, for `Scorer.addRubric`) with its summary, the format
    /// it was read in and lint warnings; throws a `RubricError` listing every problem with its JSON path.
    #[wasm_bindgen(js_name = importRubric)]
    pub fn import_rubric(&self, text: &str, from: Option<RubricFormatIn>) -> Result<ImportedRubricJs, js_sys::Error> {
        let from = match from.map(JsValue::from) {
            Some(v) if !v.is_undefined() && !v.is_null() => format_arg(v, "source", true)?,
            _ => None,
        };
        let (format, rubric) = import_text(text, from)?;
        let json = serde_json::to_string(&rubric).map_err(|e| error(&format!("cannot write JSON: {e}")))?;
        let warnings = crate::rubric::validate::lint(&rubric);
        // The same validation `Scorer.addRubric` applies, so what is returned loads as is.
        let summary = parse_and_validate(&json).map_err(|e| rubric_error(&e))?.summary();
        to_js(&Imported { json, summary, format: format.name(), warnings }).map(JsCast::unchecked_into)
    }

    /// A rubric given as Rubricate JSON text (e.g. `JSON.stringify(scorer.rubric(id))`) written in
    /// `to` as pretty-printed JSON, ready to save as a file. Throws a `RubricError` when the text is
    /// not a valid rubric.
    #[wasm_bindgen(js_name = exportRubric)]
    pub fn export_rubric(&self, json_text: &str, to: RubricFormatName) -> Result<String, js_sys::Error> {
        let to = format_arg(to.into(), "target", false)?.unwrap_or(interop::Format::Rubricate);
        let rubric = parse_and_validate(json_text).map_err(|e| rubric_error(&e))?;
        pretty(&interop::export(to, &rubric))
    }

    /// Drafts a one-question rubric from `{question, reference, id?, title?}`: talking points drawn
    /// from the model answer, weighted, with phrasings to listen for. The draft is validated like any
    /// custom rubric; load it with `scorer.addRubric(JSON.stringify(rubric))`.
    /// Throws a `RubricError` whose problems name the field (`$.reference`, `$.id`, …).
    #[wasm_bindgen(js_name = draftRubric)]
    pub fn draft_rubric(&self, input: DraftInputJs) -> Result<DraftedRubricJs, js_sys::Error> {
        let input: DraftInput = from_js(input.into(), "draft input {question, reference, id?, title?}")?;
        let options = draft::DraftOptions { id: input.id, title: input.title };
        let rubric =
            draft::draft_with_options(&input.question, &input.reference, &options).map_err(|e| rubric_error(&e))?;
        to_js(&rubric).map(JsCast::unchecked_into)
    }
}

#[cfg(feature = "tools")]
/// Reads a format name given from JavaScript; `auto` only where `auto_ok`.
fn format_arg(value: JsValue, what: &str, auto_ok: bool) -> Result<Option<interop::Format>, js_sys::Error> {
    let name = value.as_string().unwrap_or_default();
    if auto_ok && (name.is_empty() || name.eq_ignore_ascii_case("auto")) {
        return Ok(None);
    }
    match interop::Format::parse(&name) {
        Some(f) => Ok(Some(f)),
        None => Err(error(&format!(
            "unknown {what} format {name:?}: expected \"rubricate\", \"canvas\" or \"prometheus\"{}",
            if auto_ok { " (or \"auto\")" } else { "" }
        ))),
    }
}

#[cfg(feature = "tools")]
/// Reads rubric text in `from` (or the detected format), every problem thrown with its JSON path.
fn import_text(text: &str, from: Option<interop::Format>) -> Result<(interop::Format, crate::Rubric), js_sys::Error> {
    let format = match from {
        Some(f) => f,
        None => interop::detect(text).map_err(|e| rubric_error(&e))?,
    };
    interop::import(format, text).map(|r| (format, r)).map_err(|e| rubric_error(&e))
}

#[cfg(feature = "tools")]
fn pretty(value: &serde_json::Value) -> Result<String, js_sys::Error> {
    serde_json::to_string_pretty(value).map_err(|e| error(&format!("cannot write JSON: {e}")))
}

fn error(message: &str) -> js_sys::Error {
    js_sys::Error::new(message)
}

fn rubric_error(e: &RubricError) -> js_sys::Error {
    let err = error(&e.to_string());
    err.set_name("RubricError");
    // The problems one by one, so a page can show each next to its path. If this property cannot be
    // set, the message still lists them all.
    if let Ok(problems) = to_js(&e.problems) {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("problems"), &problems);
    }
    err
}

/// Hands a value to JavaScript as the object its JSON describes. Going through JSON text (rather
/// than a serde-to-JsValue serializer) reuses the JSON writer `render` already needs, which keeps
/// the wasm module smaller; the pretty form shares that writer's code for reports.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, js_sys::Error> {
    const CANNOT: &str = "cannot convert the result to a JavaScript value";
    let text = serde_json::to_string_pretty(value).map_err(|e| error(&format!("{CANNOT}: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| error(CANNOT))
}

/// Reads a plain JS object into `T` through its JSON (`JSON.stringify`, so `undefined` properties
/// count as absent). Anything else (an array, a string, a number) is refused up front, with a
/// message naming what was given.
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, js_sys::Error> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        let kind = if js_sys::Array::is_array(&value) {
            "an array".to_string()
        } else if value.is_null() {
            "null".to_string()
        } else {
            format!("a {}", value.js_typeof().as_string().unwrap_or_default())
        };
        return Err(error(&format!("invalid {what}: expected an object, got {kind}")));
    }
    let invalid = |e: &dyn std::fmt::Display| error(&format!("invalid {what}: {e}"));
    let text = js_sys::JSON::stringify(&value)
        .map(String::from)
        .map_err(|_| invalid(&"it cannot be written as JSON (a BigInt, or a cycle?)"))?;
    // Through `Value`, whose parser and deserializer rubric loading already brings in: smaller
    // than a second, typed parser from text.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| invalid(&e))?;
    crate::json::from_value(value).map_err(|e| invalid(&e))
}

/// Reads `input.accurate` (`{model, cosine, recall}`, or absent/null) by hand: the request's serde
/// reader skips the field, so the core module carries no reader of its own for it.
#[cfg(feature = "scorer")]
fn accurate_from_js(input: &JsValue) -> Result<Option<crate::score::SentenceEvidence>, js_sys::Error> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let v = get(input, "accurate").filter(|v| !v.is_undefined() && !v.is_null());
    let Some(v) = v else { return Ok(None) };
    let read = || {
        let model = get(&v, "model")?.as_string()?;
        Some(crate::score::SentenceEvidence {
            model,
            cosine: get(&v, "cosine")?.as_f64()?,
            recall: get(&v, "recall")?.as_f64()?,
        })
    };
    read()
        .map(Some)
        .ok_or_else(|| error("invalid score input: accurate must be {model: string, cosine: number, recall: number}"))
}

/// Rewrites evidence spans from UTF-8 byte offsets into `text` to UTF-16 code-unit offsets.
pub fn evidence_to_utf16(text: &str, evidence: &mut [Evidence]) {
    offsets::remap(text, evidence, Unit::Byte, Unit::Utf16);
}

/// The inverse of [`evidence_to_utf16`]: UTF-16 code-unit offsets back to UTF-8 byte offsets.
pub fn evidence_to_utf8(text: &str, evidence: &mut [Evidence]) {
    offsets::remap(text, evidence, Unit::Utf16, Unit::Byte);
}
