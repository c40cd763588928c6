//! Rubric interchange through the public API: Canvas and Prometheus round trips of every bundled
//! rubric, imports of hand-written files in both formats, errors with JSON paths, and how well a
//! rubric drafted from a model answer alone orders the tier answers compared with the hand-written one.

use rubricate::rubric::bundled::load_all;
use rubricate::rubric::draft::{draft_question, draft_rubric, MAX_POINTS, MIN_POINTS};
use rubricate::rubric::interop::{
    self, from_canvas, from_prometheus, main_criterion, to_canvas, to_canvas_create, to_prometheus,
};
use rubricate::rubric::{parse_and_validate, Question, Rubric};
use rubricate::{Engine, ScoreRequest};
mod common;
use common::tiers;
use serde_json::Value;
use std::path::Path;

fn bundled() -> Vec<Rubric> {
    load_all()
        .into_iter()
        .map(|(name, r)| r.unwrap_or_else(|e| panic!("bundled rubric {} is invalid: {}", name, e)))
        .collect()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e))
}

/// The rubric passes the same validation a hand-written file does.
fn assert_valid(r: &Rubric) {
    let json = serde_json::to_string(r).unwrap();
    if let Err(e) = parse_and_validate(&json) {
        panic!("{} is not a valid rubric: {}", r.id, e);
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Everything Canvas holds survives: all but the example answers.
fn assert_same_but_examples(back: &Rubric, r: &Rubric) {
    assert_eq!(back.id, r.id);
    assert_eq!(back.title, r.title);
    assert_eq!(back.version, r.version);
    assert_eq!(back.role, r.role);
    assert_eq!(back.description, r.description);
    assert_eq!(back.questions.len(), r.questions.len(), "{}", r.id);
    for (b, q) in back.questions.iter().zip(&r.questions) {
        let at = format!("{}/{}", r.id, q.id);
        assert_eq!(b.id, q.id, "{}", at);
        assert_eq!(b.text, q.text, "{}", at);
        assert_eq!(b.alternatives, q.alternatives, "{}", at);
        assert_eq!(b.kind, q.kind, "{}", at);
        assert_eq!(b.reference, q.reference.trim(), "{}", at);
        assert!(b.examples.is_empty(), "{}: Canvas has no place for examples", at);
        assert_eq!(b.criteria.len(), q.criteria.len(), "{}", at);
        for (bc, c) in b.criteria.iter().zip(&q.criteria) {
            assert_eq!(bc.id, c.id, "{}", at);
            assert_eq!(bc.name, c.name, "{}/{}", at, c.id);
            assert!(close(bc.weight, c.weight), "{}/{}: weight {} became {}", at, c.id, c.weight, bc.weight);
            assert_eq!(bc.signals, c.signals, "{}/{}", at, c.id);
            assert_eq!(bc.descriptors, c.descriptors, "{}/{}", at, c.id);
        }
        assert_eq!(b.points.len(), q.points.len(), "{}", at);
        for (bp, p) in b.points.iter().zip(&q.points) {
            assert_eq!(bp.id, p.id, "{}", at);
            assert_eq!(bp.text, p.text, "{}/{}", at, p.id);
            assert_eq!(bp.phrases, p.phrases, "{}/{}", at, p.id);
            assert!(close(bp.weight, p.weight), "{}/{}: weight {} became {}", at, p.id, p.weight, bp.weight);
        }
    }
}

#[test]
fn canvas_round_trip_keeps_every_bundled_rubric_but_its_examples() {
    let all = bundled();
    assert!(all.len() >= 10);
    for r in &all {
        let canvas = to_canvas(r);
        assert_eq!(canvas["title"], Value::String(r.title.clone()));
        let rows = canvas["data"].as_array().expect("data is an array");
        let expected_rows: usize = r.questions.iter().map(|q| 1 + q.criteria.len() + q.points.len()).sum();
        assert_eq!(rows.len(), expected_rows, "{}", r.id);
        let total: f64 = rows.iter().map(|row| row["points"].as_f64().unwrap()).sum();
        assert!(close(canvas["points_possible"].as_f64().unwrap(), total));
        for row in rows {
            assert!(row["description"].as_str().is_some_and(|d| !d.is_empty()));
            assert!(row["ratings"].as_array().is_some_and(|rs| !rs.is_empty()));
            assert!(row["long_description"].as_str().unwrap().lines().last().unwrap().starts_with(interop::MARKER));
        }
        // through text, as a file would go
        let text = serde_json::to_string_pretty(&canvas).unwrap();
        let back = from_canvas(&text).unwrap_or_else(|e| panic!("{}: {}", r.id, e));
        assert_valid(&back);
        assert_same_but_examples(&back, r);
        // the create-request shape (indexed hashes) reads back the same
        let create = from_canvas(&to_canvas_create(r).to_string()).unwrap_or_else(|e| panic!("{}: {}", r.id, e));
        assert_eq!(create, back, "{}", r.id);
        // and a second trip changes nothing
        assert_eq!(from_canvas(&to_canvas(&back).to_string()).unwrap(), back, "{}", r.id);
    }
}

#[test]
fn canvas_edits_to_visible_fields_are_kept() {
    let r = &bundled()[0];
    let mut canvas = to_canvas(r);
    // a grader renames a talking point and makes it worth more, in Canvas
    let rows = canvas["data"].as_array_mut().unwrap();
    let first_point = 1 + r.questions[0].criteria.len();
    rows[first_point]["description"] = Value::String("Spread over zones".into());
    rows[first_point]["points"] = serde_json::json!(1.5);
    let back = from_canvas(&canvas.to_string()).unwrap();
    assert_eq!(back.questions[0].points[0].text, "Spread over zones");
    assert_eq!(back.questions[0].points[0].weight, 1.5);
    assert_eq!(back.questions[0].points[0].id, r.questions[0].points[0].id);
}

#[test]
fn prometheus_round_trip_keeps_what_prometheus_holds() {
    for r in &bundled() {
        let items = to_prometheus(r);
        let items = items.as_array().expect("an array of items");
        assert_eq!(items.len(), r.questions.len());
        for (item, q) in items.iter().zip(&r.questions) {
            let main = main_criterion(q).unwrap();
            assert_eq!(item["orig_instruction"], Value::String(q.text.clone()));
            assert_eq!(item["criteria"], Value::String(main.name.clone()));
            for level in 2..=5 {
                assert_eq!(
                    item[format!("score{}_description", level)],
                    Value::String(main.descriptors[&level.to_string()].clone())
                );
            }
            // The lowest level carries the question's common wrong claims as text after its own.
            let lowest = item["score1_description"].as_str().unwrap_or_default();
            assert!(lowest.starts_with(main.descriptors["1"].trim_end_matches('.')), "{lowest}");
            for m in &q.misconceptions {
                assert!(lowest.contains(m.claim.trim_end_matches('.')), "{}: {lowest}", m.id);
            }
        }
        let text = serde_json::to_string_pretty(&Value::Array(items.clone())).unwrap();
        let back = from_prometheus(&text).unwrap_or_else(|e| panic!("{}: {}", r.id, e));
        assert_valid(&back);
        assert_eq!(back.version, "1.0.0");
        assert_eq!(back.questions.len(), r.questions.len());
        for (b, q) in back.questions.iter().zip(&r.questions) {
            let at = format!("{}/{}", r.id, q.id);
            assert_eq!(b.text, q.text, "{}", at);
            assert_eq!(b.reference, q.reference.trim(), "{}", at);
            let (bm, qm) = (main_criterion(b).unwrap(), main_criterion(q).unwrap());
            assert_eq!(bm.name, qm.name, "{}", at);
            assert_eq!(bm.descriptors, qm.descriptors, "{}", at);
            assert!(bm.signals.contains(&"coverage".to_string()), "{}", at);
            // the talking points are drafted again from the reference
            assert!((MIN_POINTS..=MAX_POINTS).contains(&b.points.len()), "{}: {} points", at, b.points.len());
        }
        // a second trip is stable
        assert_eq!(from_prometheus(&to_prometheus(&back).to_string()).unwrap(), back, "{}", r.id);
    }
}

#[test]
fn hand_written_canvas_api_rubric_imports() {
    let r = from_canvas(&fixture("canvas-api.json")).unwrap_or_else(|e| panic!("{}", e));
    assert_valid(&r);
    assert_eq!(r.id, "code-review-practices");
    assert_eq!(r.title, "Code review practices");
    assert_eq!(r.version, "1.0.0");
    assert_eq!(r.questions.len(), 1);
    let q = &r.questions[0];
    assert_eq!(q.text, "Code review practices");
    let texts: Vec<&str> = q.points.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Small, focused changes",
            "Automated checks before review",
            "Correctness and design over style",
            "Respectful, specific feedback",
            "Context from the author",
            "Quick turnaround",
        ]
    );
    let weights: Vec<f64> = q.points.iter().map(|p| p.weight).collect();
    assert_eq!(weights, [3.0, 3.0, 2.0, 2.0, 1.0, 1.0]);
    let ids: Vec<&str> = q.points.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids[0], "small-focused-changes");
    for p in &q.points {
        assert!((1..=5).contains(&p.phrases.len()), "{:?}", p);
        assert_eq!(p.phrases[0], p.text.to_lowercase());
    }
    // the model answer is composed from the criteria and their full-marks ratings
    assert!(q.reference.contains("split a large change"), "{}", q.reference);
    assert!(q.reference.contains("linters"), "{}", q.reference);
    let ids: Vec<&str> = q.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["content", "depth", "communication"]);
}

#[test]
fn hand_written_canvas_create_body_imports() {
    let r = from_canvas(&fixture("canvas-create.json")).unwrap_or_else(|e| panic!("{}", e));
    assert_valid(&r);
    assert_eq!(r.title, "Explaining caching");
    let q = &r.questions[0];
    let texts: Vec<&str> = q.points.iter().map(|p| p.text.as_str()).collect();
    // indexed keys in numeric order, not string order ("10" after "2")
    assert_eq!(texts, ["Where the cache sits", "Invalidation strategy", "Eviction policy", "Stampede protection"]);
    let weights: Vec<f64> = q.points.iter().map(|p| p.weight).collect();
    assert_eq!(weights, [2.0, 3.0, 2.0, 1.0]);
}

#[test]
fn hand_written_prometheus_rubrics_import() {
    let r = from_prometheus(&fixture("prometheus-single.json")).unwrap_or_else(|e| panic!("{}", e));
    assert_valid(&r);
    assert_eq!(r.questions.len(), 1);
    let q = &r.questions[0];
    assert_eq!(
        q.text,
        "What does the isolation level of a database transaction control, and how would you choose one?"
    );
    assert!(q.reference.starts_with("Isolation decides"));
    assert_eq!(q.kind, "technical");
    let main = main_criterion(q).unwrap();
    assert_eq!(
        main.name,
        "Does the answer explain the anomalies each isolation level allows and weigh them against throughput?"
    );
    assert_eq!(
        main.descriptors["1"],
        "Confuses isolation with durability or backups, or says nothing correct about it."
    );
    assert_eq!(main.descriptors["5"].split_whitespace().next(), Some("Names"));
    assert!((MIN_POINTS..=MAX_POINTS).contains(&q.points.len()));
    let phrases: Vec<&str> = q.points.iter().flat_map(|p| p.phrases.iter().map(String::as_str)).collect();
    assert!(phrases.iter().any(|p| p.contains("dirty reads") || p.contains("phantom")), "{:?}", phrases);

    let r = from_prometheus(&fixture("prometheus-list.json")).unwrap_or_else(|e| panic!("{}", e));
    assert_valid(&r);
    assert_eq!(r.questions.len(), 2);
    assert_eq!(r.questions[0].text, "Why would you put a message queue between two services?");
    assert_eq!(r.questions[1].text, "How do you find a memory leak in a long-running service?");
    assert_ne!(r.questions[0].id, r.questions[1].id);
    assert_eq!(
        main_criterion(&r.questions[1]).unwrap().descriptors["3"],
        "Knows to watch memory grow but has no method for finding the cause."
    );
}

#[test]
fn bad_files_give_every_problem_with_its_path() {
    let e = from_canvas(&fixture("bad-canvas.json")).unwrap_err();
    let got: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.path.as_str(), p.problem.as_str())).collect();
    let paths: Vec<&str> = got.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        paths,
        [
            "$.title",
            "$.data[0].points",
            "$.data[1].ratings",
            "$.data[2]",
            "$.data[3].ratings[0].points",
            "$.data[4].description"
        ],
        "{:#?}",
        got
    );
    assert!(got[1].1.contains("\"many\""), "{:?}", got[1]);
    assert!(got[3].1.contains("found a string"), "{:?}", got[3]);

    let e = from_prometheus(&fixture("bad-prometheus.json")).unwrap_err();
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["$[0].score3_description", "$[1].criteria", "$[1].orig_reference_answer", "$[2]"], "{}", e);

    // wrong format altogether: a Prometheus file read as Canvas, and the other way round
    let e = from_canvas(&fixture("prometheus-single.json")).unwrap_err();
    assert!(e.problems.iter().any(|p| p.path == "$.criteria" && p.problem.contains("found a string")), "{}", e);
    let e = from_prometheus(&fixture("canvas-api.json")).unwrap_err();
    assert!(e.problems.iter().any(|p| p.path == "$.criteria"), "{}", e);
    // not JSON
    let e = from_canvas("title: nope").unwrap_err();
    assert!(
        e.problems[0].problem.starts_with("JSON syntax error") && e.problems[0].problem.contains("(line 1, column "),
        "{}",
        e
    );
}

#[test]
fn every_bundled_question_drafts_a_valid_rubric() {
    let (mut multi_all, mut points_all) = (0usize, 0usize);
    for r in &bundled() {
        for q in &r.questions {
            let d = draft_rubric(&q.text, &q.reference);
            assert_valid(&d);
            let dq = &d.questions[0];
            assert!(
                (MIN_POINTS..=MAX_POINTS).contains(&dq.points.len()),
                "{}/{}: {} points",
                r.id,
                q.id,
                dq.points.len()
            );
            // Most drafted points have 2-5 phrases: at least half on every question, and at least 70 %
            // over all of them (a first-person story drafts more one-word points than an explanation:
            // behavioral-leadership/receiving-criticism drafts 6 of 10).
            let multi = dq.points.iter().filter(|p| (2..=5).contains(&p.phrases.len())).count();
            assert!(
                multi * 2 >= dq.points.len(),
                "{}/{}: too few points with 2-5 phrases: {:#?}",
                r.id,
                q.id,
                dq.points
            );
            multi_all += multi;
            points_all += dq.points.len();
            assert_eq!(d, draft_rubric(&q.text, &q.reference), "drafting is deterministic");
            let warnings = rubricate::rubric::validate::lint(&d);
            assert!(warnings.is_empty(), "{}/{}: drafted phrasings that match any answer: {:#?}", r.id, q.id, warnings);
        }
    }
    assert!(multi_all * 10 >= points_all * 7, "{multi_all} of {points_all} drafted points have 2-5 phrases");
}

// ---------------------------------------------------------------------------------------------
// Drafted vs hand-written rubrics on the tier answers

fn score(engine: &Engine, rubric: &str, question: &str, answer: &str) -> f64 {
    engine
        .score(&ScoreRequest {
            question: question.into(),
            answer: answer.into(),
            rubric: Some(rubric.into()),
            ..Default::default()
        })
        .expect("scores")
        .score
}

/// weak < average < strong ≤ exceptional
fn in_order(s: &[f64]) -> bool {
    s[0] < s[1] && s[1] < s[2] && s[2] <= s[3]
}

/// Kendall's tau-b between two score lists.
fn kendall(a: &[f64], b: &[f64]) -> f64 {
    let (mut concordant, mut discordant, mut ties_a, mut ties_b) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for i in 0..a.len() {
        for j in i + 1..a.len() {
            let (da, db) = (a[i] - a[j], b[i] - b[j]);
            if da == 0.0 && db == 0.0 {
                continue;
            } else if da == 0.0 {
                ties_a += 1.0;
            } else if db == 0.0 {
                ties_b += 1.0;
            } else if da * db > 0.0 {
                concordant += 1.0;
            } else {
                discordant += 1.0;
            }
        }
    }
    let denom = ((concordant + discordant + ties_a) * (concordant + discordant + ties_b)).sqrt();
    if denom == 0.0 {
        0.0
    } else {
        (concordant - discordant) / denom
    }
}

/// Average ranks (ties share the mean rank).
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        for k in i..=j {
            r[idx[k]] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rho: Pearson correlation of the ranks.
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

fn bundled_question<'a>(rubrics: &'a [Rubric], rubric: &str, question: &str) -> &'a Question {
    rubrics
        .iter()
        .find(|r| r.id == rubric)
        .and_then(|r| r.questions.iter().find(|q| q.id == question))
        .unwrap_or_else(|| panic!("no bundled question {}/{}", rubric, question))
}

#[test]
fn drafted_rubrics_order_the_tiers_like_the_hand_written_ones() {
    let rubrics = bundled();
    let mut engine = Engine::new();
    let (mut all_hand, mut all_drafted) = (Vec::new(), Vec::new());
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    let mut agree = 0;
    let all = tiers();
    for t in &all {
        let q = bundled_question(&rubrics, &t.rubric, &t.question_id);
        let drafted = draft_rubric(&q.text, &q.reference);
        let summary =
            engine.add_rubric_json(&serde_json::to_string(&drafted).unwrap()).unwrap_or_else(|e| panic!("{}", e));
        let drafted_ref = format!("{}/{}", summary.id, drafted.questions[0].id);
        let hand_ref = format!("{}/{}", t.rubric, t.question_id);
        let answers = [&t.weak, &t.average, &t.strong, &t.exceptional];
        let hand: Vec<f64> = answers.iter().map(|a| score(&engine, &hand_ref, &t.question, a)).collect();
        let draft: Vec<f64> = answers.iter().map(|a| score(&engine, &drafted_ref, &t.question, a)).collect();
        let same = in_order(&hand) == in_order(&draft);
        if same {
            agree += 1;
        } else {
            failures.push(format!("{}: hand-written {:?} drafted {:?}", hand_ref, hand, draft));
        }
        lines.push(format!(
            "{:<45} hand {:?}  drafted {:?}  tau {:+.2} rho {:+.2}{}",
            hand_ref,
            hand,
            draft,
            kendall(&hand, &draft),
            spearman(&hand, &draft),
            if in_order(&draft) { "" } else { "  (drafted out of order)" }
        ));
        all_hand.extend(hand);
        all_drafted.extend(draft);
    }
    println!("drafted vs hand-written rubrics on {} tier sets (weak, average, strong, exceptional):", all.len());
    for l in &lines {
        println!("  {}", l);
    }
    println!(
        "same tier order: {}/{}; pooled over {} answers: Kendall tau-b {:.3}, Spearman rho {:.3}",
        agree,
        all.len(),
        all_hand.len(),
        kendall(&all_hand, &all_drafted),
        spearman(&all_hand, &all_drafted)
    );
    assert!(failures.is_empty(), "drafted rubrics order the tiers differently:\n{}", failures.join("\n"));
    assert!(kendall(&all_hand, &all_drafted) > 0.6);
}

#[test]
fn drafted_question_from_a_tier_reference_names_its_kind() {
    let rubrics = bundled();
    let q = bundled_question(&rubrics, "behavioral-star", "conflict-colleague");
    assert_eq!(draft_question(&q.text, &q.reference).kind, "behavioral");
    let q = bundled_question(&rubrics, "system-design", "rate-limiter");
    assert_eq!(draft_question(&q.text, &q.reference).kind, "technical");
}

#[test]
fn correlation_helpers() {
    assert!((kendall(&[1.0, 2.0, 3.0, 4.0], &[2.0, 3.0, 5.0, 9.0]) - 1.0).abs() < 1e-12);
    assert!((kendall(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
    assert!((spearman(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 30.0, 40.0]) - 1.0).abs() < 1e-12);
    assert_eq!(ranks(&[3.0, 1.0, 3.0]), vec![2.5, 1.0, 2.5]);
}
