//! Build step for the curated lexicons: reads every `*.txt` data file in `src/text/lexicons/` and
//! `src/transcript/lexicons/` and writes `$OUT_DIR/lexicons_text.rs` and `$OUT_DIR/lexicons_transcript.rs`,
//! which `src/text/data.rs` and `src/transcript/data.rs` include. Each file becomes one `static`
//! named after it (`hedges.txt` → `HEDGES`), so the engine reads compiled-in arrays exactly as when the
//! lists were written in Rust: nothing is parsed at run time, in the browser or natively.
//!
//! The line format is described in `src/text/lexicons/README.md`. A malformed file (an empty entry, a
//! duplicate, a `test:` line before any entry, a skill without spellings or with an unknown category,
//! an opposite pair that is not a pair) stops the build with the file and line at fault.
//!
//! The `test:` / `test-not:` examples become a `#[cfg(test)]` table (`TESTS`) that one table-driven
//! test (`src/text/data.rs`) checks through the real matching code.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Skill categories (the values of `text::skills::category`).
const SKILL_CATEGORIES: &[&str] = &[
    "cloud",
    "language",
    "framework",
    "database",
    "messaging",
    "data",
    "devops",
    "testing",
    "ml",
    "mobile",
    "observability",
    "architecture",
    "practice",
    "security",
    "protocol",
    "tool",
];

/// How the lines of a data file are read.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    /// One word or phrase per line.
    List,
    /// One group per line, members separated by `|`.
    Groups,
    /// Two members per line, separated by `|`.
    Pairs,
    /// `Display name | category | spelling | spelling…`.
    Skills,
}

fn format_of(stem: &str) -> Format {
    match stem {
        "synonyms" => Format::Groups,
        "synonym_opposites" => Format::Pairs,
        "skills" => Format::Skills,
        _ => Format::List,
    }
}

/// One entry of a data file: its fields (`|`-separated, trimmed; one field for a list), its line, and
/// its examples (`true` for `test:`, `false` for `test-not:`).
struct Entry {
    fields: Vec<String>,
    line: usize,
    tests: Vec<(bool, String, usize)>,
}

/// Reads a data file; `Err("file:line: problem")` when it is malformed.
fn parse(name: &str, text: &str, format: Format) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        let at = |msg: String| format!("{name}:{line_no}: {msg}");
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let test = if let Some(rest) = line.strip_prefix("test-not:") {
            Some((false, rest))
        } else {
            line.strip_prefix("test:").map(|rest| (true, rest))
        };
        if let Some((expect, sentence)) = test {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                return Err(at("empty example".into()));
            }
            match entries.last_mut() {
                Some(e) => e.tests.push((expect, sentence.to_string(), line_no)),
                None => return Err(at("an example before any entry".into())),
            }
            continue;
        }
        let fields: Vec<String> = if format == Format::List {
            vec![line.to_string()]
        } else {
            line.split('|').map(|f| f.trim().to_string()).collect()
        };
        if fields.iter().any(String::is_empty) {
            return Err(at("empty entry or empty `|` field".into()));
        }
        match format {
            Format::List => {}
            Format::Groups if fields.len() < 2 => return Err(at("a group needs two members or more".into())),
            Format::Groups => {
                if let Some(d) = fields.iter().enumerate().find(|(k, f)| fields[..*k].contains(f)) {
                    return Err(at(format!("member {:?} twice in the group", d.1)));
                }
            }
            Format::Pairs if fields.len() != 2 => return Err(at("an opposite pair has exactly two members".into())),
            Format::Pairs => {}
            Format::Skills => {
                if fields.len() < 3 {
                    return Err(at("a skill is `name | category | spelling…` with one spelling or more".into()));
                }
                if !SKILL_CATEGORIES.contains(&fields[1].as_str()) {
                    return Err(at(format!("unknown skill category {:?}", fields[1])));
                }
                if let Some(s) = fields[2..].iter().find(|s| {
                    let s = s.strip_prefix('^').unwrap_or(s);
                    !s.bytes().any(|b| b.is_ascii_alphanumeric())
                }) {
                    return Err(at(format!("spelling {s:?} has no letter or digit")));
                }
            }
        }
        if format == Format::List {
            if let Some(prev) = entries.iter().find(|e| e.fields == fields) {
                return Err(at(format!("{:?} is already on line {}", fields[0], prev.line)));
            }
        }
        entries.push(Entry { fields, line: line_no, tests: Vec::new() });
    }
    if entries.is_empty() {
        return Err(format!("{name}: no entries"));
    }
    Ok(entries)
}

/// The Rust code of one data file: its `static`, then its examples as rows of `tests`.
fn generate(stem: &str, rel: &str, entries: &[Entry], code: &mut String, tests: &mut String) {
    let name = stem.to_ascii_uppercase();
    let _ = writeln!(code, "/// `{rel}`: {} entries.", entries.len());
    match format_of(stem) {
        Format::List => {
            let _ = writeln!(code, "pub static {name}: &[&str] = &[");
            for e in entries {
                let _ = writeln!(code, "    {:?},", e.fields[0]);
            }
        }
        Format::Groups => {
            let _ = writeln!(code, "pub static {name}: &[&[&str]] = &[");
            for e in entries {
                let _ = writeln!(code, "    &{:?},", e.fields);
            }
        }
        Format::Pairs => {
            let _ = writeln!(code, "pub static {name}: &[(&str, &str)] = &[");
            for e in entries {
                let _ = writeln!(code, "    ({:?}, {:?}),", e.fields[0], e.fields[1]);
            }
        }
        Format::Skills => {
            let _ = writeln!(code, "pub static {name}: &[crate::text::skills::Skill] = &[");
            for e in entries {
                let _ = writeln!(
                    code,
                    "    crate::text::skills::Skill {{ name: {:?}, category: {:?}, spellings: &{:?} }},",
                    e.fields[0],
                    e.fields[1],
                    &e.fields[2..]
                );
            }
        }
    }
    code.push_str("];\n\n");
    for (index, e) in entries.iter().enumerate() {
        for (expect, sentence, line) in &e.tests {
            let _ = writeln!(
                tests,
                "    crate::text::data::LexiconTest {{ file: {rel:?}, line: {line}, list: {stem:?}, index: {index}, \
                 expect: {expect}, sentence: {sentence:?} }},"
            );
        }
    }
}

/// Generates `$OUT_DIR/{out_name}` from the data files in `dir` (relative to the crate root).
pub fn build(manifest: &Path, out_dir: &Path, dir: &str, out_name: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let mut stems: Vec<String> = match fs::read_dir(manifest.join(dir)) {
        Ok(entries) => entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| n.ends_with(".txt") && !n.starts_with('.'))
            .map(|n| n.trim_end_matches(".txt").to_string())
            .collect(),
        Err(e) => panic!("lexicon data directory {dir}: {e}"),
    };
    stems.sort();
    let mut code = format!("// Generated by build.rs (build/lexicons.rs) from {dir}/*.txt, sorted by name.\n\n");
    let mut tests = String::new();
    for stem in &stems {
        let rel = format!("{dir}/{stem}.txt");
        let path = manifest.join(&rel);
        println!("cargo:rerun-if-changed={rel}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        if !stem.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            panic!("{rel}: a lexicon file is named in lowercase letters and `_` (it names a Rust static)");
        }
        match parse(&rel, &text, format_of(stem)) {
            Ok(entries) => generate(stem, &rel, &entries, &mut code, &mut tests),
            Err(msg) => panic!("malformed lexicon data file: {msg}"),
        }
    }
    code.push_str("/// Every `test:` / `test-not:` example of these files, with the entry it belongs to.\n");
    code.push_str("#[cfg(test)]\npub(crate) static TESTS: &[crate::text::data::LexiconTest] = &[\n");
    code.push_str(&tests);
    code.push_str("];\n");
    fs::write(out_dir.join(out_name), code).unwrap_or_else(|e| panic!("write {out_name}: {e}"));
}
