//! The reader's own comments inside Isso's edit window: opening the editor with the text as
//! typed, saving it, deleting the comment, and what the comment views read of it ([`OwnCtx`]).

use super::*;

/// The actions on the reader's own comments (`own`, with the countdowns' clock `now`) against
/// `server`; a change Isso publishes at once reloads the thread's `first` page.
pub(super) fn own_actions(
    server: &str,
    timeout_ms: u32,
    own: RwSignal<Vec<OwnComment>>,
    now: RwSignal<f64>,
    first: LocalResource<FirstPage>,
) -> OwnCtx {
    let server = server.to_string();
    // Editing and deleting one's own comment inside Isso's window.
    let editing: RwSignal<Option<(u64, String)>> = RwSignal::new(None);
    let own_error: RwSignal<Option<(u64, ApiError)>> = RwSignal::new(None);
    let failed = move |id: u64, e: ApiError| {
        if e == ApiError::Refused(Refusal::Forbidden) || e == ApiError::NotFound {
            // The window is over (or the comment is gone): the buttons go away. An open editor
            // stays, with what the reader typed in it, to copy: closing it would throw that away.
            own.update(|o| {
                o.iter_mut()
                    .filter(|c| c.comment.id == id)
                    .for_each(|c| c.editable_until = None)
            });
            if e == ApiError::NotFound {
                editing.set(None);
            }
        }
        own_error.set(Some((id, e)));
    };
    let start_edit = Action::new_local({
        let server = server.clone();
        move |id: &u64| {
            let (server, id) = (server.clone(), *id);
            async move {
                own_error.set(None);
                match fetch_own_plain(&server, id, timeout_ms).await {
                    Ok(text) => editing.set(Some((id, text))),
                    Err(e) => failed(id, e),
                }
            }
        }
    });
    let save_edit = Action::new_local({
        let server = server.clone();
        move |(id, text): &(u64, String)| {
            let (server, id, text) = (server.clone(), *id, text.clone());
            async move {
                own_error.set(None);
                match edit_comment(&server, id, &text, timeout_ms).await {
                    Ok(p) => {
                        let at = now_secs();
                        own.update(|o| {
                            for c in o.iter_mut().filter(|c| c.comment.id == id) {
                                c.comment = p.comment.clone();
                                c.editable_until = p.edit_secs.map(|s| at + s).or(c.editable_until);
                            }
                        });
                        editing.set(None);
                        if p.published {
                            first.refetch();
                        }
                    }
                    Err(e) => failed(id, e),
                }
            }
        }
    });
    let delete = Action::new_local({
        let server = server.clone();
        move |id: &u64| {
            let (server, id) = (server.clone(), *id);
            async move {
                own_error.set(None);
                match delete_comment(&server, id, timeout_ms).await {
                    Ok(()) => {
                        own.update(|o| o.retain(|c| c.comment.id != id));
                        editing.set(None);
                        first.refetch();
                    }
                    Err(e) => failed(id, e),
                }
            }
        }
    });
    let own_busy = Signal::derive(move || {
        start_edit.pending().get() || save_edit.pending().get() || delete.pending().get()
    });
    OwnCtx {
        own: own.into(),
        now: now.into(),
        editing,
        error: own_error.into(),
        busy: own_busy,
        start_edit: Callback::new(move |id| {
            if !own_busy.get_untracked() {
                start_edit.dispatch(id);
            }
        }),
        save_edit: Callback::new(move |args| {
            if !own_busy.get_untracked() {
                save_edit.dispatch(args);
            }
        }),
        delete: Callback::new(move |id| {
            if !own_busy.get_untracked() {
                delete.dispatch(id);
            }
        }),
    }
}

/// A comment the reader sent, as their own: shown with its edit window, kept in storage while
/// it awaits moderation or can be edited.
pub(super) fn own_of(p: &Posted, at: f64) -> OwnComment {
    OwnComment {
        comment: p.comment.clone(),
        saved_at: at,
        editable_until: p.edit_secs.map(|s| at + s),
    }
}

/// Adds a comment the reader sent to what storage remembers for thread `uri`, when the section
/// that would have kept it is gone (the reader left the post while the comment was on its way).
pub(super) fn remember_sent(uri: &str, p: &Posted) {
    let mut own = stored_own(uri);
    own.push(own_of(p, now_secs()));
    if let Ok(json) = serde_json::to_string(&own) {
        platform::storage_set(&own_key(uri), &json);
    }
}

/// The reader's own comments storage remembers for thread `uri`.
fn stored_own(uri: &str) -> Vec<OwnComment> {
    platform::storage_get(&own_key(uri))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// The reader's own comments remembered for thread `uri` (pending ones from storage), and the
/// clock of their edit countdowns, ticking every second while the section is mounted.
pub(super) fn own_comments(uri: &str) -> (RwSignal<Vec<OwnComment>>, RwSignal<f64>) {
    let own = RwSignal::new(own_to_keep(&stored_own(uri), now_secs(), &[]));
    // A timer: the outside world.
    let now = RwSignal::new(now_secs());
    if let Ok(tick) = set_interval_with_handle(
        move || now.set(now_secs()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || tick.clear());
    }
    (own, now)
}

/// The reader's own comments not (yet) in the thread as loaded (`shown_ids` lists every comment
/// shown; it is read only while there are own comments, so a reader without any does no work per
/// page for them). Keeps in storage those still awaiting moderation or editable: the outside
/// world, hence the one effect.
pub(super) fn own_unlisted(
    own: RwSignal<Vec<OwnComment>>,
    uri: &str,
    shown_ids: impl Fn() -> Vec<u64> + Copy + Send + Sync + 'static,
) -> Memo<Vec<OwnComment>> {
    let key = own_key(uri);
    // `pick` of the own comments against those shown; nothing read while there are none.
    let against_shown = move |pick: fn(&[OwnComment], f64, &[u64]) -> Vec<OwnComment>| {
        own.with(|o| {
            if o.is_empty() {
                Vec::new()
            } else {
                pick(o, now_secs(), &shown_ids())
            }
        })
    };
    Effect::new(move || {
        let pending = against_shown(own_to_keep);
        if pending.is_empty() {
            platform::storage_remove(&key);
        } else if let Ok(json) = serde_json::to_string(&pending) {
            platform::storage_set(&key, &json);
        }
    });
    Memo::new(move |_| against_shown(live_pending))
}
