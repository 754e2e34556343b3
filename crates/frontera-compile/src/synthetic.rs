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
        if r.below(10) < 3 {
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
