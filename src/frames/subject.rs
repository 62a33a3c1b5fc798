//! Who a figure is about: the names of the ledger's entities (grouped: names that one
//! fact lists together are one entity), references back to the article's subject ("la
//! start-up", "the company", "its"), other capitalised names (a rival, a regulator), and
//! the document's subject (the entity the headline, the lead and most mentions name).

use crate::facts::FactSet;
use crate::text::Span;
use regex::Regex;
use std::collections::BTreeMap;

/// The ledger's entities: names grouped so that aliases are one entity.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    /// Each entity's names, the first one used for display.
    pub groups: Vec<Vec<String>>,
    /// Lower-case name → entity.
    by_name: BTreeMap<String, usize>,
    /// Every name, whole words, case-insensitive, longest first.
    regex: Option<Regex>,
    /// Per entity: whether it has money facts, parameter facts.
    kinds: Vec<(bool, bool)>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = gp;
        }
        x = gp;
    }
    x
}

impl EntityIndex {
    /// Group the entity names of every fact.
    pub fn new(facts: &FactSet) -> Self {
        let mut names: Vec<String> = Vec::new();
        let mut name_kinds: Vec<(bool, bool)> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut parent: Vec<usize> = Vec::new();
        for f in facts.facts.values() {
            let mut first: Option<usize> = None;
            for n in &f.entities {
                let key = n.to_lowercase();
                let i = *index.entry(key).or_insert_with(|| {
                    names.push(n.clone());
                    name_kinds.push((false, false));
                    parent.push(parent.len());
                    parent.len() - 1
                });
                if let Some(k) = name_kinds.get_mut(i) {
                    match f.kind {
                        crate::facts::FactKind::Money => k.0 = true,
                        crate::facts::FactKind::Parameters => k.1 = true,
                    }
                }
                match first {
                    None => first = Some(i),
                    Some(a) => {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, i));
                        if let Some(slot) = parent.get_mut(rb) {
                            *slot = ra;
                        }
                    }
                }
            }
        }
        let mut root_to_group: BTreeMap<usize, usize> = BTreeMap::new();
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut by_name = BTreeMap::new();
        let mut kinds: Vec<(bool, bool)> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let r = find(&mut parent, i);
            let g = *root_to_group.entry(r).or_insert_with(|| {
                groups.push(Vec::new());
                kinds.push((false, false));
                groups.len() - 1
            });
            if let Some(v) = groups.get_mut(g) {
                v.push(n.clone());
            }
            if let (Some(k), Some(nk)) = (kinds.get_mut(g), name_kinds.get(i)) {
                k.0 |= nk.0;
                k.1 |= nk.1;
            }
            by_name.insert(n.to_lowercase(), g);
        }
        let mut all = names.clone();
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let regex = crate::facts::compile::words_regex(&all).ok().flatten();
        EntityIndex {
            groups,
            by_name,
            regex,
            kinds,
        }
    }

    /// The entity a name belongs to.
    pub fn group_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    /// Whether an entity has facts of money (`money`) or of parameters (`!money`).
    pub fn has_kind(&self, group: usize, money: bool) -> bool {
        self.kinds
            .get(group)
            .is_some_and(|(m, p)| if money { *m } else { *p })
    }

    /// The display name of an entity.
    pub fn display(&self, group: usize) -> &str {
        self.groups
            .get(group)
            .and_then(|g| g.first())
            .map_or("", String::as_str)
    }

    /// Whole-word occurrences of the names in `text[from..to]`, with their entity.
    pub fn occurrences(&self, text: &str, from: usize, to: usize) -> Vec<(Span, usize)> {
        let Some(re) = &self.regex else {
            return Vec::new();
        };
        let Some(slice) = text.get(from..to) else {
            return Vec::new();
        };
        re.find_iter(slice)
            .filter(|m| {
                let before = slice.get(..m.start()).and_then(|s| s.chars().next_back());
                let after = slice.get(m.end()..).and_then(|s| s.chars().next());
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .filter_map(|m| {
                self.group_of(m.as_str())
                    .map(|g| (Span::new(from + m.start(), from + m.end()), g))
            })
            .collect()
    }
}

/// The entity most of the article is about: headline mentions count 3, the lead's 2,
/// the rest 1; the first mentioned wins a tie. None when no ledger name occurs.
/// Only entities `keep` accepts count (those with money facts, for a money figure: "le
/// groupe" is a company, not a model).
pub fn document_subject(
    headline_hits: &[(Span, usize)],
    body_hits: &[(Span, usize)],
    lead: Option<Span>,
    keep: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let mut weight: BTreeMap<usize, (usize, usize)> = BTreeMap::new(); // group -> (weight, first)
    for (i, (_, g)) in headline_hits
        .iter()
        .enumerate()
        .filter(|(_, (_, g))| keep(*g))
    {
        let e = weight.entry(*g).or_insert((0, i));
        e.0 += 3;
    }
    for (i, (s, g)) in body_hits.iter().enumerate().filter(|(_, (_, g))| keep(*g)) {
        let w = if lead.is_some_and(|l| s.start >= l.start && s.end <= l.end) {
            2
        } else {
            1
        };
        let e = weight.entry(*g).or_insert((0, headline_hits.len() + i));
        e.0 += w;
    }
    weight
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(g, _)| g)
}
