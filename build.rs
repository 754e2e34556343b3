//! Makes DOMPurify (npm `dompurify`, pinned in package.json) importable by wasm-bindgen.
//!
//! The package ships its ES module as `.mjs`; some servers (wasm-bindgen-test-runner's among
//! them) serve that extension as `application/octet-stream`, which browsers refuse for module
//! scripts. So the module is copied, unchanged, to `js/generated/purify.js` (git-ignored),
//! followed by Frontera's own code: the hook that resolves relative URLs (`js/base-urls.js`), the
//! Trusted Types door (`js/trusted-html.js`) and the search module's loader (`js/search.js`): one
//! module, so they cost the page no request of their own.

use std::path::Path;

fn main() {
    let src = Path::new("node_modules/dompurify/dist/purify.es.mjs");
    let ours = [
        Path::new("js/base-urls.js"),
        Path::new("js/trusted-html.js"),
        Path::new("js/search.js"),
    ];
    let dst = Path::new("js/generated/purify.js");
    println!("cargo:rerun-if-changed={}", src.display());
    for file in ours {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    let Ok(code) = std::fs::read(src) else {
        panic!(
            "{} is missing: run scripts/setup (it runs `npm ci`)",
            src.display()
        );
    };
    // Drop the source-map comment: the map is not copied, and a dangling one makes 404s.
    let text = String::from_utf8_lossy(&code);
    let mut cleaned: String = text
        .lines()
        .filter(|l| !l.starts_with("//# sourceMappingURL="))
        .collect::<Vec<_>>()
        .join("\n");
    // Our code, without its comments (every byte of this module is downloaded).
    for file in ours {
        let code = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("{} is not readable: {e}", file.display()));
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            cleaned.push('\n');
            cleaned.push_str(line);
        }
    }
    if std::fs::read_to_string(dst).ok().as_deref() != Some(cleaned.as_str()) {
        std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
        std::fs::write(dst, cleaned).unwrap();
    }
}
