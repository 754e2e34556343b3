//! Deterministic synthetic posts for load testing: `--synthetic N`.
//!
//! Posts are generated as source text (front matter and Markdown) and go through exactly the
//! same parsing, rendering and layout as real files, so the output has the real shape. A fixed
//! linear congruential generator stands in for a random-number crate: the point is variety
//! that is identical on every run, not statistical quality.

use frontera_wire::slug::slugify;

use crate::{date, post::SourceFile};

/// The newest synthetic post's day; posts go back from here, one or more per day.
pub const NEWEST_DAY: (i32, u8, u8) = (2026, 11, 27);

/// About twenty labels, most used first (picked with a skewed distribution, like real blogs).
const LABELS: [&str; 20] = [
    "Garita Vieja",
    "Crossing times",
    "Aduana",
    "Asylum",
    "Migración",
    "Puente Internacional",
    "Weather",
    "Trade",
    "Transporte",
    "Comunidad",
    "Salud",
    "Economía",
    "Security",
    "Water",
    "Agricultura",
    "Night shift",
    "Remesas",
    "Education",
    "Opinion",
    "Fotos",
];
const PLACES: [&str; 8] = [
    "Garita Vieja",
    "Puente Internacional",
    "El Chaparral",
    "Otay Mesa",
    "San Ysidro",
    "Paso del Norte",
    "Nogales",
    "Mesa de Otay",
];
const PEN_NAMES: [&str; 5] = [
    "La Lechuza",
    "El Coyote",
    "Marea Baja",
    "Don Nadie",
    "La Vigía",
];
const WORDS: [&str; 48] = [
    "line",
    "crossing",
    "morning",
    "agents",
    "cars",
    "trucks",
    "inspection",
    "lane",
    "hours",
    "families",
    "vendors",
    "bridge",
    "report",
    "wait",
    "border",
    "permit",
    "queue",
    "night",
    "la",
    "fila",
    "garita",
    "puente",
    "camiones",
    "familias",
    "espera",
    "horas",
    "mañana",
    "noche",
    "aduana",
    "vecinos",
    "reporte",
    "carril",
    "the",
    "and",
    "again",
    "slowly",
    "today",
    "after",
    "before",
    "under",
    "con",
    "sin",
    "para",
    "desde",
    "otra",
    "vez",
    "muy",
    "más",
];
const EVENTS: [&str; 6] = [
    "lanes close for inspections",
    "vendors return to the line",
    "la fila cruza la madrugada",
    "new permit rules confuse drivers",
    "reabren el carril peatonal",
    "rain floods the pedestrian lane",
];

/// Syllables of the made-up proper names (towns, people, businesses) that give the synthetic
/// posts a long-tail vocabulary: real reporting names a place or a person that few other posts
/// name, and that is what readers search for (issue 11). Three syllables make 24³ names.
const SYLLABLES: [&str; 24] = [
    "ba", "ce", "di", "lo", "mu", "ra", "te", "xo", "na", "pe", "qui", "sa", "to", "va", "ze",
    "gu", "le", "mi", "no", "ri", "su", "ta", "co", "yu",
];
/// How many different names the posts draw on.
pub const NAMES: usize = 10_000;
/// How many names each post mentions.
pub const NAMES_PER_POST: usize = 3;

/// The made-up proper name of popularity rank `rank` (0 is the most mentioned), e.g. "Zesami".
/// Ranks are spread over the syllable space by a multiplier coprime to it, so that popular names
/// do not all begin alike.
pub fn name(rank: usize) -> String {
    let space = SYLLABLES.len().pow(3);
    let i = (rank + 1).wrapping_mul(7_919) % space;
    let n = SYLLABLES.len();
    let word = [i % n, i / n % n, i / (n * n)]
        .map(|k| SYLLABLES[k])
        .concat();
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

/// Generates `n` posts, newest first.
pub fn sources(n: usize) -> impl Iterator<Item = SourceFile> {
    let (y, m, d) = NEWEST_DAY;
    let mut gen = Generator {
        rng: Lcg(0x5eed_f00d),
        day: date::days_from_civil(y, m, d),
        left_today: 0,
    };
    (0..n).map(move |i| gen.post(i))
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        // Knuth's MMIX constants; the high bits are the well-mixed ones.
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// A rank in 0..n with Zipf's law: rank r about as likely as 1/(r + 1), as words and names
    /// are in real text (a log-uniform draw).
    fn zipf(&mut self, n: usize) -> usize {
        // `next` gives 31 bits.
        let u = f64::from(self.next()) / f64::from(1u32 << 31);
        ((n as f64).powf(u) as usize).clamp(1, n) - 1
    }

    /// An index in 0..n, small ones far more likely (density falls like a square root).
    fn skewed(&mut self, n: usize) -> usize {
        let u = self.below(1000);
        u * u * n / 1_000_000
    }
}

struct Generator {
    rng: Lcg,
    /// Current day (days since 1970-01-01), walking backwards.
    day: i64,
    left_today: usize,
}

impl Generator {
    fn post(&mut self, i: usize) -> SourceFile {
        if self.left_today == 0 {
            if i > 0 {
                self.day -= 1;
            }
            self.left_today = 1 + self.rng.below(4);
        }
        self.left_today -= 1;
        let (year, month, day) = date::civil_from_days(self.day);
        let r = &mut self.rng;

        let place = r.pick(&PLACES);
        let title = match r.below(3) {
            0 => format!("Wait times at {place} pass {} hours again", 2 + r.below(5)),
            1 => format!("{place}: {}", r.pick(&EVENTS)),
            _ => format!("Reporte desde {place}: {}", r.pick(&EVENTS)),
        };
        // Offsets as reporters on both sides of the line would write them.
        let offset = ["-07:00", "-08:00", "-07:00", "-06:00", "Z"][r.below(5)];
        let mut text = format!(
            "+++\ntitle = {}\ndate = {year:04}-{month:02}-{day:02}T{:02}:{:02}:00{offset}\n",
            toml_string(&title),
            5 + r.below(17),
            r.below(60)
        );
        match r.below(10) {
            0..=6 => text += &format!("pen_name = {}\n", toml_string(r.pick(&PEN_NAMES))),
            7 => text += "author = \"Redacción\"\n",
            _ => {}
        }
        let mut labels: Vec<&str> = Vec::new();
        for _ in 0..1 + r.below(3) {
            let mut label = LABELS[r.skewed(LABELS.len())];
            // A rare variant spelling, merged with "Crossing times" by slug.
            if label == "Crossing times" && r.below(50) == 0 {
                label = "crossing times";
            }
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        let quoted: Vec<String> = labels.iter().map(|l| toml_string(l)).collect();
        text += &format!("labels = [{}]\n", quoted.join(", "));
        let spanish = r.below(10) < 3;
        if spanish {
            text += "language = \"es\"\n";
        }
        if r.below(2) == 0 {
            text += &format!(
                "[source]\nname = \"Port of entry daily log\"\nurl = \"https://example.org/port-log/{i}\"\n"
            );
        }
        text += "+++\n";

        for p in 0..3 + r.below(3) {
            if p == 2 && r.below(4) == 0 {
                text += "## Update\n\n";
            }
            for s in 0..2 + r.below(3) {
                let bold = s == 0 && r.below(3) == 0;
                for k in 0..6 + r.below(9) {
                    let word = r.pick(&WORDS);
                    match k {
                        0 => text.extend(
                            word.chars()
                                .next()
                                .into_iter()
                                .flat_map(char::to_uppercase)
                                .chain(word.chars().skip(1)),
                        ),
                        1 if bold => text += &format!(" **{word}**"),
                        _ => text += &format!(" {word}"),
                    }
                }
                text += ". ";
            }
            if p == 0 {
                let [a, b, c] = [(); NAMES_PER_POST].map(|()| name(r.zipf(NAMES)));
                text += &if spanish {
                    format!("Vecinos de {a} y de {b} dijeron a {c} que la fila no avanzaba. ")
                } else {
                    format!("People from {a} and {b} told {c} the line barely moved. ")
                };
            }
            if r.below(5) == 0 {
                text += &format!("[Log](https://example.org/port-log/{i}/{p}).");
            }
            text += "\n\n";
        }

        let name = format!("{year:04}-{month:02}-{day:02}-{}-{i}.md", slugify(&title));
        SourceFile {
            display: format!("synthetic/{name}"),
            name,
            text,
        }
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_follow_zipf() {
        let all: std::collections::HashSet<String> = (0..NAMES).map(name).collect();
        assert_eq!(all.len(), NAMES, "every rank has a name of its own");
        // The bench's search queries (bench/search.mjs) are these names.
        assert_eq!(
            [name(9), name(99), name(999)],
            ["Zesami", "Surite", "Natesu"]
        );
        let mut r = Lcg(1);
        let mut count = vec![0u32; NAMES];
        for _ in 0..300_000 {
            count[r.zipf(NAMES)] += 1;
        }
        // P(rank r) = ln((r + 2) / (r + 1)) / ln(NAMES): 7.5 %, 1.03 %, 0.108 %.
        let share = |r: usize| f64::from(count[r]) / 300_000.0;
        assert!((0.07..0.08).contains(&share(0)), "{}", share(0));
        assert!((0.008..0.0125).contains(&share(9)), "{}", share(9));
        assert!((0.0007..0.0015).contains(&share(99)), "{}", share(99));
    }

    #[test]
    fn deterministic_and_backwards_in_time() {
        let a: Vec<SourceFile> = sources(50).collect();
        let b: Vec<SourceFile> = sources(50).collect();
        assert_eq!(
            a.iter().map(|s| &s.text).collect::<Vec<_>>(),
            b.iter().map(|s| &s.text).collect::<Vec<_>>()
        );
        assert!(a[0].name.starts_with("2026-11-27-"), "{}", a[0].name);
        assert!(a.windows(2).all(|w| w[0].name[..10] >= w[1].name[..10]));
        assert!(
            a.last().unwrap().name[..10] < *"2026-11-20",
            "several days are covered"
        );
    }
}
