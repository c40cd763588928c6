use unicode_segmentation::UnicodeSegmentation;
fn main() {
    let text = "We replicated the database across three availability zones because failover must be fast. ".repeat(30);
    let n = 200;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = text.split_sentence_bound_indices().count();
    }
    println!("sentences: {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = text.unicode_word_indices().count();
    }
    println!("words: {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = rubricate::text::stemmer();
    }
    println!("stemmer create: {:.3} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let s = rubricate::text::stemmer();
    let words: Vec<&str> = text.unicode_words().collect();
    let t = std::time::Instant::now();
    for _ in 0..n {
        for w in &words {
            let _ = s.stem(w);
        }
    }
    println!("stem {} words: {:.1} us", words.len(), t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
