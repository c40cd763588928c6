//! Helpers shared by the tests that run the `rubricate` binary (`tests/cli.rs`,
//! `tests/cli_interop.rs`): running it with arguments and stdin, fixture and temporary file paths,
//! and the contract's check for bad input. Each test file uses a part of them.
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
