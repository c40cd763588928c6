//! Input checks at the boundary: turns the bytes a user gave us (a file, stdin, a JSON field) into
//! text, or refuses them with one clear [`InputError`] saying what is wrong and where.
//!
//! Every check is a single pass over the input, and the size is checked first, so even a huge
//! input is refused in microseconds instead of being worked on.

use crate::InputError;

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &str = "\u{feff}";

/// A text counts as binary when more than this fraction of it is control characters (other than tab,
/// line feed, carriage return, vertical tab and form feed). Real prose has next to none; a tenth is
/// far above what stray terminal colour codes in a pasted log produce, and far below what an
/// executable, image or archive produces.
pub const BINARY_CONTROL_RATIO: f64 = 0.10;

/// Decodes `bytes` as the text of `what` (e.g. `stdin`, `answer`, a file name) with the limit
/// [`crate::MAX_INPUT_BYTES`]. See [`text_from_bytes_limited`].
pub fn text_from_bytes<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, InputError> {
    text_from_bytes_limited(bytes, what, crate::MAX_INPUT_BYTES)
}

/// Decodes `bytes` as UTF-8 text, refusing, in this order:
/// input larger than `limit` bytes (checked before anything else is looked at), binary data (a NUL
/// byte, or a high share of control characters; the error gives the byte offset of the first one),
/// invalid UTF-8 (the error gives the byte offset and line number), and text that is empty or only
/// whitespace. A leading UTF-8 byte order mark is stripped.
pub fn text_from_bytes_limited<'a>(bytes: &'a [u8], what: &str, limit: usize) -> Result<&'a str, InputError> {
    if bytes.len() > limit {
        return Err(too_large(what, bytes.len() as u64, true, limit));
    }
    check_binary_bytes(bytes, what)?;
    let text = std::str::from_utf8(bytes).map_err(|e| invalid_utf8(bytes, e, what))?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if text.is_empty() {
        return Err(InputError::new(what, "is empty"));
    }
    if text.trim().is_empty() {
        return Err(InputError::new(what, "contains only whitespace"));
    }
    Ok(text)
}

/// Checks a string that is already decoded (a JSON field, a command-line argument): refuses one
/// larger than [`crate::MAX_INPUT_BYTES`] and one that looks binary. Empty strings pass: whether
/// an empty field is an error is for the caller to say.
pub fn check_text(s: &str, what: &str) -> Result<(), InputError> {
    check_text_limited(s, what, crate::MAX_INPUT_BYTES)
}

/// [`check_text`] with an explicit size limit in bytes.
pub fn check_text_limited(s: &str, what: &str, limit: usize) -> Result<(), InputError> {
    if s.len() > limit {
        return Err(too_large(what, s.len() as u64, true, limit));
    }
    check_binary_bytes(s.as_bytes(), what)?;
    Ok(())
}

/// The error for an input larger than `limit`. `size` is exact when `exact`, else a lower bound
/// (stdin that was not read to its end).
pub fn too_large(what: &str, size: u64, exact: bool, limit: usize) -> InputError {
    let size = if exact { format!("{} bytes", size) } else { format!("more than {} bytes", size) };
    InputError::new(what, format!("is too large ({}; the limit is {})", size, human_bytes(limit)))
}

/// `1048576 bytes (1 MiB)`, or just the bytes when not a whole number of KiB.
fn human_bytes(n: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} bytes ({} MiB)", n, n / MIB)
    } else if n >= KIB && n.is_multiple_of(KIB) {
        format!("{} bytes ({} KiB)", n, n / KIB)
    } else {
        format!("{} bytes", n)
    }
}

/// A control byte that does not belong in text: C0 controls other than the usual whitespace, and DEL.
fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0e..=0x1f | 0x7f)
}

fn too_many_controls(controls: usize, len: usize) -> bool {
    len > 0 && controls as f64 > BINARY_CONTROL_RATIO * len as f64
}

fn binary_controls(what: &str, at: usize) -> InputError {
    InputError::new(
        what,
        format!("looks like binary data, not text: too many control characters, the first at byte offset {}", at),
    )
}

/// One pass: stops at the first NUL byte; otherwise counts control characters and remembers the
/// first. ASCII controls are single bytes never found inside a multi-byte sequence; the C1 controls
/// (U+0080..U+009F) are the two-byte sequences `C2 80`..`C2 9F`, counted as one character each.
fn check_binary_bytes(bytes: &[u8], what: &str) -> Result<(), InputError> {
    // Most text is printable ASCII and line breaks: nothing to count.
    if bytes.iter().all(|&b| matches!(b, b' '..=b'~' | b'\n' | b'\r' | b'\t')) {
        return Ok(());
    }
    let mut controls = 0usize;
    let mut first = None;
    let mut previous = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            return Err(InputError::new(
                what,
                format!("looks like binary data, not text: NUL byte at byte offset {}", i),
            ));
        }
        if is_control_byte(b) {
            controls += 1;
            first.get_or_insert(i);
        } else if previous == 0xc2 && (0x80..=0x9f).contains(&b) {
            controls += 1;
            first.get_or_insert(i - 1);
        }
        previous = b;
    }
    match first {
        Some(at) if too_many_controls(controls, bytes.len()) => Err(binary_controls(what, at)),
        _ => Ok(()),
    }
}

fn invalid_utf8(bytes: &[u8], e: std::str::Utf8Error, what: &str) -> InputError {
    let at = e.valid_up_to();
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let kind = if e.error_len().is_none() { "invalid UTF-8: truncated character at the end" } else { "invalid UTF-8" };
    InputError::new(what, format!("{} (byte offset {}, line {})", kind, at, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(text_from_bytes(b"I would add a cache.\n", "answer").unwrap(), "I would add a cache.\n");
        let s = "Caf\u{e9} na\u{ef}ve \u{2014} r\u{e9}sum\u{e9} \u{1f600}";
        assert_eq!(text_from_bytes(s.as_bytes(), "answer").unwrap(), s);
    }

    #[test]
    fn bom_is_stripped() {
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice(b"hello");
        assert_eq!(text_from_bytes(&b, "stdin").unwrap(), "hello");
        // a BOM alone is an empty input
        let e = text_from_bytes(&[0xef, 0xbb, 0xbf], "stdin").unwrap_err();
        assert_eq!(e.problem, "is empty");
    }

    #[test]
    fn empty_and_whitespace_are_refused() {
        let e = text_from_bytes(b"", "stdin").unwrap_err();
        assert_eq!(e.location, "stdin");
        assert_eq!(e.problem, "is empty");
        let e = text_from_bytes(b" \n\t \r\n", "stdin").unwrap_err();
        assert_eq!(e.problem, "contains only whitespace");
        // unicode whitespace too (no-break space, ideographic space)
        let e = text_from_bytes("\u{a0}\u{3000}".as_bytes(), "stdin").unwrap_err();
        assert_eq!(e.problem, "contains only whitespace");
    }

    #[test]
    fn too_large_says_size_and_limit() {
        let big = vec![b'a'; crate::MAX_INPUT_BYTES + 1];
        let e = text_from_bytes(&big, "answer.txt").unwrap_err();
        assert_eq!(e.location, "answer.txt");
        assert!(e.problem.contains(&format!("{} bytes", crate::MAX_INPUT_BYTES + 1)), "{}", e);
        assert!(e.problem.contains("1048576 bytes (1 MiB)"), "{}", e);
        // exactly at the limit is fine
        let ok = vec![b'a'; crate::MAX_INPUT_BYTES];
        assert!(text_from_bytes(&ok, "x").is_ok());
    }

    #[test]
    fn ten_megabytes_is_refused_on_size() {
        // Worst case for every later check: binary-looking, invalid UTF-8, all in one buffer. The size
        // is checked first, so the problem named is the size (how fast is for benches, not tests).
        let mut big = vec![0xffu8; 10 << 20];
        big[5] = 0;
        let e = text_from_bytes(&big, "big").unwrap_err();
        assert!(e.problem.contains("too large"), "{}", e);
        let s = "x".repeat(10 << 20);
        assert!(check_text(&s, "answer").unwrap_err().problem.contains("too large"));
    }

    #[test]
    fn a_whole_megabyte_of_text_is_accepted() {
        let mut text = "A fair sentence about caches and queues.\n".repeat(26_000);
        text.truncate(crate::MAX_INPUT_BYTES);
        assert_eq!(text.len(), crate::MAX_INPUT_BYTES);
        assert!(text_from_bytes(text.as_bytes(), "x").is_ok());
        assert!(check_text(&text, "x").is_ok());
    }

    #[test]
    fn invalid_utf8_reports_offset_and_line() {
        let b = b"first line\nsecond \xff line";
        let e = text_from_bytes(b, "answer.txt").unwrap_err();
        assert_eq!(e.location, "answer.txt");
        assert_eq!(e.problem, "invalid UTF-8 (byte offset 18, line 2)");
        // a lone continuation byte at the start
        let e = text_from_bytes(b"\x80abc", "x").unwrap_err();
        assert_eq!(e.problem, "invalid UTF-8 (byte offset 0, line 1)");
        // an overlong encoding and a surrogate are invalid too
        assert!(text_from_bytes(b"ab\xc0\xafcd", "x").unwrap_err().problem.contains("byte offset 2"));
        assert!(text_from_bytes(b"ab\xed\xa0\x80cd", "x").unwrap_err().problem.contains("byte offset 2"));
        // a character cut off at the end
        let e = text_from_bytes(b"one\ntwo\nthree \xe2\x82", "x").unwrap_err();
        assert_eq!(e.problem, "invalid UTF-8: truncated character at the end (byte offset 14, line 3)");
    }

    #[test]
    fn nul_byte_means_binary() {
        let e = text_from_bytes(b"looks fine\0but is not", "upload.bin").unwrap_err();
        assert_eq!(e.location, "upload.bin");
        assert!(e.problem.contains("binary"), "{}", e);
        assert!(e.problem.contains("byte offset 10"), "{}", e);
        // NUL is reported even when the bytes are also invalid UTF-8 later on
        let e = text_from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image.png").unwrap_err();
        assert!(e.problem.contains("NUL byte at byte offset 8"), "{}", e);
        let e = check_text("a\0b", "answer").unwrap_err();
        assert!(e.problem.contains("byte offset 1"), "{}", e);
    }

    #[test]
    fn many_control_characters_mean_binary() {
        let mut b = b"abc".to_vec();
        b.extend(std::iter::repeat_n(0x01u8, 10));
        b.extend_from_slice(b"defghijklmnop");
        let e = text_from_bytes(&b, "x").unwrap_err();
        assert!(e.problem.contains("control characters"), "{}", e);
        assert!(e.problem.contains("byte offset 3"), "{}", e);
        // C1 controls in a decoded string count too
        let s = "\u{85}\u{90}a".repeat(20);
        let e = check_text(&s, "answer").unwrap_err();
        assert!(e.problem.contains("byte offset 0"), "{}", e);
    }

    #[test]
    fn a_few_control_characters_are_tolerated() {
        // a terminal colour code pasted into a long answer, tabs, CRLF line ends, form feed
        let s = "I ran \x1b[1mcargo test\x1b[0m and read the output carefully before changing anything.\r\n\tThen\x0c I fixed it.";
        assert!(text_from_bytes(s.as_bytes(), "x").is_ok());
        assert!(check_text(s, "x").is_ok());
    }

    #[test]
    fn check_text_allows_empty() {
        assert!(check_text("", "reference").is_ok());
        assert!(check_text("short", "reference").is_ok());
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_and_ok_means_valid(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
                match text_from_bytes(&bytes, "p") {
                    Ok(s) => {
                        prop_assert!(!s.trim().is_empty());
                        prop_assert!(!s.contains('\0'));
                        prop_assert!(std::str::from_utf8(&bytes).is_ok());
                    }
                    Err(e) => prop_assert!(!e.problem.is_empty()),
                }
            }

            #[test]
            fn check_text_never_panics(s in ".{0,300}") {
                let _ = check_text(&s, "p");
            }
        }
    }
}
