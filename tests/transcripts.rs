//! Transcript parsing and report building on whole files: the fixtures written for these tests, and
//! the reference transcripts in ../shared/seeds when they are present.

use rubricate::report::{render, Format, Report};
use rubricate::transcript::{parse, Candidate, Interview, QuestionKind, TranscriptFormat};
use rubricate::{Engine, ENGINE_VERSION};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn kinds(c: &Candidate) -> Vec<QuestionKind> {
    c.exchanges.iter().map(|e| e.kind).collect()
}

fn all_text(iv: &Interview) -> String {
    let mut s = String::new();
    for c in &iv.candidates {
        for e in &c.exchanges {
            s.push_str(&e.question);
            s.push('\n');
            s.push_str(&e.answer);
            s.push('\n');
        }
    }
    s
}

fn numbers_are_sequential(iv: &Interview) {
    for c in &iv.candidates {
        for (i, e) in c.exchanges.iter().enumerate() {
            assert_eq!(e.number, i + 1, "{:?}", c.name);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

#[test]
fn dialogue_fixture() {
    let iv = parse(&fixture("dialogue.txt"));
    assert_eq!(iv.format, TranscriptFormat::Dialogue);
    assert_eq!(iv.candidates.len(), 1);
    let c = &iv.candidates[0];
    assert_eq!(c.name.as_deref(), Some("Priya Raman"));
    assert_eq!(c.position.as_deref(), Some("Backend Engineer (Payments)"));
    assert_eq!(c.exchanges.len(), 5, "the closing remark without a question is not an exchange");
    assert_eq!(
        kinds(c),
        vec![
            QuestionKind::Introduction,
            QuestionKind::Project,
            QuestionKind::Technical,
            QuestionKind::Behavioral,
            QuestionKind::Closing
        ]
    );
    numbers_are_sequential(&iv);
    // Remarks about the previous answer are not part of the question; context it leans on is.
    let q2 = &c.exchanges[1].question;
    assert!(q2.starts_with("Your CV says you rebuilt the ledger service"), "{q2}");
    assert!(q2.ends_with("how did you get past it?"), "{q2}");
    assert!(!q2.contains("Thanks, Priya"));
    assert_eq!(
        c.exchanges[2].question,
        "How would you make a payment API idempotent so that a client retry never charges a card twice?"
    );
    // Quotes are stripped; paragraphs are kept.
    let a2 = &c.exchanges[1].answer;
    assert!(a2.starts_with("The hardest part") && a2.ends_with("behind a feature flag."), "{a2}");
    assert_eq!(a2.matches("\n\n").count(), 1);
    assert!(!c.exchanges.iter().any(|e| e.answer.starts_with('"') || e.answer.ends_with('"')));
}

#[test]
fn crlf_and_bom_variants_parse_the_same() {
    let lf = fixture("dialogue.txt");
    let crlf = fixture("dialogue_crlf.txt");
    assert!(crlf.contains("\r\n"), "the CRLF fixture must keep its line endings");
    assert_eq!(parse(&crlf), parse(&lf));
    assert_eq!(parse(&format!("\u{feff}{crlf}")), parse(&lf));
    assert_eq!(parse(&lf.replace('\n', "\r")), parse(&lf), "old Mac line endings");
}

#[test]
fn numbered_fixture_with_two_candidates() {
    let iv = parse(&fixture("numbered.txt"));
    assert_eq!(iv.format, TranscriptFormat::Numbered);
    let names: Vec<Option<&str>> = iv.candidates.iter().map(|c| c.name.as_deref()).collect();
    assert_eq!(names, vec![Some("Tomas Berg"), Some("Mei Lin")]);
    let positions: Vec<Option<&str>> = iv.candidates.iter().map(|c| c.position.as_deref()).collect();
    assert_eq!(positions, vec![Some("Data Engineer"), Some("Junior QA Engineer")]);
    let counts: Vec<usize> = iv.candidates.iter().map(|c| c.exchanges.len()).collect();
    assert_eq!(counts, vec![2, 3]);
    numbers_are_sequential(&iv);
    let tomas = &iv.candidates[0];
    assert!(tomas.exchanges[0].question.ends_with("What drove that move, and what broke first?"));
    assert!(tomas.exchanges[0].question.starts_with("Your profile mentions"));
    assert_eq!(tomas.exchanges[1].answer.matches("\n\n").count(), 1, "multi-paragraph answer kept whole");
    let mei = &iv.candidates[1];
    assert_eq!(mei.exchanges[1].answer, "", "a question with no answer has an empty answer");
    assert_eq!(mei.exchanges[2].kind, QuestionKind::Closing);
    let text = all_text(&iv);
    for junk in ["Relevance Score", "STRUGGLED", "~~~", "====", "NEEDS WORK", "MIXED RESULTS", "----"] {
        assert!(!text.contains(junk), "{junk} leaked into questions or answers");
    }
}

#[test]
fn qa_blocks_fixture() {
    let iv = parse(&fixture("qa_blocks.txt"));
    assert_eq!(iv.format, TranscriptFormat::Numbered);
    assert_eq!(iv.candidates.len(), 1);
    let c = &iv.candidates[0];
    assert_eq!(c.name, None);
    assert_eq!(c.exchanges.len(), 3);
    assert_eq!(kinds(c)[..2], [QuestionKind::Behavioral, QuestionKind::Technical]);
    assert!(c.exchanges[1].answer.starts_with("Keys: base62"));
    assert_eq!(c.exchanges[1].answer.lines().count(), 3, "line-structured answers keep their lines");
    let text = all_text(&iv);
    assert!(!text.contains("Behavioral Question:") && !text.contains("Follow-up Question:"), "labels are not content");
}

#[test]
fn plain_fixture() {
    let text = fixture("plain.txt");
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Plain);
    assert_eq!(iv.candidates.len(), 1);
    let c = &iv.candidates[0];
    assert_eq!(c.exchanges.len(), 1);
    assert_eq!(c.exchanges[0].question, "");
    assert_eq!(c.exchanges[0].answer, text.trim());
}

#[test]
fn appended_reports_and_annotations_are_never_trusted() {
    let iv = parse(&fixture("with_report.txt"));
    assert_eq!(iv.format, TranscriptFormat::Dialogue);
    assert_eq!(iv.candidates.len(), 1);
    let c = &iv.candidates[0];
    assert_eq!(c.name.as_deref(), Some("Omar Haddad"));
    assert_eq!(c.position.as_deref(), Some("Site Reliability Engineer"));
    assert_eq!(c.exchanges.len(), 3);
    assert_eq!(kinds(c), vec![QuestionKind::Introduction, QuestionKind::Technical, QuestionKind::Closing]);
    let text = all_text(&iv);
    for junk in [
        "Relevance Score",
        "STRUGGLED",
        "Score:",
        "5/5",
        "EVALUATION",
        "Flawless",
        "report",
        "scale a database",
        "Hire",
        "ignored",
    ] {
        assert!(!text.contains(junk), "{junk} leaked into questions or answers:\n{text}");
    }
    assert!(c.exchanges[1].answer.contains("derived from its SLO. When we burned"), "{}", c.exchanges[1].answer);
}

#[test]
fn hostile_and_odd_inputs_do_not_panic() {
    let base = fixture("numbered.txt");
    let mut cases: Vec<String> = vec![
        String::new(),
        "\u{feff}".into(),
        "Q1:".into(),
        "A1: answer without a question".into(),
        "Candidate: Only A. Name".into(),
        "Interviewer: ".repeat(50),
        "\"".repeat(101),
        "é?".repeat(1000),
        "Q1: ?\n".repeat(500),
        base.replace('\n', "\t"),
        base.chars().rev().collect(),
    ];
    // Every prefix cut at a char boundary.
    let sample = fixture("dialogue.txt");
    for (i, _) in sample.char_indices().step_by(97) {
        cases.push(sample[..i].to_string());
    }
    for s in &cases {
        let iv = parse(s);
        assert!(!iv.candidates.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Reports built from the fixtures. The scorer may refuse answers (until it is complete) — the
// report must still be built, with the same shape, so these tests check structure, not scores.
// ---------------------------------------------------------------------------------------------

fn check_report_shape(report: &Report, iv: &Interview) {
    assert_eq!(report.engine, ENGINE_VERSION);
    assert_eq!(report.candidates.len(), iv.candidates.len());
    for (rc, pc) in report.candidates.iter().zip(&iv.candidates) {
        assert_eq!(rc.name, pc.name);
        assert_eq!(rc.position, pc.position);
        assert_eq!(rc.questions.len(), pc.exchanges.len());
        for (q, e) in rc.questions.iter().zip(&pc.exchanges) {
            assert_eq!(q.number, e.number);
            assert_eq!(q.kind, e.kind);
            assert_eq!(q.answer, e.answer);
            assert!((0.0..=5.0).contains(&q.scored.score), "score {}", q.scored.score);
            assert!(q.scored.grade <= 5);
            assert!(!q.scored.justification.trim().is_empty());
            if q.scored.insufficient {
                assert_eq!(q.scored.score, 0.0);
            }
        }
        assert!(rc.overall.graded <= rc.questions.len());
        assert!((0.0..=5.0).contains(&rc.overall.score));
        assert!(!rc.hr.suitability.is_empty());
        assert!(!rc.hr.communication.is_empty());
        let rec = &rc.hr.recommendation;
        assert!(
            rec.starts_with("Advance to the next round") || rec.starts_with("Hold") || rec.starts_with("Decline"),
            "{rec}"
        );
    }
}

#[test]
fn reports_from_fixtures_have_the_contract_shape() {
    let engine = Engine::new();
    for name in ["dialogue.txt", "dialogue_crlf.txt", "numbered.txt", "qa_blocks.txt", "with_report.txt"] {
        let text = fixture(name);
        let report = engine.report(&text, None, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_report_shape(&report, &parse(&text));

        let json: serde_json::Value = serde_json::from_str(&render(&report, Format::Json)).expect("valid JSON");
        assert_eq!(json["engine"], ENGINE_VERSION);
        for c in json["candidates"].as_array().expect("candidates array") {
            for key in ["questions", "overall", "hr"] {
                assert!(c.get(key).is_some(), "{name}: no {key}");
            }
        }
        let text_out = render(&report, Format::Text);
        assert!(text_out.contains("EVALUATION REPORT") && text_out.contains("HR REPORT"), "{name}");
        assert!(text_out.contains("Score: ") && text_out.contains("/5"), "{name}");
        let md = render(&report, Format::Markdown);
        assert!(md.contains(ENGINE_VERSION), "{name}");
        let html = render(&report, Format::Html);
        assert!(html.contains(ENGINE_VERSION), "{name}");
        for c in &report.candidates {
            if let Some(n) = &c.name {
                assert!(
                    text_out.contains(n.as_str()) && md.contains(n.as_str()) && html.contains(n.as_str()),
                    "{name}: {n}"
                );
            }
        }
    }
}

#[test]
fn report_of_plain_answer_needs_a_question() {
    let engine = Engine::new();
    let text = fixture("plain.txt");
    let err = engine.report(&text, None, None).expect_err("a plain answer without a question is refused");
    assert!(err.to_string().contains("question"), "{err}");
    let q = "How would you absorb a burst of writes?";
    let report = engine.report(&text, None, Some(q)).expect("report");
    assert_eq!(report.candidates.len(), 1);
    assert_eq!(report.candidates[0].questions.len(), 1);
    assert_eq!(report.candidates[0].questions[0].question, q);
    assert_eq!(report.candidates[0].questions[0].kind, QuestionKind::Technical);
}

#[test]
fn report_refuses_empty_input() {
    let engine = Engine::new();
    for t in ["", "   \n\t\r\n"] {
        let err = engine.report(t, None, Some("q")).expect_err("empty transcript");
        assert!(err.to_string().contains("empty"), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Reference transcripts (../shared/seeds), counted by reading them: which file is which is told by
// its number prefix.
// ---------------------------------------------------------------------------------------------

fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping seed tests: {} is absent", dir.display());
        None
    }
}

fn seed(prefix: &str) -> Option<String> {
    let dir = seeds_dir()?;
    let entry = std::fs::read_dir(&dir).ok()?.flatten().find(|e| e.file_name().to_string_lossy().starts_with(prefix));
    match entry {
        Some(e) => std::fs::read_to_string(e.path()).ok(),
        None => {
            eprintln!("skipping: no seed starting with {prefix} in {}", dir.display());
            None
        }
    }
}

/// 000: one dialogue interview with an evaluation and an HR report appended. The recruiter has 20
/// turns; one is a tool call (no question), so 19 questions were answered: the introduction, a
/// project question, four technical questions, and thirteen rounds of "any questions for me?".
#[test]
fn seed_000_dialogue_with_appended_reports() {
    let Some(text) = seed("000_") else { return };
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Dialogue);
    assert_eq!(iv.candidates.len(), 1);
    let c = &iv.candidates[0];
    assert_eq!(c.name.as_deref(), Some("James Anderson"));
    assert_eq!(c.position.as_deref(), Some("Cloud Solutions Architect"));
    assert_eq!(c.exchanges.len(), 19);
    numbers_are_sequential(&iv);
    assert_eq!(c.exchanges[0].kind, QuestionKind::Introduction);
    assert_eq!(c.exchanges.iter().filter(|e| e.kind == QuestionKind::Closing).count(), 13);
    let graded = c
        .exchanges
        .iter()
        .filter(|e| matches!(e.kind, QuestionKind::Technical | QuestionKind::Project | QuestionKind::Behavioral))
        .count();
    assert_eq!(graded, 5);
    assert!(c.exchanges.iter().all(|e| !e.answer.is_empty()));
    let all = all_text(&iv);
    for junk in
        ["tool_code", "default_api", "EVALUATION REPORT", "HR REPORT", "Score: 5/5", "Quality Profile", "Total Turns"]
    {
        assert!(!all.contains(junk), "{junk} leaked");
    }
    // The speech after the tool call continues the answer before it instead of inventing a question.
    assert!(c.exchanges.iter().any(|e| e.answer.contains("reviewed the job description")));
}

/// 001: two `Q:`/`A:` blocks, each after a label line, no candidate name.
#[test]
fn seed_001_qa_blocks() {
    let Some(text) = seed("001_") else { return };
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Numbered);
    assert_eq!(iv.candidates.len(), 1);
    let c = &iv.candidates[0];
    assert_eq!(c.name, None);
    assert_eq!(c.exchanges.len(), 2);
    assert_eq!(kinds(c), vec![QuestionKind::Behavioral, QuestionKind::Technical]);
    assert!(c.exchanges.iter().all(|e| e.answer.len() > 500));
    assert!(!all_text(&iv).contains("Design Question:"));
}

/// 002: eight candidates in four quality bands, with 3, 2, 3, 2, 3, 3, 3 and 3 numbered questions.
#[test]
fn seed_002_numbered_eight_candidates() {
    let Some(text) = seed("002_") else { return };
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Numbered);
    let names: Vec<&str> = iv.candidates.iter().map(|c| c.name.as_deref().unwrap_or("?")).collect();
    assert_eq!(
        names,
        vec![
            "John Doe",
            "Jane Smith",
            "Emily Johnson",
            "Michael Chen",
            "James Anderson",
            "Jennifer Martinez",
            "Dr. Amanda Foster",
            "Alex Thompson"
        ]
    );
    let counts: Vec<usize> = iv.candidates.iter().map(|c| c.exchanges.len()).collect();
    assert_eq!(counts, vec![3, 2, 3, 2, 3, 3, 3, 3]);
    assert!(iv.candidates.iter().all(|c| c.position.is_some()));
    numbers_are_sequential(&iv);
    assert!(iv.candidates.iter().flat_map(|c| &c.exchanges).all(|e| !e.question.is_empty() && !e.answer.is_empty()));
    let all = all_text(&iv);
    for junk in ["Relevance Score", "[STRUGGLED]", "~~~", "WEAK CANDIDATES", "EXCEPTIONAL CANDIDATES", "===="] {
        assert!(!all.contains(junk), "{junk} leaked");
    }
    assert_eq!(iv.candidates[0].exchanges[2].kind, QuestionKind::Closing);
}

/// 003 is a study guide, not a transcript. It has 23 interview questions written as `Qn:` lines
/// (several printed twice in a row) with explanations after them and no answer markers. It reads as
/// one unnamed candidate with 23 exchanges: repeated question lines merge, the text after each
/// question becomes its answer, and everything before `Q1:` is ignored.
#[test]
fn seed_003_guide_is_read_without_crashing() {
    let Some(text) = seed("003_") else { return };
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Numbered);
    assert_eq!(iv.candidates.len(), 1);
    assert_eq!(iv.candidates[0].name, None);
    assert_eq!(iv.candidates[0].exchanges.len(), 23);
    numbers_are_sequential(&iv);
    let qs: Vec<&str> = iv.candidates[0].exchanges.iter().map(|e| e.question.as_str()).collect();
    for pair in qs.windows(2) {
        assert_ne!(pair[0], pair[1], "a repeated question line must not make two exchanges");
    }
}

/// 004 is a careers-page excerpt with no markers at all: one plain answer with no question.
#[test]
fn seed_004_page_is_a_plain_answer() {
    let Some(text) = seed("004_") else { return };
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Plain);
    assert_eq!(iv.candidates.len(), 1);
    assert_eq!(iv.candidates[0].exchanges.len(), 1);
    assert_eq!(iv.candidates[0].exchanges[0].question, "");
    assert!(Engine::new().report(&text, None, None).is_err(), "a plain text needs a question");
}

/// Every seed that is a transcript yields a report of the same shape as its parse.
#[test]
fn seed_reports_have_the_contract_shape() {
    let engine = Engine::new();
    for prefix in ["000_", "001_", "002_"] {
        let Some(text) = seed(prefix) else { return };
        let report = engine.report(&text, None, None).unwrap_or_else(|e| panic!("{prefix}: {e}"));
        check_report_shape(&report, &parse(&text));
    }
}

// ---------------------------------------------------------------------------------------------
// Candidate names (issue 7: numbered names merged candidates; names in other scripts were lost)
// ---------------------------------------------------------------------------------------------

fn numbered_block(header: &str, n: usize) -> String {
    format!(
        "Candidate: {header}\n----------\n\nQ1: How would you make a slow SQL query faster?\n\n\
         A1: I would read the query plan, add an index on the filtered column and measure again. (candidate {n})\n\n\
         Q2: Tell me about a time you disagreed with a teammate.\n\n\
         A2: We disagreed on a rollout plan, so I wrote down both options and we picked the safer one.\n\n"
    )
}

#[test]
fn numbered_names_with_a_number_start_new_candidates() {
    let text: String =
        (1..=11).map(|n| numbered_block(&format!("Bench Candidate {n} - Backend Engineer"), n)).collect();
    let iv = parse(&text);
    assert_eq!(iv.format, TranscriptFormat::Numbered);
    assert_eq!(iv.candidates.len(), 11, "{:?}", iv.candidates.iter().map(|c| &c.name).collect::<Vec<_>>());
    for (i, c) in iv.candidates.iter().enumerate() {
        assert_eq!(c.name.as_deref(), Some(format!("Bench Candidate {}", i + 1).as_str()));
        assert_eq!(c.position.as_deref(), Some("Backend Engineer"));
        assert_eq!(c.exchanges.len(), 2, "candidate {}", i + 1);
        assert!(c.exchanges[0].answer.ends_with(&format!("(candidate {})", i + 1)), "{}", c.exchanges[0].answer);
    }
    numbers_are_sequential(&iv);
    // And the report keeps them apart too.
    let report = Engine::new().report(&text, None, None).expect("report");
    assert_eq!(report.candidates.len(), 11);
}

#[test]
fn names_in_other_scripts_are_kept() {
    for (header, name, position) in [
        ("李雷 (Li Lei)", "李雷 (Li Lei)", None),
        ("李雷 (Li Lei) - Backend Engineer", "李雷 (Li Lei)", Some("Backend Engineer")),
        ("李雷", "李雷", None),
        ("Алексей Смирнов - Data Engineer", "Алексей Смирнов", Some("Data Engineer")),
        ("محمد علي (Mohammed Ali)", "محمد علي (Mohammed Ali)", None),
        ("Jane Roe (QA Engineer)", "Jane Roe", Some("QA Engineer")),
    ] {
        let text = format!("{}{}", numbered_block(header, 1), numbered_block("Mei Lin - QA Engineer", 2));
        let iv = parse(&text);
        assert_eq!(iv.candidates.len(), 2, "{header}");
        assert_eq!(iv.candidates[0].name.as_deref(), Some(name), "{header}");
        assert_eq!(iv.candidates[0].position.as_deref(), position, "{header}");
        assert_eq!(iv.candidates[1].name.as_deref(), Some("Mei Lin"));
        // Dialogue header too.
        let dialogue = format!(
            "Candidate: {header}\n=====\n\nInterviewer: How would you make a slow SQL query faster?\n\n\
             Candidate: I would read the query plan and add an index.\n"
        );
        let iv = parse(&dialogue);
        assert_eq!(iv.format, TranscriptFormat::Dialogue);
        assert_eq!(iv.candidates.len(), 1, "{header}");
        assert_eq!(iv.candidates[0].name.as_deref(), Some(name), "dialogue: {header}");
        assert_eq!(iv.candidates[0].exchanges.len(), 1, "dialogue: {header}");
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile markup: every payload of tests/fixtures/xss-payloads.txt, placed in a candidate's name,
// position, questions and answers and in a custom rubric's title, question and point texts, stays
// inert in every rendering (the page runs the same payloads: tests/e2e/xss.test.mjs).
// ---------------------------------------------------------------------------------------------

fn xss_payloads() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss-payloads.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("# ")).map(str::to_string).collect()
}

/// The custom rubric fixture with `payload` in its title, role, question texts and point texts.
fn hostile_rubric(payload: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rubrics/good-custom.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read good-custom.json")).expect("JSON");
    v["id"] = "xss-probe".into();
    v["title"] = format!("Probe {payload}").into();
    v["role"] = format!("Role {payload}").into();
    for q in v["questions"].as_array_mut().expect("questions") {
        let text = format!("{} {payload}", q["text"].as_str().unwrap_or(""));
        q["text"] = text.into();
        for p in q["points"].as_array_mut().expect("points") {
            let text = format!("{} {payload}", p["text"].as_str().unwrap_or(""));
            p["text"] = text.into();
        }
    }
    v.to_string()
}

fn hostile_transcript(payload: &str) -> String {
    format!(
        "Candidate: Eve Probe - Engineer {payload}\n=====\n\n\
         Interviewer: An alert pages you at night saying checkout errors have spiked. What do you do in the first fifteen minutes? {payload}\n\n\
         Candidate: I acknowledge the page, open an incident channel and check the dashboards for the blast radius. {payload} \
         Then I look at the recent deploy and roll back, because that is the fastest mitigation.\n\n\
         Interviewer: Tell me about a time you handed over an unfinished incident to a colleague.\n\n\
         Candidate: {payload}\n"
    )
}

/// Tag name and attribute names of every tag in renderer-made HTML (input text is escaped, so
/// every `<` in the output is the renderer's own).
fn tag_shapes(html: &str) -> Vec<String> {
    let mut shapes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').unwrap_or(after.len());
        let tag = &after[..close];
        // drop quoted attribute values, keep the names
        let mut bare = String::new();
        let mut quoted = false;
        for c in tag.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                bare.push(c);
            }
        }
        let mut words = bare.split_whitespace();
        let name = words.next().unwrap_or("").to_ascii_lowercase();
        let mut attrs: Vec<String> = words.map(|w| w.split('=').next().unwrap_or("").to_ascii_lowercase()).collect();
        attrs.sort();
        shapes.push(format!("{name} {}", attrs.join(" ")));
        rest = &after[close.min(after.len())..];
    }
    shapes
}

fn assert_markdown_inert(md: &str, payload: &str) {
    assert!(!md.contains('<'), "raw < in Markdown for {payload:?}");
    let chars: Vec<char> = md.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '[' | ']' | '`' | '!') {
            assert!(i > 0 && chars[i - 1] == '\\', "unescaped {c:?} in Markdown for {payload:?}");
        }
    }
    assert!(
        !md.contains("](") || md.matches("](").count() == md.matches("\\](").count(),
        "a link could form for {payload:?}"
    );
}

#[test]
fn xss_payloads_stay_inert_in_every_rendering() {
    let payloads = xss_payloads();
    assert!(payloads.len() >= 25, "only {} payloads", payloads.len());
    let benign_engine = {
        let mut e = Engine::new();
        e.add_rubric_json(&hostile_rubric("plain words")).expect("benign rubric loads");
        e
    };
    let benign =
        benign_engine.report(&hostile_transcript("plain words"), Some("xss-probe"), None).expect("benign report");
    let allowed: std::collections::BTreeSet<String> = tag_shapes(&render(&benign, Format::Html)).into_iter().collect();
    assert!(!allowed.is_empty());
    for payload in &payloads {
        let mut engine = Engine::new();
        engine.add_rubric_json(&hostile_rubric(payload)).unwrap_or_else(|e| panic!("rubric with {payload:?}: {e}"));
        let transcript = hostile_transcript(payload);
        for rubric in [Some("xss-probe"), None] {
            let report = engine.report(&transcript, rubric, None).unwrap_or_else(|e| panic!("{payload:?}: {e}"));
            assert_eq!(report.candidates.len(), 1, "{payload:?}");
            let html = render(&report, Format::Html);
            for shape in tag_shapes(&html) {
                assert!(allowed.contains(&shape), "tag {shape:?} appeared in the HTML for {payload:?}");
            }
            let lower = html.to_ascii_lowercase();
            for live in
                ["<script", "<img", "<svg", "<iframe", "<a ", "<object", "<embed", "<style", "<base", "<meta", "<link"]
            {
                assert!(!lower.contains(live), "{live} live in the HTML for {payload:?}");
            }
            assert_markdown_inert(&render(&report, Format::Markdown), payload);
            let text = render(&report, Format::Text);
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "control character in text for {payload:?}"
            );
            // JSON keeps the input as text, exactly.
            let json: serde_json::Value = serde_json::from_str(&render(&report, Format::Json)).expect("JSON");
            let answer = json["candidates"][0]["questions"][1]["answer"].as_str().unwrap_or("");
            assert!(
                answer.contains(payload.trim().trim_matches('"').trim()),
                "{payload:?} not kept as text in the JSON: {answer:?}"
            );
        }
    }
}

#[test]
fn small_talk_logistics_and_the_closing_are_shown_but_not_graded() {
    let text = fixture("small-talk.txt");
    let report: Report = Engine::new().report(&text, None, None).expect("report");
    let c = &report.candidates[0];
    let kinds: Vec<QuestionKind> = c.questions.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            QuestionKind::SmallTalk,
            QuestionKind::Logistics,
            QuestionKind::Technical,
            QuestionKind::Technical,
            QuestionKind::Closing,
            QuestionKind::SmallTalk
        ]
    );
    for q in c.questions.iter().filter(|q| !q.kind.is_graded()) {
        assert!(q.scored.flags.contains(&rubricate::score::Flag::NotGraded), "Q{} {:?}", q.number, q.scored.flags);
        assert!(!q.scored.struggled && !q.scored.insufficient, "small talk is no struggle: Q{}", q.number);
        assert!(q.scored.justification.starts_with("Not graded"), "{}", q.scored.justification);
    }
    assert_eq!(c.overall.graded, 2, "only the two technical answers count");
    let graded_mean = (c.questions[2].scored.score + c.questions[3].scored.score) / 2.0;
    assert!((c.overall.score - graded_mean).abs() <= 0.051, "{} vs {}", c.overall.score, graded_mean);
    assert!(
        !c.hr.gaps.iter().any(|g| g.contains("Q1") || g.contains("Q2") || g.contains("Q5") || g.contains("Q6")),
        "{:?}",
        c.hr.gaps
    );
    let text = render(&report, Format::Text);
    assert!(text.contains("Score: not graded"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Turns labelled with people's names

/// The candidate's answer to the rate-limiter question, as each transcript below has it.
const LIMITER_ANSWER: &str = "I would use a token bucket per API key, stored in Redis so every instance shares the counts, and return 429 when the bucket is empty.";

fn one_candidate(text: &str) -> Candidate {
    let iv = parse(text);
    assert_eq!(iv.format, TranscriptFormat::Dialogue, "{text}");
    assert_eq!(iv.candidates.len(), 1, "{:?}", iv.candidates);
    iv.candidates.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn a_transcript_opening_with_the_candidates_greeting_is_one_candidate_with_the_headers_name() {
    let text = format!(
        "Candidate: Jane Doe\n\nJane: Hello, can you hear me?\nInterviewer: Yes, loud and clear. How would you design a rate limiter for a public API?\nJane: {LIMITER_ANSWER}\n"
    );
    let c = one_candidate(&text);
    assert_eq!(c.name.as_deref(), Some("Jane Doe"));
    assert_eq!(c.exchanges.len(), 1, "{:?}", c.exchanges);
    assert!(c.exchanges[0].question.contains("rate limiter"));
    assert_eq!(c.exchanges[0].answer, LIMITER_ANSWER);
}

#[test]
fn a_name_with_the_role_in_brackets_is_that_role() {
    let text = format!(
        "Interview with Jane Doe for Backend Engineer\n\nJane Doe: Hello! Good morning.\nAlex (Interviewer): Morning Jane. How would you design a rate limiter for a public API?\nJane Doe: {LIMITER_ANSWER}\n"
    );
    let c = one_candidate(&text);
    assert_eq!(c.name.as_deref(), Some("Jane Doe"), "the candidate's label names them");
    assert_eq!(c.exchanges.len(), 1, "{:?}", c.exchanges);
    assert_eq!(c.exchanges[0].answer, LIMITER_ANSWER);
}

#[test]
fn two_named_speakers_without_roles_the_one_who_asks_is_the_interviewer() {
    let text = format!(
        "Priya: Thanks for joining. How would you design a rate limiter for a public API?\nTom: {LIMITER_ANSWER}\nPriya: And how would you test it?\nTom: With a load test that sends bursts above the limit and checks that the extra requests get 429 while the others pass.\n"
    );
    let c = one_candidate(&text);
    assert_eq!(c.name.as_deref(), Some("Tom"));
    assert_eq!(c.exchanges.len(), 2, "{:?}", c.exchanges);
    assert_eq!(c.exchanges[0].answer, LIMITER_ANSWER);
}

#[test]
fn a_one_off_label_in_an_answer_is_not_a_speaker() {
    let text = "Interviewer: How would you design a rate limiter for a public API?\nCandidate: A token bucket per key.\nNote: the bucket lives in Redis.\nInterviewer: Why Redis?\nCandidate: Every instance must see the same counts.\n";
    let iv = parse(text);
    let c = &iv.candidates[0];
    assert_eq!(c.exchanges.len(), 2);
    assert!(c.exchanges[0].answer.contains("Note: the bucket lives in Redis."), "{:?}", c.exchanges[0]);
}
