//! Language codes: normalising and checking what users write, and detecting the
//! language of a body with whatlang, among every language whatlang knows (not only the
//! ones with rule packs: a German text is detected as German, never read as English).

use whatlang::{Detector, Lang};

/// Detection reads at most this many bytes of a body: enough to be sure, and it keeps
/// detection cheap on very long texts.
const DETECT_BYTES: usize = 8 * 1024;

/// ISO 639-1 codes and whatlang's ISO 639-3 codes, for every language whatlang detects.
const CODES: [(&str, &str); 70] = [
    ("af", "afr"),
    ("ak", "aka"),
    ("am", "amh"),
    ("ar", "ara"),
    ("az", "aze"),
    ("be", "bel"),
    ("bg", "bul"),
    ("bn", "ben"),
    ("ca", "cat"),
    ("cs", "ces"),
    ("cy", "cym"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("en", "eng"),
    ("eo", "epo"),
    ("es", "spa"),
    ("et", "est"),
    ("fa", "pes"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("gu", "guj"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("hy", "hye"),
    ("id", "ind"),
    ("it", "ita"),
    ("ja", "jpn"),
    ("jv", "jav"),
    ("ka", "kat"),
    ("km", "khm"),
    ("kn", "kan"),
    ("ko", "kor"),
    ("la", "lat"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mkd"),
    ("ml", "mal"),
    ("mr", "mar"),
    ("my", "mya"),
    ("nb", "nob"),
    ("ne", "nep"),
    ("nl", "nld"),
    ("or", "ori"),
    ("pa", "pan"),
    ("pl", "pol"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("si", "sin"),
    ("sk", "slk"),
    ("sl", "slv"),
    ("sn", "sna"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("ta", "tam"),
    ("te", "tel"),
    ("th", "tha"),
    ("tk", "tuk"),
    ("tl", "tgl"),
    ("tr", "tur"),
    ("uk", "ukr"),
    ("ur", "urd"),
    ("uz", "uzb"),
    ("vi", "vie"),
    ("yi", "yid"),
    ("zh", "cmn"),
    ("zu", "zul"),
];

/// Lower-case primary subtag: "fr-FR" and "FR" are "fr".
pub fn normalize_lang(code: &str) -> String {
    code.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether `code` names a language figcheck can detect ("de", "nl", "zh-CN"...), with
/// or without a rule pack.
pub fn is_language(code: &str) -> bool {
    to_whatlang(code).is_some()
}

/// `code`, normalised, if it is one of `known` (any code when `known` is empty) or a
/// language figcheck can detect (a source in a language without a pack is reported as
/// not checked); otherwise a message naming the languages with rules.
pub fn check_lang(code: &str, known: &[String]) -> Result<String, String> {
    let norm = normalize_lang(code);
    if known.is_empty() || known.iter().any(|k| normalize_lang(k) == norm) || is_language(&norm) {
        Ok(norm)
    } else {
        Err(format!(
            "unknown language \"{}\": expected one of {} (or another ISO 639-1 code)",
            code.trim(),
            known.join(", ")
        ))
    }
}

/// ISO 639-1 code (or whatlang's own 639-3 code) to whatlang's language.
fn to_whatlang(code: &str) -> Option<Lang> {
    let norm = normalize_lang(code);
    let norm = if norm == "no" { "nb".to_string() } else { norm };
    CODES
        .iter()
        .find(|(two, three)| *two == norm || *three == norm)
        .and_then(|(_, three)| Lang::from_code(*three))
}

/// whatlang's language to its ISO 639-1 code.
fn from_whatlang(lang: Lang) -> String {
    let three = lang.code();
    CODES
        .iter()
        .find(|(_, t)| *t == three)
        .map_or(three, |(two, _)| two)
        .to_string()
}

/// The language of `body` among all the languages whatlang knows, as an ISO 639-1 code,
/// with the detector's confidence, when the detector is sure; `None` when it is not
/// (too short, mixed). The answer may be a language without a rule pack: the caller
/// says so rather than read the text with another language's rules.
///
/// Close languages make the detector unsure among all of them (Dutch and Afrikaans,
/// Spanish and Catalan...), so when it is, the question asked is narrower: is the text
/// in its best guess rather than in one of `known` (the languages with packs)? A sure
/// answer to that is kept.
pub fn detect_lang(body: &str, known: &[String]) -> Option<(String, f64)> {
    let mut end = body.len().min(DETECT_BYTES);
    while end > 0 && !body.is_char_boundary(end) {
        end -= 1;
    }
    let sample = body.get(..end)?;
    let info = Detector::new().detect(sample)?;
    if info.is_reliable() {
        return Some((from_whatlang(info.lang()), info.confidence()));
    }
    let mut allow: Vec<Lang> = known.iter().filter_map(|k| to_whatlang(k)).collect();
    if !allow.contains(&info.lang()) {
        allow.push(info.lang());
    }
    let narrow = Detector::with_allowlist(allow).detect(sample)?;
    if !narrow.is_reliable() {
        return None;
    }
    Some((from_whatlang(narrow.lang()), narrow.confidence()))
}

/// Where a long body turns to another language: the first of three samples past its
/// start (at a quarter, a half and three quarters of it, 8 KB each, as detection
/// reads) that reads reliably as a language of `known` other than `lang`, with the
/// sample's byte offset in `body`. A body shorter than two samples is not sampled. A file holding
/// two languages is read with one language's rules throughout, and scale words differ
/// between them ("billion" is 10^9 in English and 10^12 in French).
pub fn other_lang_in(body: &str, lang: &str, known: &[String]) -> Option<(String, usize)> {
    if body.len() < 2 * DETECT_BYTES {
        return None;
    }
    (1..=3).find_map(|quarter| {
        let mut at = body.len() / 4 * quarter;
        while at > 0 && !body.is_char_boundary(at) {
            at -= 1;
        }
        let rest = body.get(at..)?;
        let mut end = rest.len().min(DETECT_BYTES);
        while end > 0 && !rest.is_char_boundary(end) {
            end -= 1;
        }
        let info = Detector::new().detect(rest.get(..end)?)?;
        let other = from_whatlang(info.lang());
        (info.is_reliable() && other != lang && known.contains(&other)).then_some((other, at))
    })
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
        // a language without a pack is a language, not a typo
        assert_eq!(check_lang("nl-NL", &known()), Ok("nl".into()));
    }

    #[test]
    fn every_code_maps_both_ways() {
        for (two, three) in CODES {
            let l = to_whatlang(two).unwrap();
            assert_eq!(l.code(), three);
            assert_eq!(from_whatlang(l), two);
        }
        assert_eq!(CODES.len(), Lang::all().len());
    }

    /// A long French body whose second half is English is found out there; a
    /// long body in one language, a short mixed one, or a language without a pack is not.
    #[test]
    fn finds_where_a_long_body_turns_to_another_language() {
        let fr = "Le groupe a annoncé jeudi un plan d'investissement de plusieurs milliards \
                  pour ses centres de données et son intelligence artificielle. ";
        let en = "The group announced on Thursday a plan to invest several billion dollars \
                  in its data centres and its artificial intelligence work. ";
        let nl = "De groep kondigde donderdag een plan aan om enkele miljarden te investeren \
                  in zijn datacentra en zijn werk aan kunstmatige intelligentie. ";
        let half = 200;
        let mixed = fr.repeat(half) + &en.repeat(half);
        let (other, at) = other_lang_in(&mixed, "fr", &known()).unwrap();
        assert_eq!(other, "en");
        // a sample that starts in the English half, or a little before it
        assert!(
            at + DETECT_BYTES > fr.len() * half && at < mixed.len(),
            "{at}"
        );
        assert_eq!(other_lang_in(&fr.repeat(2 * half), "fr", &known()), None);
        assert_eq!(
            other_lang_in(&(fr.repeat(40) + &en.repeat(40)), "fr", &known()),
            None
        );
        let dutch = fr.repeat(half) + &nl.repeat(half);
        assert_eq!(other_lang_in(&dutch, "fr", &known()), None);
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
    }

    #[test]
    fn detects_languages_without_packs() {
        let nl = "Het bedrijf kondigde donderdag aan dat het de komende drie jaar \
                  miljarden euro wil investeren in datacenters en kunstmatige intelligentie.";
        let it = "Il gruppo ha annunciato giovedì che investirà diversi miliardi di euro \
                  nei prossimi tre anni nei centri dati e nell'intelligenza artificiale.";
        assert_eq!(detect_lang(nl, &known()).map(|x| x.0), Some("nl".into()));
        assert_eq!(detect_lang(it, &known()).map(|x| x.0), Some("it".into()));
    }
}
