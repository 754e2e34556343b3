//! Searching the posts with Pagefind, loaded only when a reader asks for search.
//!
//! The build writes Pagefind bundles per content language (`pagefind/<language>/`, each stemmed
//! as its language; a language with many posts has several, `<language>-2/`…) and
//! `pagefind/languages.json` naming them (scripts/search-index.mjs). The first search imports the bundle of the reader's language (or
//! the first there is) and merges the others into it, so a Spanish query finds Spanish posts
//! whatever the interface language. Pagefind searches in a web worker, so typing never waits on
//! it. Until [`preload`] or [`search`] is called the page has loaded none of it.

use super::ApiError;
use crate::model::search::{Found, Query};

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

/// Fetches what a search for `text` will need while the reader is still typing (nothing until
/// the index is loaded, nor for a last word shorter than three letters: `model::search`).
pub fn preload_words(text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = crate::model::search::preload_text(text) {
        web::preload_term(text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
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

    use crate::api::ApiError;
    use crate::model::search::{Found, Hit, Query};

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
        #[wasm_bindgen(method, catch, js_name = preload)]
        fn preload_term(
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

        /// What `data()` resolves to: the indexed post (scripts/search-index.mjs wrote its
        /// title and date as metadata, its labels as a filter).
        type Data;
        #[wasm_bindgen(method, getter)]
        fn url(this: &Data) -> Option<String>;
        #[wasm_bindgen(method, getter)]
        fn excerpt(this: &Data) -> Option<String>;
        #[wasm_bindgen(method, getter)]
        fn meta(this: &Data) -> Option<Meta>;
        #[wasm_bindgen(method, getter)]
        fn filters(this: &Data) -> Option<Filters>;

        type Meta;
        #[wasm_bindgen(method, getter)]
        fn title(this: &Meta) -> Option<String>;
        #[wasm_bindgen(method, getter)]
        fn date(this: &Meta) -> Option<String>;
        #[wasm_bindgen(method, getter)]
        fn lang(this: &Meta) -> Option<String>;

        type Filters;
        #[wasm_bindgen(method, getter)]
        fn label(this: &Filters) -> Option<Vec<String>>;
    }

    /// A JavaScript object from JSON (Pagefind's options).
    fn object(value: serde_json::Value) -> JsValue {
        js_sys::JSON::parse(&value.to_string()).unwrap_or_default()
    }

    /// `pagefind/languages.json`: the bundles, each a folder of `pagefind/` with one language's
    /// posts (a language with many posts has several).
    #[derive(serde::Deserialize)]
    struct Bundles {
        #[serde(default)]
        bundles: Vec<Bundle>,
    }

    #[derive(serde::Deserialize)]
    struct Bundle {
        dir: String,
        language: String,
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
        let Bundles { bundles } =
            crate::api::get_json(&format!("{root}languages.json{again}"), 30_000).await?;
        // Only folder names made of letters, digits and dashes: they become URLs.
        let bundles: Vec<Bundle> = bundles
            .into_iter()
            .filter(|b| {
                !b.dir.is_empty()
                    && b.dir
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'-')
            })
            .collect();
        let first = bundles
            .iter()
            .position(|b| b.language == lang)
            .or_else(|| (!bundles.is_empty()).then_some(0))
            .ok_or_else(|| ApiError::Malformed("search: the index names no bundle".into()))?;
        let dir = &bundles[first].dir;
        let module = wait(
            Ok(import_module(&format!("{root}{dir}/pagefind.js{again}"))),
            "code",
        )
        .await?;
        let pagefind: Pagefind = module.unchecked_into();
        let options =
            object(serde_json::json!({ "basePath": format!("{root}{dir}/"), "excerptLength": 24 }));
        wait(pagefind.options(&options), "options").await?;
        wait(pagefind.init(), "index").await?;
        for (_, other) in bundles.iter().enumerate().filter(|(i, _)| *i != first) {
            let merge = object(serde_json::json!({ "language": other.language }));
            wait(
                pagefind.merge_index(&format!("{root}{}/", other.dir), &merge),
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

    /// Fetches the index chunks for `text` while the reader is still typing, if the engine is
    /// loaded (Pagefind's `preload`); the search that follows the pause then finds them here.
    pub(super) fn preload_term(text: &str) {
        let ready = ENGINE.with(|e| e.borrow().as_ref().and_then(|l| l.peek().cloned()));
        if let Some(Ok(pagefind)) = ready {
            if let Ok(promise) = pagefind.preload_term(text, &JsValue::UNDEFINED) {
                // A failed preload costs nothing: the search itself will report the failure.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        }
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
            // Every shown result's data at once: each may be a request of its own.
            let pending: js_sys::Array = results
                .iter()
                .take(count)
                .map(|r| r.data().map(JsValue::from))
                .collect::<Result<_, _>>()
                .map_err(|e| failed("result", e))?;
            let datas: js_sys::Array = wait(Ok(js_sys::Promise::all(&pending)), "result")
                .await?
                .unchecked_into();
            let mut hits = Vec::new();
            for data in datas.iter() {
                let data: Data = data.unchecked_into();
                let meta = data.meta();
                // A result that is not a post of this site is skipped, not shown.
                hits.extend(Hit::from_parts(
                    base,
                    &data.url().unwrap_or_default(),
                    meta.as_ref().and_then(Meta::title),
                    meta.as_ref().and_then(Meta::date),
                    meta.as_ref().and_then(Meta::lang),
                    data.filters().and_then(|f| f.label()).unwrap_or_default(),
                    data.excerpt().unwrap_or_default(),
                ));
            }
            Ok(Found { total, hits })
        })
        .await
    }
}
