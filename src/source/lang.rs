//! Language codes: normalising and checking what users write, and detecting the
//! language of a body with whatlang, restricted to the languages that have rule packs.

use whatlang::{Detector, Lang};

/// Detection reads at most this many bytes of a body: enough to be sure, and it keeps
/// detection cheap on very long texts.
const DETECT_BYTES: usize = 8 * 1024;

/// Lower-case primary subtag: "fr-FR" and "FR" are "fr".
pub fn normalize_lang(code: &str) -> String {
    code.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// `code`, normalised, if it is one of `known` (any code when `known` is empty);
/// otherwise a message naming the allowed codes.
pub fn check_lang(code: &str, known: &[String]) -> Result<String, String> {
    let norm = normalize_lang(code);
    if known.is_empty() || known.iter().any(|k| normalize_lang(k) == norm) {
        Ok(norm)
    } else {
        Err(format!(
            "unknown language \"{}\": expected one of {}",
            code.trim(),
            known.join(", ")
        ))
    }
}

/// ISO 639-1 code to whatlang's language, for the languages figcheck may have packs for.
fn to_whatlang(code: &str) -> Option<Lang> {
    let three = match normalize_lang(code).as_str() {
        "en" => "eng",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "nl" => "nld",
        "zh" => "cmn",
        "ja" => "jpn",
        "ko" => "kor",
        "ru" => "rus",
        "ar" => "ara",
        _ => return None,
    };
    Lang::from_code(three)
}

/// The language of `body` among `known`, with the detector's confidence, when the
/// detector is sure; `None` when it is not (too short, mixed) or no known language can
/// be detected.
pub fn detect_lang(body: &str, known: &[String]) -> Option<(String, f64)> {
    let pairs: Vec<(String, Lang)> = known
        .iter()
        .filter_map(|k| Some((normalize_lang(k), to_whatlang(k)?)))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let mut end = body.len().min(DETECT_BYTES);
    while end > 0 && !body.is_char_boundary(end) {
        end -= 1;
    }
    let sample = body.get(..end)?;
    let detector = Detector::with_allowlist(pairs.iter().map(|(_, l)| *l).collect());
    let info = detector.detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    pairs
        .iter()
        .find(|(_, l)| *l == info.lang())
        .map(|(code, _)| (code.clone(), info.confidence()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        vec!["en".into(), "fr".into()]
    }

    #[test]
    fn normalises_codes() {
        assert_eq!(normalize_lang(" FR-fr "), "fr");
        assert_eq!(normalize_lang("en_US"), "en");
        assert_eq!(normalize_lang(""), "");
    }

    #[test]
    fn checks_codes_against_known() {
        assert_eq!(check_lang("EN", &known()), Ok("en".into()));
        let err = check_lang("xx", &known()).unwrap_err();
        assert!(err.contains("en, fr"), "{err}");
        assert_eq!(check_lang("xx", &[]), Ok("xx".into()));
    }

    #[test]
    fn detects_french_and_english() {
        let fr = "Le groupe a annoncé jeudi un plan d'investissement de plusieurs \
                  milliards pour ses centres de données et son intelligence artificielle.";
        let en = "The group announced on Thursday a plan to invest several billion \
                  dollars in its data centres and in artificial intelligence.";
        assert_eq!(detect_lang(fr, &known()).map(|x| x.0), Some("fr".into()));
        assert_eq!(detect_lang(en, &known()).map(|x| x.0), Some("en".into()));
        assert_eq!(detect_lang("", &known()), None);
        assert_eq!(detect_lang(fr, &["xx".to_string()]), None);
    }
}
