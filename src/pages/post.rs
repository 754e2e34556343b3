//! `/:year/:month/:slug`: one whole post, its neighbours, and its comments.

use frontera_wire::layout::{month, slug_part, year};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::comments::{drop_head_start, head_start};
use crate::api::load::Load;
use crate::api::{fetch_post, ApiError};
use crate::app::Interactive;
use crate::components::comments::comments_section;
use crate::components::lazy::lazy_view;
use crate::components::link::{route_query, Link};
use crate::components::live_title;
use crate::components::loaded::{loaded, Skeleton};
use crate::components::post_view::PostArticle;
use crate::components::related::RelatedPosts;
use crate::components::share::Share;
use crate::i18n::use_lang;
use crate::model::comments::Sort;
use crate::model::config::Config;
use crate::model::post::Post;
use crate::pages::not_found::NotFound;
use crate::platform::when_near_viewport;

/// A post's own page.
#[component]
pub fn PostPage() -> impl IntoView {
    let params = use_params_map();
    let target = Signal::derive(move || {
        params.with(|p| {
            let slug = p.get("slug")?;
            let slug = slug_part(slug.strip_suffix(".html").unwrap_or(&slug))?;
            Some((year(&p.get("year")?)?, month(&p.get("month")?)?, slug))
        })
    });
    let cfg = expect_context::<Config>();
    let blog = cfg.title.clone();
    let res = Load::new(
        move || target.get(),
        move |target| {
            let cfg = cfg.clone();
            async move {
                let (y, m, slug) = target.ok_or(ApiError::NotFound)?;
                fetch_post(&cfg, y, m, &slug).await
            }
        },
    );
    // The document title is the page's, not `PostBody`'s: a post after a post is the same route,
    // so `PostBody` is rebuilt, and leptos_meta 0.8's `Title`, when rebuilt, pushes the new text
    // under a new id and removes only its first one when it goes (108 bytes kept per post shown;
    // docs/benchmarks.md, section 5). Until the post is here the blog's name stands alone.
    let doc_title = move || {
        res.with(|r| match r {
            Some(Ok(post)) => post.title.clone().unwrap_or_default(),
            _ => String::new(),
        })
    };
    view! {
        <Title text=live_title(doc_title)/>
        <Show when=move || target.with(Option::is_some) && !res.missing() fallback=NotFound>
            {loaded(res, Skeleton::Article, {
                let blog = blog.clone();
                move |post| view! { <PostBody post blog=blog.clone()/> }
            })}
        </Show>
    }
}

/// The loaded post with its document metadata and neighbours.
#[component]
fn PostBody(post: Post, blog: String) -> impl IntoView {
    let lang = use_lang();
    let description = post.summary.clone().unwrap_or_default();
    let newer = post.newer.clone();
    let older = post.older.clone();
    let path = post.path.clone();
    let comment_title = post.title.clone().unwrap_or_default();
    let (share_path, share_title) = (post.path.clone(), post.title.clone().unwrap_or_default());
    let related = post.related.clone();
    // Outside the app (component tests) there is nothing to hydrate: interactive at once.
    let in_app = use_context::<Interactive>();
    let interactive = in_app.map_or(Signal::stored(true), |i| i.0);
    // The comment section's code and thread are fetched when the section comes within a screen
    // of the viewport (or is there as the app starts: `frontera::start`), not for every reader
    // of the article: on a slow phone they would compete with the page becoming interactive.
    // A link to one comment (`#comment-12`) wants the section at once, wherever it is.
    let near = RwSignal::new(in_app.is_none() || crate::platform::place::names_a_comment());
    view! {
        // The Open Graph, Twitter and JSON-LD tags are in the prerendered head (components::seo).
        <Meta name="description" content=description/>
        <PostArticle post blog standalone=true/>
        <Share path=share_path title=share_title/>
        <RelatedPosts posts=related/>
        <nav class="post-nav" aria-label=move || lang.get().t().pagination>
            <span class="post-nav-newer">
                {newer.map(|n| view! {
                    <Link href=n.path attr:rel="prev">
                        <span class="nav-kind">"←\u{a0}" {move || lang.get().t().newer_post}</span>
                        <span class="nav-title" lang=n.language>{n.title}</span>
                    </Link>
                })}
            </span>
            <span class="post-nav-older">
                {older.map(|o| view! {
                    <Link href=o.path attr:rel="next">
                        <span class="nav-kind">{move || lang.get().t().older_post} "\u{a0}→"</span>
                        <span class="nav-title" lang=o.language>{o.title}</span>
                    </Link>
                })}
            </span>
        </nav>
        {move || match (interactive.get(), near.get()) {
            (true, true) => EitherOf3::A(view! { <LazyComments uri=path.clone() title=comment_title.clone()/> }),
            (true, false) => EitherOf3::B(view! { <CommentsPlaceholder loading=true near/> }),
            (false, _) => EitherOf3::C(view! { <CommentsPlaceholder/> }),
        }}
    }
}

/// The comment section, fetched (in release builds, as a wasm module of its own) the first time a
/// post shows it. The placeholder stands meanwhile; a failed fetch says so, with a retry.
#[component]
fn LazyComments(uri: String, title: String) -> impl IntoView {
    let lang = use_lang();
    // The thread's first page travels with the section's code, not after it (api::comments).
    let cfg = expect_context::<Config>();
    if let Some(server) = cfg.comments.endpoint() {
        let sort = route_query(|q| Sort::from_query(q.get("sort").as_deref())).get_untracked();
        head_start(&server, &uri, sort, cfg.request_timeout_ms);
        on_cleanup(drop_head_start);
    }
    lazy_view(
        move || comments_section(uri.clone(), title.clone()),
        || view! { <CommentsPlaceholder loading=true/> }.into_any(),
        move |error| {
            view! {
                <section id="comments" class="comments" aria-labelledby="comments-title">
                    <h2 id="comments-title">{move || lang.get().t().comments_title}</h2>
                    {error}
                </section>
            }
            .into_any()
        },
    )
}

/// What a prerendered post shows where its comments will be: the section's heading and notice,
/// and, without JavaScript, that comments need it. The thread itself is never prerendered: it
/// lives on the comment server and changes every minute.
#[component]
fn CommentsPlaceholder(
    /// Shown by the running app until the comment module is here: no `<noscript>` then (scripts
    /// run, so it would only be dead markup in the live page).
    #[prop(optional)]
    loading: bool,
    /// Set when the section comes within a screen of the viewport.
    #[prop(optional)]
    near: Option<RwSignal<bool>>,
) -> impl IntoView {
    let lang = use_lang();
    let has_comments = expect_context::<Config>().comments.endpoint().is_some();
    let node = NodeRef::<leptos::html::Section>::new();
    if let Some(near) = near {
        when_near_viewport(node, move || near.set(true));
    }
    has_comments.then(|| {
        view! {
            <section id="comments" class="comments" aria-labelledby="comments-title" node_ref=node>
                <h2 id="comments-title">{move || lang.get().t().comments_title}</h2>
                <p class="moderation-notice">{move || lang.get().t().comments_moderated}</p>
                // Plain text, read once: with scripting on, a browser keeps a noscript's content as
                // raw text, where a reactive text's hydration marker would not be a node.
                {(!loading).then(|| view! { <noscript>{lang.get_untracked().t().comments_need_js}</noscript> })}
            </section>
        }
    })
}
