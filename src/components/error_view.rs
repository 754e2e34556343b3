//! One error view for every failure, translated, with a retry where trying again can help.

use leptos::prelude::*;
use leptos_meta::Title;

use super::link::Link;
use crate::api::ApiError;
use crate::i18n::use_lang;

/// Which kind of failure to explain; derived from the first error a boundary caught.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Api(ApiError),
    /// Anything that is not an [`ApiError`] (should not happen; still gets a view).
    Other(String),
}

impl Failure {
    /// Reads the first error of an `ErrorBoundary`.
    pub fn from_errors(errors: &Errors) -> Option<Failure> {
        let (_, e) = errors.iter().next()?;
        Some(match e.downcast_ref::<ApiError>() {
            Some(api) => Failure::Api(api.clone()),
            None => Failure::Other(e.to_string()),
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            Failure::Api(ApiError::NotFound) => "not-found",
            // Offline is a network failure to a page; the comment section says it apart.
            Failure::Api(ApiError::Network(_) | ApiError::Offline) => "network",
            Failure::Api(ApiError::Timeout) => "timeout",
            // Documents are never refused (`ApiError::from_status`); should it happen, the
            // server did not serve the page.
            Failure::Api(ApiError::Server(_) | ApiError::Refused(_)) => "server",
            Failure::Api(ApiError::Malformed(_)) | Failure::Other(_) => "malformed",
            Failure::Api(ApiError::Outdated) => "outdated",
        }
    }
}

/// Shows a failure: a title, what it means for the reader, a retry button when trying again can
/// help, a link home, and the technical detail folded away.
#[component]
pub fn ErrorView(
    /// What went wrong.
    failure: Failure,
    /// Called by the "Try again" button; omitted when retrying cannot help.
    #[prop(optional)]
    retry: Option<Callback<()>>,
    /// A compact variant for sidebar widgets.
    #[prop(optional)]
    compact: bool,
    /// The error is the whole page (a post that failed): its title becomes the page's `h1`
    /// and the document title.
    #[prop(optional)]
    page_level: bool,
) -> impl IntoView {
    let lang = use_lang();
    let kind = failure.kind();
    let retry = retry.filter(|_| match &failure {
        Failure::Api(e) => e.retryable(),
        Failure::Other(_) => true,
    });
    // Code that is gone from the server does not come back by trying again: the page's new
    // version does, with a reload.
    let reload = matches!(failure, Failure::Api(ApiError::Outdated));
    let detail = match &failure {
        Failure::Api(e) => e.to_string(),
        Failure::Other(e) => e.clone(),
    };
    let texts = move || {
        let t = lang.get().t();
        match kind {
            "not-found" => (t.err_not_found_title, t.err_not_found_body),
            "network" => (t.err_network_title, t.err_network_body),
            "timeout" => (t.err_timeout_title, t.err_timeout_body),
            "server" => (t.err_server_title, t.err_server_body),
            "outdated" => (t.err_outdated_title, t.err_outdated_body),
            _ => (t.err_malformed_title, t.err_malformed_body),
        }
    };
    view! {
        <section class="error-view" class:compact=compact role="alert" data-error=kind>
            {if page_level {
                view! {
                    <Title text=super::live_title(move || texts().0.to_string())/>
                    <h1 class="error-title">{move || texts().0}</h1>
                }
                    .into_any()
            } else {
                view! { <h2 class="error-title">{move || texts().0}</h2> }.into_any()
            }}
            <p>{move || texts().1}</p>
            <div class="error-actions">
                {reload.then(|| view! {
                    <button type="button" class="button" on:click=move |_| crate::platform::reload()>
                        {move || lang.get().t().reload}
                    </button>
                })}
                {retry.map(|r| view! {
                    <button type="button" class="button" on:click=move |_| r.run(())>
                        {move || lang.get().t().retry}
                    </button>
                })}
                {(!compact).then(|| view! { <Link href="/">{move || lang.get().t().go_home}</Link> })}
            </div>
            {(!compact).then(|| view! {
                <details class="error-detail">
                    <summary>{move || lang.get().t().technical_details}</summary>
                    <code>{detail.clone()}</code>
                </details>
            })}
        </section>
    }
}
