//! The digit grammar (`parse_number`) with every bundled language's separators.
//! Invariants: same result twice; when a number is read, its digits are the input's
//! digits (full-width mapped, leading zeros dropped) and its scale is the stated
//! decimals (at most 28); the value is not negative.
#![no_main]

use figcheck::extract::number::{parse_number, MAX_DIGITS};
use figcheck::rules::lexicon::NumberFormat;
use figcheck::rules::load::load_packs;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The `[numbers]` tables of the bundled packs (parsed, not compiled: fast to start).
fn formats() -> &'static [(String, NumberFormat)] {
    static FORMATS: OnceLock<Vec<(String, NumberFormat)>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        let Ok(packs) = load_packs(&[], true) else {
            panic!("the bundled packs do not parse");
        };
        let chars = |v: &[String]| v.iter().filter_map(|s| s.chars().next()).collect();
        let mut out = Vec::new();
        for p in &packs {
            for f in &p.files {
                if let Some(n) = &f.contents.numbers {
                    let fmt = NumberFormat {
                        decimal: chars(&n.decimal_separators),
                        group: chars(&n.group_separators),
                    };
                    out.push((p.lang().to_string(), fmt));
                }
            }
        }
        assert!(!out.is_empty(), "no [numbers] table in the bundled packs");
        out
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (lang, fmt) in formats() {
        let got = parse_number(text, fmt);
        assert_eq!(got, parse_number(text, fmt), "not deterministic: {text:?}");
        let Ok(n) = got else { continue };
        let digits: String = text
            .chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c) - 0xFF10 + 0x30),
                _ => None,
            })
            .collect();
        let significant = digits.trim_start_matches('0');
        let expected = if significant.is_empty() {
            "0"
        } else {
            significant
        };
        assert_eq!(
            n.value.mantissa().to_string(),
            expected,
            "{text:?} ({}) read as {n:?}",
            lang
        );
        assert_eq!(n.value.scale(), n.decimals, "{text:?}: {n:?}");
        assert!(n.decimals as usize <= MAX_DIGITS, "{text:?}: {n:?}");
        assert!(!n.value.is_sign_negative(), "{text:?}: {n:?}");
    }
});
