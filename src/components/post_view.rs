//! A post, in a list or on its own page, and the comment counts of a list's posts.

use leptos::prelude::*;

use super::link::Link;
use super::safe_html::{PlainText, SafeHtml};
use crate::i18n::{
    comment_count_label, format_day, format_day_in_sentence, reading_minutes, use_lang,
};
use crate::model::config::Config;
use crate::model::post::{Body, Post};

/// One post: title, byline, body, source and labels. In a list the title links to the post.
#[component]
pub fn PostArticle(
    /// The post.
    post: Post,
    /// The blog's name, for the byline ("<pen name> for <blog>").
    #[prop(into)]
    blog: String,
    /// Whether this is the post's own page (title as `h1`, no link).
    #[prop(optional)]
    standalone: bool,
) -> impl IntoView {
    let lang = use_lang();
    let Post {
        title,
        path,
        body,
        byline,
        source,
        labels,
        language,
        external_url,
        words,
        date_raw,
        updated,
        base,
        more,
        ..
    } = post;
    let title_text = title.clone();
    let title_lang = language.clone();
    let title_for_count = title.clone();
    let title_for_more = title.clone();
    let path_for_count = path.clone();
    let path_for_more = path.clone();
    let title_view = move || {
        let text = title_text
            .clone()
            .unwrap_or_else(|| lang.get().t().untitled.to_string());
        // The post's language on its own words (title and body), not on the article: its date,
        // byline and labels are the interface's.
        let title_lang = title_lang.clone();
        if standalone {
            view! { <h1 class="post-title" lang=title_lang>{text}</h1> }.into_any()
        } else {
            view! { <h3 class="post-title" lang=title_lang><Link href=path.clone()>{text}</Link></h3> }.into_any()
        }
    };
    let content_lang = language.clone();
    crate::platform::mark_once("frontera:article");
    crate::platform::place::restore();
    let body_view = match body {
        Body::Html(html) => {
            // In a list the post's title is an `h3` under its day's `h2`: its sections go below.
            let html = if standalone {
                html
            } else {
                crate::model::text::shift_headings(&html, 2)
            };
            view! { <SafeHtml html lang=content_lang.clone().unwrap_or_default() base/> }.into_any()
        }
        Body::Text(text) => {
            view! { <PlainText text lang=content_lang.clone().unwrap_or_default()/> }.into_any()
        }
        Body::Empty => ().into_any(),
    };
    // In a list, a post cut at its "read more" break links to the rest, as Blogger's did.
    let more_view = (more && !standalone).then(|| {
        view! {
            <p class="read-more">
                <Link href=path_for_more>
                    {move || lang.get().t().read_more}
                    // One such link a post in a list: each names its post.
                    <span class="visually-hidden">
                        ": " {move || title_for_more.clone().unwrap_or_else(|| lang.get().t().untitled.to_string())}
                    </span>
                </Link>
            </p>
        }
    });
    let byline_view = byline.map(|name| {
        view! {
            <p class="byline">
                <span class="author">{name}</span>
                " " {move || lang.get().t().for_blog} " "
                <span class="blog-name">{blog.clone()}</span>
                {(words > 0).then(|| view! {
                    <span class="reading-time">
                        " · " {reading_minutes(words)} " " {move || lang.get().t().min_read}
                    </span>
                })}
            </p>
        }
    });
    let time_view = standalone.then(|| date_raw.clone()).flatten().map(|raw| {
        let day = post.date.map(|d| d.day);
        view! {
            <p class="post-date">
                <time datetime=raw>{move || day.map(|d| format_day(lang.get(), d)).unwrap_or_default()}</time>
                // A correction or a developing story says when it last changed.
                {updated.map(|(d, raw)| view! {
                    " · "
                    <span class="post-updated">
                        {move || lang.get().t().updated} " "
                        <time datetime=raw>{move || format_day_in_sentence(lang.get(), d.day)}</time>
                    </span>
                })}
            </p>
        }
    });
    let source_view = source.map(|s| {
        let name = s.name.clone();
        view! {
            <p class="source">
                <span class="source-label">{move || lang.get().t().source}</span> " "
                {match s.url {
                    Some(url) => view! { <a href=url rel="noopener noreferrer nofollow">{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }}
            </p>
        }
    });
    // In a list, the number of comments (from the list's one batched count), linking to them.
    let counts = (!standalone).then(use_context::<CommentCounts>).flatten();
    // The line is there before the count arrives ("Comments"), so nothing below it moves.
    let comments_view = counts.map(|counts| {
        let href = format!("{path_for_count}#comments");
        let path = path_for_count.clone();
        let count = Signal::derive(move || {
            counts
                .0
                .with(|c| c.iter().find(|(p, _)| *p == path).map(|(_, n)| *n))
        });
        view! {
            <p class="comment-count">
                <Link href=href attr:data-count=move || count.get()>
                    {move || match count.get() {
                        Some(n) => comment_count_label(lang.get(), n),
                        None => lang.get().t().comments_title.to_string(),
                    }}
                    // A list has one such link a post: said alone ("Comments, Comments…"),
                    // each needs its post's title.
                    <span class="visually-hidden">
                        ": " {move || title_for_count.clone().unwrap_or_else(|| lang.get().t().untitled.to_string())}
                    </span>
                </Link>
            </p>
        }
    });
    let external_view = external_url.map(|url| {
        view! { <p class="external"><a href=url rel="noopener noreferrer">{move || lang.get().t().read_original}</a></p> }
    });
    let labels_view = (!labels.is_empty()).then(|| {
        view! {
            <p class="post-labels">
                <span class="labels-prefix">{move || lang.get().t().labels_prefix}</span> " "
                {labels.into_iter().enumerate().map(|(i, l)| {
                    let sep = (i > 0).then_some(", ");
                    let item = match l.slug {
                        Some(slug) => {
                            let href = frontera_wire::layout::Route::Label { slug, page: 1 }.path();
                            view! { <Link href=href attr:rel="tag">{l.name}</Link> }.into_any()
                        }
                        None => view! { <span class="label">{l.name}</span> }.into_any(),
                    };
                    view! { {sep} {item} }
                }).collect_view()}
            </p>
        }
    });
    view! {
        <article class="post">
            <header class="post-header">
                {title_view}
                {time_view}
                {byline_view}
            </header>
            {body_view}
            {more_view}
            <footer class="post-footer">
                {source_view}
                {external_view}
                {labels_view}
                {comments_view}
            </footer>
        </article>
    }
}

/// Comment counts of the posts of a list, `(path, count)`; empty until they arrive or when the
/// comment server cannot be reached (the list never waits for them).
#[derive(Clone, Copy)]
pub struct CommentCounts(pub Signal<Vec<(String, u64)>>);

/// Asks the comment server, in one `POST /count`, how many comments each post has, and shares
/// the answer with the list's articles. Nothing when comments are off.
pub(crate) fn provide_comment_counts(paths: Vec<String>) {
    let Some(server) = use_context::<Config>().and_then(|c| {
        let timeout = c.request_timeout_ms;
        c.comments.endpoint().map(|s| (s, timeout))
    }) else {
        return;
    };
    if paths.is_empty() {
        return;
    }
    let (server, timeout) = server;
    let res = LocalResource::new(move || {
        let (server, paths) = (server.clone(), paths.clone());
        async move {
            let counts = crate::api::comments::count_comments(&server, &paths, timeout).await?;
            Ok::<_, crate::api::ApiError>(paths.into_iter().zip(counts).collect())
        }
    });
    let counts = Signal::derive(move || res.get().and_then(Result::ok).unwrap_or_default());
    provide_context(CommentCounts(counts));
}
