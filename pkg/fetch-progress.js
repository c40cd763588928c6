// Progress-counting downloads, shared by the page's optional models (www/embeddings.js) and accurate
// mode's worker (accurate-worker.js): a response's body read chunk by chunk, reporting the bytes
// received so far and the total the server announced (0 when it sent no Content-Length).

/**
 * Reads a response's body to the end, calling `onProgress(received, total)` as bytes arrive.
 * @param {Response} res
 * @param {(received: number, total: number) => void} onProgress
 * @returns {Promise<Uint8Array>}
 */
export async function readWithProgress(res, onProgress) {
  const total = Number(res.headers.get("content-length")) || 0;
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onProgress(bytes.length, total || bytes.length);
    return bytes;
  }
  const reader = res.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Fetches a URL of the page's own origin, reporting progress as bytes arrive; rejects with the HTTP
 * status when the server does not answer 200.
 * @param {URL | string} url
 * @param {(received: number, total: number) => void} onProgress
 * @returns {Promise<Uint8Array>}
 */
export async function fetchWithProgress(url, onProgress) {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
  return readWithProgress(res, onProgress);
}
