//! Development helper: grades a JSON request from stdin and prints the scored answer.
use std::io::Read;
fn main() {
    let mut s = String::new();
    if std::io::stdin().read_to_string(&mut s).is_err() {
        return;
    }
    let engine = rubricate::Engine::new();
    match serde_json::from_str::<rubricate::ScoreRequest>(&s) {
        Ok(req) => match engine.score(&req) {
            Ok(r) => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
            Err(e) => eprintln!("error: {e}"),
        },
        Err(e) => eprintln!("bad request: {e}"),
    }
}
