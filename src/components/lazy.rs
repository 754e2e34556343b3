//! Code that pages load only when a reader needs it: the comment section, search.
//!
//! In release builds (feature `split`) each is a wasm module of its own. `scripts/bin/wasm-bindgen`
//! cuts the app's wasm at every [`split_fn!`] into the main module and one module per name, and
//! `scripts/split.mjs` puts them in dist/ (docs/decisions.md, "Comments and search in wasm
//! modules of their own"). Without the feature (the component tests, native builds) the same
//! functions run directly.

use std::future::Future;

use leptos::prelude::*;

use super::error_view::{ErrorView, Failure};
use crate::api::ApiError;

/// Declares `async fn name(args) -> Result<T, ApiError>` running `body`: in split builds from the
/// wasm module `module`, fetched on the first call (a module that cannot be fetched, or that
/// fails its integrity check, is an [`ApiError::Network`]; the next call fetches it again).
/// Arguments are passed by value; no generics, no `impl` types (it is an `extern "C"` call).
///
/// `split_fn!(module, preload, split, …)` also declares `async fn preload()`, which only fetches
/// the module (a no-op without the feature); `split` names the split function itself.
#[macro_export]
macro_rules! split_fn {
    ($module:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::api::ApiError> {
            #[cfg(all(target_arch = "wasm32", feature = "split"))]
            {
                #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
                fn $name($($arg: $ty),*) -> Result<$ret, $crate::api::ApiError> {
                    Ok($body)
                }
                $name($($arg),*).await
            }
            #[cfg(not(all(target_arch = "wasm32", feature = "split")))]
            Ok($body)
        }
    };
    ($module:ident, $preload:ident, $split:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(all(target_arch = "wasm32", feature = "split"))]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible,
            preload(/// Fetches the module without calling into it.
                $preload))]
        $vis fn $split($($arg: $ty),*) -> Result<$ret, $crate::api::ApiError> {
            Ok($body)
        }

        /// Fetches the module without calling into it (nothing to fetch in this build).
        #[cfg(not(all(target_arch = "wasm32", feature = "split")))]
        $vis async fn $preload() -> Result<(), $crate::api::ApiError> {
            Ok(())
        }

        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::api::ApiError> {
            #[cfg(all(target_arch = "wasm32", feature = "split"))]
            return $split($($arg),*).await;
            #[cfg(not(all(target_arch = "wasm32", feature = "split")))]
            Ok($body)
        }
    };
}

/// A view that comes from a split module: `fallback` stands while the module loads; if it cannot
/// be fetched, the error view (with a retry that fetches it again) is shown inside `frame`.
pub fn lazy_view<Fut>(
    load: impl Fn() -> Fut + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Clone + Send + Sync + 'static,
    frame: impl Fn(AnyView) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    Fut: Future<Output = Result<AnyView, ApiError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let pending = load();
        let (fallback, frame) = (fallback.clone(), frame.clone());
        let failed = move |e| {
            let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
            frame(view! { <ErrorView failure=Failure::Api(e) retry compact=true/> }.into_any())
        };
        // A Transition, not a Suspense: a resource the loaded view reads outside a boundary of its
        // own (the comment thread reloaded after a comment is published) would make a Suspense
        // take the whole view out for its fallback and put it back, and the control that had the
        // focus (the form's button) would lose it to the page (found at stop 33).
        view! {
            <Transition fallback=move || fallback()>
                {Suspend::new(async move {
                    match pending.await {
                        Ok(view) => view,
                        // A module of an older build, gone since the site was published anew:
                        // say so, and offer a reload instead of a retry that cannot work.
                        Err(e) => failed(
                            send_wrapper::SendWrapper::new(
                                crate::api::version::explain_module_failure(e),
                            )
                            .await,
                        ),
                    }
                })}
            </Transition>
        }
    }
}
