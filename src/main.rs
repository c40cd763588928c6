//! The `rubricate` command line: reads files and stdin, calls the library, writes stdout and stderr,
//! and sets the exit status (0 ok, 2 bad input). No grading logic lives here.

use clap::Parser;
#[path = "cli/accurate.rs"]
mod accurate;
#[path = "cli/args.rs"]
mod args;
use args::{Cli, Command, OutputFormat, RubricFormat, SourceFormat};
use rubricate::request::{accurate_evidence, read_line_limited, BatchGrader, Line, LineOutcome, BATCH_LINE_LIMIT};
use rubricate::rubric::{draft, interop, MAX_RUBRIC_BYTES};
use rubricate::score::accurate::Compare;
use rubricate::{input, render, render_scored, Engine, InputError, ScoreRequest, MAX_INPUT_BYTES};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit status for bad input (the same status clap uses for usage errors).
const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when stdout or stderr cannot be written (other than a closed pipe).
const EXIT_IO: u8 = 1;

/// How much of an oversized stdin is read (and thrown away) to say how large it was.
const OVERSIZE_COUNT_LIMIT: u64 = 64 << 20;

/// Why a command stopped: lines for stderr (each printed after `rubricate: `) and the exit status.
struct Failure {
    lines: Vec<String>,
    code: u8,
}

impl Failure {
    fn bad_input(line: impl Into<String>) -> Failure {
        Failure { lines: vec![line.into()], code: EXIT_BAD_INPUT }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        Failure::bad_input(e.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader went away (`| head`): nothing more to say, and not an error of ours.
            Failure { lines: Vec::new(), code: 0 }
        } else {
            Failure { lines: vec![format!("stdout: cannot write: {}", e)], code: EXIT_IO }
        }
    }
}

type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("rubricate: internal error (a bug, please report it): {}", info);
    }));
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let stderr = io::stderr();
            let mut err = stderr.lock();
            for line in &failure.lines {
                let _ = writeln!(err, "rubricate: {}", line);
            }
            ExitCode::from(failure.code)
        }
    }
}

/// Loads the semantic model named by `--embeddings`, if any (exit 2 with one line when it cannot).
fn load_embeddings(engine: &mut Engine, path: Option<&str>) -> Outcome {
    let Some(path) = path else { return Ok(()) };
    let bytes = std::fs::read(path).map_err(|e| Failure::bad_input(format!("{}: cannot read: {}", path, e)))?;
    engine.load_embeddings(&bytes).map(|_| ()).map_err(|e| Failure::bad_input(format!("{}: {}", path, e)))
}

/// Loads the sentence encoder when `--accurate` is given (exit 2 with one line when it cannot).
fn load_accurate(on: bool, model: Option<&str>) -> Result<Option<Box<dyn Compare>>, Failure> {
    if !on {
        return Ok(None);
    }
    accurate::load(&accurate::model_dir(model)).map(Some).map_err(Failure::bad_input)
}

fn run(command: Command) -> Outcome {
    let mut engine = Engine::new();
    match command {
        Command::Score { question, reference, rubric, format, embeddings, accurate, model } => {
            load_embeddings(&mut engine, embeddings.as_deref())?;
            let compare = load_accurate(accurate, model.as_deref())?;
            score(&mut engine, question, reference, rubric.as_deref(), format, compare.as_deref())
        }
        Command::Batch { rubric, jobs, embeddings, accurate, model } => {
            load_embeddings(&mut engine, embeddings.as_deref())?;
            let compare = load_accurate(accurate, model.as_deref())?;
            batch(&mut engine, rubric.as_deref(), jobs, compare.as_deref())
        }
        Command::Report { file, rubric, question, format, embeddings } => {
            load_embeddings(&mut engine, embeddings.as_deref())
                .and_then(|()| report(&mut engine, &file, rubric.as_deref(), question.as_deref(), format))
        }
        Command::Rubrics => {
            let json = serde_json::to_string_pretty(&engine.rubrics()).map_err(internal)?;
            print(&json)
        }
        Command::CheckRubric { file, strict } => check_rubric(&file, strict),
        Command::Convert { from, to, file } => convert(from, to, &file),
        Command::DraftRubric { question, reference, id, title } => {
            draft_rubric(&question, &reference, &draft::DraftOptions { id, title })
        }
        Command::Version => print(rubricate::ENGINE_VERSION),
    }
}

fn internal(e: serde_json::Error) -> Failure {
    Failure { lines: vec![format!("internal error: cannot write JSON: {}", e)], code: EXIT_IO }
}

fn print(text: &str) -> Outcome {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Commands

fn score(
    engine: &mut Engine,
    question: String,
    reference: Option<String>,
    rubric: Option<&str>,
    format: OutputFormat,
    compare: Option<&dyn Compare>,
) -> Outcome {
    input::check_text(&question, "--question")?;
    if let Some(r) = &reference {
        input::check_text(r, "--reference")?;
    }
    let rubric = rubric.map(|r| use_rubric(engine, r)).transpose()?;
    if io::stdin().is_terminal() {
        eprintln!("rubricate: reading the answer from stdin (end it with Ctrl-D)");
    }
    let bytes = read_stdin(MAX_INPUT_BYTES)?;
    let answer = input::text_from_bytes(&bytes, "stdin")?;
    let mut request =
        ScoreRequest { id: None, question, answer: answer.to_string(), reference, rubric, accurate: None };
    if let Some(c) = compare {
        request.accurate = accurate_evidence(c, &request).map_err(|e| InputError::new("--accurate", e))?;
    }
    let scored = engine.score(&request)?;
    print(&render_scored(&scored, format.into()))
}

fn report(
    engine: &mut Engine,
    file: &str,
    rubric: Option<&str>,
    question: Option<&str>,
    format: OutputFormat,
) -> Outcome {
    if let Some(q) = question {
        input::check_text(q, "--question")?;
    }
    let rubric = rubric.map(|r| use_rubric(engine, r)).transpose()?;
    let (bytes, what) = if file == "-" {
        (read_stdin(MAX_INPUT_BYTES)?, "stdin".to_string())
    } else {
        (read_file(Path::new(file), MAX_INPUT_BYTES)?, file.to_string())
    };
    let text = input::text_from_bytes(&bytes, &what)?;
    let report = engine.report(text, rubric.as_deref(), question)?;
    print(&render(&report, format.into()))
}

fn check_rubric(file: &str, strict: bool) -> Outcome {
    let (bytes, what) = if file == "-" {
        (read_stdin(MAX_RUBRIC_BYTES)?, "stdin".to_string())
    } else {
        (read_file(Path::new(file), MAX_RUBRIC_BYTES)?, file.to_string())
    };
    let json = input::text_from_bytes_limited(&bytes, &what, MAX_RUBRIC_BYTES)?;
    let r = rubricate::rubric::parse_and_validate(json).map_err(|e| Failure {
        lines: e.problems.iter().map(|p| format!("{}: {} ({})", what, p.problem, p.path)).collect(),
        code: EXIT_BAD_INPUT,
    })?;
    let warnings = rubricate::rubric::validate::lint(&r);
    let warning_lines = warnings.iter().map(|p| format!("warning: {}: {} ({})", what, p.problem, p.path));
    if strict && !warnings.is_empty() {
        return Err(Failure { lines: warning_lines.collect(), code: EXIT_BAD_INPUT });
    }
    for line in warning_lines {
        eprintln!("rubricate: {}", line);
    }
    print(&rubricate::rubric::validate::check_summary(&r, warnings.len()))
}

fn convert(from: SourceFormat, to: RubricFormat, file: &str) -> Outcome {
    let limit = if from == SourceFormat::Rubricate { MAX_RUBRIC_BYTES } else { interop::MAX_IMPORT_BYTES };
    let (bytes, what) = if file == "-" {
        (read_stdin(limit)?, "stdin".to_string())
    } else {
        (read_file(Path::new(file), limit)?, file.to_string())
    };
    let json = input::text_from_bytes_limited(&bytes, &what, limit)?;
    let from = match from {
        SourceFormat::Rubricate => interop::Format::Rubricate,
        SourceFormat::Canvas => interop::Format::Canvas,
        SourceFormat::Prometheus => interop::Format::Prometheus,
        SourceFormat::Auto => interop::detect(json).map_err(|e| {
            let first = e.problems.first().map(|p| format!("{} ({})", p.problem, p.path)).unwrap_or_default();
            Failure::bad_input(format!("{}: {}", what, first))
        })?,
    };
    let converted =
        interop::convert(from, to.into(), json).map_err(|e| Failure::bad_input(e.one_line_as(&what, from.name())))?;
    print(&converted)
}

fn draft_rubric(question: &str, reference: &str, options: &draft::DraftOptions) -> Outcome {
    input::check_text(question, "--question")?;
    let (bytes, what) = if reference == "-" {
        (read_stdin(MAX_INPUT_BYTES)?, "stdin".to_string())
    } else {
        (read_file(Path::new(reference), MAX_INPUT_BYTES)?, reference.to_string())
    };
    let text = input::text_from_bytes(&bytes, &what)?;
    let rubric = draft::draft_with_options(question, text, options).map_err(|e| {
        let lines = e.problems.iter().map(|p| {
            let at = match p.path.as_str() {
                "$.question" => "--question",
                "$.id" => "--id",
                _ => what.as_str(),
            };
            format!("{}: {}", at, p.problem)
        });
        Failure { lines: lines.collect(), code: EXIT_BAD_INPUT }
    })?;
    print(&serde_json::to_string_pretty(&rubric).map_err(internal)?)
}

/// Resolves `--rubric ID|FILE`: an existing file is validated and loaded as a custom rubric and its
/// id returned; anything else must name a loaded rubric (`id` or `id/question-id`).
fn use_rubric(engine: &mut Engine, arg: &str) -> Result<String, Failure> {
    let path = Path::new(arg);
    if path.exists() {
        let bytes = read_file(path, MAX_RUBRIC_BYTES)?;
        let json = input::text_from_bytes_limited(&bytes, arg, MAX_RUBRIC_BYTES)?;
        let summary = engine.add_rubric_json(json).map_err(|e| Failure::bad_input(e.one_line(arg)))?;
        return Ok(summary.id);
    }
    let looks_like_path = arg.ends_with(".json")
        || arg.starts_with('.')
        || arg.starts_with('/')
        || arg.contains('\\')
        || arg.matches('/').count() > 1;
    if looks_like_path {
        return Err(Failure::bad_input(format!("{}: no such file", arg)));
    }
    engine.check_rubric_name(arg).map_err(|e| InputError::new("--rubric", e.problem))?;
    Ok(arg.trim().to_string())
}

// ---------------------------------------------------------------------------------------------
// batch: JSONL in, JSONL out, one line at a time

/// `batch --jobs N` (N > 1) reads the input in chunks of at most this many lines per worker, or
/// [`BATCH_CHUNK_BYTES`], grades a chunk on the pool and writes it in order before reading on:
/// memory stays flat however long the batch is.
const BATCH_CHUNK_LINES_PER_JOB: usize = 64;
const BATCH_CHUNK_BYTES: usize = 16 << 20;

fn batch(engine: &mut Engine, rubric: Option<&str>, jobs: usize, compare: Option<&dyn Compare>) -> Outcome {
    let default_rubric = rubric.map(|r| use_rubric(engine, r)).transpose()?;
    let mut grader = BatchGrader::new(engine, default_rubric, jobs);
    if let Some(c) = compare {
        grader = grader.with_compare(c);
    }
    let stdin = io::stdin();
    let mut reader = stdin.lock();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut line_no, mut graded, mut failed) = (0usize, 0usize, Vec::new());
    let read_error = |e: io::Error| Failure::bad_input(format!("stdin: cannot be read: {}", e));
    // One job: each line graded and written as soon as it is read, for whoever reads the stream.
    let (max_lines, max_bytes) =
        if grader.jobs() == 1 { (1, 0) } else { (grader.jobs() * BATCH_CHUNK_LINES_PER_JOB, BATCH_CHUNK_BYTES) };
    let mut chunk: Vec<Line> = Vec::new();
    loop {
        chunk.clear();
        let (mut bytes, mut eof) = (0usize, false);
        while chunk.len() < max_lines && (chunk.is_empty() || bytes < max_bytes) {
            let mut buf = Vec::new();
            match read_line_limited(&mut reader, &mut buf, BATCH_LINE_LIMIT).map_err(read_error)? {
                None => {
                    eof = true;
                    break;
                }
                Some(length) => {
                    line_no += 1;
                    bytes += buf.len();
                    chunk.push(Line { number: line_no, length, bytes: buf });
                }
            }
        }
        for (line, outcome) in chunk.iter().zip(grader.grade(&chunk)) {
            let json = match outcome {
                LineOutcome::Blank => continue,
                LineOutcome::Graded(json) => {
                    graded += 1;
                    json
                }
                LineOutcome::Failed(json) => {
                    failed.push(line.number);
                    json
                }
            };
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        if eof {
            break;
        }
    }
    if graded + failed.len() == 0 {
        return Err(Failure::bad_input("stdin: no JSONL lines to grade (the input is empty)"));
    }
    if let Some(first) = failed.first() {
        return Err(Failure::bad_input(format!(
            "stdin: {} of {} line{} could not be graded, the first at line {} (see the \"error\" fields in the output)",
            failed.len(),
            graded + failed.len(),
            if graded + failed.len() == 1 { "" } else { "s" },
            first
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading input

/// Reads stdin, keeping at most `limit` bytes; beyond that, counts (up to a bound) and refuses.
fn read_stdin(limit: usize) -> Result<Vec<u8>, InputError> {
    let stdin = io::stdin();
    let mut handle = stdin.lock();
    let mut bytes = Vec::new();
    let cannot = |e: io::Error| InputError::new("stdin", format!("cannot be read: {}", e));
    (&mut handle).take(limit as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > limit {
        let rest = io::copy(&mut (&mut handle).take(OVERSIZE_COUNT_LIMIT), &mut io::sink()).map_err(cannot)?;
        let size = bytes.len() as u64 + rest;
        let exact = rest < OVERSIZE_COUNT_LIMIT;
        return Err(input::too_large("stdin", size, exact, limit));
    }
    Ok(bytes)
}

/// Reads a file, refusing a missing file, a directory, or one larger than `limit` (before reading it).
fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, InputError> {
    let what = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| open_error(&what, &e))?;
    if meta.is_dir() {
        return Err(InputError::new(what, "is a directory, not a file"));
    }
    if meta.len() > limit as u64 {
        return Err(input::too_large(&what, meta.len(), true, limit));
    }
    let file = File::open(path).map_err(|e| open_error(&what, &e))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| open_error(&what, &e))?;
    if bytes.len() > limit {
        // it grew while we read it, or it is a device or pipe with no size
        return Err(input::too_large(&what, bytes.len() as u64, false, limit));
    }
    Ok(bytes)
}

fn open_error(what: &str, e: &io::Error) -> InputError {
    let problem = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot be read: {}", e),
    };
    InputError::new(what, problem)
}
