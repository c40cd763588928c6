use std::time::Instant;
#[test]
fn timing() {
    let seeds = std::fs::read_to_string("../shared/seeds/003_b6c55ce5eb6924a5.txt").unwrap();
    let mut big = seeds.clone(); while big.len() < 1<<20 { big.push_str(&seeds); }
    let cases: Vec<(&str, String)> = vec![
        ("003x5", big.clone()),
        ("é?", "é?".repeat(300_000)),
        ("Q1", "Q1: ?\n".repeat(150_000)),
        ("interviewer no q", format!("Interviewer: {}", "how about this and that ".repeat(40_000))),
        ("blank lines + candidates", "Candidate: Ann Lee\n\n\n\n\n\n\n\n".repeat(100_000)),
        ("dialogue", "Interviewer: What is X?\nCandidate: \"It is Y.\"\n".repeat(25_000)),
        ("one line", "word ".repeat(200_000)),
        ("quotes", "\"".repeat(1<<20)),
        ("dots", ". ".repeat(1<<19)),
    ];
    for (n, t) in &cases {
        let s = Instant::now();
        let iv = rubricate::transcript::parse(t);
        let el = s.elapsed();
        let s2 = Instant::now();
        let sk = rubricate::text::skills::find_skills(t).len();
        println!("{n}: {} bytes parse {:?} ({} cands) skills {:?} ({sk})", t.len(), el, iv.candidates.len(), s2.elapsed());
    }
}
