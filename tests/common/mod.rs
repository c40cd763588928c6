//! Helpers shared by integration tests: running the `rubricate` binary with arguments and stdin,
//! fixture and temporary file paths and the contract's check for bad input (`tests/cli.rs`,
//! `tests/cli_interop.rs`), and SHA-256 for checksums (`tests/goldens.rs`, `tests/embeddings.rs`).
//! Each test file uses a part of them.
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_rubricate");

/// What one run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `rubricate ARGS` in the crate's directory with `stdin` as its input.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rubricate");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Written from a thread so a large input cannot deadlock against a full stdout pipe; the
    // program may stop reading early (oversized input), so a failed write is fine.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for rubricate");
    let _ = writer.join();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The path of `tests/fixtures/REL`.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel).to_string_lossy().into_owned()
}

/// A fresh path in cargo's per-test temporary directory.
pub fn temp_path(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}-{}-{}", std::process::id(), n, name))
}

/// Writes `bytes` to a fresh temporary file and returns its path.
pub fn temp_file(name: &str, bytes: &[u8]) -> String {
    let p = temp_path(name);
    std::fs::write(&p, bytes).expect("write a temporary file");
    p.to_string_lossy().into_owned()
}

/// Asserts the contract for bad input: exit 2, exactly one `rubricate: ` line on stderr, no panic,
/// nothing on stdout; returns the line. (The prompt printed when reading an answer from a
/// terminal is not counted.)
pub fn assert_bad_input(r: &Run) -> String {
    assert_eq!(r.code, 2, "expected exit 2, got {}; stdout: {} stderr: {}", r.code, r.stdout, r.stderr);
    assert!(!r.stderr.contains("panicked") && !r.stderr.contains("internal error"), "panic: {}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.contains("reading the answer from stdin")).collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got: {:?}", lines);
    assert!(lines[0].starts_with("rubricate: "), "{}", lines[0]);
    assert!(r.stdout.is_empty(), "unexpected stdout: {}", r.stdout);
    lines[0].to_string()
}

/// Parses JSON text, failing the test with the text when it is not JSON.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({}): {}", e, text))
}

/// Exit 0 and stdout that is JSON.
pub fn ok_json(r: &Run) -> Value {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    json(&r.stdout)
}

/// SHA-256 (FIPS 180-4) as lowercase hex, so checksum tests need no extra dependency
/// (`tests/goldens.rs`, `tests/embeddings.rs`, which also hold its known-answer tests).
pub fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{:08x}", x)).collect()
}

/// One question's answers at every quality tier (`tests/fixtures/tiers.json`).
#[derive(serde::Deserialize)]
pub struct Tier {
    pub rubric: String,
    pub question_id: String,
    pub question: String,
    pub weak: String,
    pub average: String,
    pub strong: String,
    pub exceptional: String,
    pub hedged: String,
}

pub fn tiers() -> Vec<Tier> {
    let text = include_str!("../fixtures/tiers.json");
    serde_json::from_str(text).expect("tests/fixtures/tiers.json parses")
}
