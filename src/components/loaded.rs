//! Loading, failure and success of one resource, rendered the same way everywhere.

use leptos::either::Either;
use leptos::prelude::*;

use super::error_view::{ErrorView, Failure};
use crate::api::load::Load;

/// A skeleton shape shown while data loads. Heights match the real content's rough size so the
/// page does not jump when it arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skeleton {
    List,
    Article,
    Widget,
}

/// Renders `res` through an `ErrorBoundary`: the skeleton until the first answer, the previous
/// content while a new page loads, the shared [`ErrorView`] (with retry) on failure, else `render`.
/// A prerendered page has its answer from the start, so server and browser render the same.
pub fn loaded<T, V, F>(res: Load<T>, skeleton: Skeleton, render: F) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let retry = Callback::new(move |()| res.refetch());
    let compact = skeleton == Skeleton::Widget;
    // An article view has no heading of its own until its data arrives.
    let page_level = skeleton == Skeleton::Article;
    view! {
        <ErrorBoundary fallback=move |errors| {
            let failure = errors.with(Failure::from_errors);
            failure.map(|failure| view! { <ErrorView failure retry compact page_level/> })
        }>
            // A render effect restores its own boundary's hook every time it runs, so with two
            // loads in flight an error lands in its own view's boundary.
            {move || match res.get() {
                None => Either::Left(skeleton_view(skeleton)),
                Some(r) => {
                    // New data, a new view: what it reads are copies of its own.
                    crate::app::renew_route_copies();
                    Either::Right(r.map(render.clone()))
                }
            }}
        </ErrorBoundary>
    }
}

/// The placeholder shown before the first data arrives.
pub fn skeleton_view(kind: Skeleton) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let (class, blocks) = match kind {
        Skeleton::List => ("skeleton skeleton-list", 3),
        Skeleton::Article => ("skeleton skeleton-article", 1),
        Skeleton::Widget => ("skeleton skeleton-widget", 1),
    };
    view! {
        <div class=class aria-busy="true">
            <span class="visually-hidden">{move || lang.get().t().loading}</span>
            {(0..blocks).map(|_| view! {
                <div class="skeleton-block" aria-hidden="true">
                    <div class="skeleton-line short"></div>
                    <div class="skeleton-line title"></div>
                    <div class="skeleton-line"></div>
                    <div class="skeleton-line"></div>
                    <div class="skeleton-line"></div>
                </div>
            }).collect_view()}
        </div>
    }
}
