//! Length: how much on-topic substance the answer has — its distinct new on-topic words, plus half
//! credit for words said again (up to as many again) — against the length the target expects, with
//! diminishing returns.

use super::saturate;
use super::topic::Topic;

/// What an on-topic content word said again counts for, against 1 for a new one. (Hand-set in the
/// first scoring engine, commit 977d3b5; no tuning is recorded. Checked by `make accuracy`.)
const REPEAT_WORD_CREDIT: f64 = 0.5;
/// Words said again count up to this many times the distinct new words (hand-set in the first
/// scoring engine): an answer that says the same few words over and over is not long.
const REPEAT_WORD_CAP: usize = 2;
/// Length is `1 − 1/e` (≈ 0.63) at this share of the target's expected words (see [`saturate`]),
/// ≈ 0.86 at the expected length. Hand-set in the first scoring engine; no tuning is recorded.
const EXPECTED_SHARE: f64 = 2.0;

/// The length signal for `expected_words` (the target's expected answer length in words).
pub(super) fn length(topic: &Topic, expected_words: f64) -> f64 {
    let novel = topic.novel;
    saturate(
        novel as f64 + REPEAT_WORD_CREDIT * (topic.content.min(novel * REPEAT_WORD_CAP) as f64 - novel as f64).max(0.0),
        expected_words / EXPECTED_SHARE,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(novel: usize, content: usize) -> Topic {
        Topic { novel, content, ..Default::default() }
    }

    #[test]
    fn nothing_new_said_has_no_length() {
        assert_eq!(length(&topic(0, 0), 60.0), 0.0);
        assert_eq!(length(&topic(0, 12), 60.0), 0.0, "repeats count only beside new words");
    }

    #[test]
    fn repeated_words_count_half_and_only_up_to_the_cap() {
        let k = 60.0 / EXPECTED_SHARE;
        assert!((length(&topic(10, 10), 60.0) - saturate(10.0, k)).abs() < 1e-12);
        assert!((length(&topic(10, 14), 60.0) - saturate(12.0, k)).abs() < 1e-12);
        assert_eq!(length(&topic(10, 20), 60.0), length(&topic(10, 200), 60.0));
    }

    #[test]
    fn length_grows_with_diminishing_returns_towards_the_expected_words() {
        let (short, mid, long) =
            (length(&topic(5, 5), 60.0), length(&topic(30, 30), 60.0), length(&topic(60, 60), 60.0));
        assert!(short < mid && mid < long && long < 1.0);
        assert!(mid - short > long - mid, "diminishing returns");
        assert!(length(&topic(30, 30), 120.0) < mid, "a longer expectation asks for more");
    }
}
