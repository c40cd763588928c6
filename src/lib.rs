#![doc = include_str!("../README.md")]
//! Crate root: the public API ([`Engine`]) over the pure core modules.

pub mod catalogue;
pub mod embed;
pub mod error;
pub mod input;
pub mod report;
pub mod request;
pub mod rubric;
pub mod score;
pub mod text;
pub mod transcript;

mod json;
mod number;
mod sort;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{InputError, RubricError, RubricProblem};
pub use report::{render, render_scored, Format, Report};
/// Installs the bundled rubric packs from the `rubricate_rubrics.pack` asset (the npm package's core
/// module is built without them compiled in); engines created afterwards have them.
pub use rubric::bundled::install_packs as install_rubric_packs;
pub use rubric::{Rubric, RubricSummary};
pub use score::{ScoreRequest, ScoredAnswer};

/// The engine version carried by every output. Bump it whenever any score can change.
pub const ENGINE_VERSION: &str = concat!("rubricate ", env!("CARGO_PKG_VERSION"));

/// Largest answer, question, reference or transcript accepted, in bytes (1 MiB). Larger inputs are
/// refused at once with a clear error instead of being worked on for seconds.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// A stateful grader: the bundled rubrics plus any custom rubrics added to it.
#[derive(Debug, Clone)]
pub struct Engine {
    rubrics: catalogue::RubricSet,
    /// The rubrics added to this engine, in order, to be added again over newly installed packs.
    custom: Vec<Rubric>,
    /// The optional semantic model (see [`embed`]); grading uses it only when loaded.
    embeddings: Option<std::sync::Arc<embed::Embeddings>>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with the bundled rubrics loaded.
    pub fn new() -> Engine {
        Engine { rubrics: catalogue::RubricSet::bundled(), custom: Vec::new(), embeddings: None }
    }

    /// Takes up the bundled packs installed since this engine was made (the npm package installs a
    /// role's pack when it is first used), keeping the custom rubrics added to it. A no-op when
    /// nothing was installed since, and always natively, where the packs are compiled in.
    pub fn sync_bundled(&mut self) {
        if !self.rubrics.is_current() {
            self.rubrics = catalogue::RubricSet::bundled();
            for r in &self.custom {
                self.rubrics.insert(r.clone());
            }
        }
    }

    /// Summaries of every loaded rubric (bundled first, then custom), as `rubricate rubrics` lists them.
    pub fn rubrics(&self) -> Vec<RubricSummary> {
        self.rubrics.summaries()
    }

    /// Looks a rubric up by id.
    pub fn rubric(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.get(id)
    }

    /// Validates a rubric given as JSON text and loads it (replacing one with the same id).
    /// Returns every problem found, each with its JSON path.
    pub fn add_rubric_json(&mut self, json: &str) -> Result<RubricSummary, RubricError> {
        let rubric = rubric::parse_and_validate(json)?;
        let summary = rubric.summary();
        self.custom.retain(|r| r.id != rubric.id);
        self.custom.push(rubric.clone());
        self.rubrics.insert(rubric);
        Ok(summary)
    }

    /// Checks that a rubric name (`id` or `id/question-id`) names a loaded rubric and question,
    /// with the same error text grading gives.
    pub fn check_rubric_name(&self, name: &str) -> Result<(), InputError> {
        self.rubrics.resolve_name(name).map(|_| ())
    }

    /// Grades one answer.
    pub fn score(&self, req: &ScoreRequest) -> Result<ScoredAnswer, InputError> {
        catalogue::grade_request(&self.rubrics, req, &self.grading())
    }

    /// The grading context of this engine: the semantic model it has loaded, if any. Every grading
    /// the engine does is [`score::grade`] with this context.
    pub fn grading(&self) -> score::Grading<'_> {
        score::Grading::new(self.embeddings.as_deref())
    }

    /// Loads the optional semantic model from an asset's bytes (replacing any loaded one). With it,
    /// talking-point words an answer says in other words can earn partial credit.
    pub fn load_embeddings(&mut self, bytes: &[u8]) -> Result<embed::EmbeddingsInfo, embed::EmbeddingsError> {
        let model = embed::Embeddings::parse(bytes)?;
        let info = model.info();
        self.embeddings = Some(std::sync::Arc::new(model));
        Ok(info)
    }

    /// The loaded semantic model, if any.
    pub fn embeddings(&self) -> Option<&std::sync::Arc<embed::Embeddings>> {
        self.embeddings.as_ref()
    }

    /// Parses a transcript (any of the three formats) and grades every answer in it.
    /// `rubric` is a rubric id that every answer is graded against; otherwise each question is matched.
    /// `question` is used for a plain (unmarked) answer.
    pub fn report(&self, text: &str, rubric: Option<&str>, question: Option<&str>) -> Result<Report, InputError> {
        report::build_from_text(&self.rubrics, text, rubric, question, &self.grading())
    }
}
