//! A built site on disk: its configuration, its data documents and the pages they make.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use frontera::model::config::Config;
use frontera_wire::layout::Route;

/// The app's configuration file, beside `index.html`.
pub const CONFIG: &str = "config.json";

/// What the prerenderer needs to know about a built site.
pub struct Site {
    /// The built site (trunk's output folder).
    pub dist: PathBuf,
    /// Its configuration.
    pub config: Config,
    /// Every page, in a stable order: the home pages, posts, archive, months, labels, search,
    /// standing pages.
    pub routes: Vec<Route>,
    /// The text of `config.json`.
    config_text: String,
    /// Every data document's file, by the URL the app asks for it by.
    files: Arc<HashMap<String, PathBuf>>,
}

impl Site {
    /// Reads `dist/config.json`, makes every data document readable through the app's document
    /// store, and lists the pages those documents make. `Ok(None)` when the data is not in `dist`
    /// (a `data_root` on another server, or a plain JSON Feed): then there is nothing to
    /// prerender and the app renders in the browser as before.
    pub fn load(dist: &Path) -> Result<Option<Site>, String> {
        let config_path = dist.join(CONFIG);
        let text = read(&config_path)?;
        let config: Config = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}: {e}", config_path.display(), e.line()))?;
        let Some(root) = local_data_root(&config) else {
            return Ok(None);
        };
        let data = dist.join(&root);
        let mut docs = Vec::new();
        walk(&data, &data, &mut docs)?;
        docs.sort();
        let files: HashMap<String, PathBuf> = docs
            .iter()
            .filter_map(|doc| Some((config.data_url(doc)?, data.join(doc))))
            .collect();
        let mut routes: Vec<Route> = docs
            .iter()
            .filter_map(|d| Route::from_data_doc(d))
            .collect();
        routes.sort_by_key(order);
        let site = Site {
            dist: dist.to_path_buf(),
            config,
            routes,
            config_text: text,
            files: Arc::new(files),
        };
        site.install();
        Ok(Some(site))
    }

    /// Makes the site's documents readable through the app's document store on this thread (the
    /// store is per thread; each thread that renders pages calls this first). Documents are read
    /// from disk when a page asks for them, so memory stays flat however many posts there are.
    pub fn install(&self) {
        frontera::api::documents::provide(CONFIG, self.config_text.clone());
        let files = Arc::clone(&self.files);
        frontera::api::documents::provide_source(Box::new(move |url| {
            fs::read_to_string(files.get(url)?).ok()
        }));
    }
}

/// `data_root` when it is a folder of this site (`data/`), with its trailing slash.
fn local_data_root(config: &Config) -> Option<String> {
    let root = config.data_root.as_deref()?.trim();
    let local = !root.is_empty()
        && !root.contains("://")
        && !root.starts_with('/')
        && !root.split('/').any(|p| p == "..");
    local.then(|| format!("{}/", root.trim_end_matches('/')))
}

fn order(r: &Route) -> (u8, String) {
    let kind = match r {
        Route::Home { .. } => 0,
        Route::Post { .. } => 1,
        Route::Archive => 2,
        Route::Month { .. } => 3,
        Route::Label { .. } => 4,
        Route::Search => 5,
        Route::Page { .. } => 6,
    };
    (kind, r.data_doc())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every `.json` file under `dir`, as a `/`-separated path relative to `root`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            let rel = path.strip_prefix(root).map_err(|e| e.to_string())?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}
