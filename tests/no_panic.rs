//! No panic on any input: seeded fuzz-style tests over extraction (random texts built
//! from the pieces figures are made of) and over rule loading (mutated rule packs).
//! Deterministic: a fixed seed, a hand-written xorshift.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use figcheck::extract::extract_mentions;
use figcheck::rules::RuleSet;
use figcheck::source::Source;
use std::path::{Path, PathBuf};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The pieces figures are made of, and what surrounds them.
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "9",
    "12",
    "380",
    "1 120",
    "52,4",
    "52.4",
    " ",
    "\u{A0}",
    "\u{202F}",
    ",",
    ".",
    "-",
    "–",
    "%",
    "$",
    "US$",
    "HK$",
    "€",
    "¥",
    "£",
    "CNY",
    "RMB",
    "USD",
    "bn",
    "b",
    "B",
    "M",
    "Md",
    "Mds",
    "k",
    "G",
    "milliard",
    "milliards",
    "billion",
    "trillion",
    "million",
    "de ",
    "d'",
    "d’",
    "'",
    "’",
    "dollars",
    "euros",
    "yuans",
    "yen",
    "paramètres",
    "parameters",
    "-billion-parameter",
    "QwQ-",
    "Llama 3.1 ",
    "plus de ",
    "more than ",
    "près de ",
    "nearly ",
    "entre ",
    " et ",
    "between ",
    " and ",
    "vingt",
    "twenty",
    "cent",
    "\n",
    "\r\n",
    "é",
    "日本",
    "亿",
    "🙂",
    "\u{0301}",
    "\u{FEFF}",
    "_",
    "(",
    ")",
    "\t",
];

fn random_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    match rng.below(4) {
        // Raw bytes, decoded lossily: any UTF-8 text can reach the extractor.
        0 => {
            let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            s.push_str(&String::from_utf8_lossy(&bytes));
        }
        // A very long digit run with separators and a unit.
        1 => {
            s.push_str(rng.pick(&["plus de ", "$", "", "entre "]));
            for i in 0..400 {
                s.push(char::from(b'0' + (i % 10) as u8));
                if rng.below(50) == 0 {
                    s.push_str(rng.pick(&[" ", "\u{A0}", "\u{202F}", ",", "."]));
                }
            }
            s.push_str(rng.pick(&[" milliards de dollars", "bn", " billion parameters", "%"]));
        }
        _ => {
            for _ in 0..rng.below(60) {
                s.push_str(rng.pick(PIECES));
            }
        }
    }
    s
}

fn check_mentions(rules: &RuleSet, text: &str, lang: &str) {
    let source = Source::from_text("fuzz.txt", text, lang);
    for m in extract_mentions(rules, &source) {
        let (a, b) = (m.span.start, m.span.end);
        assert!(a < b, "empty span {a}..{b} in {text:?}");
        assert!(b <= text.len(), "span past the end in {text:?}");
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "span {a}..{b} not on char boundaries in {text:?}"
        );
        assert_eq!(m.text, &text[a..b], "mention text differs from its span");
    }
}

#[test]
fn extraction_never_panics_and_spans_are_sound() {
    let rules = RuleSet::bundled().expect("bundled rules load");
    let mut rng = Rng(0x5EED_F1C0_0001);
    for _ in 0..1000 {
        let text = random_text(&mut rng);
        for lang in ["fr", "en", "de"] {
            check_mentions(&rules, &text, lang);
        }
    }
}

/// Tokens that break TOML, regexes or placeholders.
const INSERTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "=",
    "\n",
    "\\",
    "{nombre}",
    "{number}",
    "{number:hi}",
    "{scale:lo}",
    "{currency}{currency}",
    "{sp}*",
    "{",
    "(?P<model>",
    "(?P<",
    "(",
    ")",
    "(?i:",
    "*",
    "+?",
    "{1,",
    "\\b",
    "\\p{Foo}",
    "é",
    "\u{202F}",
    "[[pattern]]\n",
    "[numbers]\n",
    "kind = \"moneys\"\n",
    "code = \"XYZ\"\n",
    "value = \"-1\"\n",
    "\u{0}",
];

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut b = original.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 => b.truncate(at),
            1 if !b.is_empty() => {
                let j = rng.below(b.len());
                let i = at.min(b.len() - 1);
                b.swap(i, j);
            }
            2 => {
                let bad = rng.pick(&["(", "[a-", "x{2,1}", "(?P<a>x)(?P<a>y)", "\\q", ")"]);
                let line = format!("\n[[pattern]]\nname = \"fuzz\"\nkind = \"money\"\nregex = '{bad}{{number}}'\nexamples = [{{ text = \"1 $\", value = \"1\" }}]\n");
                b.extend_from_slice(line.as_bytes());
            }
            _ => {
                let ins = rng.pick(INSERTS).as_bytes();
                let at = at.min(b.len());
                b.splice(at..at, ins.iter().copied());
            }
        }
    }
    b
}

fn pack_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn loading_mutated_rule_packs_never_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let packs: Vec<Vec<(PathBuf, Vec<u8>)>> = ["common", "fr", "en"]
        .iter()
        .map(|p| pack_files(&root.join(p)))
        .collect();
    let mut rng = Rng(0x5EED_F1C0_0002);
    let (mut ok, mut err) = (0, 0);
    for _ in 0..30 {
        let tmp = tempfile::tempdir().unwrap();
        let pack = &packs[rng.below(packs.len())];
        let dir = tmp.path().join("pack");
        std::fs::create_dir(&dir).unwrap();
        // The manifest and one other file; one of them mutated.
        let manifest = pack.iter().find(|(p, _)| p.ends_with("pack.toml")).unwrap();
        let others: Vec<_> = pack
            .iter()
            .filter(|(p, _)| !p.ends_with("pack.toml"))
            .collect();
        let other = others[rng.below(others.len())];
        let mutate_manifest = rng.below(5) == 0;
        for (i, (path, bytes)) in [manifest, other].into_iter().enumerate() {
            let bytes = if (i == 0) == mutate_manifest {
                mutate(&mut rng, bytes)
            } else {
                bytes.clone()
            };
            std::fs::write(dir.join(path.file_name().unwrap()), bytes).unwrap();
        }
        match RuleSet::load(&[dir], false) {
            Ok(_) => ok += 1,
            Err(e) => {
                assert!(!e.0.is_empty(), "an error result with no error");
                for e in &e.0 {
                    assert!(!e.to_string().is_empty());
                }
                err += 1;
            }
        }
    }
    assert!(err > 0, "no mutation produced an error ({ok} loaded)");
}
