//! A page of posts under day headers, with "Newer posts / Older posts" links. A long page that
//! the browser builds (a third-party feed: `model::batches`) is shown a batch at a time, the next
//! one when the reader scrolls near the end or presses "Show more posts"; a prerendered page is
//! shown whole, as its HTML has it.

use std::ops::Range;

use leptos::prelude::*;
use time::Date;

use super::link::Link;
use super::post_view::{provide_comment_counts, PostArticle};
use crate::api::ListKind;
use crate::i18n::{format_day, format_number, use_lang};
use crate::model::batches::{batches, day_runs, next_count};
use crate::model::post::{Post, PostPage};

/// A page of posts under localised day headers, with "Newer posts / Older posts" links.
#[component]
pub fn PostList(
    /// The page to show.
    page: PostPage,
    /// Which list it is, for the paging links.
    kind: ListKind,
    /// The blog's name, for bylines.
    #[prop(into)]
    blog: String,
) -> impl IntoView {
    let lang = use_lang();
    let newer = page.has_newer().then(|| kind.path(page.page - 1));
    let older = page.has_older().then(|| kind.path(page.page + 1));
    let empty = page.posts.is_empty();
    let ranges = batches(page.posts.len());
    let split = ranges.len() > 1;
    // Each batch with the day of the post just before it, so a day that runs on from one batch
    // into the next keeps one header.
    let day = |p: &Post| p.date.map(|d| d.day);
    let parts: Vec<(Option<Date>, Vec<Post>)> = ranges
        .iter()
        .map(|r: &Range<usize>| {
            let before = r.start.checked_sub(1).and_then(|i| day(&page.posts[i]));
            (before, page.posts[r.clone()].to_vec())
        })
        .collect();
    let parts = StoredValue::new(parts);
    // A prerendered page has the whole list in its HTML already (the compiler's pages hold at most
    // 50 posts; a hand-written document may hold more): render and hydrate all of it. Batches
    // are for lists the browser builds itself.
    let whole = cfg!(not(target_arch = "wasm32"))
        || Owner::current_shared_context().is_some_and(|c| c.during_hydration());
    let shown = RwSignal::new(if whole { ranges.len().max(1) } else { 1 });
    let next = Signal::derive(move || next_count(&ranges, shown.get()));
    let more = Callback::new(move |()| shown.update(|n| *n += 1));
    view! {
        <div class="post-list">
            {empty.then(|| view! { <p class="empty">{move || lang.get().t().no_posts}</p> })}
            <For each=move || 0..shown.get() key=|i| *i let:i>
                {
                    let (before, posts) = parts.with_value(|p| p[i].clone());
                    view! { <PostBatch posts before blog=blog.clone()/> }
                }
            </For>
            {split.then(|| view! { <MorePosts next more/> })}
            <Pager newer older/>
        </div>
    }
}

/// One batch of a list: its posts under day headers, and their comment counts (one request).
#[component]
fn PostBatch(
    /// The batch's posts, newest first.
    posts: Vec<Post>,
    /// The day of the post shown just before this batch, if any.
    before: Option<Date>,
    /// The blog's name, for bylines.
    blog: String,
) -> impl IntoView {
    let lang = use_lang();
    provide_comment_counts(posts.iter().map(|p| p.path.clone()).collect());
    let runs = day_runs(posts, |p| p.date.map(|d| d.day), before);
    runs.into_iter()
        .map(|run| {
            let blog = blog.clone();
            let header = run.day.filter(|_| !run.continued).map(|d| {
                view! {
                    <h2 class="date-header">
                        <time datetime=d.to_string()>{move || format_day(lang.get(), d)}</time>
                    </h2>
                }
            });
            view! {
                <section class="day">
                    {header}
                    {run.items.into_iter().map(|post| view! { <PostArticle post blog=blog.clone()/> }).collect_view()}
                </section>
            }
        })
        .collect_view()
}

/// "Show more posts (N)" under a long list, also pressed for the reader when they scroll near it.
/// Nothing when the whole list is shown.
#[component]
fn MorePosts(
    /// How many posts the next batch adds (0: none left).
    #[prop(into)]
    next: Signal<usize>,
    /// Shows the next batch.
    more: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::P>::new();
    crate::platform::when_near_viewport(node, move || {
        if next.get_untracked() > 0 {
            more.run(());
        }
    });
    view! {
        <p class="list-more" node_ref=node hidden=move || next.get() == 0>
            <button type="button" class="button load-more" on:click=move |_| more.run(())>
                {move || lang.get().t().more_posts} " ("
                {move || format_number(lang.get(), next.get() as u64)}
                ")"
            </button>
        </p>
    }
}

/// "Newer posts / Home / Older posts", as links so every page has its own URL.
#[component]
pub fn Pager(
    /// Link to the newer page, if any.
    newer: Option<String>,
    /// Link to the older page, if any.
    older: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="pager" aria-label=move || lang.get().t().pagination>
            <span class="pager-newer">
                {newer.map(|href| view! { <Link href=href attr:rel="prev">"←\u{a0}" {move || lang.get().t().newer_posts}</Link> })}
            </span>
            <span class="pager-home"><Link href="/">{move || lang.get().t().home}</Link></span>
            <span class="pager-older">
                {older.map(|href| view! { <Link href=href attr:rel="next">{move || lang.get().t().older_posts} "\u{a0}→"</Link> })}
            </span>
        </nav>
    }
}
