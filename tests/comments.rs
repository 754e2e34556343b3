//! Component tests of the comment views in headless Chromium (wasm-bindgen-test): a thread built
//! from an Isso answer, rendered into a real DOM.
#![cfg(target_arch = "wasm32")]

use frontera::components::comments::thread::{CommentList, BATCH, MARK_FIRST, MARK_PAGE};
use frontera::components::comments::{CommentsSection, ThreadCtx};
use frontera::i18n::Lang;
use frontera::model::comments::{
    build_page, IssoComment, IssoConfig, IssoPage, Sort, ThreadPage, NESTED_LIMIT,
};
use frontera::model::config::Config;
use frontera::model::replies::{add_replies, Batch, LoadedReplies};
use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

use common::{attrs, microtasks, mount, next_frame, texts, tick};

wasm_bindgen_test_configure!(run_in_browser);

/// What Isso 0.14 answers for a thread (author and website HTML-escaped, text rendered), with
/// values no real Isso would store, to check that the view defends itself anyway.
const FIXTURE: &str = r#"{"id":null,"total_replies":3,"hidden_replies":0,"replies":[
  {"id":7,"parent":null,"created":1795800000.5,"modified":null,"mode":1,
   "text":"<p>Voted for her <em>mostly</em> because of the shuttle.</p>",
   "author":"Rosa","website":"javascript:alert(1)","likes":4,"dislikes":1,"hash":"a",
   "total_replies":1,"hidden_replies":0,"replies":[
     {"id":9,"parent":7,"created":1795800100.0,"modified":null,"mode":1,"text":"<p>On time most days.</p>",
      "author":null,"website":null,"likes":0,"dislikes":0,"hash":"b"}]},
  {"id":8,"parent":null,"created":1795800050.0,"modified":null,"mode":1,
   "text":"<p>ok</p><img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script><a href=\"javascript:window.__pwned=1\">x</a>",
   "author":"&lt;b onmouseover=&quot;x&quot;&gt;Eve&lt;/b&gt;","website":"https://eve.example/?a=1&amp;b=2",
   "likes":0,"dislikes":0,"hash":"c","total_replies":0,"hidden_replies":0,"replies":[]}
]}"#;

#[wasm_bindgen_test]
async fn thread_is_numbered_and_every_field_is_safe() {
    for (lang, anonymous) in [(Lang::En, "Anonymous"), (Lang::Es, "Anónimo")] {
        let page: IssoPage = serde_json::from_str(FIXTURE).unwrap();
        let comments = build_page(&page, Sort::Oldest, 0);
        let el = mount(lang, move || view! { <CommentList comments/> });
        tick(10).await;
        assert_eq!(
            attrs(&el, "article.comment", "data-number"),
            vec!["1", "1.1", "2"]
        );
        let authors = texts(&el, ".comment-author");
        assert_eq!(
            authors,
            vec!["Rosa", anonymous, "<b onmouseover=\"x\">Eve</b>"]
        );
        // The author is text: no element came out of it.
        assert!(el.query_selector(".comment-meta b").unwrap().is_none());
        // Only the http(s) website became a link, decoded once.
        assert_eq!(
            attrs(&el, "a.comment-author", "href"),
            vec!["https://eve.example/?a=1&b=2"]
        );
        assert_eq!(
            attrs(&el, "a.comment-author", "rel"),
            vec!["nofollow ugc noopener noreferrer"]
        );
        // The text went through the sanitiser: markup kept, scripts and handlers gone.
        assert_eq!(
            el.query_selector_all(".comment-text em").unwrap().length(),
            1
        );
        let html = el.inner_html().to_lowercase();
        for bad in ["<script", "onerror", "javascript:", "onmouseover=\"x\">"] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(js_sys::Reflect::get(&js_sys::global(), &"__pwned".into())
            .unwrap()
            .is_undefined());
        let likes = texts(&el, ".comment-likes");
        assert!(likes[0].trim_end().ends_with('4'), "{likes:?}");
        // No thread context: a static rendering has no reply buttons.
        assert!(el.query_selector("button.comment-reply").unwrap().is_none());
        assert_eq!(
            attrs(&el, "article.comment time", "datetime")[0],
            "2026-11-27T17:20:00Z"
        );
    }
}

#[wasm_bindgen_test]
async fn no_comment_server_means_no_section() {
    let cfg: Config = serde_json::from_str(r#"{"title":"T","feed_url":"f.json"}"#).unwrap();
    let el = mount(Lang::En, move || {
        provide_context(cfg);
        view! { <CommentsSection uri="/2026/11/x" title="X"/> }
    });
    tick(10).await;
    assert!(el.query_selector("section#comments").unwrap().is_none());
}

/// A page of `n` top-level comments from `offset`, as Isso answers for a thread of `of` of them.
fn page_of(offset: u32, n: u32, of: u32) -> IssoPage {
    let comments = (offset..offset + n)
        .map(|i| IssoComment {
            id: u64::from(i) + 100,
            parent: None,
            text: format!("<p>Comment {}</p>", i + 1),
            author: Some(format!("Reader {}", i + 1)),
            website: None,
            mode: 1,
            created: 1_795_800_000.0 + f64::from(i),
            modified: None,
            likes: 0,
            dislikes: 0,
            total_replies: 0,
            hidden_replies: 0,
            replies: Vec::new(),
        })
        .collect();
    IssoPage {
        total_replies: of,
        hidden_replies: of - offset - n,
        replies: comments,
    }
}

fn marks(name: &str) -> u32 {
    web_sys::window()
        .unwrap()
        .performance()
        .unwrap()
        .get_entries_by_name(name)
        .length()
}

#[wasm_bindgen_test]
async fn later_pages_are_appended_and_earlier_ones_never_rebuilt() {
    // Marks an earlier test scheduled land first.
    tick(100).await;
    let first_marks = marks(MARK_FIRST);
    let page_marks = marks(MARK_PAGE);
    let head = ThreadPage::new(&page_of(0, 3, 7), Sort::Oldest, 0);
    let pages: RwSignal<Vec<ThreadPage>> = RwSignal::new(Vec::new());
    let comments = head.comments.to_vec();
    let el = mount(Lang::En, move || view! { <CommentList comments pages/> });
    tick(50).await;
    assert_eq!(
        attrs(&el, "article.comment", "data-number"),
        vec!["1", "2", "3"]
    );
    let first = el.query_selector("article.comment").unwrap().unwrap();

    pages.update(|p| p.push(ThreadPage::new(&page_of(3, 3, 7), Sort::Oldest, 3)));
    tick(50).await;
    pages.update(|p| p.push(ThreadPage::new(&page_of(6, 1, 7), Sort::Oldest, 6)));
    tick(50).await;
    assert_eq!(
        attrs(&el, ".comment-list > li > article.comment", "data-number"),
        vec!["1", "2", "3", "4", "5", "6", "7"]
    );
    // The first comment is still the very element rendered first: appending a page did not
    // rebuild the pages before it.
    let now_first = el.query_selector("article.comment").unwrap().unwrap();
    assert!(first.is_same_node(Some(&now_first)));
    assert!(first.is_connected());
    assert_eq!(texts(&el, ".comment-text")[6], "Comment 7");
    // Marked once painted: the first screenful, then each page.
    assert_eq!(marks(MARK_FIRST), first_marks + 1);
    assert_eq!(marks(MARK_PAGE), page_marks + 3);
}

#[wasm_bindgen_test]
async fn a_long_page_is_built_a_batch_per_task() {
    tick(100).await;
    let page_marks = marks(MARK_PAGE);
    let head = ThreadPage::new(&page_of(0, 3, 203), Sort::Oldest, 0);
    let pages: RwSignal<Vec<ThreadPage>> = RwSignal::new(Vec::new());
    let comments = head.comments.to_vec();
    let el = mount(Lang::En, move || view! { <CommentList comments pages/> });
    tick(50).await;
    let tops = |el: &web_sys::HtmlElement| {
        attrs(el, ".comment-list > li > article.comment", "data-number")
    };
    assert_eq!(tops(&el).len(), 3);

    // The task that adds the page builds one batch of it, not 200 comments.
    pages.update(|p| p.push(ThreadPage::new(&page_of(3, 200, 203), Sort::Oldest, 3)));
    microtasks().await;
    assert_eq!(tops(&el).len(), 3 + BATCH);

    // Then a batch per task until the page is whole, marked once, in order.
    for _ in 0..600 {
        if marks(MARK_PAGE) >= page_marks + 2 {
            break;
        }
        next_frame().await.unwrap();
    }
    assert_eq!(marks(MARK_PAGE), page_marks + 2);
    let want: Vec<String> = (1..=203).map(|n| n.to_string()).collect();
    assert_eq!(tops(&el), want);
    assert_eq!(texts(&el, ".comment-text")[202], "Comment 203");
}

/// Reply `i` (from 0) of comment 1, created in that order.
fn nth_reply(i: u32) -> IssoComment {
    serde_json::from_value(serde_json::json!({
        "id": 500 + i, "parent": 1, "created": 1_795_800_100.0 + f64::from(i),
        "text": format!("<p>Reply {}</p>", i + 1),
    }))
    .unwrap()
}

/// The section's context, with "show more replies" answered at once from `all` as Isso would
/// (`parent=1&offset=…&limit=…`, oldest first) and filed by the model as the section does.
fn replies_ctx(all: Vec<IssoComment>, store: RwSignal<Vec<LoadedReplies>>) -> ThreadCtx {
    let replying = RwSignal::new(None::<(u64, u64)>);
    ThreadCtx {
        server: "http://isso.invalid".into(),
        uri: "/2026/11/x".into(),
        title: "X".into(),
        timeout_ms: 1000,
        replying,
        reply_open: Selector::new(move || replying.get().map(|(_, c)| c)),
        reply_thread: Selector::new(move || replying.get().map(|(t, _)| t)),
        server_config: Signal::stored(IssoConfig::default()),
        on_posted: Callback::new(|_| {}),
        load_replies: Callback::new(move |(parent, number, b): (u64, Option<String>, Batch)| {
            let from = (b.offset as usize).min(all.len());
            let to = (from + b.limit as usize).min(all.len());
            let answer = IssoPage {
                total_replies: all.len() as u32,
                hidden_replies: (all.len() - to) as u32,
                replies: all[from..to].to_vec(),
            };
            store.update(|m| add_replies(m, parent, number.as_deref(), b, &answer));
        }),
        replies_loading: Signal::stored(None),
        replies_failed: Signal::stored(None),
        more_replies: store.into(),
        clock: Signal::stored(0),
    }
}

#[wasm_bindgen_test]
async fn every_reply_is_reachable_whatever_their_number() {
    for n in 0..=12u32 {
        let all: Vec<IssoComment> = (0..n).map(nth_reply).collect();
        let inline = n.min(NESTED_LIMIT);
        let mut top = nth_reply(0);
        (top.id, top.parent, top.total_replies) = (1, None, n);
        top.hidden_replies = n - inline;
        top.replies = all[..inline as usize].to_vec();
        let page = IssoPage {
            total_replies: n + 1,
            hidden_replies: 0,
            replies: vec![top],
        };
        let comments = build_page(&page, Sort::Oldest, 0);
        let el = mount(Lang::En, move || {
            // Built inside the mount: its selectors start effects, which need the executor.
            provide_context(replies_ctx(all, RwSignal::new(Vec::new())));
            view! { <CommentList comments/> }
        });
        tick(10).await;
        let replies = ".comment-replies article.comment";
        let mut clicks = 0;
        while let Some(button) = el.query_selector(".replies-more button").unwrap() {
            let label = button.text_content().unwrap();
            let before = attrs(&el, replies, "data-number").len();
            let adds: usize = label
                .strip_prefix("Show more replies (")
                .and_then(|l| l.strip_suffix(')'))
                .and_then(|l| l.parse().ok())
                .unwrap_or_else(|| panic!("{n} replies: {label:?}"));
            button.unchecked_into::<web_sys::HtmlElement>().click();
            tick(10).await;
            assert_eq!(
                attrs(&el, replies, "data-number").len(),
                before + adds,
                "{n} replies: the button said {adds}"
            );
            clicks += 1;
            assert!(clicks <= n, "{n} replies: a click added nothing");
        }
        let want: Vec<String> = (1..=n).map(|i| format!("1.{i}")).collect();
        assert_eq!(attrs(&el, replies, "data-number"), want, "{n} replies");
        let want: Vec<String> = (1..=n).map(|i| format!("Reply {i}")).collect();
        assert_eq!(texts(&el, ".comment-replies .comment-text"), want);
        assert_eq!(clicks, u32::from(n > inline), "{n} replies");
        el.remove();
    }
}

/// Comment times come from the browser's own `Intl` (js_sys::Intl), in the reader's language,
/// not from the UTC fallback the prerenderer writes.
#[wasm_bindgen_test]
fn comment_times_are_written_by_the_browsers_intl() {
    use frontera::i18n::{format_datetime, format_relative};

    // Noon UTC on 15 November 2026: the 15th or the 16th in any time zone.
    let mid_november = 1_794_744_000.0;
    let en = format_datetime(Lang::En, mid_november);
    let es = format_datetime(Lang::Es, mid_november);
    assert!(en.contains("Nov") && en.contains("2026"), "{en}");
    assert!(es.contains("nov") && es.contains("2026"), "{es}");
    assert!(!en.ends_with("UTC") && !es.ends_with("UTC"), "{en} / {es}");

    let now = mid_november;
    assert_eq!(
        format_relative(Lang::En, now, now - 3.0 * 3600.0),
        "3 hours ago"
    );
    assert_eq!(
        format_relative(Lang::Es, now, now - 3.0 * 3600.0),
        "hace 3 horas"
    );
    // `numeric: auto`: one day back is a word, not "1 day ago".
    assert_eq!(format_relative(Lang::En, now, now - 86_400.0), "yesterday");
    assert_eq!(format_relative(Lang::Es, now, now - 86_400.0), "ayer");
    // The same formatter again, from the cache.
    assert_eq!(format_relative(Lang::En, now, now - 120.0), "2 minutes ago");
}

/// The form's fields say what the server requires, and follow its answer (Isso's `/config`
/// arrives after the form is shown); a reply form's fields carry the comment's id.
#[wasm_bindgen_test]
async fn the_form_says_which_fields_the_server_requires() {
    use frontera::components::comments::form::CommentForm;

    let config = RwSignal::new(IssoConfig::default());
    let el = mount(Lang::En, move || {
        let mut ctx = replies_ctx(Vec::new(), RwSignal::new(Vec::new()));
        ctx.server_config = config.into();
        provide_context(ctx);
        view! { <CommentForm parent=None/> <CommentForm parent=Some(7)/> }
    });
    microtasks().await;
    assert_eq!(texts(&el, "label .hint"), vec![" (optional)"; 6]);
    assert!(attrs(&el, "input[required]", "id").is_empty());
    assert_eq!(
        attrs(&el, "input", "id"),
        vec![
            "comment-author",
            "comment-email",
            "comment-website",
            "comment-author-7",
            "comment-email-7",
            "comment-website-7"
        ]
    );
    config.set(IssoConfig {
        require_author: true,
        require_email: true,
        ..IssoConfig::default()
    });
    microtasks().await;
    let (required, optional) = (" (required)", " (optional)");
    assert_eq!(
        texts(&el, "label .hint"),
        vec![required, required, optional, required, required, optional]
    );
    assert_eq!(
        attrs(&el, "input[required]", "id"),
        vec![
            "comment-author",
            "comment-email",
            "comment-author-7",
            "comment-email-7"
        ]
    );
    el.remove();
}
