//! [`Load`]: a view's data, ready at once when its documents are here, else fetched.
//!
//! Leptos' resources either never resolve while rendering on the server (`LocalResource`) or
//! serialise their data into inline scripts that a strict CSP would have to allow page by page
//! (`Resource`). A `Load` polls its future once when it is created: when every document the
//! future needs is in [`super::documents`] (the prerenderer, and a browser hydrating a prerendered
//! page), the value is there before the view is built, so server and browser render the same
//! thing. Otherwise it is fetched in a task and the view shows its skeleton meanwhile.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use futures::FutureExt;
use leptos::prelude::*;

use super::ApiError;

/// The state of one view's data: `None` while the first answer is on its way.
pub struct Load<T: 'static> {
    value: RwSignal<Option<Result<T, ApiError>>, LocalStorage>,
    rerun: StoredValue<Rc<dyn Fn()>, LocalStorage>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    /// Loads `fetch(key())`, and again whenever `key()` changes (a new page of the same route).
    /// Until a new answer arrives the previous one stays on screen.
    pub fn new<K, Fut>(key: impl Fn() -> K + 'static, fetch: impl Fn(K) -> Fut + 'static) -> Self
    where
        K: PartialEq + Clone + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let value = RwSignal::new_local(None);
        let generation = Rc::new(Cell::new(0u64));
        let start = Rc::new(move |k: K| {
            generation.set(generation.get() + 1);
            let mine = generation.get();
            let mut future = Box::pin(fetch(k));
            match (&mut future).now_or_never() {
                Some(v) => value.set(Some(v)),
                None => {
                    let generation = generation.clone();
                    leptos::task::spawn_local_scoped(async move {
                        let v = future.await;
                        // An answer for a key the view has left behind is dropped.
                        if generation.get() == mine {
                            value.try_set(Some(v));
                        }
                    });
                }
            }
        });
        let key = Rc::new(key);
        let first = untrack(|| key());
        start(first.clone());
        // Effects only run in the browser, after hydration: a changed key fetches again.
        let (watch, rerun_start) = (key.clone(), start.clone());
        Effect::new(move |prev: Option<K>| {
            let k = watch();
            if prev.as_ref().unwrap_or(&first) != &k {
                rerun_start(k.clone());
            }
            k
        });
        let rerun: Rc<dyn Fn()> = Rc::new(move || start(untrack(|| key())));
        Load {
            value,
            rerun: StoredValue::new_local(rerun),
        }
    }

    /// The answer, if it has arrived (tracked).
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.value.get()
    }

    /// Reads the answer without cloning it (tracked).
    pub fn with<U>(&self, f: impl FnOnce(&Option<Result<T, ApiError>>) -> U) -> U {
        self.value.with(f)
    }

    /// Whether the answer is that there is no such document (tracked): the page shows the
    /// not-found page then, not a list or post heading over an error.
    pub fn missing(&self) -> bool {
        self.value
            .with(|v| matches!(v, Some(Err(ApiError::NotFound))))
    }

    /// Asks again (the error view's Retry).
    pub fn refetch(&self) {
        if let Some(rerun) = self.rerun.try_get_value() {
            rerun();
        }
    }
}
