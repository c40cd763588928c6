//! The compiled-in transcript lexicons: speaker labels, report headings, annotation keys and
//! judgement tags ([`super::parse`]), and the question-kind cue words and section labels
//! ([`super::kind`]). They are curated in `src/transcript/lexicons/*.txt` (line format in
//! `src/text/lexicons/README.md`) and turned into the `static`s below by the build script
//! (`build/lexicons.rs`), one per file, named after it (`kind_closing.txt` → [`KIND_CLOSING`]).
//! Their `test:` / `test-not:` examples are checked by the lexicon test in `src/text/data.rs`.

include!(concat!(env!("OUT_DIR"), "/lexicons_transcript.rs"));

/// Whether `sentence` matches entry `index` of the transcript lexicon `list` (a file stem), through the
/// matcher the parser uses for it; `None` for a lexicon whose examples cannot be checked this way.
#[cfg(test)]
pub(crate) fn example_matches(list: &str, index: usize, sentence: &str) -> Option<bool> {
    let cues: &[&str] = match list {
        "kind_closing" => KIND_CLOSING,
        "kind_introduction" => KIND_INTRODUCTION,
        "kind_logistics" => KIND_LOGISTICS,
        "kind_small_talk" => KIND_SMALL_TALK,
        "kind_behavioral" => KIND_BEHAVIORAL,
        "kind_story" => KIND_STORY,
        "kind_technical_subject" => KIND_TECHNICAL_SUBJECT,
        "kind_strong_technical" => KIND_STRONG_TECHNICAL,
        "kind_project" => KIND_PROJECT,
        "kind_technical" => KIND_TECHNICAL,
        "cue_stems" => CUE_STEMS,
        "label_behavioral" => LABEL_BEHAVIORAL,
        "label_introduction" => LABEL_INTRODUCTION,
        "label_closing" => LABEL_CLOSING,
        "label_project" => LABEL_PROJECT,
        "label_technical" => LABEL_TECHNICAL,
        _ => return None,
    };
    Some(super::kind::cue_found(cues.get(index)?, sentence))
}
