// Types of accurate.js: accurate mode's sentence encoder, run in a module worker.

/** How far loading has come: bytes over the encoder module and the model's files. */
export interface AccurateProgress {
  /** "download" from the server, "cache" from the browser's Cache API, "init" while the encoder loads. */
  phase: "download" | "cache" | "init";
  /** Bytes received so far. */
  received: number;
  /** Bytes in all, or 0 while the server has not said. */
  total: number;
}

export interface AccurateOptions {
  /** Folder of model.safetensors, config.json and tokenizer.json (default: `models/all-MiniLM-L6-v2/` of the page). */
  modelBase?: string | URL;
  /** The model's name, the key its files are cached under (default: `all-MiniLM-L6-v2`). */
  model?: string;
  /** The encoder module (default: rubricate_encoder_bg.wasm beside accurate.js). */
  wasm?: string | URL;
  /** A worker already running accurate-worker.js (e.g. one a bundler emitted). */
  worker?: Worker;
  /** Called as bytes arrive and when the encoder starts loading. */
  onProgress?: (progress: AccurateProgress) => void;
}

/** An answer compared with a model answer: what `Scorer.score`'s `accurate` field takes. */
export interface AccurateResult {
  model: string;
  /** Cosine of the two sentence embeddings, in [-1, 1]. */
  cosine: number;
  /** Share of the model answer's tokens found in the answer (BERTScore recall), in [-1, 1]. */
  recall: number;
}

/** A loaded encoder. */
export interface Accurate {
  /** The model's name (`all-MiniLM-L6-v2`). */
  readonly model: string;
  /** Bytes loaded: encoder module and model files. */
  readonly bytes: number;
  /** True when the model's files came from the browser's cache, not the server. */
  readonly cached: boolean;
  /** Compares an answer with a model answer in the worker. */
  compare(answer: string, reference: string): Promise<AccurateResult>;
  /** Ends the worker; pending and later compare() calls reject. */
  close(): void;
}

/** The model accurate mode runs. */
export const ACCURATE_MODEL: string;

/**
 * Starts the encoder in a worker and loads it. Rejects with an Error whose `code` is "model-missing"
 * (the model's files are not on the server: make model) or "encoder-missing" (the encoder module is
 * not: make accurate), or without a code for any other failure.
 */
export function loadAccurate(options?: AccurateOptions): Promise<Accurate>;
