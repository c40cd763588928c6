//! Decimal formatting of `f64` for the crate's messages and reports, without the standard
//! library's float formatting. `format!("{x}")` and `format!("{x:.1}")` link `core::num::flt2dec`
//! (Grisu with its Dragon fallback, in shortest and exact modes: ~17 KB of wasm); the few numbers
//! the engine prints go through these two functions instead, which print what those did:
//!
//! - [`fixed`]`(x, d)` is `format!("{x:.d$}")`: the exact binary value rounded to `d` decimals,
//!   an exact tie (`0.125` to 2 decimals) to the even digit (`0.12`), as Rust does.
//! - [`shortest`]`(x)` is `format!("{x}")`: the fewest significant digits that read back as `x`
//!   (any number within half an ulp of it, the bounds included when the mantissa is even), the
//!   closest such number when there are several, written without an exponent (`4`, `0.5`,
//!   `0.0000001`, `100000000000000000000000` for `1e23`). One documented difference: when two
//!   shortest candidates are exactly equally close to `x` (possible only for integers above
//!   2^54), this takes the even one where Rust's Dragon fallback takes the larger.
//!
//! Both print `NaN`, `inf` and `-inf` for the non-finite values, and a `-` for every negative
//! value, negative zero included (`-0`, `-0.0`), as Rust does. Neither parses or panics.
//!
//! Not yet enough on its own: serde_core 1.0.229 still formats an `f64` with `{}` in
//! `Unexpected::Float`'s `Display` (`WithDecimalPoint`), which serde_json reaches only for other
//! variants (its `JsonUnexpected` writes floats itself) but which keeps `<f64 as Display>::fmt`,
//! and with it all of flt2dec, in the core module until that call goes too.
//!
//! How: a finite `x` is `m * 2^e` exactly; its decimal expansion is exact too (`m * 2^e`, or
//! `m * 5^-e / 10^-e` when `e < 0`), computed here as a little-endian vector of decimal digits
//! (at most ~770 of them, for the smallest subnormals), then rounded in decimal. The numbers the
//! engine prints (scores, relevances, weights) have ~50 digits; this costs microseconds.

/// `format!("{x:.decimals$}")`: `x` rounded to `decimals` decimals (exact ties to even).
pub(crate) fn fixed(x: f64, decimals: usize) -> String {
    let Some((m, e)) = parts(x) else { return non_finite(x) };
    let (mut digits, frac) = exact(m, e);
    let frac = if frac > decimals {
        round_off(&mut digits, frac - decimals);
        decimals
    } else {
        frac
    };
    // Trailing zeros up to the decimals asked for.
    digits.splice(0..0, std::iter::repeat_n(0, decimals - frac));
    write(x, &digits, decimals)
}

/// `format!("{x}")`: the shortest decimal that reads back as `x`, without an exponent.
pub(crate) fn shortest(x: f64) -> String {
    let Some((m, e)) = parts(x) else { return non_finite(x) };
    if m == 0 {
        return write(x, &[], 0);
    }
    // x and the bounds of the numbers that read back as x, all as multiples of 2^(e - 2): the
    // neighbours are 4m -/+ 4 (the lower one 4m - 2 when m is a power of two above the smallest
    // exponent, where the spacing halves); the bounds lie halfway.
    let lower_gap = if m == 1 << 52 && e > -1074 { 1 } else { 2 };
    let (v, frac) = exact(4 * m, e - 2);
    let (low, _) = exact(4 * m - lower_gap, e - 2);
    let (high, _) = exact(4 * m + 2, e - 2);
    let inclusive = m % 2 == 0;
    let inside = |c: &[u8]| {
        let (lo, hi) = (compare(c, &low), compare(c, &high));
        if inclusive {
            lo.is_ge() && hi.is_le()
        } else {
            lo.is_gt() && hi.is_lt()
        }
    };
    let len = significant_len(&v);
    // v itself, with all its digits, is always inside: the loop ends at `keep == len` at the latest.
    for keep in 1..=len {
        let drop = len - keep;
        let mut c = v.clone();
        round_off(&mut c, drop);
        c.splice(0..0, std::iter::repeat_n(0, drop));
        if inside(&c) {
            // Trailing zeros after the point are not printed.
            let zeros = c.iter().take(frac).take_while(|&&d| d == 0).count();
            return write(x, &c[zeros..], frac - zeros);
        }
    }
    unreachable!("the exact value reads back as itself")
}

/// `x = m * 2^e` exactly, for a finite `x` (sign dropped); `None` for NaN and the infinities.
fn parts(x: f64) -> Option<(u64, i32)> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    Some(if exponent == 0 { (fraction, -1074) } else { (fraction | (1 << 52), exponent - 1075) })
}

/// What Rust prints for a non-finite value.
fn non_finite(x: f64) -> String {
    if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "inf"
    } else {
        "-inf"
    }
    .to_string()
}

/// The exact decimal value of `m * 2^e`: little-endian digits `n` and a count `frac` of them
/// after the point (the value is `n / 10^frac`).
fn exact(m: u64, e: i32) -> (Vec<u8>, usize) {
    let mut digits = Vec::new();
    let mut rest = m;
    while rest > 0 {
        digits.push((rest % 10) as u8);
        rest /= 10;
    }
    // m * 2^e, or m * 5^-e / 10^-e; in steps small enough that digit * factor + carry fits a u64.
    let (base, mut times, step) = if e >= 0 { (2u64, e as u32, 40) } else { (5u64, e.unsigned_abs(), 20) };
    let frac = if e >= 0 { 0 } else { times as usize };
    while times > 0 {
        let k = times.min(step);
        times -= k;
        let factor = base.pow(k);
        let mut carry = 0u64;
        for d in digits.iter_mut() {
            let t = *d as u64 * factor + carry;
            *d = (t % 10) as u8;
            carry = t / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    (digits, frac)
}

/// Drops the lowest `drop` digits of `n`, rounding: up past a half, to the even digit at exactly
/// a half. `n` may become one digit longer (a carry), or empty (zero).
fn round_off(n: &mut Vec<u8>, drop: usize) {
    if drop == 0 {
        return;
    }
    if drop > n.len() {
        // Below a tenth of the last unit kept, so below a half: rounds to zero.
        n.clear();
        return;
    }
    let first = n[drop - 1];
    let rest_zero = n[..drop - 1].iter().all(|&d| d == 0);
    n.drain(..drop);
    let odd = n.first().is_some_and(|&d| d % 2 == 1);
    if first > 5 || (first == 5 && (!rest_zero || odd)) {
        for d in n.iter_mut() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                return;
            }
        }
        n.push(1);
    }
}

/// The number of digits of `n` without its leading (most significant) zeros.
fn significant_len(n: &[u8]) -> usize {
    n.iter().rposition(|&d| d != 0).map_or(0, |i| i + 1)
}

/// Compares two little-endian digit vectors as integers.
fn compare(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let (la, lb) = (significant_len(a), significant_len(b));
    la.cmp(&lb).then_with(|| a[..la].iter().rev().cmp(b[..lb].iter().rev()))
}

/// Writes `n / 10^frac` (little-endian digits) with the sign of `x`: at least one digit before
/// the point, exactly `frac` after it, no point when `frac` is 0.
fn write(x: f64, n: &[u8], frac: usize) -> String {
    let whole = significant_len(n).max(frac + 1);
    let mut s = String::with_capacity(whole + 2);
    if x.is_sign_negative() {
        s.push('-');
    }
    for i in (0..whole).rev() {
        if i + 1 == frac {
            s.push('.');
        }
        s.push((b'0' + n.get(i).copied().unwrap_or(0)) as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odd_values() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            1e-7,
            -1e-7,
            123456.789,
            -123456.789,
            0.1,
            0.2,
            0.3,
            1.0 / 3.0,
            2.0 / 3.0,
            0.125,
            0.375,
            2.5,
            3.5,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            4.35,
            4.45,
            9.995,
            9.9999,
            99.95,
            0.5,
            1.5,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            1e23,
            1.7976931348623157e308,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            f64::from_bits(0x000f_ffff_ffff_ffff),
            9007199254740993.0,
            9007199254740992.0,
            4503599627370497.5,
            0.30000000000000004,
            1.0000000000000002,
            0.9999999999999999,
            123.456e-10,
            6.02214076e23,
            std::f64::consts::PI,
            std::f64::consts::E,
            (1u64 << 63) as f64,
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = f64::from_bits(seed);
            if x.is_finite() {
                v.push(x);
            }
            // Numbers of the sizes the engine prints, with random low bits.
            v.push((seed % 100_000) as f64 / 997.0);
        }
        v
    }

    #[test]
    fn fixed_matches_rust_on_a_grid() {
        for k in -6000..=6000 {
            let x = k as f64 / 1000.0;
            for d in 0..=3 {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x} to {d} decimals");
            }
        }
    }

    #[test]
    fn fixed_matches_rust_on_odd_values() {
        for x in odd_values() {
            for d in [0, 1, 2, 3, 5, 9, 17, 20] {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x:e} to {d} decimals");
            }
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -f64::NAN] {
            for d in 0..=3 {
                assert_eq!(fixed(x, d), format!("{x:.d$}"));
            }
        }
        // Exact ties go to the even digit, as in Rust.
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(0.375, 2), "0.38");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(-0.0, 1), "-0.0");
        assert_eq!(fixed(-0.01, 1), "-0.0");
    }

    #[test]
    fn shortest_matches_rust() {
        for k in -6000..=6000 {
            let x = k as f64 / 1000.0;
            assert_eq!(shortest(x), format!("{x}"));
            let y = k as f64 / 7.0;
            assert_eq!(shortest(y), format!("{y}"));
        }
        for x in odd_values() {
            assert_eq!(shortest(x), format!("{x}"), "{x:e}");
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(shortest(x), format!("{x}"));
        }
        assert_eq!(shortest(4.0), "4");
        assert_eq!(shortest(0.5), "0.5");
        assert_eq!(shortest(-0.0), "-0");
        assert_eq!(shortest(1e-7), "0.0000001");
    }
}
