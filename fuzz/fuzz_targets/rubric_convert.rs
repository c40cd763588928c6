//! Fuzz target `rubric_convert`: see `harness.rs` for what it feeds the engine and what it checks.
#![no_main]

#[path = "harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::rubric_convert(data));
