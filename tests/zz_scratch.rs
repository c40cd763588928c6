#[test]
fn dump() {
    for f in std::fs::read_dir("../shared/seeds").unwrap() {
        let p = f.unwrap().path();
        let t = std::fs::read_to_string(&p).unwrap();
        let iv = rubricate::transcript::parse(&t);
        println!("=== {:?} {:?} candidates={}", p.file_name().unwrap(), iv.format, iv.candidates.len());
        for c in &iv.candidates {
            println!("  -- {:?} / {:?}: {} exchanges", c.name, c.position, c.exchanges.len());
            for e in &c.exchanges {
                let a: String = e.answer.chars().take(70).collect();
                let alen = e.answer.len();
                println!("    {}. [{:?}] Q: {}\n       A({alen}): {}", e.number, e.kind, e.question.replace('\n', "⏎"), a.replace('\n', "⏎"));
            }
        }
    }
}
