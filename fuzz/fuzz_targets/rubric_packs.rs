//! Fuzz target `rubric_packs`: see `harness.rs` for what it feeds the engine and what it checks.
#![no_main]

#[path = "harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::rubric_packs(data));
