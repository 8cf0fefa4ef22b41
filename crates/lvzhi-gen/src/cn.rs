//! Chinese numerals and well-formed fake personal data.

use chrono::{Datelike, NaiveDate};

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A number in Chinese numerals as used in titles (第十届, 第二十三次), 1..=9999.
pub(crate) fn numeral(n: u32) -> String {
    assert!((1..10_000).contains(&n), "numeral out of range: {n}");
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            // 十 alone for 10..19 at the start: 十一, not 一十一.
            if !(value == 10 && d == 1 && out.is_empty()) {
                out.push(DIGITS[d as usize]);
            }
            out.push(unit);
        } else if !out.is_empty() {
            pending_zero = true;
        }
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// An 18-digit resident ID number (身份证号) with a valid check character:
/// region code, birth date, a sequence whose parity gives the gender (odd
/// male, even female), and the ISO 7064 MOD 11-2 check.
pub(crate) fn id_number(region: &str, birth: NaiveDate, sequence: u32, male: bool) -> String {
    let mut seq = sequence % 1000;
    if (seq % 2 == 1) != male {
        seq = if seq == 999 { 998 } else { seq + 1 };
    }
    let body = format!("{region}{:04}{:02}{:02}{seq:03}", birth.year(), birth.month(), birth.day());
    debug_assert_eq!(body.len(), 17);
    format!("{body}{}", id_check(&body))
}

/// The check character of the first 17 digits of an ID number.
pub(crate) fn id_check(body: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    CHECK[(sum % 11) as usize] as char
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_like_titles() {
        let cases = [
            (1, "一"),
            (4, "四"),
            (10, "十"),
            (14, "十四"),
            (20, "二十"),
            (23, "二十三"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1005, "一千零五"),
        ];
        for (n, text) in cases {
            assert_eq!(numeral(n), text, "{n}");
        }
    }

    #[test]
    fn id_numbers_have_valid_checksums() {
        // A published example: 11010519491231002X.
        assert_eq!(id_check("11010519491231002"), 'X');
        let birth = NaiveDate::from_ymd_opt(1978, 5, 9).unwrap();
        let id = id_number("369901", birth, 17, true);
        assert_eq!(id.len(), 18);
        assert!(id.starts_with("36990119780509"));
        assert_eq!(id.as_bytes()[16] % 2, 1, "odd sequence for a man: {id}");
        assert_eq!(id.chars().last().unwrap(), id_check(&id[..17]));
        let f = id_number("369901", birth, 17, false);
        assert_eq!(f.as_bytes()[16] % 2, 0, "even sequence for a woman: {f}");
    }
}
