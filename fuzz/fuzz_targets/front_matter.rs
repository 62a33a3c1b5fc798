//! Front matter (YAML `---` and TOML `+++`), as read from Markdown and from text files.
//! Invariants: same result twice; the body starts on a character boundary inside the
//! text; errors point into the text; a block that the content-based reader (text files)
//! recognises is read exactly as the Markdown reader reads it, errors included.
#![no_main]

use figcheck::source::front_matter::{read_front_matter, read_front_matter_by_content};
use figcheck_fuzz::{check_location, Lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let known = ["en".to_string(), "fr".to_string()];
    for langs in [&known[..], &[]] {
        let md = read_front_matter(text, "a.md", langs);
        assert_eq!(
            md,
            read_front_matter(text, "a.md", langs),
            "not deterministic"
        );
        let txt = read_front_matter_by_content(text, "a.md", langs);
        assert_eq!(
            txt,
            read_front_matter_by_content(text, "a.md", langs),
            "not deterministic"
        );
        for r in [&md, &txt] {
            match r {
                Ok(Some(fm)) => {
                    assert!(fm.body_start <= text.len(), "{fm:?}");
                    assert!(text.is_char_boundary(fm.body_start), "{fm:?}");
                }
                Ok(None) => {}
                Err(e) => {
                    if let Some(loc) = &e.location {
                        check_location(loc, text, Lines::Any);
                    }
                }
            }
        }
        if !matches!(txt, Ok(None)) {
            assert_eq!(md, txt, "the two readers disagree on a recognised block");
        }
    }
});
