//! Whether a figure right after another is its conversion: the text between them is a
//! bracket, a dash or one of the pack's conversion words ("soit", "or about"). The frames
//! stage gives such a figure its predecessor's frame; the inline-conversion check judges
//! the pair.

use crate::rules::lexicon::normalize_word;

/// Whether the text between two figures makes the second a conversion of the first.
pub(crate) fn is_conversion_gap(between: &str, words: &[String]) -> bool {
    let t = normalize_word(between);
    let t = t.trim().trim_start_matches([',', '，']).trim();
    let t = t.strip_prefix(['(', '[', '（']).map_or(t, str::trim);
    if t.is_empty() || t == "-" || t == "–" || t == "≈" || t == "~" || t == "=" {
        return true;
    }
    words.iter().any(|w| t == w)
}

#[cfg(test)]
mod tests {
    #[test]
    fn conversion_gaps() {
        let words = vec!["soit".to_string(), "or about".to_string()];
        assert!(super::is_conversion_gap(" (", &words));
        assert!(super::is_conversion_gap(", soit ", &words));
        assert!(super::is_conversion_gap(", or about ", &words));
        assert!(!super::is_conversion_gap(" et ", &words));
        assert!(!super::is_conversion_gap(", contre ", &words));
    }
}
