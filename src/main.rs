//! The `rubricate` command line: reads files and stdin, calls the library, writes stdout and stderr,
//! and sets the exit status (0 ok, 2 bad input). No grading logic lives here.

use clap::{Parser, Subcommand, ValueEnum};
use rubricate::request::{BatchGrader, Line, LineOutcome, BATCH_LINE_LIMIT};
use rubricate::rubric::{interop, MAX_RUBRIC_BYTES};
use rubricate::{input, render, render_scored, Engine, Format, InputError, RubricError, ScoreRequest, MAX_INPUT_BYTES};
use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit status for bad input (the same status clap uses for usage errors).
const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when stdout or stderr cannot be written (other than a closed pipe).
const EXIT_IO: u8 = 1;

/// How much of an oversized stdin is read (and thrown away) to say how large it was.
const OVERSIZE_COUNT_LIMIT: u64 = 64 << 20;

#[derive(Parser)]
#[command(
    name = "rubricate",
    version,
    about = "Offline grader of interview answers: scores answers 0-5 against rubrics and writes evaluation and HR reports."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Grade one answer read from stdin.
    Score {
        /// The question the answer replies to.
        #[arg(long)]
        question: String,
        /// A model answer to grade against (when no rubric is named).
        #[arg(long)]
        reference: Option<String>,
        /// A rubric id (`cloud-architect`, `cloud-architect/high-availability`) or a rubric JSON file.
        #[arg(long, value_name = "ID|FILE")]
        rubric: Option<String>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// Load the optional semantic model (www/models/minilm-l6-static.rbem): paraphrased points earn partial credit.
        #[arg(long, value_name = "PATH")]
        embeddings: Option<String>,
    },
    /// Grade JSONL on stdin ({"id", "question", "answer", "reference"?, "rubric"?} a line), one scored answer a line out.
    Batch {
        /// Rubric id or file for lines that name none.
        #[arg(long, value_name = "ID|FILE")]
        rubric: Option<String>,
        /// Worker threads grading lines (0 = one per core; at most 64). Output keeps the input's order.
        #[arg(long, default_value_t = 1, value_name = "N")]
        jobs: usize,
        /// Load the optional semantic model (www/models/minilm-l6-static.rbem): paraphrased points earn partial credit.
        #[arg(long, value_name = "PATH")]
        embeddings: Option<String>,
    },
    /// Grade every answer of an interview transcript and write the evaluation and HR report.
    Report {
        /// The transcript file, or `-` for stdin.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Grade every answer against this rubric id or rubric JSON file.
        #[arg(long, value_name = "ID|FILE")]
        rubric: Option<String>,
        /// The question a plain (unmarked) answer replies to.
        #[arg(long)]
        question: Option<String>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// Load the optional semantic model (www/models/minilm-l6-static.rbem): paraphrased points earn partial credit.
        #[arg(long, value_name = "PATH")]
        embeddings: Option<String>,
    },
    /// List the bundled rubrics as JSON.
    Rubrics,
    /// Validate a rubric file and list every problem with its JSON path; warnings (e.g. phrasings
    /// that would match any answer) go to stderr.
    CheckRubric {
        /// The rubric JSON file, or `-` for stdin.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Treat warnings as problems (exit 2).
        #[arg(long)]
        strict: bool,
    },
    /// Convert a rubric between formats: rubricate, canvas (Canvas LMS rubric JSON), prometheus (LLM-judge score rubrics).
    Convert {
        /// The input's format; `auto` (the default) tells it from the JSON's fields.
        #[arg(long, value_enum, default_value = "auto")]
        from: SourceFormat,
        #[arg(long, value_enum)]
        to: RubricFormat,
        /// The rubric file, or `-` for stdin.
        #[arg(value_name = "FILE|-")]
        file: String,
    },
    /// Draft a one-question rubric from a question and a model answer, and print it as JSON.
    DraftRubric {
        /// The interview question.
        #[arg(long)]
        question: String,
        /// A file holding the model answer, or `-` for stdin.
        #[arg(long, value_name = "FILE|-")]
        reference: String,
    },
    /// Print the engine version.
    Version,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Json,
    Md,
    Text,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RubricFormat {
    Rubricate,
    Canvas,
    Prometheus,
}

/// A format to read: one of the rubric formats, or `auto` to detect it.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SourceFormat {
    Auto,
    Rubricate,
    Canvas,
    Prometheus,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Json => Format::Json,
            OutputFormat::Md => Format::Markdown,
            OutputFormat::Text => Format::Text,
        }
    }
}

impl From<RubricFormat> for interop::Format {
    fn from(f: RubricFormat) -> interop::Format {
        match f {
            RubricFormat::Rubricate => interop::Format::Rubricate,
            RubricFormat::Canvas => interop::Format::Canvas,
            RubricFormat::Prometheus => interop::Format::Prometheus,
        }
    }
}

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

fn run(command: Command) -> Outcome {
    let mut engine = Engine::new();
    match command {
        Command::Score { question, reference, rubric, format, embeddings } => {
            load_embeddings(&mut engine, embeddings.as_deref())
                .and_then(|()| score(&mut engine, question, reference, rubric.as_deref(), format))
        }
        Command::Batch { rubric, jobs, embeddings } => load_embeddings(&mut engine, embeddings.as_deref())
            .and_then(|()| batch(&mut engine, rubric.as_deref(), jobs)),
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
        Command::DraftRubric { question, reference } => draft_rubric(&question, &reference),
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
    let request = ScoreRequest { id: None, question, answer: answer.to_string(), reference, rubric };
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
    match rubricate::rubric::parse_and_validate(json) {
        Ok(r) => {
            let warnings = rubricate::rubric::validate::lint(&r);
            let warning_lines = warnings.iter().map(|p| format!("warning: {}: {} ({})", what, p.problem, p.path));
            if strict && !warnings.is_empty() {
                return Err(Failure { lines: warning_lines.collect(), code: EXIT_BAD_INPUT });
            }
            for line in warning_lines {
                eprintln!("rubricate: {}", line);
            }
            let points: usize = r.questions.iter().map(|q| q.points.len()).sum();
            let examples: usize = r.questions.iter().map(|q| q.examples.len()).sum();
            let warned = match warnings.len() {
                0 => String::new(),
                n => format!(", {} warning{} (on stderr)", n, plural(n)),
            };
            print(&format!(
                "ok: {} {}, {} question{}, {} point{}, {} example{}{}",
                r.id,
                r.version,
                r.questions.len(),
                plural(r.questions.len()),
                points,
                plural(points),
                examples,
                plural(examples),
                warned
            ))
        }
        Err(e) => Err(Failure {
            lines: e.problems.iter().map(|p| format!("{}: {} ({})", what, p.problem, p.path)).collect(),
            code: EXIT_BAD_INPUT,
        }),
    }
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
    let from_name = from.name();
    let converted = interop::convert(from, to.into(), json).map_err(|e| {
        let n = e.problems.len();
        match e.problems.first() {
            Some(first) if n == 1 => Failure::bad_input(format!(
                "{}: not a valid {} rubric: {} ({})",
                what, from_name, first.problem, first.path
            )),
            Some(first) => Failure::bad_input(format!(
                "{}: not a valid {} rubric: {} ({}), and {} more problem{}",
                what,
                from_name,
                first.problem,
                first.path,
                n - 1,
                plural(n - 1)
            )),
            None => Failure::bad_input(format!("{}: not a valid {} rubric", what, from_name)),
        }
    })?;
    print(&converted)
}

fn draft_rubric(question: &str, reference: &str) -> Outcome {
    input::check_text(question, "--question")?;
    let (bytes, what) = if reference == "-" {
        (read_stdin(MAX_INPUT_BYTES)?, "stdin".to_string())
    } else {
        (read_file(Path::new(reference), MAX_INPUT_BYTES)?, reference.to_string())
    };
    let text = input::text_from_bytes(&bytes, &what)?;
    let rubric = rubricate::rubric::draft::try_draft_rubric(question, text).map_err(|e| {
        let at = if e.location == "question" { "--question" } else { what.as_str() };
        Failure::bad_input(format!("{}: {}", at, e.problem))
    })?;
    print(&serde_json::to_string_pretty(&rubric).map_err(internal)?)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One line for a rubric that failed validation where only one line is wanted.
fn rubric_failure(what: &str, e: &RubricError) -> Failure {
    let n = e.problems.len();
    match e.problems.first() {
        Some(first) if n == 1 => {
            Failure::bad_input(format!("{}: invalid rubric: {} ({})", what, first.problem, first.path))
        }
        Some(first) => Failure::bad_input(format!(
            "{}: invalid rubric, {} problems; the first: {} ({}); `rubricate check-rubric {}` lists them all",
            what, n, first.problem, first.path, what
        )),
        None => Failure::bad_input(format!("{}: invalid rubric", what)),
    }
}

/// Resolves `--rubric ID|FILE`: an existing file is validated and loaded as a custom rubric and its
/// id returned; anything else must name a loaded rubric (`id` or `id/question-id`).
fn use_rubric(engine: &mut Engine, arg: &str) -> Result<String, Failure> {
    let path = Path::new(arg);
    if path.exists() {
        let bytes = read_file(path, MAX_RUBRIC_BYTES)?;
        let json = input::text_from_bytes_limited(&bytes, arg, MAX_RUBRIC_BYTES)?;
        let summary = engine.add_rubric_json(json).map_err(|e| rubric_failure(arg, &e))?;
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

fn batch(engine: &mut Engine, rubric: Option<&str>, jobs: usize) -> Outcome {
    let default_rubric = rubric.map(|r| use_rubric(engine, r)).transpose()?;
    let grader = BatchGrader::new(engine, default_rubric, jobs);
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
            plural(graded + failed.len()),
            first
        )));
    }
    Ok(())
}

/// Reads one line (without its `\n` or `\r\n`) into `buf`, keeping at most `limit + 1` bytes of it
/// so memory stays flat; returns the line's full length, or `None` at the end of the input.
fn read_line_limited(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<usize>> {
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
