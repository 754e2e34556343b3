//! Searching the posts with Pagefind, loaded only when a reader asks for search.
//!
//! The build writes one Pagefind bundle per content language (`pagefind/<language>/`, each
//! stemmed as its language) and `pagefind/languages.json` naming them
//! (scripts/search-index.mjs). The first search imports the bundle of the reader's language (or
//! the first there is) and merges the others into it, so a Spanish query finds Spanish posts
//! whatever the interface language. Pagefind searches in a web worker, so typing never waits on
//! it. Until [`preload`] or [`search`] is called the page has loaded none of it.

use serde::Deserialize;

use super::ApiError;
use crate::model::search::{Found, Query};

/// `pagefind/languages.json`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Deserialize, Debug, Default)]
struct Bundles {
    #[serde(default)]
    languages: Vec<String>,
}

/// A result's data as Pagefind gives it (`await result.data()`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Deserialize, Debug, Default)]
struct RawHit {
    #[serde(default)]
    url: String,
    #[serde(default)]
    excerpt: String,
    #[serde(default)]
    meta: RawMeta,
    #[serde(default)]
    filters: RawFilters,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Deserialize, Debug, Default)]
struct RawMeta {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Deserialize, Debug, Default)]
struct RawFilters {
    #[serde(default)]
    label: Vec<String>,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl RawHit {
    fn into_hit(self) -> Option<crate::model::search::Hit> {
        Some(crate::model::search::Hit {
            path: crate::model::search::hit_path(&self.url)?,
            title: self
                .meta
                .title
                .filter(|t| !t.is_empty())
                .unwrap_or_default(),
            date: self.meta.date.filter(|d| !d.is_empty()),
            labels: self.filters.label,
            excerpt: self.excerpt,
        })
    }
}

/// Starts loading the search code and index in the background (the reader focused a search
/// box): the search that follows finds them ready. Failures are left for [`search`] to report.
pub fn preload(base: &str, lang: &str, timeout_ms: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let (base, lang) = (base.to_string(), lang.to_string());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = web::engine(&base, &lang, timeout_ms).await;
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (base, lang, timeout_ms);
}

/// Searches the posts: how many match `query`, and the data of the first `count`. `base` is the
/// site's base path (`""` or `"/blog"`), `lang` the interface language (whose bundle loads first).
pub async fn search(
    base: &str,
    lang: &str,
    query: &Query,
    count: usize,
    timeout_ms: u32,
) -> Result<Found, ApiError> {
    if query.is_empty() {
        return Ok(Found::default());
    }
    #[cfg(target_arch = "wasm32")]
    {
        web::search(base, lang, query, count, timeout_ms).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // The prerenderer never searches: the search page shows results only in a browser.
        let _ = (base, lang, count, timeout_ms);
        Err(ApiError::NotFound)
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;

    use futures::future::{select, Either, LocalBoxFuture, Shared};
    use futures::FutureExt;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;

    use super::{Bundles, RawHit};
    use crate::api::ApiError;
    use crate::model::search::{Found, Query};

    #[wasm_bindgen(module = "/js/generated/purify.js")]
    extern "C" {
        /// `import(url)` (js/search.js).
        #[wasm_bindgen(js_name = fronteraImport)]
        fn import_module(url: &str) -> js_sys::Promise;
    }

    #[wasm_bindgen]
    extern "C" {
        /// Pagefind's module (its JavaScript API).
        #[derive(Clone)]
        pub type Pagefind;
        #[wasm_bindgen(method, catch)]
        fn options(this: &Pagefind, options: &JsValue) -> Result<js_sys::Promise, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn init(this: &Pagefind) -> Result<js_sys::Promise, JsValue>;
        #[wasm_bindgen(method, catch, js_name = mergeIndex)]
        fn merge_index(
            this: &Pagefind,
            path: &str,
            options: &JsValue,
        ) -> Result<js_sys::Promise, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn search(
            this: &Pagefind,
            term: &str,
            options: &JsValue,
        ) -> Result<js_sys::Promise, JsValue>;

        /// What `search` resolves to.
        type Answer;
        #[wasm_bindgen(method, getter)]
        fn results(this: &Answer) -> Option<Vec<Match>>;

        /// One match; its data (title, excerpt…) is fetched on demand.
        type Match;
        #[wasm_bindgen(method, catch)]
        fn data(this: &Match) -> Result<js_sys::Promise, JsValue>;
    }

    /// A JavaScript object from JSON (Pagefind's options).
    fn object(value: serde_json::Value) -> JsValue {
        js_sys::JSON::parse(&value.to_string()).unwrap_or_default()
    }

    type Loading = Shared<LocalBoxFuture<'static, Result<Pagefind, ApiError>>>;

    thread_local! {
        // One engine per page life: loaded once, shared by every search. A failed load is
        // forgotten, so "Try again" loads afresh.
        static ENGINE: RefCell<Option<Loading>> = const { RefCell::new(None) };
        static ATTEMPT: RefCell<u32> = const { RefCell::new(0) };
    }

    fn failed(what: &str, e: JsValue) -> ApiError {
        let text = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        ApiError::Network(format!("search {what}: {text}"))
    }

    async fn wait(
        promise: Result<js_sys::Promise, JsValue>,
        what: &str,
    ) -> Result<JsValue, ApiError> {
        JsFuture::from(promise.map_err(|e| failed(what, e))?)
            .await
            .map_err(|e| failed(what, e))
    }

    /// Gives up on `work` after `timeout_ms`: Pagefind's own requests have no deadline.
    async fn within<T>(
        timeout_ms: u32,
        work: impl std::future::Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        let timer = gloo_timers::future::TimeoutFuture::new(timeout_ms);
        match select(Box::pin(work), timer).await {
            Either::Left((done, _)) => done,
            Either::Right(_) => Err(ApiError::Timeout),
        }
    }

    async fn load(base: String, lang: String, attempt: u32) -> Result<Pagefind, ApiError> {
        let root = format!("{base}/pagefind/");
        // A retry asks again past any cached failure (the browser keeps a failed module import).
        let again = if attempt > 0 {
            format!("?retry={attempt}")
        } else {
            String::new()
        };
        let bundles: Bundles =
            crate::api::get_json(&format!("{root}languages.json{again}"), 30_000).await?;
        let first = bundles
            .languages
            .iter()
            .find(|l| **l == lang)
            .or_else(|| bundles.languages.first())
            .cloned()
            .ok_or_else(|| ApiError::Malformed("search: the index names no language".into()))?;
        let module = wait(
            Ok(import_module(&format!("{root}{first}/pagefind.js{again}"))),
            "code",
        )
        .await?;
        let pagefind: Pagefind = module.unchecked_into();
        let options = object(
            serde_json::json!({ "basePath": format!("{root}{first}/"), "excerptLength": 24 }),
        );
        wait(pagefind.options(&options), "options").await?;
        wait(pagefind.init(), "index").await?;
        for other in bundles.languages.iter().filter(|l| **l != first) {
            let merge = object(serde_json::json!({ "language": other }));
            wait(
                pagefind.merge_index(&format!("{root}{other}/"), &merge),
                "index",
            )
            .await?;
        }
        Ok(pagefind)
    }

    /// The loaded engine, loading it the first time (or after a failure).
    pub(super) async fn engine(
        base: &str,
        lang: &str,
        timeout_ms: u32,
    ) -> Result<Pagefind, ApiError> {
        let loading = ENGINE.with(|e| {
            e.borrow_mut()
                .get_or_insert_with(|| {
                    let attempt = ATTEMPT.with(|a| *a.borrow());
                    load(base.to_string(), lang.to_string(), attempt)
                        .boxed_local()
                        .shared()
                })
                .clone()
        });
        let result = within(timeout_ms, loading).await;
        if result.is_err() {
            ENGINE.with(|e| e.borrow_mut().take());
            ATTEMPT.with(|a| *a.borrow_mut() += 1);
        }
        result
    }

    pub(super) async fn search(
        base: &str,
        lang: &str,
        query: &Query,
        count: usize,
        timeout_ms: u32,
    ) -> Result<Found, ApiError> {
        let pagefind = engine(base, lang, timeout_ms).await?;
        let mut filters = serde_json::Map::new();
        if let Some(l) = &query.label {
            filters.insert("label".into(), l.clone().into());
        }
        if let Some(y) = &query.year {
            filters.insert("year".into(), y.clone().into());
        }
        let options = object(serde_json::json!({ "filters": filters }));
        within(timeout_ms, async {
            let answer: Answer = wait(pagefind.search(&query.text, &options), "")
                .await?
                .unchecked_into();
            let results = answer.results().unwrap_or_default();
            let total = results.len();
            let mut hits = Vec::new();
            for result in results.iter().take(count) {
                let raw = wait(result.data(), "result").await?;
                let json = js_sys::JSON::stringify(&raw)
                    .map(String::from)
                    .unwrap_or_default();
                let raw: RawHit = crate::api::parse_json(&json)?;
                // A result that is not a post of this site is skipped, not shown.
                hits.extend(raw.into_hit());
            }
            Ok(Found { total, hits })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_as_pagefind_gives_it() {
        let raw: RawHit = crate::api::parse_json(
            r#"{"url":"/2024/03/agua","excerpt":"el <mark>agua</mark> llega","word_count":80,
                "meta":{"title":"Agua","date":"2024-03-01T08:00:00-07:00","image":"x"},
                "filters":{"label":["Aduana","Agua, luz"],"year":["2024"]},"sub_results":[]}"#,
        )
        .unwrap();
        let hit = raw.into_hit().unwrap();
        assert_eq!(hit.path, "/2024/03/agua");
        assert_eq!(hit.title, "Agua");
        assert_eq!(hit.date.as_deref(), Some("2024-03-01T08:00:00-07:00"));
        assert_eq!(hit.labels, ["Aduana", "Agua, luz"]);
        assert_eq!(hit.excerpt, "el <mark>agua</mark> llega");
    }

    #[test]
    fn a_result_that_is_no_post_of_ours_is_dropped() {
        let raw: RawHit =
            crate::api::parse_json(r#"{"url":"https://elsewhere.example/x"}"#).unwrap();
        assert!(raw.into_hit().is_none());
        // Missing fields read as absent, not as a failure.
        let raw: RawHit = crate::api::parse_json(r#"{"url":"/2024/03/agua"}"#).unwrap();
        assert_eq!(raw.into_hit().unwrap().title, "");
    }
}
