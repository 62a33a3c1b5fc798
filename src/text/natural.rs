//! Natural order for paths: digit runs compare as numbers, so `p2.md` comes before
//! `p10.md` (as a file manager lists them). A total order: names equal as numbers
//! ("p02", "p2") fall back to plain byte order.

use std::cmp::Ordering;

fn digit_run(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// Compare two strings in natural order.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (nx, rx) = digit_run(x);
                let (ny, ry) = digit_run(y);
                let (tx, ty) = (nx.trim_start_matches('0'), ny.trim_start_matches('0'));
                let o = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
                if o != Ordering::Equal {
                    return o;
                }
                x = rx;
                y = ry;
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x = x.get(c.len_utf8()..).unwrap_or_default();
                y = y.get(d.len_utf8()..).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_compare_as_numbers() {
        let mut v = vec![
            "p10.md", "p2.md", "p1.md", "a/p20.md", "a/p3.md", "p02.md", "q.md", "p.md",
        ];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            vec!["a/p3.md", "a/p20.md", "p.md", "p1.md", "p02.md", "p2.md", "p10.md", "q.md"]
        );
        assert_eq!(natural_cmp("2025-02-24-a", "2025-02-24-b"), Ordering::Less);
        assert_eq!(natural_cmp("", ""), Ordering::Equal);
        assert_eq!(
            natural_cmp("x99999999999999999999999", "x100000000000000000000000"),
            Ordering::Less
        );
        assert_eq!(natural_cmp("é2", "é10"), Ordering::Less);
    }
}
