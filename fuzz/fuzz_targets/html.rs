//! HTML input: the visible text and the map back into the file. Invariants: same result
//! twice; every character of the text maps to a character boundary of the file, in
//! order; an ASCII letter or digit of the text is that byte of the file, or comes from
//! a character reference ('&'); the headline span is inside the text on boundaries.
#![no_main]

use figcheck::source::html::read_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = std::str::from_utf8(data) else {
        return;
    };
    let h = read_html(file);
    assert_eq!(
        format!("{h:?}"),
        format!("{:?}", read_html(file)),
        "not deterministic"
    );
    let mut prev = 0;
    for (i, c) in h.text.char_indices() {
        let at = h.map.to_file(i);
        assert!(
            at <= file.len(),
            "text offset {i} maps past the file ({at})"
        );
        assert!(
            file.is_char_boundary(at),
            "text offset {i} maps off a boundary ({at})"
        );
        assert!(
            at >= prev,
            "text offset {i} maps before the previous character"
        );
        prev = at;
        if c.is_ascii_alphanumeric() {
            let b = file.as_bytes().get(at).copied();
            assert!(
                b == Some(c as u8) || b == Some(b'&'),
                "text {c:?} at {i} maps to file byte {:?} at {at}",
                b.map(char::from)
            );
        }
    }
    if let Some(s) = h.headline_span {
        assert!(s.start <= s.end && s.end <= h.text.len(), "{s:?}");
        assert!(h.text.is_char_boundary(s.start) && h.text.is_char_boundary(s.end));
    }
});
