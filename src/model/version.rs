//! Which file tells whether this page's code is still on the server.
//!
//! A page loads the comment section's and search's wasm modules when the reader needs them. After
//! the site is published anew, those files of the old build are gone (their names carry their
//! content's hash), and a page opened before can never load them: "try again" would fail for ever.
//! When such a load fails, the app asks the server for the file that names every module of its
//! build, the split link module (`__wasm_split-<hash>.js`, whose name changes whenever a module
//! does); if the server no longer has it, the page is out of date and the reader is offered a
//! reload instead ([`crate::api::ApiError::Outdated`]).

/// The file to ask for, from the text of the page's import map (postbuild writes one naming
/// every JS module of the build with its integrity): the split link module, else the app's own
/// bindings (any module outside `snippets/`, whose folder names do not change with the build).
/// URLs are read as the JSON strings postbuild writes them (no escapes in a path).
pub fn probe(import_map: &str) -> Option<String> {
    let modules: Vec<&str> = import_map
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| s.ends_with(".js") && !s.contains('\\'))
        .collect();
    modules
        .iter()
        .find(|m| m.contains("/__wasm_split-"))
        .or_else(|| modules.iter().find(|m| !m.contains("/snippets/")))
        .map(|m| m.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_module_first_then_the_bindings_never_a_snippet() {
        let map = r#"{"integrity":{"/blog/frontera-ffea.js":"sha384-a","/blog/__wasm_split-ec5b.js":"sha384-b","/blog/snippets/frontera-3ab5/js/purify.js":"sha384-c"}}"#;
        assert_eq!(probe(map).as_deref(), Some("/blog/__wasm_split-ec5b.js"));
        let unsplit = r#"{"integrity":{"/snippets/frontera-3ab5/js/purify.js":"sha384-c","/frontera-ffea.js":"sha384-a"}}"#;
        assert_eq!(probe(unsplit).as_deref(), Some("/frontera-ffea.js"));
        assert_eq!(
            probe(r#"{"integrity":{"/snippets/x/js/a.js":"sha384-c"}}"#),
            None
        );
        assert_eq!(probe(""), None);
        assert_eq!(probe("{}"), None);
    }
}
