//! The section's own parts around the thread: its heading with the moderation notice, the sort
//! links, and the replies loaded on demand.

use super::*;

/// The section's heading and the moderation notice, with a link to the comment policy.
#[component]
pub(super) fn SectionHeading(
    /// `config.json`'s `comments.policy_url`: a site path, or an http(s) URL (anything else is
    /// not linked).
    policy: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let policy = policy.as_deref().and_then(|u| {
        if u.starts_with('/') && !u.starts_with("//") {
            Some(u.to_string())
        } else {
            safe_http_url(u)
        }
    });
    view! {
        // Focusable from script, for where the focus goes when a control it was on is gone.
        <h2 id="comments-title" tabindex="-1">{move || lang.get().t().comments_title}</h2>
        <p class="moderation-notice">
            {move || lang.get().t().comments_moderated}
            {policy.map(|href| view! {
                " " <a href=href>{move || lang.get().t().comments_policy}</a>
            })}
        </p>
    }
}

/// The sort links (oldest, newest, top), the current one marked.
#[component]
pub(super) fn SortNav(
    /// The thread: the post's app path, which the links keep.
    uri: String,
    /// The order shown.
    sort: Memo<Sort>,
) -> impl IntoView {
    let lang = use_lang();
    let links = move || {
        let t = lang.get().t();
        Sort::ALL
            .into_iter()
            .map(|s| {
                let label = match s {
                    Sort::Oldest => t.sort_oldest,
                    Sort::Newest => t.sort_newest,
                    Sort::Top => t.sort_top,
                };
                let href = link_to(&format!("{}?sort={}", uri, s.query()));
                let current = move || (sort.get() == s).then_some("true");
                view! {
                    // A plain link: the router takes it all the same, and unlike `<A>` it does
                    // not subscribe to the router's URL for the whole visit (components::link);
                    // `data-noscroll` keeps the reader where they are.
                    <li><a href=href data-noscroll=true aria-current=current data-sort=s.query()>{label}</a></li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="comments-sort" aria-label=move || lang.get().t().comments_sort>
            <ul>{links}</ul>
        </nav>
    }
}

/// Replies loaded on demand ("show more replies"), per top-level comment.
pub(super) struct RepliesLoader {
    /// The replies loaded so far.
    pub list: RwSignal<Vec<LoadedReplies>>,
    /// Loads the next replies of a comment: (id, its number, which ones); one load at a time.
    pub load: Callback<(u64, Option<String>, Batch)>,
    /// Whose replies are loading.
    pub loading: Signal<Option<u64>>,
    /// Whose replies could not be loaded, and why (until the next attempt).
    pub failed: Signal<Option<(u64, ApiError)>>,
}

/// The replies of thread `uri` loaded on demand from `server`.
pub(super) fn replies_loader(server: String, uri: String, timeout_ms: u32) -> RepliesLoader {
    let more_replies: RwSignal<Vec<LoadedReplies>> = RwSignal::new(Vec::new());
    let failed: RwSignal<Option<(u64, ApiError)>> = RwSignal::new(None);
    let action = Action::new_local(
        move |(parent, number, batch): &(u64, Option<String>, Batch)| {
            let (server, uri) = (server.clone(), uri.clone());
            let (parent, number, batch) = (*parent, number.clone(), *batch);
            async move {
                failed.try_set(None);
                match fetch_replies(&server, &uri, parent, batch, timeout_ms).await {
                    Ok(page) => {
                        more_replies.try_update(|m| {
                            add_replies(m, parent, number.as_deref(), batch, &page)
                        });
                    }
                    // Said under the button, which stays for another try.
                    Err(e) => {
                        failed.try_set(Some((parent, e)));
                    }
                }
            }
        },
    );
    let loading = Signal::derive(move || {
        action
            .input()
            .get()
            .filter(|_| action.pending().get())
            .map(|(p, _, _)| p)
    });
    let load = Callback::new(move |args: (u64, Option<String>, Batch)| {
        if !action.pending().get_untracked() {
            action.dispatch(args);
        }
    });
    RepliesLoader {
        list: more_replies,
        load,
        loading,
        failed: failed.into(),
    }
}
