//! A deterministic generator of news-like text in French and English, for benchmarks.
//!
//! The sentences are written for this generator; the figures use every format the
//! bundled rules read ("380 milliards de yuans", "1\u{202F}120 milliards de dollars",
//! "$52.4bn", "US$53b", "CNY380 billion", "HK$10 billion", "671B parameters",
//! "QwQ-32B", ranges, spelled numbers, elided units) mixed with distractors that must
//! not be read as figures (percentages, years, dates, counts of users).

/// A tiny xorshift64* generator: deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed odd constant).
    pub fn new(seed: u64) -> Self {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One item of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// The language of generated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The code figcheck uses.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

const COMPANIES: &[&str] = &[
    "Nordvale",
    "Kestrel Data",
    "Huang Tech",
    "Brisa Cloud",
    "Arbor Systems",
    "Lumen Nine",
    "Tessaract",
    "Orcana",
    "Pemberly AI",
    "Zhilan Group",
];
const MODELS: &[&str] = &[
    "QwQ-32B",
    "Llama 3.1 405B",
    "Qwen2.5-72B",
    "Mistral 7B",
    "Falcon-40B",
    "Yi-34B",
];
const SEPARATORS: &[&str] = &[" ", "\u{A0}", "\u{202F}"];

/// A number as a journalist writes it: small integer, decimal, or grouped thousands.
fn number(rng: &mut Rng, lang: Lang) -> String {
    let dec = if lang == Lang::Fr { "," } else { "." };
    match rng.below(10) {
        0..=4 => (1 + rng.below(999)).to_string(),
        5..=7 => format!("{}{dec}{}", 1 + rng.below(99), rng.below(10)),
        _ => {
            let sep = match lang {
                Lang::Fr => rng.pick(SEPARATORS),
                Lang::En => ",",
            };
            format!("{}{sep}{:03}", 1 + rng.below(9), rng.below(1000))
        }
    }
}

fn figure_fr(rng: &mut Rng) -> String {
    let n = number(rng, Lang::Fr);
    let scale = rng.pick(&["milliards", "millions", "milliard", "Md", "Mds"]);
    let qual = rng.pick(&[
        "",
        "",
        "plus de ",
        "près de ",
        "environ ",
        "jusqu'à ",
        "moins de ",
    ]);
    match rng.below(12) {
        0 => format!("{qual}{n} {scale} de yuans"),
        1 => format!("{qual}{n} {scale} de dollars"),
        2 => format!("{qual}{n} {scale} d’euros"),
        3 => format!("{qual}{n} milliards d'euros"),
        4 => format!("{n} Md$"),
        5 => format!("{n} Mds €"),
        6 => format!("HK${n} milliards"),
        7 => format!("US${n} milliards"),
        8 => {
            let hi = 10 + rng.below(90);
            format!("entre {} et {hi} milliards de dollars", 1 + rng.below(9))
        }
        9 => format!("{qual}{n} milliards de paramètres"),
        10 => rng.pick(MODELS).to_string(),
        _ => rng
            .pick(&[
                "vingt milliards de paramètres",
                "cinquante milliards de dollars",
                "trois millions d'euros",
            ])
            .to_string(),
    }
}

fn figure_en(rng: &mut Rng) -> String {
    let n = number(rng, Lang::En);
    let qual = rng.pick(&["", "", "more than ", "nearly ", "about ", "up to ", "over "]);
    match rng.below(13) {
        0 => format!("{qual}${}.{}bn", 1 + rng.below(99), rng.below(10)),
        1 => format!("{qual}US${}b", 1 + rng.below(99)),
        2 => format!("CNY{} billion", 1 + rng.below(999)),
        3 => format!("HK${n} billion"),
        4 => format!("RMB {n} billion"),
        5 => format!("{qual}{n} billion yuan"),
        6 => format!("{qual}{n} million euros"),
        7 => format!("${n}"),
        8 => format!(
            "between ${} billion and ${} billion",
            1 + rng.below(9),
            10 + rng.below(90)
        ),
        9 => format!("{}B parameters", 1 + rng.below(999)),
        10 => format!("a {}-billion-parameter model", 1 + rng.below(999)),
        11 => rng.pick(MODELS).to_string(),
        _ => rng
            .pick(&[
                "twenty billion dollars",
                "a million euros",
                "nine billion parameters",
            ])
            .to_string(),
    }
}

fn distractor_fr(rng: &mut Rng) -> String {
    match rng.below(7) {
        0 => format!("{},{} %", rng.below(40), rng.below(10)),
        1 => format!("en {}", 1990 + rng.below(40)),
        2 => format!("le {} mars {}", 1 + rng.below(28), 2000 + rng.below(30)),
        3 => format!("{} milliards d'utilisateurs", 1 + rng.below(9)),
        4 => format!("de {} à {}", 2010 + rng.below(10), 2020 + rng.below(10)),
        5 => format!("la saison {}-{}", 2024, 2025),
        _ => format!("{} salariés", 100 + rng.below(90_000)),
    }
}

fn distractor_en(rng: &mut Rng) -> String {
    match rng.below(7) {
        0 => format!("{}.{}%", rng.below(40), rng.below(10)),
        1 => format!("in {}", 1990 + rng.below(40)),
        2 => format!("on March {}, {}", 1 + rng.below(28), 2000 + rng.below(30)),
        3 => format!("{} billion users", 1 + rng.below(9)),
        4 => format!("version {}.{}", rng.below(5), rng.below(10)),
        5 => format!("{} million downloads", 1 + rng.below(90)),
        _ => format!("{} employees", 100 + rng.below(90_000)),
    }
}

/// Sentences with `@C` (a company), `@F` (a figure) and `@D` (a distractor).
const FR: &[&str] = &[
    "@C a annoncé un programme de @F sur trois ans pour ses centres de données.",
    "Selon la direction de @C, l'enveloppe atteindra @F, contre @D l'an passé.",
    "Les analystes jugent ce chiffre prudent, @D, alors que le titre a reculé.",
    "Le nouveau modèle de @C compte @F et rivalise avec @F selon ses auteurs.",
    "Le conseil d'administration s'est réuni @D pour valider le budget.",
    "Cette somme, @F, représente plus que les dépenses cumulées depuis @D.",
    "La filiale cloud de @C vise une croissance à deux chiffres, @D.",
    "@C prévoit @F de dépenses, contre 13 milliards en 2023.",
    "Les régulateurs européens ont infligé une amende de @F au groupe @C.",
    "Les ingénieurs affirment que leur système fonctionne avec seulement @F.",
    "Rien ne permet encore de dire si ces investissements seront rentables.",
    "Le marché a salué l'annonce : l'action a gagné @D en séance.",
];
const EN: &[&str] = &[
    "@C said it would spend @F over the next three years on data centres.",
    "The plan, worth @F, dwarfs the @F it committed @D.",
    "Analysts called the target ambitious, noting that shares fell @D.",
    "The new model from @C, @F, was trained on a cluster of its own chips.",
    "Regulators fined @C @F after a two-year inquiry that began @D.",
    "Its cloud unit grew @D, while spending rose to @F.",
    "@C raised @F from investors, valuing the start-up at @F.",
    "The company reported @D and said margins would recover.",
    "Engineers claim the system matches rivals with just @F.",
    "None of this guarantees that the spending will pay off.",
    "The board met @D to approve a budget of @F.",
    "Rival labs have released @F and @F in recent months.",
];

/// Sentences with no figure, the bulk of an article.
const FR_PROSE: &[&str] = &[
    "Le groupe mise sur l'intelligence artificielle pour relancer sa croissance.",
    "Plusieurs concurrents ont réagi en présentant leurs propres outils dans la foulée.",
    "La concurrence s'intensifie entre les géants du numérique, en Chine comme aux États-Unis.",
    "Les investisseurs restent prudents face à la multiplication des annonces.",
    "Le patron de l'entreprise a défendu cette stratégie lors d'une conférence téléphonique.",
    "Des experts s'interrogent sur la consommation d'énergie de ces nouveaux centres.",
    "Le gouvernement a indiqué qu'il suivrait le dossier de près.",
    "Cette décision intervient après des mois de tensions commerciales.",
    "Les chercheurs ont publié leurs travaux en accès libre, une rareté dans le secteur.",
    "Interrogée, la société n'a pas souhaité commenter ces informations.",
];
const EN_PROSE: &[&str] = &[
    "The group is betting on artificial intelligence to revive its growth.",
    "Several rivals responded by unveiling tools of their own within days.",
    "Competition between the largest technology firms keeps getting fiercer.",
    "Investors remain cautious as announcements pile up across the industry.",
    "The chief executive defended the strategy on a call with analysts.",
    "Experts have questioned how much electricity the new sites will draw.",
    "Officials said they would follow the matter closely.",
    "The decision comes after months of trade tensions.",
    "The researchers released their work openly, a rarity in the field.",
    "A spokesperson for the company declined to comment.",
];

/// One sentence, with its slots filled: a sentence with figures one time in
/// `1 + prose`, figure-free prose otherwise.
fn sentence(rng: &mut Rng, lang: Lang, prose: usize, out: &mut String) {
    if prose > 0 && rng.below(prose + 1) > 0 {
        let line = match lang {
            Lang::Fr => rng.pick(FR_PROSE),
            Lang::En => rng.pick(EN_PROSE),
        };
        out.push_str(line);
        return;
    }
    let template = match lang {
        Lang::Fr => rng.pick(FR),
        Lang::En => rng.pick(EN),
    };
    let mut rest = template;
    while let Some(at) = rest.find('@') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let slot = rest.get(at + 1..at + 2).unwrap_or("");
        rest = rest.get(at + 2..).unwrap_or("");
        match (slot, lang) {
            ("C", _) => out.push_str(rng.pick(COMPANIES)),
            ("F", Lang::Fr) => out.push_str(&figure_fr(rng)),
            ("F", Lang::En) => out.push_str(&figure_en(rng)),
            ("D", Lang::Fr) => out.push_str(&distractor_fr(rng)),
            ("D", Lang::En) => out.push_str(&distractor_en(rng)),
            _ => {}
        }
    }
    out.push_str(rest);
}

/// How many figure-free sentences come for one sentence with figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Density {
    /// About the density of real news articles (1 to 2 figures per KB).
    News,
    /// Figures in every sentence (about 10 per KB): a stress test of the per-match work.
    Dense,
}

impl Density {
    fn prose(self) -> usize {
        match self {
            Density::News => 5,
            Density::Dense => 0,
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Density::News => "news density",
            Density::Dense => "figure-dense",
        }
    }
}

/// About `size` bytes of paragraphs in `lang`, the same for the same seed.
pub fn generate(lang: Lang, size: usize, seed: u64, density: Density) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(size + 512);
    while out.len() < size {
        let sentences = 3 + rng.below(5);
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            sentence(&mut rng, lang, density.prose(), &mut out);
        }
        out.push_str("\n\n");
    }
    out
}
