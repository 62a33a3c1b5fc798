//! The stable fingerprint of a finding, for `--baseline` files, SARIF's
//! `partialFingerprints` and suppression: the check, the path and the figures' text,
//! hashed with FNV-1a, so it stays the same when the article is edited elsewhere.

use super::CheckId;

/// The stable fingerprint of a finding: its check, the path of its flagged figure (or
/// source) and the figures' text, hashed. The same when the article is edited elsewhere;
/// `--baseline` files are keyed by it.
pub fn fingerprint_of<'a>(
    check: CheckId,
    path: &str,
    figures: impl Iterator<Item = &'a str>,
) -> String {
    let mut key = String::from(check.as_str());
    key.push('\u{1f}');
    key.push_str(path);
    for text in figures {
        key.push('\u{1f}');
        key.push_str(text);
    }
    format!("{:016x}", fnv1a64(key.as_bytes()))
}

/// FNV-1a, 64 bits: a small stable hash for fingerprints (not for security).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
