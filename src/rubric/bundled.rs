//! The bundled rubric packs: every `rubrics/*.json` compiled into the engine (the list is generated
//! by `build.rs`), validated once on first use.

use super::model::Rubric;
use super::validate::parse_and_validate;
use crate::RubricError;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/bundled_rubrics.rs"));

/// The packs the project ships, in the order they are listed (`rubricate rubrics`, the page).
/// Files in `rubrics/` that are not named here are bundled too, after these, by name.
pub const EXPECTED: &[&str] = &[
    "cloud-architect",
    "behavioral-star",
    "event-streaming",
    "system-design",
    "python-developer",
    "react-frontend",
    "data-scientist",
    "ios-developer",
    "qa-engineer",
    "nlp-research-scientist",
    "site-reliability-engineer",
    "cloud-tradeoffs",
];

/// `(file stem, JSON text)` of every bundled pack, in listing order.
pub fn sources() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<(&'static str, &'static str)> = FILES.to_vec();
    let rank = |name: &str| EXPECTED.iter().position(|e| *e == name).unwrap_or(EXPECTED.len());
    files.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then(a.0.cmp(b.0)));
    files
}

/// Every bundled pack parsed and validated, in listing order, failures included (for the tests).
pub fn load_all() -> Vec<(&'static str, Result<Rubric, RubricError>)> {
    sources().into_iter().map(|(name, json)| (name, parse_and_validate(json))).collect()
}

/// The bundled rubrics that pass validation, parsed once per process. A pack that fails validation
/// is left out rather than aborting the engine; the unit tests below fail on it instead.
pub fn rubrics() -> &'static [Rubric] {
    static BUNDLED: OnceLock<Vec<Rubric>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut out: Vec<Rubric> = Vec::new();
        for (_, parsed) in load_all() {
            if let Ok(rubric) = parsed {
                if !out.iter().any(|r| r.id == rubric.id) {
                    out.push(rubric);
                }
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_rubric_is_valid() {
        let failures: Vec<String> =
            load_all().into_iter().filter_map(|(name, r)| r.err().map(|e| format!("rubrics/{}.json: {}", name, e))).collect();
        assert!(failures.is_empty(), "bundled rubrics that fail validation:\n{}", failures.join("\n"));
    }

    #[test]
    fn bundled_ids_match_file_names_and_are_unique() {
        for (name, r) in load_all() {
            if let Ok(r) = r {
                assert_eq!(r.id, name, "rubrics/{}.json has id \"{}\"; the id must be the file name", name, r.id);
            }
        }
        let mut names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        names.dedup();
        assert_eq!(names.len(), FILES.len());
    }

    #[test]
    fn listing_order_follows_expected() {
        let order: Vec<&str> = sources().into_iter().map(|(n, _)| n).collect();
        let known: Vec<&str> = order.iter().copied().filter(|n| EXPECTED.contains(n)).collect();
        let expected: Vec<&str> = EXPECTED.iter().copied().filter(|n| order.contains(n)).collect();
        assert_eq!(known, expected);
        assert_eq!(rubrics().len(), load_all().iter().filter(|(_, r)| r.is_ok()).count());
    }

    #[test]
    fn all_expected_packs_are_bundled() {
        let missing: Vec<&str> = EXPECTED.iter().copied().filter(|e| !FILES.iter().any(|(n, _)| n == e)).collect();
        assert!(missing.is_empty(), "missing rubric packs: {:?}", missing);
    }
}
