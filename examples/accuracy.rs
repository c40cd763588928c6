//! Accuracy harness: grades the hand-graded development set in `tests/devset/*.jsonl` and compares the
//! engine with the human grades.
//!
//! ```sh
//! cargo run --release --example accuracy            # tables, constraint check, exit status
//! cargo run --release --example accuracy -- -v      # also each violation's justification and signals
//! cargo test --example accuracy                     # unit tests of the statistics
//! ```
//!
//! Prints, for the full engine, Pearson r, RMSE and quadratic weighted kappa per rubric and overall;
//! an ablation table (matching features switched on one group at a time); a per-category summary;
//! then every violated constraint:
//! * an adversarial answer (keyword list, echo, off-topic, negated, padding, injection) scoring above its `max`;
//! * a paraphrase scoring more than [`PARAPHRASE_TOLERANCE`] away from the answer it restates (its `twin`).
//!
//! Then grades the short-answer set in `tests/devset-reference/` against its model answers only.
//!
//! Exits 1 when overall Pearson r is below [`MIN_PEARSON`], r on the short-answer set below
//! [`MIN_PEARSON_REFERENCE`], or any constraint is violated; 2 when a development set is malformed.

#[path = "common/realset.rs"]
mod realset;

use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, target::Features, Flag, ScoreRequest, ScoredAnswer, Signal};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Overall Pearson r the full engine must reach.
const MIN_PEARSON: f64 = 0.80;
/// Pearson r the short-answer set (graded against model answers only) must keep: a floor against
/// regressions, below the figure reached (0.687 at 0.4.0), not a target.
const MIN_PEARSON_REFERENCE: f64 = 0.65;
/// Largest allowed score difference between a paraphrase and its twin.
const PARAPHRASE_TOLERANCE: f64 = 1.0;

const CATEGORIES: [&str; 8] =
    ["genuine", "paraphrase", "keyword-list", "echo", "off-topic", "negated", "padding", "injection"];
const ADVERSARIAL: [&str; 6] = ["keyword-list", "echo", "off-topic", "negated", "padding", "injection"];

/// One graded answer of the development set (one JSONL line).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    id: String,
    rubric: String,
    question: String,
    answer: String,
    grade: f64,
    category: String,
    #[serde(default)]
    twin: Option<String>,
    #[serde(default)]
    max: Option<f64>,
}

impl Item {
    fn rubric_id(&self) -> &str {
        self.rubric.split('/').next().unwrap_or(&self.rubric)
    }
    fn adversarial(&self) -> bool {
        ADVERSARIAL.contains(&self.category.as_str())
    }
}

/// The ablation ladder: each configuration switches on one more group of matching features.
fn configurations() -> Vec<(&'static str, Features)> {
    let none = Features {
        synonyms: false,
        prefixes: false,
        question_demoting: false,
        weighting: false,
        negation: false,
        embeddings: false,
        wordnet: false,
        alignment: false,
    };
    let b = Features { weighting: true, question_demoting: true, ..none };
    let c = Features { negation: true, ..b };
    let d = Features { synonyms: true, wordnet: true, prefixes: true, ..c };
    // (the embeddings feature is on in the full engine but does nothing without a model loaded)
    let e = Features { alignment: true, embeddings: true, ..d };
    vec![
        ("(a) lexical only", none),
        ("(b) + weighting, question demoting", b),
        ("(c) + negation, contradiction", c),
        ("(d) + synonyms (hand + WordNet)", d),
        ("(e) + alignment = full", e),
    ]
}

fn main() -> ExitCode {
    let verbose = std::env::args().any(|a| a == "-v" || a == "--verbose");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("devset");
    let items = match load(&dir) {
        Ok(items) => items,
        Err(e) => {
            eprintln!("accuracy: {e}");
            return ExitCode::from(2);
        }
    };
    let set = RubricSet::bundled();
    let configs = configurations();
    assert_eq!(
        configs.last().map(|c| c.1),
        Some(Features::default()),
        "the last configuration must be the default engine"
    );

    // Grade every answer under every configuration.
    let mut results: Vec<Vec<ScoredAnswer>> = Vec::new();
    for (name, features) in &configs {
        let mut scored = Vec::with_capacity(items.len());
        for it in &items {
            let req = ScoreRequest {
                question: it.question.clone(),
                answer: it.answer.clone(),
                rubric: Some(it.rubric.clone()),
                ..Default::default()
            };
            let mut target = match catalogue::resolve_target(&set, &req) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("accuracy: {}: {e} (configuration {name})", it.id);
                    return ExitCode::from(2);
                }
            };
            target.features = *features;
            scored.push(score::grade(&it.answer, &target, &score::Grading::default()));
        }
        results.push(scored);
    }
    // The ablation path must agree with the public API for the default configuration.
    let engine = rubricate::Engine::new();
    let full = results.last().expect("at least one configuration");
    for (it, s) in items.iter().zip(full) {
        let req = ScoreRequest {
            question: it.question.clone(),
            answer: it.answer.clone(),
            rubric: Some(it.rubric.clone()),
            ..Default::default()
        };
        match engine.score(&req) {
            Ok(p) if (p.score - s.score).abs() < 1e-9 => {}
            Ok(p) => {
                eprintln!(
                    "accuracy: {}: Engine::score gives {} but the ablation path gives {}",
                    it.id, p.score, s.score
                );
                return ExitCode::from(2);
            }
            Err(e) => {
                eprintln!("accuracy: {}: {e}", it.id);
                return ExitCode::from(2);
            }
        }
    }

    let human: Vec<f64> = items.iter().map(|i| i.grade).collect();
    let mut rubric_ids: Vec<&str> = items.iter().map(Item::rubric_id).collect();
    rubric_ids.sort_unstable();
    rubric_ids.dedup();

    println!("Development set: {} answers, {} rubrics ({})", items.len(), rubric_ids.len(), dir.display());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for it in &items {
        *counts.entry(it.category.as_str()).or_default() += 1;
    }
    println!(
        "  {}",
        CATEGORIES
            .iter()
            .map(|c| format!("{c} {}", counts.get(c).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Full engine, per rubric.
    println!("\nFull engine, per rubric");
    println!("{:<28} {:>4} {:>7} {:>7} {:>7} {:>7} {:>7}", "rubric", "n", "human", "engine", "r", "RMSE", "QWK");
    let engine_scores: Vec<f64> = full.iter().map(|s| s.score).collect();
    for rid in &rubric_ids {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].rubric_id() == *rid).collect();
        let h: Vec<f64> = idx.iter().map(|&i| human[i]).collect();
        let e: Vec<f64> = idx.iter().map(|&i| engine_scores[i]).collect();
        print_row(rid, &h, &e);
    }
    print_row("overall", &human, &engine_scores);

    // Ablation, overall and per rubric (r).
    println!("\nAblation (all answers)");
    println!(
        "{:<36} {:>4} {:>7} {:>7} {:>7} {:>7} {:>7} {:>10}",
        "configuration", "n", "human", "engine", "r", "RMSE", "QWK", "violations"
    );
    for ((name, _), scored) in configs.iter().zip(&results) {
        let e: Vec<f64> = scored.iter().map(|s| s.score).collect();
        let v = violations(&items, scored).len();
        println!("{} {:>10}", row(name, &human, &e), v);
    }
    // The optional semantic model (RUBRICATE_EMBEDDINGS, else www/models/minilm-l6-static.rbem):
    // the full engine again with the model in force, and the paraphrase-twin gaps with and without.
    if let Err(e) = embeddings_rows(&items, &human, &set, full) {
        eprintln!("accuracy: + embeddings: {e}");
        return ExitCode::from(2);
    }
    // Reference mode: the same answers graded against the rubric question's model answer alone (no
    // talking points, no phrasings), as `score --reference` and batch lines with "reference" are.
    if let Err(e) = reference_mode_rows(&items, &human, &set, verbose) {
        eprintln!("accuracy: reference mode: {e}");
        return ExitCode::from(2);
    }
    // A second, short-answer set graded against a model answer only (tests/devset-reference).
    let reference_r = match reference_set_rows(verbose) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("accuracy: reference set: {e}");
            return ExitCode::from(2);
        }
    };
    if verbose {
        for ((name, _), scored) in configs.iter().zip(&results) {
            let ids: Vec<&str> = violations(&items, scored).iter().map(|(i, _)| items[*i].id.as_str()).collect();
            println!("  violations under {name}: {}", ids.join(" "));
        }
    }
    println!("\nAblation, Pearson r per rubric");
    print!("{:<28}", "rubric");
    for (name, _) in &configs {
        print!(" {:>6}", &name[..3]);
    }
    println!();
    for rid in &rubric_ids {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].rubric_id() == *rid).collect();
        let h: Vec<f64> = idx.iter().map(|&i| human[i]).collect();
        print!("{:<28}", rid);
        for scored in &results {
            let e: Vec<f64> = idx.iter().map(|&i| scored[i].score).collect();
            print!(" {:>6}", fmt(pearson(&h, &e)));
        }
        println!();
    }

    println!("\nAblation, mean engine score per category (human mean in the first column)");
    print!("{:<28} {:>6}", "category", "human");
    for (name, _) in &configs {
        print!(" {:>6}", &name[..3]);
    }
    println!();
    for c in CATEGORIES {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].category == c).collect();
        if idx.is_empty() {
            continue;
        }
        print!("{:<28} {:>6.2}", c, mean(&idx.iter().map(|&i| human[i]).collect::<Vec<_>>()));
        for scored in &results {
            print!(" {:>6.2}", mean(&idx.iter().map(|&i| scored[i].score).collect::<Vec<_>>()));
        }
        println!();
    }

    // Per category: where the engine is biased.
    println!("\nFull engine, per category");
    println!("{:<28} {:>4} {:>7} {:>7} {:>7} {:>7} {:>7}", "category", "n", "human", "engine", "bias", "RMSE", "r");
    for c in CATEGORIES {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].category == c).collect();
        if idx.is_empty() {
            continue;
        }
        let h: Vec<f64> = idx.iter().map(|&i| human[i]).collect();
        let e: Vec<f64> = idx.iter().map(|&i| engine_scores[i]).collect();
        println!(
            "{:<28} {:>4} {:>7.2} {:>7.2} {:>+7.2} {:>7} {:>7}",
            c,
            idx.len(),
            mean(&h),
            mean(&e),
            mean(&e) - mean(&h),
            fmt(rmse(&h, &e)),
            fmt(pearson(&h, &e))
        );
    }
    // Adversarial answers: how often the engine raises the flag that names the trick.
    println!("\nFull engine, adversarial answers flagged");
    println!("{:<28} {:>4} {:>8}  flag", "category", "n", "flagged");
    for (c, flag) in [
        ("keyword-list", Flag::KeywordList),
        ("echo", Flag::EchoesQuestion),
        ("off-topic", Flag::OffTopicPadding),
        ("padding", Flag::OffTopicPadding),
        ("injection", Flag::GraderInstruction),
    ] {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].category == c).collect();
        let flagged = idx.iter().filter(|&&i| full[i].flags.contains(&flag)).count();
        println!("{:<28} {:>4} {:>8}  {}", c, idx.len(), flagged, flag);
    }

    // Genuine answers by human grade band: does the engine separate the levels?
    println!("\nFull engine, genuine answers by human grade (rounded)");
    println!("{:<28} {:>4} {:>7} {:>7} {:>7}", "human grade", "n", "engine", "min", "max");
    for band in 0..=5u8 {
        let idx: Vec<usize> =
            (0..items.len()).filter(|&i| items[i].category == "genuine" && round_grade(human[i]) == band).collect();
        if idx.is_empty() {
            continue;
        }
        let e: Vec<f64> = idx.iter().map(|&i| engine_scores[i]).collect();
        let lo = e.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = e.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        println!("{:<28} {:>4} {:>7.2} {:>7.1} {:>7.1}", band, idx.len(), mean(&e), lo, hi);
    }

    // Constraints.
    let v = violations(&items, full);
    println!("\nConstraint violations (full engine): {}", v.len());
    for (i, msg) in &v {
        println!("  {msg}");
        if verbose {
            let s = &full[*i];
            let sig = |k: &str| Signal::parse(k).and_then(|k| s.signals.get(&k)).copied().unwrap_or(0.0);
            println!(
                "      cov {:.2} rel {:.2} spec {:.2} rea {:.2} str {:.2} flu {:.2} len {:.2} echo {:.2} flags [{}]",
                sig("coverage"),
                sig("relevance"),
                sig("specificity"),
                sig("reasoning"),
                sig("structure"),
                sig("fluency"),
                sig("length"),
                sig("echo"),
                s.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
            );
            println!("      covered: {}", s.covered.join("; "));
            println!("      {}", s.justification);
        }
    }

    // The real development set: answers written and graded by people outside the project.
    let real = real_set_rows();
    // The blind set: answers to bundled questions by a writer who never saw the engine; and the
    // tuning set, written the same way, on which rules may be tried.
    for (dir, label) in [
        (
            "blind",
            "Blind set: {} answers to bundled questions, written without sight of the engine ({}; measurement only)",
        ),
        ("tuning", "Tuning set: {} answers written the same way, on which rules may be tried ({})"),
    ] {
        if let Err(e) = blind_set_rows(&set, dir, label, verbose) {
            println!("\n({dir} set skipped: {e})");
        }
    }

    let r = pearson(&human, &engine_scores);
    let mut ok = true;
    match &real {
        Ok(per_corpus) => {
            for (corpus, f) in per_corpus {
                if f.auc.is_nan() || f.auc < MIN_AUC_REAL {
                    println!("\nFAIL: ROC AUC on the real set's {corpus} answers {:.3} is below {MIN_AUC_REAL}", f.auc);
                    ok = false;
                }
            }
        }
        Err(e) => println!("\n(real set skipped: {e})"),
    }
    // NaN (no variance) fails too.
    if r.is_nan() || r < MIN_PEARSON {
        println!("\nFAIL: overall Pearson r {} is below {MIN_PEARSON}", fmt(r));
        ok = false;
    }
    if let Some(rr) = reference_r.filter(|rr| rr.is_nan() || *rr < MIN_PEARSON_REFERENCE) {
        println!("\nFAIL: Pearson r on the short-answer set {} is below {MIN_PEARSON_REFERENCE}", fmt(rr));
        ok = false;
    }
    if !v.is_empty() {
        println!(
            "FAIL: {} constraint violation(s): {}",
            v.len(),
            v.iter().map(|(i, _)| items[*i].id.as_str()).collect::<Vec<_>>().join(" ")
        );
        ok = false;
    }
    if ok {
        println!("\nOK: overall Pearson r {} ≥ {MIN_PEARSON}, short-answer r {} ≥ {MIN_PEARSON_REFERENCE}, real-set AUC ≥ {MIN_AUC_REAL} per corpus (where present), no constraint violated", fmt(r), reference_r.map(fmt).unwrap_or_else(|| "n/a".into()));
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Every violated constraint: (item index, message).
fn violations(items: &[Item], scored: &[ScoredAnswer]) -> Vec<(usize, String)> {
    let by_id: HashMap<&str, usize> = items.iter().enumerate().map(|(i, it)| (it.id.as_str(), i)).collect();
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let s = scored[i].score;
        if let (true, Some(max)) = (it.adversarial(), it.max) {
            if s > max + 1e-9 {
                out.push((
                    i,
                    format!("{:<46} {:<12} score {:.1} > max {:.1} (human {})", it.id, it.category, s, max, it.grade),
                ));
            }
        }
        if let Some(j) = it.twin.as_deref().and_then(|t| by_id.get(t)) {
            let t = scored[*j].score;
            if (s - t).abs() > PARAPHRASE_TOLERANCE + 1e-9 {
                out.push((
                    i,
                    format!(
                        "{:<46} {:<12} score {:.1} vs twin {} {:.1} (human {})",
                        it.id, it.category, s, items[*j].id, t, it.grade
                    ),
                ));
            }
        }
    }
    out
}

/// One answer of the blind set (`tests/blind/*.jsonl`, see its README): written for a bundled
/// rubric question by a helper that read only the questions, the talking points' texts and the
/// level descriptors, never the engine, its phrasings or its examples.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlindItem {
    rubric: String,
    question: String,
    kind: String,
    answer: String,
    min: f64,
    max: f64,
    why: String,
}

/// The blind set's kinds, in the order printed, with what the issue asks of each: the share of
/// answers that must land within their bounds.
const BLIND_KINDS: [(&str, f64); 6] =
    [("concise", 0.9), ("story", 0.9), ("long", 1.0), ("wrong", 0.9), ("buzzwords", 0.9), ("partial", 1.0)];

/// Grades the blind set with each answer's own rubric question and prints, per kind, the mean
/// score, how many land within their bounds and whether the kind meets its target. Measurement
/// only: it never changes the exit status, and its answers must stay out of any tuning loop.
/// `dir` is the folder under `tests/`; `title` the heading, with `{}` for the count and the path.
fn blind_set_rows(set: &RubricSet, dir: &str, title: &str, verbose: bool) -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(dir);
    let items: Vec<BlindItem> = read_jsonl(&dir)?;
    let title = title.replacen("{}", &items.len().to_string(), 1).replacen("{}", &dir.display().to_string(), 1);
    println!("\n{title}");
    println!("{:<10} {:>4} {:>7} {:>10} {:>8} {:>8}  target", "kind", "n", "mean", "bounds", "within", "share");
    let mut misses: Vec<String> = Vec::new();
    for (kind, target) in BLIND_KINDS {
        let of_kind: Vec<&BlindItem> = items.iter().filter(|it| it.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let mut scores = Vec::with_capacity(of_kind.len());
        let mut within = 0usize;
        for it in &of_kind {
            let req = ScoreRequest {
                question: String::new(),
                answer: it.answer.clone(),
                rubric: Some(format!("{}/{}", it.rubric, it.question)),
                ..Default::default()
            };
            let target =
                catalogue::resolve_target(set, &req).map_err(|e| format!("{}/{}: {e}", it.rubric, it.question))?;
            let scored = score::grade(&it.answer, &target, &score::Grading::default());
            if (it.min..=it.max).contains(&scored.score) {
                within += 1;
            } else {
                misses.push(format!(
                    "  {:<9} {}/{} scored {} (bounds {}..{}): {}\n      {}",
                    kind, it.rubric, it.question, scored.score, it.min, it.max, it.why, scored.justification
                ));
            }
            scores.push(scored.score);
        }
        let share = within as f64 / of_kind.len() as f64;
        let bounds = format!("{}..{}", of_kind[0].min, of_kind[0].max);
        println!(
            "{:<10} {:>4} {:>7.2} {:>10} {:>8} {:>8.2}  {} {:.0}%",
            kind,
            of_kind.len(),
            mean(&scores),
            bounds,
            within,
            share,
            if share >= target { "met:" } else { "NOT met:" },
            target * 100.0
        );
    }
    if verbose && !misses.is_empty() {
        println!("Blind answers outside their bounds:\n{}", misses.join("\n"));
    }
    Ok(())
}

fn print_row(name: &str, h: &[f64], e: &[f64]) {
    println!("{}", row(name, h, e));
}

/// The "+ embeddings" ablation row and the paraphrase-twin gaps (mean and largest |paraphrase − twin|).
fn embeddings_rows(items: &[Item], human: &[f64], set: &RubricSet, full: &[ScoredAnswer]) -> Result<(), String> {
    let (path, size, model) = embeddings_model()?;
    let mut scored = Vec::with_capacity(items.len());
    for it in items {
        let req = ScoreRequest {
            question: it.question.clone(),
            answer: it.answer.clone(),
            rubric: Some(it.rubric.clone()),
            ..Default::default()
        };
        let target = catalogue::resolve_target(set, &req).map_err(|e| format!("{}: {e}", it.id))?;
        scored.push(score::grade(&it.answer, &target, &score::Grading::new(Some(model.as_ref()))));
    }
    let e: Vec<f64> = scored.iter().map(|s| s.score).collect();
    println!("{} {:>10}", row("(f) + embeddings (optional model)", human, &e), violations(items, &scored).len());
    let changed = full.iter().zip(&scored).filter(|(a, b)| (a.score - b.score).abs() > 1e-9).count();
    println!("  model: {} ({} bytes); scores changed by it: {} of {}", path.display(), size, changed, items.len());
    let by_id: HashMap<&str, usize> = items.iter().enumerate().map(|(i, it)| (it.id.as_str(), i)).collect();
    for (name, s) in [("full engine", full), ("+ embeddings", &scored[..])] {
        let gaps: Vec<f64> = items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                it.twin.as_deref().and_then(|t| by_id.get(t)).map(|&j| (s[i].score - s[j].score).abs())
            })
            .collect();
        let paraphrase: Vec<f64> =
            items.iter().zip(s).filter(|(it, _)| it.category == "paraphrase").map(|(_, x)| x.score).collect();
        println!(
            "  paraphrase-twin gap, {name}: mean {:.2}, largest {:.2} over {} pairs; mean paraphrase score {:.2}",
            mean(&gaps),
            gaps.iter().copied().fold(0.0, f64::max),
            gaps.len(),
            mean(&paraphrase)
        );
    }
    Ok(())
}

/// The development set graded in reference mode: each answer against its rubric question's model
/// answer only, with the question as asked.
/// Floor on ROC AUC per corpus of the real development set, so a regression fails `make accuracy`.
/// Engine 0.4.0 had 0.657 (SciEntsBank) and 0.708 (Beetle); 0.5.0 has 0.732 and 0.750.
const MIN_AUC_REAL: f64 = 0.70;

/// Grades the real development set against its model answers and prints the figures its README
/// asks for, per corpus; returns them (or why the set could not be read).
fn real_set_rows() -> Result<Vec<(String, realset::Figures)>, String> {
    let items = realset::load()?;
    let engine = rubricate::Engine::new();
    let mut scores = Vec::with_capacity(items.len());
    for it in &items {
        let req = it.request();
        scores.push(engine.score(&req).map_err(|e| format!("{}: {e}", it.id))?.score);
    }
    println!(
        "\nReal development set, graded against its model answers: {} answers ({}; threshold {})",
        items.len(),
        realset::path().display(),
        realset::THRESHOLD
    );
    println!("{:<12} {}", "corpus", realset::HEADER);
    let mut out = Vec::new();
    corpus_rows(&items, &scores, "", &mut out);
    // Accurate mode: the same answers with the sentence encoder's evidence (`make model` fetches it).
    match realset::accurate_evidence(&items) {
        Ok(evidence) => {
            let mut accurate = Vec::with_capacity(items.len());
            for (it, ev) in items.iter().zip(evidence) {
                let req = rubricate::ScoreRequest { accurate: Some(ev), ..it.request() };
                let s = engine.score(&req).map_err(|e| format!("{}: {e}", it.id))?;
                if s.mode != rubricate::score::Mode::Accurate && !s.insufficient {
                    return Err(format!("{}: graded in the {} mode with evidence given", it.id, s.mode));
                }
                accurate.push(s.score);
            }
            println!("Accurate mode (all-MiniLM-L6-v2 evidence; constants fitted on this set: held-out figures from `cargo run --release --example fit_accurate`)");
            corpus_rows(&items, &accurate, " (accurate mode)", &mut out);
        }
        Err(e) => println!("(accurate mode skipped: {e})"),
    }
    Ok(out)
}

/// Prints each corpus's figures for `scores` (one per item) and adds them to `out`, named with `suffix`.
fn corpus_rows(items: &[realset::Item], scores: &[f64], suffix: &str, out: &mut Vec<(String, realset::Figures)>) {
    for corpus in ["sciEntsBank", "beetle"] {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].corpus() == corpus).collect();
        let s: Vec<f64> = idx.iter().map(|&i| scores[i]).collect();
        let l: Vec<bool> = idx.iter().map(|&i| items[i].correct()).collect();
        let f = realset::figures(&s, &l);
        println!("{corpus:<12} {f}");
        out.push((format!("{corpus}{suffix}"), f));
    }
}

fn reference_mode_rows(items: &[Item], human: &[f64], set: &RubricSet, verbose: bool) -> Result<(), String> {
    let engine = rubricate::Engine::new();
    let mut scored = Vec::with_capacity(items.len());
    for it in items {
        let (rid, qid) = it.rubric.split_once('/').unwrap_or((&it.rubric, ""));
        let reference =
            set.get(rid).and_then(|r| r.questions.iter().find(|q| q.id == qid)).map(|q| q.reference.clone());
        let req =
            ScoreRequest { question: it.question.clone(), answer: it.answer.clone(), reference, ..Default::default() };
        match engine.score(&req) {
            Ok(s) => scored.push(s),
            Err(err) => return Err(format!("{}: {err}", it.id)),
        }
    }
    let e: Vec<f64> = scored.iter().map(|s| s.score).collect();
    let v = violations(items, &scored);
    println!("{} {:>10}", row("(g) reference mode (model answer)", human, &e), v.len());
    if verbose {
        for (_, msg) in &v {
            println!("    {msg}");
        }
    }
    // (h) The question alone: no rubric, no model answer (a question no bundled rubric matches).
    let grading = score::Grading::default();
    let alone: Vec<ScoredAnswer> = items
        .iter()
        .map(|it| {
            let target = score::Target::from_question(&it.question, rubricate::transcript::classify(&it.question));
            score::grade(&it.answer, &target, &grading)
        })
        .collect();
    let e: Vec<f64> = alone.iter().map(|s| s.score).collect();
    let v = violations(items, &alone);
    println!("{} {:>10}", row("(h) question alone (no key)", human, &e), v.len());
    Ok(())
}

/// One short-answer item: a question, its model answer, an answer and the teacher's grade.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RefItem {
    id: String,
    question: String,
    reference: String,
    answer: String,
    grade: f64,
}

/// `tests/devset-reference/*.jsonl`: short answers graded against a model answer only.
fn reference_set_rows(verbose: bool) -> Result<Option<f64>, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("devset-reference");
    if !dir.is_dir() {
        return Ok(None);
    }
    let items: Vec<RefItem> = read_jsonl(&dir)?;
    if let Some(it) = items.iter().find(|it| !(0.0..=5.0).contains(&it.grade)) {
        return Err(format!("{}: grade outside 0–5", it.id));
    }
    if items.is_empty() {
        return Ok(None);
    }
    let engine = rubricate::Engine::new();
    let mut scored = Vec::with_capacity(items.len());
    for it in &items {
        let req = ScoreRequest {
            question: it.question.clone(),
            answer: it.answer.clone(),
            reference: Some(it.reference.clone()),
            ..Default::default()
        };
        scored.push(engine.score(&req).map_err(|e| format!("{}: {e}", it.id))?);
    }
    let human: Vec<f64> = items.iter().map(|i| i.grade).collect();
    let e: Vec<f64> = scored.iter().map(|s| s.score).collect();
    println!("\nShort-answer set graded against a model answer only: {} answers ({})", items.len(), dir.display());
    println!("{:<28} {:>4} {:>7} {:>7} {:>7} {:>7} {:>7}", "set", "n", "human", "engine", "r", "RMSE", "QWK");
    let mut stems: Vec<&str> = items.iter().map(|i| i.id.split('/').next().unwrap_or("")).collect();
    stems.dedup();
    for st in &stems {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].id.split('/').next() == Some(st)).collect();
        print_row(
            st,
            &idx.iter().map(|&i| human[i]).collect::<Vec<_>>(),
            &idx.iter().map(|&i| e[i]).collect::<Vec<_>>(),
        );
    }
    print_row("overall", &human, &e);
    // With the optional semantic model in force.
    if let Ok((_, _, model)) = embeddings_model() {
        let mut with = Vec::with_capacity(items.len());
        for it in &items {
            let req = ScoreRequest {
                question: it.question.clone(),
                answer: it.answer.clone(),
                reference: Some(it.reference.clone()),
                ..Default::default()
            };
            let target =
                catalogue::resolve_target(&RubricSet::bundled(), &req).map_err(|e| format!("{}: {e}", it.id))?;
            with.push(score::grade(&it.answer, &target, &score::Grading::new(Some(model.as_ref()))).score);
        }
        print_row("overall + embeddings", &human, &with);
    }
    if verbose {
        for (it, s) in items.iter().zip(&scored) {
            println!(
                "  {:<44} human {:.1} engine {:.1}{}",
                it.id,
                it.grade,
                s.score,
                if s.insufficient { " (insufficient)" } else { "" }
            );
        }
    }
    Ok(Some(pearson(&human, &e)))
}

fn row(name: &str, h: &[f64], e: &[f64]) -> String {
    let w = if name.starts_with('(') { 36 } else { 28 };
    format!(
        "{:<w$} {:>4} {:>7.2} {:>7.2} {:>7} {:>7} {:>7}",
        name,
        h.len(),
        mean(h),
        mean(e),
        fmt(pearson(h, e)),
        fmt(rmse(h, e)),
        fmt(qwk(
            &h.iter().map(|&x| round_grade(x)).collect::<Vec<_>>(),
            &e.iter().map(|&x| round_grade(x)).collect::<Vec<_>>(),
            6
        ))
    )
}

fn fmt(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "n/a".to_string()
    }
}

/// Reads and checks every `*.jsonl` file of the directory, in name order.
fn load(dir: &Path) -> Result<Vec<Item>, String> {
    let items = read_jsonl(dir)?;
    if items.is_empty() {
        return Err(format!("{}: no items", dir.display()));
    }
    check(&items)?;
    Ok(items)
}

/// Every line of every `*.jsonl` file of the directory, in name order (blank lines skipped).
fn read_jsonl<T: serde::de::DeserializeOwned>(dir: &Path) -> Result<Vec<T>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "jsonl").unwrap_or(false))
        .collect();
    files.sort();
    let mut items = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            items.push(serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", f.display(), n + 1))?);
        }
    }
    Ok(items)
}

/// The optional semantic model: `RUBRICATE_EMBEDDINGS`, else `www/models/minilm-l6-static.rbem`.
fn embeddings_model() -> Result<(PathBuf, usize, std::sync::Arc<rubricate::embed::Embeddings>), String> {
    let path = std::env::var_os("RUBRICATE_EMBEDDINGS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("www/models/minilm-l6-static.rbem"));
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = rubricate::embed::Embeddings::parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((path, bytes.len(), std::sync::Arc::new(model)))
}

/// The development set's own rules: unique ids, known categories, grades in range, a twin for every
/// paraphrase and a max for every adversarial answer.
fn check(items: &[Item]) -> Result<(), String> {
    let mut seen = HashMap::new();
    for it in items {
        if seen.insert(it.id.as_str(), ()).is_some() {
            return Err(format!("{}: duplicate id", it.id));
        }
    }
    for it in items {
        let bad = |what: &str| Err(format!("{}: {what}", it.id));
        if !CATEGORIES.contains(&it.category.as_str()) {
            return bad("unknown category");
        }
        if !(0.0..=5.0).contains(&it.grade) {
            return bad("grade outside 0–5");
        }
        if !it.rubric.contains('/') || !it.id.starts_with(&it.rubric) {
            return bad("rubric must be rubric-id/question-id and prefix the id");
        }
        if it.category == "paraphrase" {
            match it.twin.as_deref() {
                Some(t) if seen.contains_key(t) && t != it.id => {}
                _ => return bad("a paraphrase needs the id of the answer it restates as twin"),
            }
        }
        if it.adversarial() && it.max.is_none() {
            return bad("an adversarial answer needs a max");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Statistics

fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        return f64::NAN;
    }
    x.iter().sum::<f64>() / x.len() as f64
}

/// Pearson correlation coefficient; NaN when either side has no variance.
fn pearson(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len());
    if x.len() < 2 {
        return f64::NAN;
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return f64::NAN;
    }
    sxy / (sxx * syy).sqrt()
}

/// Root mean squared error.
fn rmse(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len());
    if x.is_empty() {
        return f64::NAN;
    }
    (x.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / x.len() as f64).sqrt()
}

/// A 0–5 score or grade as an integer level, rounded half up like the engine's `grade`.
fn round_grade(x: f64) -> u8 {
    (x + 0.5).floor().clamp(0.0, 5.0) as u8
}

/// Quadratic weighted kappa of two ratings on levels `0..k`:
/// `1 − Σ w·O / Σ w·E`, with `w[i][j] = (i−j)² / (k−1)²`, `O` the observed confusion matrix and `E`
/// the outer product of the two marginals scaled to the same total. NaN when `E` carries no weight
/// (both raters used a single, identical level).
fn qwk(a: &[u8], b: &[u8], k: usize) -> f64 {
    assert_eq!(a.len(), b.len());
    if a.is_empty() || k < 2 {
        return f64::NAN;
    }
    let n = a.len() as f64;
    let mut observed = vec![vec![0.0f64; k]; k];
    let mut ha = vec![0.0f64; k];
    let mut hb = vec![0.0f64; k];
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = ((x as usize).min(k - 1), (y as usize).min(k - 1));
        observed[x][y] += 1.0;
        ha[x] += 1.0;
        hb[y] += 1.0;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = ((i as f64 - j as f64).powi(2)) / ((k as f64 - 1.0).powi(2));
            num += w * observed[i][j];
            den += w * ha[i] * hb[j] / n;
        }
    }
    if den == 0.0 {
        return f64::NAN;
    }
    1.0 - num / den
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn pearson_by_hand() {
        // x = 1,2,3,4,5; y = 2,4,5,4,5: means 3 and 4; Σdxdy = 6, Σdx² = 10, Σdy² = 6 → r = 6/√60.
        let r = pearson(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 5.0, 4.0, 5.0]);
        assert!(close(r, 6.0 / 60f64.sqrt()), "{r}");
        assert!(close(pearson(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), 1.0));
        assert!(close(pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0));
        assert!(pearson(&[1.0, 2.0, 3.0], &[2.0, 2.0, 2.0]).is_nan());
    }

    #[test]
    fn rmse_by_hand() {
        // errors 1, −1, 2, 0 → squares 1, 1, 4, 0 → mean 1.5 → √1.5.
        assert!(close(rmse(&[1.0, 2.0, 3.0, 4.0], &[2.0, 1.0, 5.0, 4.0]), 1.5f64.sqrt()));
        assert!(close(rmse(&[3.0, 3.0], &[3.0, 3.0]), 0.0));
    }

    #[test]
    fn qwk_by_hand() {
        // Perfect agreement is 1.
        assert!(close(qwk(&[0, 1, 2, 3, 4, 5], &[0, 1, 2, 3, 4, 5], 6), 1.0));
        // Three levels (weights 0, 1/4, 1 for distances 0, 1, 2), a = 0,1,2,2 and b = 0,2,2,1:
        // observed off-diagonal cells (1,2) and (2,1), each weight 1/4 → numerator 0.5.
        // Marginals a = (1,1,2), b = (1,1,2), n = 4 → E[i][j] = a_i b_j / 4:
        // Σ w·E = 1/4·(E01+E10+E12+E21) + 1·(E02+E20) = 1/4·(1/4+1/4+2/4+2/4) + (2/4+2/4) = 3/8 + 1 = 11/8.
        // κ = 1 − 0.5 / (11/8) = 1 − 4/11 = 7/11.
        assert!(close(qwk(&[0, 1, 2, 2], &[0, 2, 2, 1], 3), 7.0 / 11.0));
        // Complete reversal on two levels: observed all off-diagonal, κ = 1 − 2/1 = −1.
        assert!(close(qwk(&[0, 1], &[1, 0], 2), -1.0));
        // No variation at all: undefined.
        assert!(qwk(&[2, 2], &[2, 2], 6).is_nan());
    }

    #[test]
    fn grades_round_half_up() {
        assert_eq!(round_grade(2.5), 3);
        assert_eq!(round_grade(2.49), 2);
        assert_eq!(round_grade(0.0), 0);
        assert_eq!(round_grade(5.0), 5);
        assert_eq!(round_grade(4.6), 5);
    }

    #[test]
    fn ablation_ladder_ends_at_the_default_engine() {
        let c = configurations();
        assert_eq!(c.len(), 5);
        assert!(
            !c[0].1.synonyms
                && !c[0].1.weighting
                && !c[0].1.negation
                && !c[0].1.wordnet
                && !c[0].1.alignment
                && !c[0].1.embeddings
        );
        assert_eq!(c[4].1, Features::default());
    }
}
