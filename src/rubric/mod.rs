//! Rubrics as data: the model, validation with JSON paths, the bundled packs, drafting and interop.
//! The compiled set an engine holds lives in [`crate::catalogue`].

pub mod bundled;
pub mod draft;
pub mod interop;
mod model;
pub mod validate;
pub use model::*;
pub use validate::{parse_and_validate, MAX_RUBRIC_BYTES};
