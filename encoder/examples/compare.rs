//! Prints the encoder's comparison of an answer with a model answer, natively: the figures the
//! browser's wasm build must reproduce (tests/e2e/accurate.test.mjs holds them as constants).
//!
//!   cargo run --release -p rubricate-encoder --example compare -- "answer" "model answer" [MODEL_DIR]
//!
//! MODEL_DIR defaults to target/model (`make model`). Prints one JSON line:
//! `{"model":"all-MiniLM-L6-v2","cosine":…,"recall":…}`.

use rubricate_encoder::{Encoder, MODEL_NAME};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(answer), Some(key)) = (args.first(), args.get(1)) else {
        eprintln!("usage: compare ANSWER MODEL_ANSWER [MODEL_DIR]");
        return ExitCode::from(2);
    };
    let dir = args.get(2).map_or_else(|| PathBuf::from("target/model"), PathBuf::from);
    let encoder = match Encoder::from_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e} (run make model)");
            return ExitCode::FAILURE;
        }
    };
    match encoder.compare(answer, key) {
        Ok(c) => {
            let line = serde_json::json!({ "model": MODEL_NAME, "cosine": c.cosine, "recall": c.recall });
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
