//! The Python binding: the `rubricate` module (`Scorer`, `RubricError`). It only translates: Python
//! values into the core's requests (validated by the core, so every message is the command line's),
//! the core's results into plain dicts with the JSON's fields, evidence offsets into code points
//! (so `answer[e["start"]:e["end"]]` is the quoted text), and input errors into `ValueError`.
//! Grading runs with the GIL released; `score_many` spreads records over a rayon pool.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use rayon::prelude::*;
use rubricate::report::remap_offsets;
use rubricate::request::{parse_object, BatchGrader};
use rubricate::rubric::validate::MAX_RUBRIC_BYTES;
use rubricate::score::offsets::{remap_scored, Unit};
use rubricate::{input, render, render_scored, Engine, Format, RubricError as CoreRubricError, ScoredAnswer};
use serde_json::{Map, Value};

create_exception!(
    rubricate,
    RubricError,
    PyValueError,
    "A rubric that cannot be loaded. `str(e)` lists the problems on one line; `e.problems` is a list of {\"path\", \"problem\"} dicts, one per problem, each with its JSON path."
);

/// A record as parsed: its request, or the id to report it under and what is wrong with it.
type Parsed = Result<rubricate::ScoreRequest, (Value, String)>;

/// Deepest nesting of lists and dicts read from a record (deeper is refused, never a stack overflow).
const MAX_DEPTH: usize = 32;

/// A grader with the bundled rubrics, plus any custom rubrics added to it.
#[pyclass(module = "rubricate")]
struct Scorer {
    engine: Engine,
    /// The JSON of every custom rubric added, in order: what a pickled Scorer carries to a worker.
    added: Vec<String>,
}

#[pymethods]
impl Scorer {
    /// `Scorer(rubrics=None)`: the bundled rubrics, plus each custom rubric given as JSON text.
    #[new]
    #[pyo3(signature = (rubrics = None))]
    fn new(rubrics: Option<Vec<String>>) -> PyResult<Scorer> {
        let mut scorer = Scorer { engine: Engine::new(), added: Vec::new() };
        for json in rubrics.unwrap_or_default() {
            scorer.load(&json)?;
        }
        Ok(scorer)
    }

    /// The engine version every result carries, e.g. "rubricate 0.9.0".
    #[getter]
    fn version(&self) -> &'static str {
        rubricate::ENGINE_VERSION
    }

    /// Grades one answer. Returns the scored answer as a dict (`format="json"`, the default), or
    /// rendered as `"md"`, `"text"` or `"html"`.
    #[pyo3(signature = (question, answer, reference = None, rubric = None, format = "json"))]
    fn score(
        &self,
        py: Python<'_>,
        question: &str,
        answer: &str,
        reference: Option<&str>,
        rubric: Option<&str>,
        format: &str,
    ) -> PyResult<Py<PyAny>> {
        let format = parse_format(format)?;
        let mut fields = Map::new();
        fields.insert("question".into(), question.into());
        fields.insert("answer".into(), answer.into());
        for (name, value) in [("reference", reference), ("rubric", rubric)] {
            if let Some(v) = value {
                fields.insert(name.into(), v.into());
            }
        }
        let request = parse_object(&Value::Object(fields)).map_err(|(_, problem)| PyValueError::new_err(problem))?;
        let out = py.detach(|| {
            let mut scored = self.engine.score(&request).map_err(|e| e.to_string())?;
            remap_scored(&request.answer, &mut scored, Unit::Byte, Unit::CodePoint);
            scored_output(&scored, format)
        });
        output(py, out.map_err(PyValueError::new_err)?, format)
    }

    /// Grades many records (dicts with `question`, `answer` and optional `id`, `reference`, `rubric`),
    /// on `jobs` threads (0: one per core) with the GIL released; results in the records' order.
    /// A bad record raises `ValueError` naming it (`errors="raise"`), or, with `errors="return"`,
    /// gives `{"id", "error"}` in its place, as `rubricate batch` does.
    #[pyo3(signature = (records, jobs = 0, errors = "raise"))]
    fn score_many(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        jobs: usize,
        errors: &str,
    ) -> PyResult<Py<PyList>> {
        let raise = match errors {
            "raise" => true,
            "return" => false,
            other => {
                return Err(PyValueError::new_err(format!("errors: expected \"raise\" or \"return\", found {other:?}")))
            }
        };
        let mut parsed = Vec::new();
        for (i, record) in records.try_iter()?.enumerate() {
            let record = record?;
            let request = match record_value(&record) {
                Ok(value) => parse_object(&value),
                Err(problem) => Err((Value::Null, problem)),
            };
            let request = request.map_err(|(id, problem)| (id, format!("records[{i}]: {problem}")));
            if let (true, Err((_, problem))) = (raise, &request) {
                return Err(PyValueError::new_err(problem.clone()));
            }
            parsed.push(request);
        }
        // Each record's compact JSON, or the id and problem of one the engine refuses (an unknown rubric).
        let grade = |(i, request): (usize, &Parsed)| -> Result<String, (Value, String)> {
            let request = request.as_ref().map_err(Clone::clone)?;
            let id = || request.id.clone().map_or(Value::Null, Value::String);
            let mut scored = self.engine.score(request).map_err(|e| (id(), format!("records[{i}]: {e}")))?;
            remap_scored(&request.answer, &mut scored, Unit::Byte, Unit::CodePoint);
            scored_output(&scored, Format::Json).map_err(|problem| (id(), problem))
        };
        let threads = BatchGrader::threads(jobs).min(parsed.len().max(1));
        let graded: Vec<Result<String, (Value, String)>> = py.detach(|| {
            let pool = (threads > 1).then(|| rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok());
            match pool.flatten() {
                Some(pool) => pool.install(|| parsed.par_iter().enumerate().map(grade).collect()),
                None => parsed.iter().enumerate().map(grade).collect(),
            }
        });
        if let (true, Some(Err((_, problem)))) = (raise, graded.iter().find(|g| g.is_err())) {
            return Err(PyValueError::new_err(problem.clone()));
        }
        let lines = graded
            .into_iter()
            .map(|g| g.unwrap_or_else(|(id, problem)| serde_json::json!({"id": id, "error": problem}).to_string()));
        let loads = json_loads(py)?;
        let out = PyList::empty(py);
        for line in lines {
            out.append(loads.call1((line,))?)?;
        }
        Ok(out.unbind())
    }

    /// Parses a transcript (dialogue, numbered or plain) and grades every answer in it. `rubric`
    /// grades every answer against one rubric; `question` is the question of a plain answer.
    /// Returns the report as a dict (`format="json"`), or rendered as `"md"`, `"text"` or `"html"`.
    #[pyo3(signature = (text, rubric = None, question = None, format = "json"))]
    fn report(
        &self,
        py: Python<'_>,
        text: &str,
        rubric: Option<&str>,
        question: Option<&str>,
        format: &str,
    ) -> PyResult<Py<PyAny>> {
        let format = parse_format(format)?;
        let out = py.detach(|| {
            input::check_text(text, "text").map_err(|e| e.to_string())?;
            if let Some(q) = question {
                input::check_text(q, "question").map_err(|e| e.to_string())?;
            }
            if let Some(r) = rubric {
                self.engine.check_rubric_name(r).map_err(|e| format!("rubric: {}", e.problem))?;
            }
            let mut report = self.engine.report(text, rubric.map(str::trim), question).map_err(|e| e.to_string())?;
            if format == Format::Json {
                remap_offsets(&mut report, Unit::Byte, Unit::CodePoint);
            }
            Ok::<String, String>(render(&report, format))
        });
        output(py, out.map_err(PyValueError::new_err)?, format)
    }

    /// Summaries of every loaded rubric (bundled first, then custom), as `rubricate rubrics` lists them.
    fn rubrics(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.engine.rubrics())
    }

    /// One loaded rubric in full, by id (`ValueError` when none has that id).
    fn rubric(&self, py: Python<'_>, id: &str) -> PyResult<Py<PyAny>> {
        match self.engine.rubric(id.trim()) {
            Some(r) => to_python(py, r),
            None => Err(PyValueError::new_err(format!("rubric: no rubric with id {:?}", id.trim()))),
        }
    }

    /// Validates a rubric given as JSON text and loads it (replacing one with the same id); returns
    /// its summary. Raises `RubricError` (a `ValueError`) listing every problem with its JSON path.
    fn add_rubric(&mut self, py: Python<'_>, json_text: &str) -> PyResult<Py<PyAny>> {
        let summary = self.load(json_text)?;
        to_python(py, &summary)
    }

    /// A Scorer pickles as its custom rubrics' JSON, so Spark, Ray and multiprocessing can ship it.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Vec<String>,))> {
        Ok((slf.get_type().into_any(), (slf.borrow().added.clone(),)))
    }

    fn __repr__(&self) -> String {
        format!("<rubricate.Scorer {} with {} rubrics>", rubricate::ENGINE_VERSION, self.engine.rubrics().len())
    }
}

impl Scorer {
    /// Validates and loads one custom rubric, remembering its JSON for pickling.
    fn load(&mut self, json: &str) -> PyResult<rubricate::RubricSummary> {
        input::check_text_limited(json, "rubric", MAX_RUBRIC_BYTES)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let summary = self.engine.add_rubric_json(json).map_err(rubric_error)?;
        self.added.retain(|earlier| !same_id(earlier, &summary.id));
        self.added.push(json.to_string());
        Ok(summary)
    }
}

/// Whether a custom rubric's JSON (already validated once) has this id: a rubric added again under
/// the same id replaces the earlier one, in the engine and in what a pickle carries.
fn same_id(json: &str, id: &str) -> bool {
    serde_json::from_str::<Value>(json).ok().and_then(|v| v.get("id").and_then(Value::as_str).map(|i| i.trim() == id))
        == Some(true)
}

/// The core's rubric error as a `RubricError` whose `problems` lists each problem and its path.
fn rubric_error(e: CoreRubricError) -> PyErr {
    let all: Vec<String> = e.problems.iter().map(|p| format!("{} ({})", p.problem, p.path)).collect();
    let err = RubricError::new_err(match all.len() {
        0 => "rubric: invalid rubric".to_string(),
        1 => format!("rubric: invalid rubric: {}", all.join("")),
        n => format!("rubric: invalid rubric, {n} problems: {}", all.join("; ")),
    });
    Python::attach(|py| {
        let problems: Vec<(String, String)> = e.problems.iter().map(|p| (p.path.clone(), p.problem.clone())).collect();
        let list = PyList::empty(py);
        for (path, problem) in problems {
            let d = PyDict::new(py);
            d.set_item("path", path)?;
            d.set_item("problem", problem)?;
            list.append(d)?;
        }
        err.value(py).setattr("problems", list)
    })
    .map_or_else(|e| e, |()| err)
}

/// `format=` of `score` and `report`.
fn parse_format(name: &str) -> PyResult<Format> {
    Format::parse(name).ok_or_else(|| {
        PyValueError::new_err(format!("format: expected \"json\", \"md\", \"text\" or \"html\", found {name:?}"))
    })
}

/// A scored answer as text: compact JSON for a dict, or rendered.
fn scored_output(scored: &ScoredAnswer, format: Format) -> Result<String, String> {
    match format {
        Format::Json => serde_json::to_string(scored).map_err(|e| format!("internal error: cannot write JSON: {e}")),
        other => Ok(render_scored(scored, other)),
    }
}

/// JSON text parsed into plain Python objects for `format="json"`; rendered text as a `str` otherwise.
fn output(py: Python<'_>, text: String, format: Format) -> PyResult<Py<PyAny>> {
    match format {
        Format::Json => Ok(json_loads(py)?.call1((text,))?.unbind()),
        _ => Ok(PyString::new(py, &text).into_any().unbind()),
    }
}

/// A serializable core value as plain Python objects (through its JSON, so the fields are the JSON's).
fn to_python<T: serde::Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("internal error: cannot write JSON: {e}")))?;
    Ok(json_loads(py)?.call1((text,))?.unbind())
}

fn json_loads(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("json")?.getattr("loads")
}

/// A record as the JSON object the core validates; the problem, worded as the core words its own,
/// when it is not a mapping or holds a value JSON has no word for.
fn record_value(record: &Bound<'_, PyAny>) -> Result<Value, String> {
    if record.cast::<PyMapping>().is_err() && record.cast::<PyDict>().is_err() {
        return Err(format!("expected a dict, found {}", type_of(record)));
    }
    to_value(record, 0)
}

/// A Python value as JSON. `None`, and the float NaN that pandas writes for a missing value, are null.
fn to_value(v: &Bound<'_, PyAny>, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    if v.is_none() || type_of(v) == "NAType" {
        return Ok(Value::Null); // pandas.NA is pandas' other missing value
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|_| "a string that is not valid UTF-8 (lone surrogates)".to_string());
    }
    if v.cast::<PyInt>().is_ok() {
        if let Ok(i) = v.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(v.extract::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number));
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(d) = v.cast::<PyMapping>() {
        let mut map = Map::new();
        for item in d.items().map_err(|e| e.to_string())?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|e: PyErr| e.to_string())?;
            let key = k.cast::<PyString>().map_err(|_| format!("a key must be a string, found {}", type_of(&k)))?;
            let key = key.to_cow().map_err(|e| e.to_string())?.into_owned();
            let value = to_value(&v, depth + 1).map_err(|p| format!("field {key:?}: {p}"))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if v.cast::<PyList>().is_ok() || v.cast::<PyTuple>().is_ok() {
        let items = v.try_iter().map_err(|e| e.to_string())?;
        return items
            .map(|item| item.map_err(|e| e.to_string()).and_then(|i| to_value(&i, depth + 1)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    Err(format!("cannot read a value of type {}", type_of(v)))
}

fn type_of(v: &Bound<'_, PyAny>) -> String {
    v.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "unknown".to_string())
}

/// The `rubricate` module: `Scorer`, `RubricError`, `__version__` and `ENGINE_VERSION`.
#[pymodule]
#[pyo3(name = "rubricate")]
fn rubricate_python(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scorer>()?;
    m.add("RubricError", m.py().get_type::<RubricError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ENGINE_VERSION", rubricate::ENGINE_VERSION)?;
    Ok(())
}
