//! Accurate mode on the command line (`--accurate`, `--model DIR`): loads the sentence encoder
//! (`rubricate-encoder`) and lends it to the library as a [`Compare`]: an answer and its model answer
//! in, [`SentenceEvidence`] out. Translation only; how the evidence is weighed is `score::accurate`.

use rubricate::score::accurate::Compare;
use std::path::PathBuf;

/// Where the model is looked for without `--model`: `$RUBRICATE_MODEL`, else `target/model` (where
/// `make model` puts it).
pub fn model_dir(flag: Option<&str>) -> PathBuf {
    flag.map(PathBuf::from)
        .or_else(|| std::env::var_os("RUBRICATE_MODEL").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("target/model"))
}

#[cfg(feature = "accurate")]
mod encoder {
    use super::*;
    use rubricate::score::SentenceEvidence;
    use rubricate_encoder::{Comparison, Encoded, Encoder, MODEL_NAME};
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    /// Model answers kept encoded (a batch grades many answers against few keys); the cache is
    /// emptied when it reaches this many, so memory stays bounded.
    const KEY_CACHE: usize = 1024;

    /// The encoder with a cache of encoded model answers.
    pub struct EncoderCompare {
        encoder: Encoder,
        keys: Mutex<HashMap<String, Arc<Encoded>>>,
    }

    impl EncoderCompare {
        pub fn load(dir: &std::path::Path) -> Result<EncoderCompare, String> {
            let encoder = Encoder::from_dir(dir).map_err(|e| {
                format!(
                    "accurate mode: {e} (fetch the model with `make model`, or name its directory with --model DIR)"
                )
            })?;
            Ok(EncoderCompare { encoder, keys: Mutex::new(HashMap::new()) })
        }

        fn key(&self, reference: &str) -> Result<Arc<Encoded>, String> {
            if let Some(k) = self.keys.lock().ok().and_then(|m| m.get(reference).cloned()) {
                return Ok(k);
            }
            let k = Arc::new(self.encoder.encode(reference).map_err(|e| e.to_string())?);
            if let Ok(mut m) = self.keys.lock() {
                if m.len() >= KEY_CACHE {
                    m.clear();
                }
                m.insert(reference.to_string(), Arc::clone(&k));
            }
            Ok(k)
        }
    }

    impl Compare for EncoderCompare {
        fn compare(&self, answer: &str, reference: &str) -> Result<SentenceEvidence, String> {
            let key = self.key(reference)?;
            let a = self.encoder.encode(answer).map_err(|e| e.to_string())?;
            let c = Comparison::of(&a, &key);
            Ok(SentenceEvidence { model: MODEL_NAME.into(), cosine: f64::from(c.cosine), recall: f64::from(c.recall) })
        }
    }
}

/// Loads the encoder for `--accurate`, or says why it cannot.
#[cfg(feature = "accurate")]
pub fn load(dir: &std::path::Path) -> Result<Box<dyn Compare>, String> {
    encoder::EncoderCompare::load(dir).map(|c| Box::new(c) as Box<dyn Compare>)
}

/// Without the `accurate` feature there is no encoder to load.
#[cfg(not(feature = "accurate"))]
pub fn load(_dir: &std::path::Path) -> Result<Box<dyn Compare>, String> {
    Err("accurate mode: this rubricate was built without it (cargo build --features accurate)".into())
}
