//! The command line's arguments (clap): subcommands, flags and their help text, and how the
//! format names map onto the library's types. Part of the `rubricate` binary only (src/main.rs).

use clap::{Parser, Subcommand, ValueEnum};
use rubricate::rubric::interop;
use rubricate::Format;

#[derive(Parser)]
#[command(
    name = "rubricate",
    version,
    about = "Offline grader of interview answers: scores answers 0-5 against rubrics and writes evaluation and HR reports."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
        /// Accurate mode: compare the answer with the model answer (`reference`) with the sentence
        /// encoder all-MiniLM-L6-v2 and weigh that with the engine's own evidence (slower: ~10-300 ms an answer).
        #[arg(long)]
        accurate: bool,
        /// The accurate-mode model's directory (model.safetensors, config.json, tokenizer.json);
        /// default $RUBRICATE_MODEL, else target/model (`make model` puts it there).
        #[arg(long, value_name = "DIR", requires = "accurate")]
        model: Option<String>,
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
        /// Accurate mode: compare the answer with the model answer (`reference`) with the sentence
        /// encoder all-MiniLM-L6-v2 and weigh that with the engine's own evidence (slower: ~10-300 ms an answer).
        #[arg(long)]
        accurate: bool,
        /// The accurate-mode model's directory (model.safetensors, config.json, tokenizer.json);
        /// default $RUBRICATE_MODEL, else target/model (`make model` puts it there).
        #[arg(long, value_name = "DIR", requires = "accurate")]
        model: Option<String>,
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
        /// The drafted rubric's id (lowercase kebab-case); derived from the question by default.
        #[arg(long)]
        id: Option<String>,
        /// The drafted rubric's title; "Drafted: <question>" by default.
        #[arg(long)]
        title: Option<String>,
    },
    /// Print the engine version.
    Version,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Md,
    Text,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RubricFormat {
    Rubricate,
    Canvas,
    Prometheus,
}

/// A format to read: one of the rubric formats, or `auto` to detect it.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourceFormat {
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
