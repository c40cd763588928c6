//! Requests as the bindings receive them: one JSONL line of `rubricate batch` parsed into a
//! [`ScoreRequest`], graded, and turned into the line written back (the scored answer, or
//! `{"id", "error"}` naming the line and the problem); natively, a run of lines graded on several
//! threads (rayon) in input order. The command line only reads and writes the lines.

use crate::rubric::validate::type_name;
use crate::score::accurate::Compare;
use crate::score::SentenceEvidence;
use crate::{Engine, ScoreRequest, ScoredAnswer, MAX_INPUT_BYTES};
use serde_json::Value;
use std::io::{self, BufRead};

/// Longest JSONL line accepted, in bytes: room for a question, an answer and a reference at their
/// size limit, with JSON escaping. A reader keeps at most this many bytes (+1) of a longer line.
pub const BATCH_LINE_LIMIT: usize = 4 * MAX_INPUT_BYTES;

/// One input line as read: its number (1-based, blank lines counted, as an editor counts), its full
/// length in bytes, and its bytes (at most [`BATCH_LINE_LIMIT`] + 1 of them).
#[derive(Debug, Clone)]
pub struct Line {
    pub number: usize,
    pub length: usize,
    pub bytes: Vec<u8>,
}

/// What one line gives: nothing (a blank line), a scored answer, or an error; both as one JSON line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineOutcome {
    Blank,
    Graded(String),
    Failed(String),
}

/// Grades one line against `engine`; a line that names no rubric uses `default_rubric`. With a
/// comparer (accurate mode), a line graded against its model answer gets the comparer's evidence
/// (unless it brings its own).
pub fn grade_line(
    engine: &Engine,
    line: &Line,
    default_rubric: Option<&str>,
    compare: Option<&dyn Compare>,
) -> LineOutcome {
    if line.length <= BATCH_LINE_LIMIT && line.bytes.iter().all(u8::is_ascii_whitespace) {
        return LineOutcome::Blank;
    }
    let result = if line.length > BATCH_LINE_LIMIT {
        Err((
            Value::Null,
            format!("the line is too long ({} bytes; the limit is {} bytes)", line.length, BATCH_LINE_LIMIT),
        ))
    } else {
        score_line(engine, &line.bytes, default_rubric, compare)
    };
    let failed = |id: Value, problem: String| {
        LineOutcome::Failed(
            serde_json::json!({"id": id, "error": format!("line {}: {}", line.number, problem)}).to_string(),
        )
    };
    match result {
        Ok(scored) => match serde_json::to_string(&scored) {
            Ok(json) => LineOutcome::Graded(json),
            Err(e) => failed(Value::Null, format!("internal error: cannot write JSON: {e}")),
        },
        Err((id, problem)) => failed(id, problem),
    }
}

/// Parses one line into a score request, or says what is wrong with it (with the id to report it
/// under, when the line has one).
pub fn parse_line(line: &[u8]) -> Result<ScoreRequest, (Value, String)> {
    let text = std::str::from_utf8(line)
        .map_err(|e| (Value::Null, format!("invalid UTF-8 (byte offset {} in the line)", e.valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| (Value::Null, json_error(&e)))?;
    parse_object(&value)
}

/// Turns one request object (a parsed JSONL line, or a record handed to a binding) into a score
/// request, or says what is wrong with it (with the id to report it under, when it has one). Every
/// binding validates records here, so their messages are the command line's.
pub fn parse_object(value: &Value) -> Result<ScoreRequest, (Value, String)> {
    let Value::Object(obj) = value else {
        return Err((Value::Null, format!("expected a JSON object, found {}", type_name(value))));
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let fail = |problem: String| (id.clone(), problem);
    let field = |name: &str, required: bool| -> Result<Option<String>, (Value, String)> {
        match obj.get(name) {
            None | Some(Value::Null) if required => Err(fail(format!("missing field \"{}\"", name))),
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => {
                crate::input::check_text(s, name).map_err(|e| fail(e.to_string()))?;
                Ok(Some(s.clone()))
            }
            Some(other) => Err(fail(format!("field \"{}\" must be a string, found {}", name, type_name(other)))),
        }
    };
    Ok(ScoreRequest {
        id: field("id", false)?,
        question: field("question", true)?.unwrap_or_default(),
        answer: field("answer", true)?.unwrap_or_default(),
        reference: field("reference", false)?,
        rubric: field("rubric", false)?,
        accurate: match obj.get("accurate") {
            None | Some(Value::Null) => None,
            Some(v) => Some(serde_json::from_value(v.clone()).map_err(|e| {
                fail(format!("field \"accurate\" must be {{\"model\", \"cosine\", \"recall\"}}: {}", json_message(&e)))
            })?),
        },
    })
}

fn score_line(
    engine: &Engine,
    line: &[u8],
    default_rubric: Option<&str>,
    compare: Option<&dyn Compare>,
) -> Result<ScoredAnswer, (Value, String)> {
    let mut request = parse_line(line)?;
    let id = request.id.clone().map_or(Value::Null, Value::String);
    if request.rubric.is_none() {
        request.rubric = default_rubric.map(str::to_string);
    }
    if let (Some(c), None) = (compare, &request.accurate) {
        request.accurate = accurate_evidence(c, &request).map_err(|e| (id.clone(), format!("accurate: {e}")))?;
    }
    engine.score(&request).map_err(|e| (id, e.to_string()))
}

/// Accurate mode's evidence for a request, when it is graded against its model answer (a
/// non-empty `reference` and no rubric); `None` otherwise, so it is graded in the default mode.
pub fn accurate_evidence(compare: &dyn Compare, request: &ScoreRequest) -> Result<Option<SentenceEvidence>, String> {
    match request.reference.as_deref().filter(|r| !r.trim().is_empty()) {
        Some(reference) if request.rubric.as_deref().is_none_or(|r| r.trim().is_empty()) => {
            compare.compare(&request.answer, reference).map(Some)
        }
        _ => Ok(None),
    }
}

/// A serde_json error as one line, without its "at line 1" (the line is named by the caller).
fn json_error(e: &serde_json::Error) -> String {
    format!("invalid JSON: {} (column {})", json_message(e), e.column())
}

fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]).to_string()
}

/// Reads one line (without its `\n` or `\r\n`) into `buf`, keeping at most `limit + 1` bytes of it
/// so memory stays flat; returns the line's full length, or `None` at the end of the input.
pub fn read_line_limited(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<usize>> {
    buf.clear();
    let mut length = 0usize;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = (limit + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        length += chunk.len();
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') && length <= limit {
        buf.pop();
        length -= 1;
    }
    Ok(Some(length))
}

/// Grades runs of lines on a pool of `jobs` threads (natively), keeping the input's order.
#[cfg(not(target_arch = "wasm32"))]
pub struct BatchGrader<'e> {
    engine: &'e Engine,
    default_rubric: Option<String>,
    compare: Option<&'e dyn Compare>,
    /// `None` for one job (the calling thread grades), or when no pool could be started.
    pool: Option<rayon::ThreadPool>,
}

/// Most worker threads a batch starts (larger requests are lowered to it).
#[cfg(not(target_arch = "wasm32"))]
pub const BATCH_MAX_JOBS: usize = 64;

#[cfg(not(target_arch = "wasm32"))]
impl<'e> BatchGrader<'e> {
    /// `jobs` worker threads (0: one per core; at most [`BATCH_MAX_JOBS`]).
    pub fn new(engine: &'e Engine, default_rubric: Option<String>, jobs: usize) -> BatchGrader<'e> {
        let jobs = BatchGrader::threads(jobs);
        let pool = (jobs > 1).then(|| rayon::ThreadPoolBuilder::new().num_threads(jobs).build().ok()).flatten();
        BatchGrader { engine, default_rubric, compare: None, pool }
    }

    /// Grades in accurate mode: lines graded against their model answer get `compare`'s evidence.
    pub fn with_compare(self, compare: &'e dyn Compare) -> BatchGrader<'e> {
        BatchGrader { compare: Some(compare), ..self }
    }

    /// The number of threads `jobs` stands for.
    pub fn threads(jobs: usize) -> usize {
        let jobs = if jobs == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { jobs };
        jobs.clamp(1, BATCH_MAX_JOBS)
    }

    /// How many threads grade (1 when grading on the calling thread).
    pub fn jobs(&self) -> usize {
        self.pool.as_ref().map_or(1, |p| p.current_num_threads())
    }

    /// Grades the lines, in parallel when there is a pool; the outcomes are in the lines' order.
    pub fn grade(&self, lines: &[Line]) -> Vec<LineOutcome> {
        use rayon::prelude::*;
        let rubric = self.default_rubric.as_deref();
        let grade = |l: &Line| grade_line(self.engine, l, rubric, self.compare);
        match &self.pool {
            Some(pool) => pool.install(|| lines.par_iter().map(grade).collect()),
            None => lines.iter().map(grade).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(number: usize, text: &str) -> Line {
        Line { number, length: text.len(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn lines_are_read_with_a_limit() {
        let mut input: &[u8] = b"short\r\n0123456789abcdef\nlast";
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut input, &mut buf, 8).unwrap(), Some(5));
        assert_eq!(buf, b"short");
        assert_eq!(read_line_limited(&mut input, &mut buf, 8).unwrap(), Some(16), "the full length is counted");
        assert_eq!(buf.len(), 9, "but only limit + 1 bytes are kept");
        assert_eq!(read_line_limited(&mut input, &mut buf, 8).unwrap(), Some(4));
        assert_eq!(read_line_limited(&mut input, &mut buf, 8).unwrap(), None);
    }

    #[test]
    fn parse_line_names_every_problem() {
        assert_eq!(parse_line(b"[1]").unwrap_err().1, "expected a JSON object, found an array");
        assert!(parse_line(b"{").unwrap_err().1.starts_with("invalid JSON: "));
        assert_eq!(parse_line(b"\xff").unwrap_err().1, "invalid UTF-8 (byte offset 0 in the line)");
        let (id, problem) = parse_line(br#"{"id": "a", "answer": "x"}"#).unwrap_err();
        assert_eq!((id, problem.as_str()), (Value::String("a".into()), "missing field \"question\""));
        let (_, problem) = parse_line(br#"{"question": 3, "answer": "x"}"#).unwrap_err();
        assert_eq!(problem, "field \"question\" must be a string, found a number");
        let req = parse_line("\u{feff}{\"question\": \"q\", \"answer\": \"a\", \"rubric\": null}".as_bytes()).unwrap();
        assert_eq!((req.question.as_str(), req.answer.as_str(), req.rubric), ("q", "a", None));
    }

    #[test]
    fn grade_line_outcomes() {
        let engine = Engine::new();
        assert_eq!(grade_line(&engine, &line(1, "  "), None, None), LineOutcome::Blank);
        let LineOutcome::Failed(json) = grade_line(
            &engine,
            &line(7, r#"{"id": "x", "question": "q", "answer": "a", "rubric": "nope"}"#),
            None,
            None,
        ) else {
            panic!("an unknown rubric fails the line");
        };
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["id"], "x");
        assert_eq!(v["error"], "line 7: rubric: no rubric with id 'nope'");
        let long = Line { number: 2, length: BATCH_LINE_LIMIT + 10, bytes: b"{".to_vec() };
        assert!(matches!(grade_line(&engine, &long, None, None), LineOutcome::Failed(j) if j.contains("too long")));
        let ok = line(
            3,
            r#"{"id": "y", "question": "What is a load balancer?", "answer": "It spreads requests over several servers and stops sending traffic to one that fails its health check."}"#,
        );
        assert!(matches!(grade_line(&engine, &ok, None, None), LineOutcome::Graded(j) if j.contains("\"id\":\"y\"")));
    }

    #[test]
    fn a_pool_keeps_the_order_and_the_bytes() {
        let engine = Engine::new();
        let lines: Vec<Line> = (1..=40)
            .map(|i| {
                line(i, &format!(r#"{{"id": "{i}", "question": "Why cache?", "answer": "A cache keeps {i} hot reads close so the database is not hit every time."}}"#))
            })
            .collect();
        let one = BatchGrader::new(&engine, None, 1);
        let four = BatchGrader::new(&engine, None, 4);
        assert_eq!(one.jobs(), 1);
        assert_eq!(four.jobs(), 4);
        assert_eq!(one.grade(&lines), four.grade(&lines));
    }
}
