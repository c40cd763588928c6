//! The encoder's WebAssembly surface (`pkg/rubricate_encoder.js`): load from bytes the page fetched,
//! embed, compare. Translates types only; the encoder is in `lib.rs`.

use wasm_bindgen::prelude::*;

/// all-MiniLM-L6-v2 in the browser.
#[wasm_bindgen(js_name = Encoder)]
pub struct WasmEncoder(crate::Encoder);

#[wasm_bindgen(js_class = Encoder)]
impl WasmEncoder {
    /// Loads the model from the bytes of `model.safetensors`, `config.json` and `tokenizer.json`.
    #[wasm_bindgen(constructor)]
    pub fn new(weights: Vec<u8>, config: &[u8], tokenizer: &[u8]) -> Result<WasmEncoder, JsError> {
        crate::Encoder::from_bytes(weights, config, tokenizer)
            .map(WasmEncoder)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The model's name (`all-MiniLM-L6-v2`).
    #[wasm_bindgen(getter)]
    pub fn model(&self) -> String {
        crate::MODEL_NAME.to_string()
    }

    /// The text's unit-length embedding (384 numbers).
    pub fn embed(&self, text: &str) -> Result<Vec<f32>, JsError> {
        self.0.embed(text).map_err(|e| JsError::new(&e.to_string()))
    }

    /// How close an answer is to a model answer: `{ model, cosine, recall }`, the object
    /// `Scorer.score`'s `accurate` field takes.
    pub fn compare(&self, answer: &str, key: &str) -> Result<JsValue, JsError> {
        let c = self.0.compare(answer, key).map_err(|e| JsError::new(&e.to_string()))?;
        let o = js_sys::Object::new();
        for (k, v) in [
            ("model", JsValue::from_str(crate::MODEL_NAME)),
            ("cosine", JsValue::from_f64(f64::from(c.cosine))),
            ("recall", JsValue::from_f64(f64::from(c.recall))),
        ] {
            js_sys::Reflect::set(&o, &JsValue::from_str(k), &v).map_err(|_| JsError::new("cannot build the result"))?;
        }
        Ok(o.into())
    }

    /// The cosine of two texts' embeddings, in [-1, 1].
    pub fn similarity(&self, a: &str, b: &str) -> Result<f32, JsError> {
        self.0.similarity(a, b).map_err(|e| JsError::new(&e.to_string()))
    }
}
