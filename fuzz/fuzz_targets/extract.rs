//! The extractor on arbitrary bytes with the bundled packs, read as figcheck reads a
//! file. The first byte chooses the file kind (.txt, .md, .html), the language
//! (`--lang` of each bundled language, or detection) and the UTF-8 policy (strict or
//! lossy); the rest is the file. Invariants: a valid UTF-8 file's text is its bytes;
//! reading twice gives the same result; extracting in pieces (a long source's path, cut
//! here into 3 to 7 pieces) gives the mentions of one scan; every mention holds the
//! mention invariants of `check_mentions` (offsets, text, line:column into the file,
//! bounds).
#![no_main]

use figcheck::extract::{extract_mentions, extract_mentions_in_pieces};
use figcheck::source::{source_from_bytes, LoadOptions};
use figcheck_fuzz::{bundled, check_location, check_mentions, Lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let rules = bundled();
    let langs = rules.languages();
    let name = match sel % 3 {
        0 => "a.txt",
        1 => "a.md",
        _ => "a.html",
    };
    let lang = match usize::from(sel / 3) % (langs.len() + 1) {
        0 => None,
        i => langs.get(i - 1).cloned(),
    };
    let opts = LoadOptions {
        lang,
        lossy: sel & 0x80 != 0,
        known_langs: langs.clone(),
        ..LoadOptions::default()
    };
    let first = source_from_bytes(name, bytes.to_vec(), &opts);
    let again = source_from_bytes(name, bytes.to_vec(), &opts);
    assert_eq!(
        format!("{first:?}"),
        format!("{again:?}"),
        "reading is not deterministic"
    );
    let source = match first {
        Ok(s) => s,
        Err(e) => {
            if let (Some(loc), Ok(text)) = (&e.location, std::str::from_utf8(bytes)) {
                check_location(loc, text, Lines::Any);
            }
            return;
        }
    };
    if std::str::from_utf8(bytes).is_ok() {
        assert_eq!(
            source.position_text().as_bytes(),
            bytes,
            "the file's text is not its bytes"
        );
    }
    let mentions = extract_mentions(rules, &source);
    // 3 to 7 pieces, cut at places that move with the input's length (pieces of a few
    // bytes each would make every run spawn hundreds of scans: 10x fewer executions).
    let chunk = (bytes.len() / (3 + bytes.len() % 5)).max(1);
    assert_eq!(
        mentions,
        extract_mentions_in_pieces(rules, &source, chunk),
        "extraction in pieces of {chunk} bytes is not one scan's"
    );
    check_mentions(&source, &mentions);
});
