//! The direction dependencies run in the core: text → embed → transcript → rubric → score →
//! catalogue → report (then the bindings: request, wasm, main). A module may use the ones before it
//! in that list, never one after it. Checked on the source: every `crate::<module>` path outside
//! comments and `#[cfg(test)]` code. (Tests may reach further: they build fixtures.)

use std::path::{Path, PathBuf};

const ORDER: &[&str] = &["text", "embed", "transcript", "rubric", "score", "catalogue", "report"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its test module and without comment lines.
fn code(text: &str) -> String {
    let body = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split(" // ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The core modules a piece of code names: `crate::<module>`, and the first names inside a
/// `crate::{…}` group.
fn uses(code: &str) -> Vec<&'static str> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut named = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 0 => {
                        named.push(ident(&group[j..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            named.push(ident(rest));
        }
    }
    ORDER.iter().copied().filter(|m| named.iter().any(|n| n == m)).collect()
}

#[test]
fn core_modules_depend_only_on_earlier_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    for (rank, module) in ORDER.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&src.join(module), &mut files);
        let single = src.join(format!("{module}.rs"));
        if single.exists() {
            files.push(single);
        }
        assert!(!files.is_empty(), "src/{module} has no Rust files");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for used in uses(&code(&text)) {
                if ORDER.iter().position(|m| *m == used).is_some_and(|r| r > rank) {
                    upward.push(format!("{} ({module}) uses crate::{used}", f.display()));
                }
            }
        }
    }
    assert!(upward.is_empty(), "dependencies must run one way ({}):\n{}", ORDER.join(" → "), upward.join("\n"));
}

#[test]
fn the_check_sees_an_upward_use() {
    let sample = "use crate::score::Target;\n// crate::report::x in a comment\n#[cfg(test)]\nmod t { use crate::report::Report; }";
    assert_eq!(uses(&code(sample)), vec!["score"]);
    assert_eq!(uses(&code("use crate::{text::{self, x}, report::Report, InputError};")), vec!["text", "report"]);
}
