//! A built site on disk: its configuration, its data documents and the pages they make.

use std::fs;
use std::path::{Path, PathBuf};

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
    /// Every page, in a stable order: the home pages, posts, archive, months, labels.
    pub routes: Vec<Route>,
}

impl Site {
    /// Reads `dist/config.json`, puts it and every data document into the app's document store,
    /// and lists the pages those documents make. `Ok(None)` when the data is not in `dist`
    /// (a `data_root` on another server, or a plain JSON Feed): then there is nothing to
    /// prerender and the app renders in the browser as before.
    pub fn load(dist: &Path) -> Result<Option<Site>, String> {
        let config_path = dist.join(CONFIG);
        let text = read(&config_path)?;
        let config: Config = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}: {e}", config_path.display(), e.line()))?;
        frontera::api::documents::provide(CONFIG, text);
        let Some(root) = local_data_root(&config) else {
            return Ok(None);
        };
        let data = dist.join(&root);
        let mut docs = Vec::new();
        walk(&data, &data, &mut docs)?;
        docs.sort();
        let mut routes = Vec::new();
        for doc in &docs {
            let body = read(&data.join(doc))?;
            // Under the URL the app asks for it by.
            let url = config.data_url(doc).unwrap_or_default();
            frontera::api::documents::provide(&url, body);
            routes.extend(Route::from_data_doc(doc));
        }
        routes.sort_by_key(order);
        Ok(Some(Site {
            dist: dist.to_path_buf(),
            config,
            routes,
        }))
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
