//! Interview transcripts: the parsed model, the three input formats, and question-kind classification.

mod types;
pub use types::*;

pub(crate) mod data;
pub mod kind;
pub use kind::classify;

pub mod parse;
pub use parse::parse;
