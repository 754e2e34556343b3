//! What the whole-site tests share (site.rs, output.rs): a site config, posts to compile, and a
//! build into memory.
#![allow(dead_code)] // each test file uses some of these

pub mod blogger;

use std::collections::BTreeMap;

use frontera_compile::{
    compile_all,
    config::SiteConfig,
    post::SourceFile,
    site::{write_site, MemorySink, Stats},
};
use frontera_wire::Feed;

pub fn config(page_size: u32) -> SiteConfig {
    serde_json::from_value(serde_json::json!({
        "title": "Crónica", "tagline": "Both sides", "site_url": "https://c.example/",
        "data_root": "data/", "page_size": page_size, "default_language": "en"
    }))
    .unwrap()
}

/// A source with the given date and labels; the slug comes from the file name.
pub fn source(name: &str, date: &str, labels: &[&str]) -> SourceFile {
    let labels: Vec<String> = labels.iter().map(|l| format!("{l:?}")).collect();
    SourceFile {
        display: format!("posts/{name}"),
        name: name.to_string(),
        text: format!(
            "+++\ntitle = \"Post {name}\"\ndate = {date}\nlabels = [{}]\n+++\nSome words for {name}.\n",
            labels.join(", ")
        ),
    }
}

/// `n` posts, one a day backwards from 2024-03-28, labelled so that the label lists differ.
pub fn posts(n: usize) -> Vec<SourceFile> {
    (0..n)
        .map(|i| {
            let day = 28 - (i % 28);
            let month = 3 - (i / 28) as u32;
            let mut labels = vec!["Garita Vieja"];
            if i % 3 == 0 {
                labels.push("Aduana");
            }
            source(
                &format!("2024-{month:02}-{day:02}-p{i}.md"),
                &format!("2024-{month:02}-{day:02}T10:00:00-07:00"),
                &labels,
            )
        })
        .collect()
}

pub fn build(sources: Vec<SourceFile>, page_size: u32) -> (BTreeMap<String, Vec<u8>>, Stats) {
    let config = config(page_size);
    let posts = compile_all(sources.into_iter(), &config, Vec::new()).unwrap();
    let mut sink = MemorySink::default();
    let stats = write_site(&posts, &config, &mut sink).unwrap();
    (sink.docs, stats)
}

pub fn feed(docs: &BTreeMap<String, Vec<u8>>, doc: &str) -> Feed {
    serde_json::from_slice(docs.get(doc).unwrap_or_else(|| panic!("no {doc}"))).unwrap()
}
