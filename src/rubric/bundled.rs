//! The bundled rubric packs: every `rubrics/*.json` compiled into the engine (the list is generated
//! by `build.rs`), loaded once on first use.
//!
//! `build.rs` writes each pack that fits the rubric model in a compact pre-parsed form (fields in
//! model order separated by U+001F), decoded here without a JSON parser, which keeps the engine's
//! start-up fast and the wasm module small. A pack without that form is parsed and validated from
//! its JSON. In the wasm build the JSON text of the compact packs is not bundled at all, so
//! [`sources`] and [`load_all`] list only the other packs there; natively they list every pack, and
//! a test checks that every compact form decodes to exactly what its JSON parses and validates to.

use super::model::{Criterion, Example, Misconception, Point, Question, Rubric};
use super::validate::parse_and_validate;
use crate::RubricError;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

include!(concat!(env!("OUT_DIR"), "/bundled_rubrics.rs"));

/// The packs the project ships, in the order they are listed (`rubricate rubrics`, the page).
/// Files in `rubrics/` that are not named here are bundled too, after these, by name.
/// (Space-separated: one string costs the wasm module less than an array.)
pub const EXPECTED: &str =
    "cloud-architect behavioral-star event-streaming system-design python-developer react-frontend data-scientist ios-developer qa-engineer nlp-research-scientist site-reliability-engineer cloud-tradeoffs";

/// Sorts `(file stem, …)` pairs into listing order.
fn in_listing_order<T>(files: &mut [(&str, T)]) {
    let rank = |name: &str| EXPECTED.split(' ').position(|e| e == name).unwrap_or(usize::MAX);
    crate::sort::sort_by(files, |a, b| rank(a.0).cmp(&rank(b.0)).then(a.0.cmp(b.0)));
}

/// `(file stem, JSON text)` of every pack whose JSON is bundled (natively: every pack), in listing order.
pub fn sources() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<(&'static str, &'static str)> = FILES.to_vec();
    in_listing_order(&mut files);
    files
}

/// Every bundled pack parsed and validated, in listing order, failures included (for the tests).
pub fn load_all() -> Vec<(&'static str, Result<Rubric, RubricError>)> {
    sources().into_iter().map(|(name, json)| (name, parse_and_validate(json))).collect()
}

/// Every bundled pack in listing order: decoded from its compact form where there is one, else
/// parsed and validated from its JSON.
fn load_bundled() -> Vec<(&'static str, Result<Rubric, RubricError>)> {
    let mut all: Vec<(&'static str, Result<Rubric, RubricError>)> = COMPACT
        .iter()
        .map(|(name, packed)| {
            (*name, decode(packed).ok_or_else(|| RubricError::one("$", "the compact form does not decode".to_string())))
        })
        .collect();
    for (name, json) in FILES {
        if !COMPACT.iter().any(|(n, _)| n == name) {
            all.push((*name, parse_and_validate(json)));
        }
    }
    in_listing_order(&mut all);
    all
}

/// The bundled rubrics: those installed from a pack asset ([`install_packs`]) if any, else those
/// compiled in. Engines created earlier keep the set they were created with.
pub fn rubrics() -> Arc<[Rubric]> {
    let installed = match INSTALLED.lock() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    installed.unwrap_or_else(|| compiled_in().clone())
}

/// Rubrics installed from the pack asset; replaced (and the old set freed once no engine uses it)
/// by the next install.
static INSTALLED: Mutex<Option<Arc<[Rubric]>>> = Mutex::new(None);

/// Hash of the last installed asset, so installing the same bytes again is free.
static INSTALLED_HASH: Mutex<Option<u64>> = Mutex::new(None);

/// First field of the asset's header record (`build.rs` writes the asset).
const PACK_MAGIC: &str = "rubricate-rubrics/1";

/// Installs the bundled rubric packs from an asset `build.rs` writes, replacing any installed before,
/// and returns how many rubrics it holds. The npm package's `init()` installs the index
/// (`rubricate_rubrics.pack`): every pack with only what lists it and matches its questions (see
/// [`crate::rubric::Question::is_index_entry`]); its `loadRubrics()` then installs the index with the
/// records of the packs loaded so far (`rubrics/<stem>.pack`) in place of their entries. Engines see a
/// newly installed set through [`crate::Engine::sync_bundled`]. An asset must come from this engine
/// version: its compact form is internal. Errors name the record (1 = the header) that is wrong;
/// nothing is installed then.
pub fn install_packs(bytes: &[u8]) -> Result<usize, RubricError> {
    let (hash, packs) = read_asset(bytes)?;
    let mut last = match INSTALLED_HASH.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    if *last == Some(hash) {
        return Ok(rubrics().len());
    }
    let mut packs: Vec<(&str, Rubric)> = packs;
    in_listing_order(&mut packs);
    let set: Vec<Rubric> = packs.into_iter().map(|(_, r)| r).collect();
    let count = set.len();
    let set: Arc<[Rubric]> = set.into();
    match INSTALLED.lock() {
        Ok(mut guard) => *guard = Some(set),
        Err(poisoned) => *poisoned.into_inner() = Some(set),
    }
    *last = Some(hash);
    Ok(count)
}

/// An asset read: its hash, and its packs by file stem (the first of each id).
type Asset<'a> = (u64, Vec<(&'a str, Rubric)>);

/// Reads an asset (see [`Asset`]).
fn read_asset(bytes: &[u8]) -> Result<Asset<'_>, RubricError> {
    let not_asset =
        || RubricError::one("record 1", "this is not a rubric pack asset (rubricate_rubrics.pack)".to_string());
    if !bytes.starts_with(PACK_MAGIC.as_bytes()) {
        return Err(not_asset());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        RubricError::one(
            "$",
            format!("the rubric pack asset is corrupted or cut short: not UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    let mut records = text.split('\u{1e}');
    let mut fields = records.next().unwrap_or_default().split('\u{1f}');
    if fields.next() != Some(PACK_MAGIC) {
        return Err(not_asset());
    }
    let version = fields.next().unwrap_or_default();
    if version != env!("CARGO_PKG_VERSION") {
        return Err(RubricError::one(
            "record 1",
            format!(
                "the rubric packs were built for rubricate {version}, this engine is {}",
                env!("CARGO_PKG_VERSION")
            ),
        ));
    }
    let mut packs: Vec<(&str, Rubric)> = Vec::new();
    for (i, record) in records.enumerate() {
        let (stem, packed) = record.split_once('\u{1f}').unwrap_or((record, ""));
        let rubric = decode(packed)
            .ok_or_else(|| RubricError::one(format!("record {}", i + 2), format!("pack \"{stem}\" does not decode")))?;
        if !packs.iter().any(|(_, r)| r.id == rubric.id) {
            packs.push((stem, rubric));
        }
    }
    Ok((crate::embed::fnv1a64(bytes), packs))
}

/// The rubrics compiled in, once per process. A pack that fails validation is left out rather
/// than aborting the engine; the unit tests below fail on it instead.
fn compiled_in() -> &'static Arc<[Rubric]> {
    static BUNDLED: OnceLock<Arc<[Rubric]>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut out: Vec<Rubric> = Vec::new();
        for (_, parsed) in load_bundled() {
            if let Ok(rubric) = parsed {
                if !out.iter().any(|r| r.id == rubric.id) {
                    out.push(rubric);
                }
            }
        }
        out.into()
    })
}

/// Reads the compact form written by `build.rs` (`encode_pack`): the same fields in the same order.
/// `None` on anything unexpected (a count that is not a number, a missing field, fields left over).
pub(crate) fn decode(packed: &str) -> Option<Rubric> {
    let mut r = Fields(packed.split('\u{1f}'));
    let rubric = Rubric {
        id: r.s()?,
        title: r.s()?,
        version: r.s()?,
        role: r.s()?,
        description: r.s()?,
        questions: r.list(|r| {
            Some(Question {
                id: r.s()?,
                text: r.s()?,
                alternatives: r.list(Fields::s)?,
                kind: r.s()?,
                reference: r.s()?,
                criteria: r.list(|r| {
                    Some(Criterion {
                        id: r.s()?,
                        name: r.s()?,
                        weight: r.f()?,
                        signals: r.list(Fields::s)?,
                        descriptors: {
                            let n = r.n()?;
                            let mut map = BTreeMap::new();
                            for _ in 0..n {
                                let k = r.s()?;
                                map.insert(k, r.s()?);
                            }
                            map
                        },
                    })
                })?,
                points: r
                    .list(|r| Some(Point { id: r.s()?, text: r.s()?, phrases: r.list(Fields::s)?, weight: r.f()? }))?,
                misconceptions: r.list(|r| {
                    Some(Misconception {
                        id: r.s()?,
                        claim: r.s()?,
                        phrases: r.list(Fields::s)?,
                        contradicts: r.s()?,
                        correction: r.s()?,
                    })
                })?,
                examples: r.list(|r| Some(Example { label: r.s()?, answer: r.s()?, min: r.f()?, max: r.f()? }))?,
            })
        })?,
    };
    // Every field was read: a format mismatch between build.rs and this reader shows up here.
    r.0.next().is_none().then_some(rubric)
}

struct Fields<'a>(std::str::Split<'a, char>);

impl Fields<'_> {
    fn s(&mut self) -> Option<String> {
        self.0.next().map(str::to_string)
    }
    fn n(&mut self) -> Option<usize> {
        self.0.next()?.parse().ok()
    }
    fn f(&mut self) -> Option<f64> {
        self.0.next()?.parse().ok().map(f64::from_bits)
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.n()?;
        let mut out = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_rubric_is_valid() {
        let failures: Vec<String> = load_all()
            .into_iter()
            .filter_map(|(name, r)| r.err().map(|e| format!("rubrics/{}.json: {}", name, e)))
            .collect();
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
        let known: Vec<&str> = order.iter().copied().filter(|n| EXPECTED.split(' ').any(|e| e == *n)).collect();
        let expected: Vec<&str> = EXPECTED.split(' ').filter(|n| order.contains(n)).collect();
        assert_eq!(known, expected);
        assert_eq!(rubrics().len(), load_bundled().iter().filter(|(_, r)| r.is_ok()).count());
    }

    #[test]
    fn compact_forms_decode_to_what_the_json_parses_to() {
        for (name, packed) in COMPACT {
            let decoded =
                decode(packed).unwrap_or_else(|| panic!("rubrics/{name}.json: the compact form does not decode"));
            let json = FILES.iter().find(|(n, _)| n == name).map(|(_, j)| *j);
            #[cfg(not(target_arch = "wasm32"))]
            {
                let json = json.unwrap_or_else(|| panic!("rubrics/{name}.json: no JSON bundled natively"));
                if let Ok(parsed) = parse_and_validate(json) {
                    assert_eq!(decoded, parsed, "rubrics/{name}.json: the compact form differs from the JSON");
                }
            }
            let _ = json;
        }
        assert_eq!(rubrics().len(), load_bundled().iter().filter(|(_, r)| r.is_ok()).count());
    }

    /// The asset `build.rs` writes for the npm package, as it ships.
    const ASSET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rubricate_rubrics.pack"));

    /// The rubrics of an asset in listing order, as `install_packs` would install them (the installed
    /// set itself is global: a test that changed it would change what other tests' engines grade with).
    fn installed(asset: &str) -> Vec<Rubric> {
        let (_, mut packs) = read_asset(asset.as_bytes()).unwrap_or_else(|e| panic!("the asset does not install: {e}"));
        in_listing_order(&mut packs);
        packs.into_iter().map(|(_, r)| r).collect()
    }

    #[test]
    fn the_index_lists_every_pack_and_the_packs_complete_it() {
        let asset = std::str::from_utf8(ASSET).unwrap_or_default();
        let index = installed(asset);
        let ids: Vec<&str> = index.iter().map(|r| r.id.as_str()).collect();
        let compiled: Vec<Rubric> = load_bundled().into_iter().filter_map(|(_, r)| r.ok()).collect();
        assert_eq!(ids, compiled.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), "listing order");
        for (entry, full) in index.iter().zip(&compiled) {
            assert_eq!(entry.summary(), full.summary(), "{}: the index lists what the pack does", full.id);
            assert_eq!(entry.description, full.description);
            for (q, fq) in entry.questions.iter().zip(&full.questions) {
                assert!(q.is_index_entry() && !fq.is_index_entry(), "{}/{}", full.id, q.id);
                assert_eq!((&q.text, &q.alternatives), (&fq.text, &fq.alternatives), "what matching reads");
                assert!(q.reference.is_empty() && q.points.is_empty() && q.examples.is_empty());
            }
        }
        // The index with every pack's own record in place of its entry (as the npm package's
        // loadRubrics() installs it) gives the compiled-in set.
        assert_eq!(PARTS.len(), compiled.len());
        let mut records: Vec<String> = asset.split('\u{1e}').map(str::to_string).collect();
        for (stem, part) in PARTS {
            let (header, record) = part.split_once('\u{1e}').unwrap_or_default();
            assert!(header.ends_with("\u{1f}part"), "{stem}: {header}");
            let slot = records.iter_mut().find(|r| r.split('\u{1f}').next() == Some(stem));
            *slot.unwrap_or_else(|| panic!("{stem} is not in the index")) = record.to_string();
            assert_eq!(installed(part).len(), 1, "{stem}: a pack's asset installs alone too");
        }
        let full = installed(&records.join("\u{1e}"));
        assert!(full.iter().all(|r| r.questions.iter().all(|q| !q.is_index_entry())));
        #[cfg(feature = "embedded-rubrics")]
        assert_eq!(&full[..], &compiled_in()[..], "the assets and the compiled-in packs differ");
        let _ = full;
    }

    #[test]
    fn a_bad_pack_asset_is_refused_with_its_record() {
        let err = |bytes: &[u8]| install_packs(bytes).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err(b"").contains("not a rubric pack asset"), "{}", err(b""));
        assert!(err(b"{\"id\": 1}").contains("record 1"));
        assert!(err(&[0xff, 0xfe]).contains("not a rubric pack asset"));
        let bad_utf8 = [format!("{PACK_MAGIC}\u{1f}").as_bytes(), &[0xff, 0xfe]].concat();
        assert!(err(&bad_utf8).contains("corrupted or cut short"), "{}", err(&bad_utf8));
        let old = format!("{PACK_MAGIC}\u{1f}0.0.1");
        assert!(err(old.as_bytes()).contains("built for rubricate 0.0.1"), "{}", err(old.as_bytes()));
        let current = format!("{PACK_MAGIC}\u{1f}{}", env!("CARGO_PKG_VERSION"));
        let broken = format!("{current}\u{1e}x\u{1f}a\u{1f}b");
        assert!(err(broken.as_bytes()).contains("record 2"), "{}", err(broken.as_bytes()));
        // A truncated asset (a download cut short) is refused, never half installed.
        let cut = &ASSET[..ASSET.len() / 2];
        assert!(install_packs(cut).is_err());
        let part = PARTS[0].1.as_bytes();
        assert!(install_packs(&part[..part.len() / 2]).is_err());
    }

    #[test]
    fn decode_refuses_malformed_input() {
        assert!(decode("").is_none());
        assert!(decode("a\u{1f}b\u{1f}1.0.0\u{1f}r\u{1f}\u{1f}x").is_none());
        assert!(decode("a\u{1f}b\u{1f}1.0.0\u{1f}r\u{1f}\u{1f}0").is_some());
        assert!(decode("a\u{1f}b\u{1f}1.0.0\u{1f}r\u{1f}\u{1f}0\u{1f}extra").is_none());
        assert!(decode("a\u{1f}b\u{1f}1.0.0\u{1f}r\u{1f}\u{1f}99999999999").is_none());
    }

    #[test]
    fn all_expected_packs_are_bundled() {
        let missing: Vec<&str> =
            EXPECTED.split(' ').filter(|e| !FILES.iter().chain(COMPACT).any(|(n, _)| n == e)).collect();
        assert!(missing.is_empty(), "missing rubric packs: {:?}", missing);
    }
}
