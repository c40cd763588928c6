//! Rendering a report as JSON, Markdown, plain text (an evaluation report followed by an HR report),
//! or an HTML fragment. Markdown and HTML neutralise everything that came from the input.

use super::policy::is_not_graded;
use super::types::*;
use super::Format;
use crate::number::fixed;
use crate::score::{BasisKind, ScoredAnswer};

/// Width of the `=` rules around the plain-text banners.
const RULE_WIDTH: usize = 60;
/// Line width of wrapped lists in plain text.
const TEXT_WIDTH: usize = 100;

/// Section headings of the HR part, shared by the text, Markdown and HTML renderings.
const HR_SUITABILITY: &str = "Overall suitability";
const HR_STRENGTHS: &str = "Key strengths";
const HR_GAPS: &str = "Areas for development & critical gaps";
const HR_SKILLS: &str = "Technical skills demonstrated";
const HR_COMMUNICATION: &str = "Communication effectiveness";
const HR_RECOMMENDATION: &str = "Overall recommendation";

/// What an empty list is shown as.
const NO_STRENGTHS: &str = "None stood out in the graded answers.";
const NO_GAPS: &str = "None found in the graded answers.";
const NO_SKILLS: &str = "No named technologies or practices were mentioned.";

/// Renders a report in the given format.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Json => json(report),
        Format::Markdown => markdown(report),
        Format::Text => text(report),
        Format::Html => html(report),
    }
}

/// Renders one scored answer (what `rubricate score` prints) in the given format, with the same
/// escaping as reports: control characters dropped from text, Markdown punctuation and HTML
/// characters neutralised in Markdown, everything escaped in HTML.
pub fn render_scored(s: &ScoredAnswer, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(s).unwrap_or_else(|e| {
            let msg = serde_json::to_string(&e.to_string()).unwrap_or_else(|_| "\"\"".into());
            format!("{{\"error\": {msg}}}")
        }),
        Format::Markdown => scored_markdown(s),
        Format::Text => scored_text(s),
        Format::Html => scored_html(s),
    }
}

/// What a scored answer was graded against, in words.
fn basis_line(s: &ScoredAnswer) -> String {
    let basis = match (&s.rubric, s.basis) {
        (Some(r), _) => {
            let q = r.question.as_deref().map(|q| format!(", question {q}")).unwrap_or_default();
            format!("rubric {} {}{q}", r.id, r.version)
        }
        (None, BasisKind::Reference) => "the reference answer".to_string(),
        _ => "the question alone".to_string(),
    };
    // Which mode produced the grade (accurate mode names its encoder).
    format!("{basis} ({} mode)", s.mode)
}

/// The notes on a scored answer, in words ("too little to grade", "the candidate struggled").
fn status_words(s: &ScoredAnswer) -> Vec<&'static str> {
    let mut n = Vec::new();
    if s.insufficient {
        n.push("too little to grade");
    }
    if s.struggled {
        n.push("the candidate struggled");
    }
    n
}

/// Input text on one line: control characters dropped, whitespace runs (line breaks too) collapsed.
fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each wrong claim an answer states, as one line: the answer's words, then what is true.
fn wrong_claims(s: &ScoredAnswer) -> Vec<String> {
    s.misconceptions
        .iter()
        .map(|w| {
            format!(
                "\u{201c}{}\u{201d}: {} Correct: {}",
                clean(&w.text),
                clean(w.claim.trim_end_matches('.')) + ".",
                clean(&w.correction)
            )
        })
        .collect()
}

fn scored_text(s: &ScoredAnswer) -> String {
    let mut out = format!("Score: {} / 5 (grade {})\n", fmt_score(s.score), s.grade.min(5));
    let notes = status_words(s);
    if !notes.is_empty() {
        out.push_str(&format!("Note: {}\n", notes.join("; ")));
    }
    out.push_str(&format!("Graded against: {}\n", one_line(&basis_line(s))));
    out.push_str(&format!("Relevance: {}\n", fixed(s.relevance, 2)));
    out.push_str(&format!("Justification: {}\n", one_line(&s.justification)));
    for (title, items) in [("Covered", &s.covered), ("Missing", &s.missing)] {
        out.push_str(&format!("{title}:\n"));
        if items.is_empty() {
            out.push_str("  (none)\n");
        }
        for item in items {
            out.push_str(&format!("  - {}\n", one_line(item)));
        }
    }
    if !s.misconceptions.is_empty() {
        out.push_str("Wrong claims:\n");
        for w in wrong_claims(s) {
            out.push_str(&format!("  - {}\n", one_line(&w)));
        }
    }
    if let Some(step) = &s.next_step {
        out.push_str(&format!("Next step: {}\n", one_line(step)));
    }
    let flags = if s.flags.is_empty() {
        "none".to_string()
    } else {
        s.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
    };
    out.push_str(&format!("Flags: {flags}\n"));
    out
}

fn scored_markdown(s: &ScoredAnswer) -> String {
    let mut out = format!("## Score: {} / 5 (grade {})\n\n", fmt_score(s.score), s.grade.min(5));
    let notes = status_words(s);
    if !notes.is_empty() {
        out.push_str(&format!("> {}\n\n", md(&notes.join("; "))));
    }
    out.push_str(&format!("**Graded against:** {}  \n", md(&basis_line(s))));
    out.push_str(&format!("**Relevance:** {}\n\n", fixed(s.relevance, 2)));
    out.push_str(&format!("{}\n\n", md(&s.justification)));
    for (title, items) in [("Covered", &s.covered), ("Missing", &s.missing)] {
        out.push_str(&format!("### {title}\n\n"));
        if items.is_empty() {
            out.push_str("- _none_\n");
        }
        for item in items {
            out.push_str(&format!("- {}\n", md(item)));
        }
        out.push('\n');
    }
    if !s.misconceptions.is_empty() {
        out.push_str("### Wrong claims\n\n");
        for w in wrong_claims(s) {
            out.push_str(&format!("- {}\n", md(&w)));
        }
        out.push('\n');
    }
    if let Some(step) = &s.next_step {
        out.push_str(&format!("**Next step:** {}\n\n", md(step)));
    }
    let flags = if s.flags.is_empty() {
        "none".to_string()
    } else {
        s.flags.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
    };
    out.push_str(&format!("**Flags:** {flags}\n"));
    out
}

fn scored_html(s: &ScoredAnswer) -> String {
    let mut out = format!(
        "<section class=\"rubricate-answer\" data-engine=\"{}\">\n<p class=\"score\">Score: {}/5 (grade {})</p>\n",
        esc(&s.engine),
        fmt_score(s.score),
        s.grade.min(5)
    );
    let notes = status_words(s);
    if !notes.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(&notes.join("; "))));
    }
    out.push_str(&format!("<p class=\"basis\">Graded against: {}</p>\n", esc(&basis_line(s))));
    out.push_str(&format!("<p class=\"relevance\">Relevance: {}</p>\n", fixed(s.relevance, 2)));
    out.push_str(&html_paragraphs(&s.justification, "justification"));
    out.push('\n');
    for (title, class, items) in [("Covered", "covered", &s.covered), ("Missing", "missing", &s.missing)] {
        out.push_str(&format!("<h3>{title}</h3>\n<ul class=\"{class}\">"));
        if items.is_empty() {
            out.push_str("<li class=\"empty\">none</li>");
        }
        for item in items {
            out.push_str(&format!("<li>{}</li>", esc(item)));
        }
        out.push_str("</ul>\n");
    }
    if !s.misconceptions.is_empty() {
        out.push_str("<h3>Wrong claims</h3>\n<ul class=\"wrong\">");
        for w in wrong_claims(s) {
            out.push_str(&format!("<li>{}</li>", esc(&w)));
        }
        out.push_str("</ul>\n");
    }
    if let Some(step) = &s.next_step {
        out.push_str(&format!("<p class=\"next-step\">Next step: {}</p>\n", esc(step)));
    }
    let flags = if s.flags.is_empty() {
        "none".to_string()
    } else {
        s.flags.iter().map(|f| format!("<code>{f}</code>")).collect::<Vec<_>>().join(", ")
    };
    out.push_str(&format!("<p class=\"flags\">Flags: {flags}</p>\n</section>\n"));
    out
}

fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        let msg = serde_json::to_string(&e.to_string()).unwrap_or_else(|_| "\"\"".into());
        format!("{{\"error\": {msg}}}")
    })
}

/// Distinct rubrics used anywhere in the report, as `(id, version)`, in order of first use.
fn rubrics_used(report: &Report) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for c in &report.candidates {
        for q in &c.questions {
            if let Some(r) = &q.scored.rubric {
                let key = (r.id.clone(), r.version.clone());
                if !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
    out
}

fn fmt_score(x: f64) -> String {
    let x = if x.is_finite() { x.clamp(0.0, 5.0) } else { 0.0 };
    fixed(x, 1)
}

/// A question's score as a report shows it: `4/5 (3.8)`, or `not graded`.
fn score_words(q: &QuestionReport) -> String {
    if is_not_graded(q) {
        "not graded".to_string()
    } else {
        format!("{}/5 ({})", q.scored.grade.min(5), fmt_score(q.scored.score))
    }
}

fn recommendation_word(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Advance => "advance",
        Recommendation::Hold => "hold",
        Recommendation::Decline => "decline",
    }
}

fn notes(s: &ScoredAnswer) -> Vec<&'static str> {
    let mut n = Vec::new();
    if s.insufficient {
        n.push("insufficient");
    }
    if s.struggled {
        n.push("struggled");
    }
    n
}

fn candidate_title(c: &CandidateReport, index: usize) -> String {
    match (
        c.name.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        c.position.as_deref().map(str::trim).filter(|s| !s.is_empty()),
    ) {
        (Some(n), Some(p)) => format!("{n} \u{2014} {p}"),
        (Some(n), None) => n.to_string(),
        (None, Some(p)) => format!("Candidate {} \u{2014} {p}", index + 1),
        (None, None) => format!("Candidate {}", index + 1),
    }
}

// ---------------------------------------------------------------------------------------------
// Plain text
// ---------------------------------------------------------------------------------------------

/// Drops control characters (terminal escapes) from input text, keeping newlines and tabs.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// Input text on one or more lines, continuation lines indented to `indent`.
fn indented(s: &str, indent: &str) -> String {
    let cleaned = clean(s);
    let mut out = String::new();
    for (i, line) in cleaned.trim().lines().map(str::trim_end).enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out
}

fn banner(out: &mut String, title: &str) {
    let rule = "=".repeat(RULE_WIDTH);
    out.push_str(&format!("{rule}\n{title}\n{rule}\n"));
}

fn text(report: &Report) -> String {
    let mut out = String::new();
    let rubrics = rubrics_used(report);
    let rubric_line = if rubrics.is_empty() {
        "none (graded against the questions)".to_string()
    } else {
        rubrics.iter().map(|(id, v)| format!("{} {}", clean(id), clean(v))).collect::<Vec<_>>().join(", ")
    };
    if report.candidates.is_empty() {
        banner(&mut out, "EVALUATION REPORT");
        out.push_str(&format!("Engine: {}\nRubrics: {rubric_line}\n\nNo candidates.\n", report.engine));
    }
    for (ci, c) in report.candidates.iter().enumerate() {
        if ci > 0 {
            out.push('\n');
        }
        banner(&mut out, "EVALUATION REPORT");
        out.push_str(&format!("Engine: {}\nRubrics: {rubric_line}\n", clean(&report.engine)));
        out.push_str(&format!("Candidate: {}\n", indented(c.name.as_deref().unwrap_or("(not named)"), "  ")));
        if let Some(p) = &c.position {
            out.push_str(&format!("Position: {}\n", indented(p, "  ")));
        }
        out.push_str("\nEvaluation:\n");
        if c.questions.is_empty() {
            out.push_str("   No questions were found.\n");
        }
        for q in &c.questions {
            let s = &q.scored;
            out.push_str(&format!("{}. {} question\n", q.number, capitalise(q.kind.as_str())));
            out.push_str(&format!("   Question: {}\n", indented(&q.question, "             ")));
            if is_not_graded(q) {
                out.push_str("   Score: not graded\n");
            } else {
                out.push_str(&format!("   Score: {}/5 ({})\n", s.grade.min(5), fmt_score(s.score)));
            }
            out.push_str(&format!("   Justification: {}\n", indented(&s.justification, "                  ")));
            if !s.covered.is_empty() {
                out.push_str(&format!("   Covered: {}\n", indented(&s.covered.join("; "), "            ")));
            }
            if !s.missing.is_empty() {
                out.push_str(&format!("   Missing: {}\n", indented(&s.missing.join("; "), "            ")));
            }
            if !s.misconceptions.is_empty() {
                out.push_str(&format!(
                    "   Wrong claims: {}\n",
                    indented(&wrong_claims(s).join("; "), "                 ")
                ));
            }
            let n = notes(s);
            if !n.is_empty() {
                out.push_str(&format!("   Note: {}\n", n.join(", ")));
            }
            if let Some(r) = &s.rubric {
                out.push_str(&format!("   Rubric: {} {}\n", clean(&r.id), clean(&r.version)));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "Overall score: {}/5 over {} graded question{} (recommendation: {})\n\n",
            fmt_score(c.overall.score),
            c.overall.graded,
            if c.overall.graded == 1 { "" } else { "s" },
            recommendation_word(c.overall.recommendation)
        ));
        banner(&mut out, "HR REPORT");
        let hr = &c.hr;
        let para = |out: &mut String, title: &str, body: &str| {
            out.push_str(&format!("{title}\n{}\n\n", indented(body, "")));
        };
        let list = |out: &mut String, title: &str, items: &[String], empty: &str| {
            out.push_str(title);
            out.push('\n');
            if items.is_empty() {
                out.push_str(&format!("{empty}\n"));
            }
            for it in items {
                out.push_str(&format!("  - {}\n", indented(it, "    ")));
            }
            out.push('\n');
        };
        para(&mut out, HR_SUITABILITY, &hr.suitability);
        list(&mut out, HR_STRENGTHS, &hr.strengths, NO_STRENGTHS);
        list(&mut out, HR_GAPS, &hr.gaps, NO_GAPS);
        out.push_str(HR_SKILLS);
        out.push('\n');
        if hr.skills.is_empty() {
            out.push_str(NO_SKILLS);
        } else {
            out.push_str(&wrap(&hr.skills.iter().map(|k| clean(k)).collect::<Vec<_>>().join(", "), TEXT_WIDTH));
        }
        out.push_str("\n\n");
        para(&mut out, HR_COMMUNICATION, &hr.communication);
        para(&mut out, HR_RECOMMENDATION, &hr.recommendation);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Wraps text at spaces so that no line is longer than `width` characters (unless one word is).
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in s.split_whitespace() {
        let n = word.chars().count();
        if line_len > 0 && line_len + 1 + n > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += n;
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// Input text as inline Markdown: whitespace collapsed to single spaces, HTML special characters as
/// entities, Markdown punctuation backslash-escaped, and a leading list or heading marker defused.
pub(crate) fn md(s: &str) -> String {
    let collapsed = clean(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len() + 8);
    for c in collapsed.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' | '{' | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // "- x", "+ x", "= x" or "1. x" at the start of a line would open a block.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let marker_then_space = |at: usize| out.as_bytes().get(at + 1).is_none_or(|b| *b == b' ');
    if out.starts_with('=') || (out.starts_with(['-', '+']) && marker_then_space(0)) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) && marker_then_space(digits) {
        out.insert(digits, '\\');
    }
    out
}

fn markdown(report: &Report) -> String {
    let mut out = String::from("# Interview report\n\n");
    let rubrics = rubrics_used(report);
    let rubric_text = if rubrics.is_empty() {
        "none (graded against the questions)".to_string()
    } else {
        rubrics.iter().map(|(id, v)| format!("{} {}", md(id), md(v))).collect::<Vec<_>>().join(", ")
    };
    out.push_str(&format!("Engine: {} \u{b7} Rubrics: {rubric_text}\n", md(&report.engine)));
    if report.candidates.is_empty() {
        out.push_str("\nNo candidates.\n");
    }
    for (ci, c) in report.candidates.iter().enumerate() {
        out.push_str(&format!("\n## {}\n\n", md(&candidate_title(c, ci))));
        out.push_str(&format!(
            "**Overall score:** {}/5 over {} graded question{} \u{b7} **Recommendation:** {}\n\n",
            fmt_score(c.overall.score),
            c.overall.graded,
            if c.overall.graded == 1 { "" } else { "s" },
            recommendation_word(c.overall.recommendation)
        ));
        out.push_str("### Evaluation\n\n");
        if c.questions.is_empty() {
            out.push_str("No questions were found.\n\n");
        }
        for q in &c.questions {
            let s = &q.scored;
            out.push_str(&format!("#### Q{} \u{b7} {} \u{b7} {}\n\n", q.number, q.kind.as_str(), score_words(q)));
            out.push_str(&format!("**Question:** {}\n\n", md(&q.question)));
            out.push_str(&format!("**Justification:** {}\n\n", md(&s.justification)));
            let mut items = Vec::new();
            if !s.covered.is_empty() {
                items.push(format!("**Covered:** {}", s.covered.iter().map(|p| md(p)).collect::<Vec<_>>().join("; ")));
            }
            if !s.missing.is_empty() {
                items.push(format!("**Missing:** {}", s.missing.iter().map(|p| md(p)).collect::<Vec<_>>().join("; ")));
            }
            if !s.misconceptions.is_empty() {
                items.push(format!(
                    "**Wrong claims:** {}",
                    wrong_claims(s).iter().map(|w| md(w)).collect::<Vec<_>>().join("; ")
                ));
            }
            let n = notes(s);
            if !n.is_empty() {
                items.push(format!("**Note:** {}", n.join(", ")));
            }
            if let Some(r) = &s.rubric {
                items.push(format!("**Rubric:** {} {}", md(&r.id), md(&r.version)));
            }
            for it in &items {
                out.push_str(&format!("- {it}\n"));
            }
            if !items.is_empty() {
                out.push('\n');
            }
        }
        out.push_str("### HR report\n\n");
        let hr = &c.hr;
        let para =
            |out: &mut String, title: &str, body: &str| out.push_str(&format!("#### {title}\n\n{}\n\n", md(body)));
        let list = |out: &mut String, title: &str, items: &[String], empty: &str| {
            out.push_str(&format!("#### {title}\n\n"));
            if items.is_empty() {
                out.push_str(&format!("{empty}\n"));
            }
            for it in items {
                out.push_str(&format!("- {}\n", md(it)));
            }
            out.push('\n');
        };
        para(&mut out, &md(HR_SUITABILITY), &hr.suitability);
        list(&mut out, &md(HR_STRENGTHS), &hr.strengths, NO_STRENGTHS);
        list(&mut out, &md(HR_GAPS), &hr.gaps, NO_GAPS);
        let skills = if hr.skills.is_empty() { NO_SKILLS.to_string() } else { hr.skills.join(", ") };
        para(&mut out, &md(HR_SKILLS), &skills);
        para(&mut out, &md(HR_COMMUNICATION), &hr.communication);
        para(&mut out, &md(HR_RECOMMENDATION), &hr.recommendation);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped input text with its paragraphs as `<p>` and line breaks as `<br>`.
fn html_paragraphs(s: &str, class: &str) -> String {
    let mut out = String::new();
    for para in s.trim().split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = para.lines().map(|l| esc(l.trim())).collect();
        out.push_str(&format!("<p class=\"{class}\">{}</p>", lines.join("<br>")));
    }
    out
}

fn html(report: &Report) -> String {
    let mut out = format!("<section class=\"rubricate-report\" data-engine=\"{}\">\n", esc(&report.engine));
    let rubrics = rubrics_used(report);
    let rubric_text = if rubrics.is_empty() {
        "none (graded against the questions)".to_string()
    } else {
        rubrics.iter().map(|(id, v)| format!("{} {}", esc(id), esc(v))).collect::<Vec<_>>().join(", ")
    };
    out.push_str(&format!(
        "<header><p class=\"engine\">Engine: {}</p><p class=\"rubrics\">Rubrics: {rubric_text}</p></header>\n",
        esc(&report.engine)
    ));
    if report.candidates.is_empty() {
        out.push_str("<p class=\"empty\">No candidates.</p>\n");
    }
    for (ci, c) in report.candidates.iter().enumerate() {
        let rec = recommendation_word(c.overall.recommendation);
        out.push_str("<article class=\"candidate\">\n");
        out.push_str(&format!("<h2>{}</h2>\n", esc(&candidate_title(c, ci))));
        out.push_str(&format!(
            "<p class=\"overall\">Overall score: <strong>{}/5</strong> over {} graded question{} \u{b7} Recommendation: <span class=\"recommendation recommendation-{rec}\">{rec}</span></p>\n",
            fmt_score(c.overall.score),
            c.overall.graded,
            if c.overall.graded == 1 { "" } else { "s" },
        ));
        out.push_str("<h3>Evaluation</h3>\n");
        if c.questions.is_empty() {
            out.push_str("<p class=\"empty\">No questions were found.</p>\n");
        } else {
            out.push_str("<ol class=\"questions\">\n");
        }
        for q in &c.questions {
            let s = &q.scored;
            out.push_str(&format!("<li class=\"question kind-{}\" value=\"{}\">", q.kind.as_str(), q.number));
            out.push_str(&format!(
                "<h4>{} question \u{b7} <span class=\"score\">{}</span></h4>",
                capitalise(q.kind.as_str()),
                score_words(q)
            ));
            out.push_str(&html_paragraphs(&q.question, "question-text"));
            out.push_str(&html_paragraphs(&s.justification, "justification"));
            let mut items = Vec::new();
            if !s.covered.is_empty() {
                items.push(format!(
                    "<li class=\"covered\">Covered: {}</li>",
                    s.covered.iter().map(|p| esc(p)).collect::<Vec<_>>().join("; ")
                ));
            }
            if !s.missing.is_empty() {
                items.push(format!(
                    "<li class=\"missing\">Missing: {}</li>",
                    s.missing.iter().map(|p| esc(p)).collect::<Vec<_>>().join("; ")
                ));
            }
            if !s.misconceptions.is_empty() {
                items.push(format!(
                    "<li class=\"wrong\">Wrong claims: {}</li>",
                    wrong_claims(s).iter().map(|w| esc(w)).collect::<Vec<_>>().join("; ")
                ));
            }
            let n = notes(s);
            if !n.is_empty() {
                items.push(format!("<li class=\"note\">Note: {}</li>", n.join(", ")));
            }
            if let Some(r) = &s.rubric {
                items.push(format!("<li class=\"rubric\">Rubric: {} {}</li>", esc(&r.id), esc(&r.version)));
            }
            if !items.is_empty() {
                out.push_str(&format!("<ul>{}</ul>", items.concat()));
            }
            out.push_str("</li>\n");
        }
        if !c.questions.is_empty() {
            out.push_str("</ol>\n");
        }
        let hr = &c.hr;
        out.push_str("<h3>HR report</h3>\n");
        let para = |out: &mut String, title: &str, body: &str| {
            out.push_str(&format!("<h4>{}</h4>{}\n", esc(title), html_paragraphs(body, "hr-text")));
        };
        let list = |out: &mut String, title: &str, items: &[String], empty: &str| {
            out.push_str(&format!("<h4>{}</h4>", esc(title)));
            if items.is_empty() {
                out.push_str(&format!("<p class=\"empty\">{}</p>\n", esc(empty)));
            } else {
                let lis: Vec<String> = items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect();
                out.push_str(&format!("<ul>{}</ul>\n", lis.concat()));
            }
        };
        para(&mut out, HR_SUITABILITY, &hr.suitability);
        list(&mut out, HR_STRENGTHS, &hr.strengths, NO_STRENGTHS);
        list(&mut out, HR_GAPS, &hr.gaps, NO_GAPS);
        list(&mut out, HR_SKILLS, &hr.skills, NO_SKILLS);
        para(&mut out, HR_COMMUNICATION, &hr.communication);
        para(&mut out, HR_RECOMMENDATION, &hr.recommendation);
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::build::candidate_report;
    use super::super::testing::{question, scored};
    use super::*;
    use crate::score::{Flag, RubricRef};
    use crate::transcript::QuestionKind;

    #[test]
    fn a_scored_answer_in_every_format_with_one_escaping() {
        let mut s = scored(3.96, true);
        s.justification = format!("Says \u{1b}[31mred{EVIL}\nand more.");
        s.covered = vec![EVIL.to_string()];
        s.flags = vec![Flag::Hedging];
        let text = render_scored(&s, Format::Text);
        assert!(text.starts_with("Score: 4.0 / 5 (grade 4)\nNote: the candidate struggled\n"), "{text}");
        assert!(!text.contains('\u{1b}'), "terminal escapes are dropped: {text:?}");
        assert!(text.contains("Justification: Says [31mred<script>"), "one line, control characters dropped: {text}");
        assert!(
            text.contains("Graded against: the question alone (default mode)\n") && text.contains("Flags: hedging\n")
        );
        let md = render_scored(&s, Format::Markdown);
        assert!(md.contains("&lt;script&gt;") && md.contains("\\*bold\\*") && !md.contains('\u{1b}'), "{md}");
        assert!(md.contains("**Flags:** `hedging`"));
        let html = render_scored(&s, Format::Html);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&#39;x&#39;)"), "{html}");
        let json: serde_json::Value = serde_json::from_str(&render_scored(&s, Format::Json)).unwrap();
        assert_eq!(json["score"], 3.96);
    }

    const EVIL: &str = "<script>alert('x')</script> & \"q\" *bold* [l](u) # h | `c`";

    fn report() -> Report {
        let mut s1 = scored(4.0, false);
        s1.rubric = Some(RubricRef {
            id: "cloud-<arch>".into(),
            version: "1.2".into(),
            question: None,
            selected: None,
            confidence: None,
        });
        s1.justification = format!("Covers it. {EVIL}");
        s1.misconceptions = vec![crate::score::MisconceptionFound {
            id: "rto-is-data".into(),
            claim: format!("RTO is data {EVIL}"),
            correction: "RTO is time.".into(),
            point: "RTO".into(),
            start: 0,
            end: 7,
            text: "We used".into(),
        }];
        let mut q1 = question(1, QuestionKind::Technical, s1);
        q1.question = format!("Explain {EVIL}\nsecond line");
        q1.answer = "We used Terraform and Kafka.".into();
        let q2 = question(2, QuestionKind::Behavioral, scored(1.0, true));
        let c = candidate_report(Some(format!("Eve {EVIL}")), Some("SRE".into()), vec![q1, q2]);
        Report { engine: crate::ENGINE_VERSION.into(), candidates: vec![c] }
    }

    #[test]
    fn json_round_trips_with_contract_fields() {
        let r = report();
        let j = render(&r, Format::Json);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["engine"], crate::ENGINE_VERSION);
        let c = &v["candidates"][0];
        for k in ["name", "position", "questions", "overall", "hr"] {
            assert!(c.get(k).is_some(), "missing {k}");
        }
        let q = &c["questions"][0];
        for k in [
            "number",
            "kind",
            "question",
            "answer",
            "score",
            "grade",
            "relevance",
            "struggled",
            "insufficient",
            "justification",
            "evidence",
            "covered",
            "missing",
            "signals",
            "engine",
        ] {
            assert!(q.get(k).is_some(), "missing {k}");
        }
        assert_eq!(q["kind"], "technical");
        assert_eq!(c["overall"]["recommendation"], "hold");
        for k in ["suitability", "strengths", "gaps", "skills", "communication", "recommendation"] {
            assert!(c["hr"].get(k).is_some(), "missing hr.{k}");
        }
        assert_eq!(q["misconceptions"][0]["id"], "rto-is-data");
        // Read back (as the page does to render a report), wrong claims included.
        let back: Report = serde_json::from_str(&j).unwrap();
        assert_eq!(back, r);
        assert_eq!(render(&r, Format::Json), j, "stable output");
    }

    #[test]
    fn text_layout() {
        let t = render(&report(), Format::Text);
        assert!(t.starts_with(&format!("{}\nEVALUATION REPORT\n", "=".repeat(RULE_WIDTH))), "{t}");
        assert!(t.contains("Engine: rubricate "));
        assert!(t.contains("Rubrics: cloud-<arch> 1.2"));
        assert!(t.contains("1. Technical question\n   Question: Explain"));
        assert!(t.contains("   Score: 4/5 (4.0)\n   Justification: Covers it."));
        assert!(t.contains("   Wrong claims: \u{201c}We used\u{201d}: RTO is data <script>"), "{t}");
        assert!(t.contains("2. Behavioral question"));
        assert!(t.contains("   Score: 1/5 (1.0)"));
        let hr_at = t.find("\nHR REPORT\n").expect("hr banner");
        let mut last = hr_at;
        for h in [HR_SUITABILITY, HR_STRENGTHS, HR_GAPS, HR_SKILLS, HR_COMMUNICATION, HR_RECOMMENDATION] {
            let at = t.find(&format!("\n{h}\n")).unwrap_or_else(|| panic!("no {h}"));
            assert!(at > last, "{h} out of order");
            last = at;
        }
        assert!(t.contains("\nTechnical skills demonstrated\nTerraform, Apache Kafka\n"), "{t}");
        assert!(t.contains("Critical gap: Q2"));
    }

    #[test]
    fn markdown_neutralises_input() {
        let m = render(&report(), Format::Markdown);
        assert!(!m.contains("<script>"), "{m}");
        assert!(m.contains("&lt;script&gt;"));
        assert!(m.contains("\\*bold\\*"));
        assert!(m.contains("\\[l\\](u)"));
        assert!(m.contains("\\`c\\`"));
        assert!(m.contains("Engine: rubricate"));
        assert!(m.contains("cloud-&lt;arch&gt; 1.2"));
        assert!(m.contains("#### Q1 \u{b7} technical \u{b7} 4/5 (4.0)"));
        assert!(m.contains("#### Key strengths"));
        assert!(m.contains("#### Technical skills demonstrated\n\nTerraform, Apache Kafka\n"));
        // Input never starts a line of its own.
        assert!(!m.lines().any(|l| l.starts_with("second line")));
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("12. item"), "12\\. item");
        assert_eq!(md("1.2"), "1.2");
        assert_eq!(md("-x"), "-x");
        assert_eq!(md("# head\n\n> quote"), "\\# head &gt; quote");
    }

    #[test]
    fn html_escapes_everything_from_input() {
        let h = render(&report(), Format::Html);
        assert!(!h.contains("<script>"));
        assert!(h.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
        assert!(h.contains("data-engine=\"rubricate "));
        assert!(h.contains("Rubrics: cloud-&lt;arch&gt; 1.2"));
        assert!(h.starts_with("<section class=\"rubricate-report\""));
        assert!(h.trim_end().ends_with("</section>"));
        assert_eq!(h.matches("<article").count(), h.matches("</article>").count());
        assert_eq!(esc("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("averyveryverylongword b", 5), "averyveryverylongword\nb");
        assert_eq!(wrap("", 5), "");
    }

    #[test]
    fn empty_report_renders() {
        let r = Report { engine: "e".into(), candidates: vec![] };
        for f in [Format::Json, Format::Markdown, Format::Text, Format::Html] {
            assert!(!render(&r, f).is_empty());
        }
    }

    #[test]
    fn control_characters_are_dropped_from_text() {
        let mut r = report();
        r.candidates[0].name = Some("A\u{1b}[31mB".into());
        let t = render(&r, Format::Text);
        assert!(!t.contains('\u{1b}'));
        assert!(t.contains("Candidate: A[31mB"));
    }
}
