//! The comment form's parts: its single-line fields, the preview and the status line.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::safe_html::SafeHtml;
use crate::i18n::{comment_error, use_lang, Texts};

/// One single-line field of the comment form: its label, whether it is required or optional,
/// the input, and an optional hint under it.
#[component]
pub fn TextField(
    /// The input's id (unique per form: a reply's fields carry the comment's id).
    id: String,
    /// The input's `name`.
    name: &'static str,
    /// The input's `type`.
    kind: &'static str,
    /// The input's `autocomplete`.
    autocomplete: &'static str,
    /// The input's `maxlength`.
    maxlength: &'static str,
    /// The label, in the reader's language.
    label: fn(&'static Texts) -> &'static str,
    /// A hint under the field, in the reader's language.
    #[prop(optional)]
    hint: Option<fn(&'static Texts) -> &'static str>,
    /// Whether the server requires it.
    #[prop(into)]
    required: Signal<bool>,
    /// What is typed.
    value: RwSignal<String>,
    /// Whether what is typed was refused (the message is the form's status).
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// The id of the form's error message, which describes the field while it is refused.
    #[prop(optional)]
    error_id: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let hint_id = hint.map(|_| format!("{id}-hint"));
    // A screen reader says the hint, and why the field was refused, each time it is reached.
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let refused = invalid
                .is_some_and(|i| i.get())
                .then(|| error_id.clone())
                .flatten();
            let ids: Vec<String> = hint_id.clone().into_iter().chain(refused).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let needed = move || {
        let t = lang.get().t();
        format!(
            " ({})",
            if required.get() {
                t.field_required
            } else {
                t.field_optional
            }
        )
    };
    view! {
        <p class="field">
            <label for=id.clone()>
                {move || label(lang.get().t())}
                <span class="hint">{needed}</span>
            </label>
            <input id=id name=name type=kind autocomplete=autocomplete maxlength=maxlength
                required=move || required.get()
                aria-invalid=move || invalid.is_some_and(|i| i.get()).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|h| view! { <small class="hint" id=hint_id>{move || h(lang.get().t())}</small> })}
        </p>
    }
}

/// The preview Isso rendered of `text` as it was (`shown`), while the text is unchanged; or why
/// there is none.
pub fn preview_view(
    shown: Option<Result<(String, String), ApiError>>,
    text: RwSignal<String>,
) -> Option<AnyView> {
    let lang = use_lang();
    Some(match shown? {
        Ok((t, html)) => text.with(|cur| *cur == t).then(|| {
            view! {
                <div class="comment-preview" aria-label=move || lang.get().t().preview_title>
                    <SafeHtml html class="comment-text prose"/>
                </div>
            }
            .into_any()
        })?,
        Err(e) => error_line(e, false, None).into_any(),
    })
}

/// The form's status: still sending past the usual timeout, sent (published or held for
/// moderation), or why it failed (the draft is kept; `error_id` names that message, for the
/// field it is about).
pub fn status_view(
    slow: bool,
    result: Option<Result<bool, ApiError>>,
    error_id: String,
) -> Option<AnyView> {
    let lang = use_lang();
    if slow {
        return Some(
            view! {
                <p class="comment-form-status sending" role="status" data-status="sending">
                    {move || lang.get().t().still_sending}
                </p>
            }
            .into_any(),
        );
    }
    result.map(|r| match r {
        Ok(published) => view! {
            <p class="comment-form-status sent" role="status" data-status=if published { "published" } else { "pending" }>
                {move || if published { lang.get().t().sent_published } else { lang.get().t().sent_pending }}
            </p>
        }
        .into_any(),
        Err(e) => error_line(e, true, Some(error_id)).into_any(),
    })
}

/// What is wrong with the form as filled in, under it (nothing was sent, so no word of a draft),
/// with the id the field it is about points at.
pub fn invalid_view(e: ApiError, id: String) -> AnyView {
    error_line(e, false, Some(id)).into_any()
}

/// A failure under the form, and whether to say the draft is kept.
fn error_line(e: ApiError, draft_kept: bool, id: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let kind = e.kind();
    view! {
        <p class="comment-form-status error" role="alert" data-error=kind id=id>
            {move || comment_error(lang.get(), &e)}
            {draft_kept.then(|| view! { " " {move || lang.get().t().draft_kept} })}
        </p>
    }
}
