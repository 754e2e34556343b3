//! English and Spanish interface text, and locale-aware dates and numbers.
//!
//! The catalogue is a struct with one field per message, so a message missing in one language is a
//! compile error rather than a blank at run time. Dates and numbers are formatted by the browser's
//! own `Intl` (ICU inside the browser): it costs no bytes in the wasm, unlike shipping ICU data.
//! leptos_i18n was considered and left out because it pulls ICU4X locale crates into the wasm;
//! see docs/decisions.md.

use leptos::prelude::*;

use crate::model::calendar;

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    /// BCP 47 tag, for `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Reads a tag such as `es-MX` or `EN`; `None` for languages the interface lacks.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The catalogue for this language.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

/// The reader's language: their saved choice, else the first browser language the interface
/// speaks, else the site's default, else English.
pub fn pick_language(saved: Option<&str>, browser: &[String], site_default: &str) -> Lang {
    saved
        .and_then(Lang::from_tag)
        .or_else(|| browser.iter().find_map(|t| Lang::from_tag(t)))
        .or_else(|| Lang::from_tag(site_default))
        .unwrap_or(Lang::En)
}

/// Every interface message, in one language.
pub struct Texts {
    pub skip_to_content: &'static str,
    pub switch_to: &'static str,
    pub switch_label: &'static str,
    pub newer_posts: &'static str,
    pub older_posts: &'static str,
    /// The button under a long list that shows its next posts (a count follows).
    pub more_posts: &'static str,
    pub pagination: &'static str,
    /// The masthead's links to the standing pages (About, Contact…).
    pub pages_nav: &'static str,
    pub sidebar: &'static str,
    pub main_nav: &'static str,
    pub home: &'static str,
    pub archive: &'static str,
    pub blog_archive: &'static str,
    pub labels: &'static str,
    pub posts_count_one: &'static str,
    pub posts_count_many: &'static str,
    pub page_n: &'static str,
    pub for_blog: &'static str,
    pub by: &'static str,
    pub source: &'static str,
    pub labels_prefix: &'static str,
    pub min_read: &'static str,
    /// Before the date a post was last changed: "Updated".
    pub updated: &'static str,
    pub read_original: &'static str,
    /// After a post's opening in a list, the link to the rest: "Read more".
    pub read_more: &'static str,
    pub newer_post: &'static str,
    pub older_post: &'static str,
    pub no_posts: &'static str,
    pub untitled: &'static str,
    pub posts_labelled: &'static str,
    pub posts_from: &'static str,
    pub comments_title: &'static str,
    pub comments_moderated: &'static str,
    pub comments_need_js: &'static str,
    pub comment_one: &'static str,
    pub comment_many: &'static str,
    pub comments_none: &'static str,
    pub comments_policy: &'static str,
    pub comments_sort: &'static str,
    pub sort_oldest: &'static str,
    pub sort_newest: &'static str,
    pub sort_top: &'static str,
    pub load_more_comments: &'static str,
    pub load_more_replies: &'static str,
    pub anonymous: &'static str,
    pub awaiting_moderation: &'static str,
    pub reply_further_down: &'static str,
    pub comment_deleted: &'static str,
    pub comment_number: &'static str,
    pub likes: &'static str,
    pub dislikes: &'static str,
    pub reply: &'static str,
    pub cancel: &'static str,
    pub leave_comment: &'static str,
    pub reply_to: &'static str,
    pub field_comment: &'static str,
    pub field_name: &'static str,
    pub field_email: &'static str,
    pub field_website: &'static str,
    pub field_optional: &'static str,
    pub field_required: &'static str,
    pub email_hint: &'static str,
    pub markdown_hint: &'static str,
    pub submit_comment: &'static str,
    /// The reply form's send button (under a comment).
    pub submit_reply: &'static str,
    pub sending: &'static str,
    pub sent_pending: &'static str,
    pub sent_published: &'static str,
    pub draft_kept: &'static str,
    /// Shown while a comment is on its way for longer than the usual request timeout.
    pub still_sending: &'static str,
    pub comments_load_failed: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub save: &'static str,
    pub delete_confirm: &'static str,
    pub editable_for: &'static str,
    pub edit_window_over: &'static str,
    pub preview: &'static str,
    pub preview_title: &'static str,
    pub ce_too_short: &'static str,
    pub ce_too_long: &'static str,
    pub ce_bad_website: &'static str,
    pub ce_bad_email: &'static str,
    pub ce_invalid: &'static str,
    pub ce_rate_limited: &'static str,
    pub ce_too_many: &'static str,
    pub ce_reply_to_self: &'static str,
    pub ce_author_required: &'static str,
    pub ce_email_required: &'static str,
    pub ce_forbidden: &'static str,
    pub ce_not_found: &'static str,
    pub ce_too_large: &'static str,
    pub ce_server: &'static str,
    pub ce_offline: &'static str,
    pub ce_network: &'static str,
    pub ce_timeout: &'static str,
    pub ce_malformed: &'static str,
    pub tips_title: &'static str,
    pub tips_body: &'static str,
    pub tips_email: &'static str,
    pub tips_link: &'static str,
    pub footer_note: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub go_home: &'static str,
    pub err_not_found_title: &'static str,
    pub err_not_found_body: &'static str,
    pub err_network_title: &'static str,
    pub err_network_body: &'static str,
    pub err_timeout_title: &'static str,
    pub err_timeout_body: &'static str,
    pub err_server_title: &'static str,
    pub err_server_body: &'static str,
    pub err_malformed_title: &'static str,
    pub err_malformed_body: &'static str,
    /// A new version of the site was published while the page was open ([`ApiError::Outdated`]).
    ///
    /// [`ApiError::Outdated`]: crate::api::ApiError::Outdated
    pub err_outdated_title: &'static str,
    pub err_outdated_body: &'static str,
    pub err_crash_title: &'static str,
    pub err_crash_body: &'static str,
    pub reload: &'static str,
    pub technical_details: &'static str,
    pub page_not_found_title: &'static str,
    pub page_not_found_body: &'static str,
    // Search (issue 11).
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_title: &'static str,
    pub search_needs_js: &'static str,
    pub search_empty: &'static str,
    pub search_none: &'static str,
    pub search_none_hint: &'static str,
    pub search_result_one: &'static str,
    pub search_result_many: &'static str,
    pub search_more: &'static str,
    pub search_label_filter: &'static str,
    pub search_year_filter: &'static str,
    pub search_any_label: &'static str,
    pub search_any_year: &'static str,
    pub search_clear_filters: &'static str,
    pub search_results: &'static str,
    // Reader features (issue 11).
    /// The dark-theme toggle's name (it is pressed while the dark theme is on).
    pub theme_dark: &'static str,
    pub share_title: &'static str,
    /// The button that opens the device's own share sheet.
    pub share_native: &'static str,
    pub share_email: &'static str,
    pub share_copy: &'static str,
    pub share_copied: &'static str,
    pub share_copy_failed: &'static str,
    pub related_title: &'static str,
}

mod catalogue;
use catalogue::{EN, ES};

/// The interface language, shared by the whole app (a cross-cutting concern, hence context).
#[derive(Clone, Copy)]
pub struct LangCtx {
    /// The language in effect.
    pub lang: Signal<Lang>,
    /// Records the reader's explicit choice.
    pub choose: Callback<Lang>,
}

/// The current language; English outside a provider (component tests without one).
pub fn use_lang() -> Signal<Lang> {
    match use_context::<LangCtx>() {
        Some(ctx) => ctx.lang,
        None => Signal::stored(Lang::En),
    }
}

/// `n` and the noun that goes with it (`one` for 1, else `many`), the number formatted for the
/// language: the one plural rule (English and Spanish agree on it).
fn counted(lang: Lang, n: u64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format_number(lang, n),
        if n == 1 { one } else { many }
    )
}

/// `"1 post"`, `"3 entradas"`, with the number formatted for the language.
pub fn count_label(lang: Lang, n: u64) -> String {
    counted(lang, n, lang.t().posts_count_one, lang.t().posts_count_many)
}

/// `"1 comment"`, `"3 comentarios"`.
pub fn comment_count_label(lang: Lang, n: u64) -> String {
    counted(lang, n, lang.t().comment_one, lang.t().comment_many)
}

/// `"1 result for"`, `"12 resultados para"` (the query follows).
pub fn results_label(lang: Lang, n: u64) -> String {
    counted(
        lang,
        n,
        lang.t().search_result_one,
        lang.t().search_result_many,
    )
}

/// The translated message for a failure in the comment section (the page-level error view has
/// its own, longer texts).
pub fn comment_error(lang: Lang, e: &crate::api::ApiError) -> &'static str {
    use crate::api::{ApiError as E, Refusal as R};
    let t = lang.t();
    match e {
        E::Refused(r) => match r {
            R::TooShort => t.ce_too_short,
            R::TooLong => t.ce_too_long,
            R::BadWebsite => t.ce_bad_website,
            R::BadEmail => t.ce_bad_email,
            R::Invalid => t.ce_invalid,
            R::RateLimited => t.ce_rate_limited,
            R::TooManyReplies => t.ce_too_many,
            R::ReplyToSelf => t.ce_reply_to_self,
            R::AuthorRequired => t.ce_author_required,
            R::EmailRequired => t.ce_email_required,
            R::Forbidden => t.ce_forbidden,
            R::TooLarge => t.ce_too_large,
        },
        E::NotFound => t.ce_not_found,
        E::Server(_) => t.ce_server,
        E::Offline => t.ce_offline,
        E::Network(_) => t.ce_network,
        E::Timeout => t.ce_timeout,
        E::Malformed(_) => t.ce_malformed,
        E::Outdated => t.err_outdated_body,
    }
}

pub use moments::{format_datetime, format_relative, now_secs};

/// Minutes to read `words` at 220 words a minute, at least 1.
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(220).max(1)
}

/// Formats an integer with the language's digit grouping (1,234 / 1234 / 12.345): the same
/// text in prerendered pages and in the browser (see [`crate::model::calendar`]).
pub fn format_number(lang: Lang, n: u64) -> String {
    calendar::number(lang, n)
}

/// A day header such as "Friday, February 4, 2022" / "Viernes, 4 de febrero de 2022".
pub fn format_day(lang: Lang, day: time::Date) -> String {
    calendar::day_heading(lang, day)
}

/// A day inside a sentence: "Thursday, November 5, 2026" / "jueves, 5 de noviembre de 2026".
pub fn format_day_in_sentence(lang: Lang, day: time::Date) -> String {
    calendar::day_in_sentence(lang, day)
}

/// A month as a sentence names it: "February 2022" / "febrero de 2022".
pub fn format_month(lang: Lang, year: i32, month: u8) -> String {
    calendar::month_heading(lang, year, month)
}

/// A month name alone, for the archive widget, in the language's own case ("noviembre").
pub fn month_name(lang: Lang, month: u8) -> String {
    calendar::month_name(lang, month).map_or_else(|| format!("{month:02}"), str::to_string)
}

#[cfg(target_arch = "wasm32")]
mod intl;
mod moments;

pub use calendar::capitalise;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_saved_then_browser_then_site_default() {
        let browser = vec!["fr-FR".to_string(), "es-MX".to_string(), "en".to_string()];
        assert_eq!(pick_language(Some("en"), &browser, "es"), Lang::En);
        assert_eq!(pick_language(None, &browser, "en"), Lang::Es);
        assert_eq!(
            pick_language(Some("de"), &["de".to_string()], "es"),
            Lang::Es
        );
        assert_eq!(pick_language(None, &[], "xx"), Lang::En);
    }

    #[test]
    fn tags_round_trip() {
        for l in [Lang::En, Lang::Es] {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
            assert_eq!(l.other().other(), l);
        }
        assert_eq!(Lang::from_tag("ES_mx"), Some(Lang::Es));
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn catalogues_differ_and_are_complete() {
        assert_ne!(EN.older_posts, ES.older_posts);
        assert!(!ES.err_malformed_body.is_empty());
    }

    #[test]
    fn reading_time_and_capitals() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(221), 2);
        assert_eq!(capitalise("viernes, 4 de febrero"), "Viernes, 4 de febrero");
        assert_eq!(count_label(Lang::Es, 1), "1 entrada");
        assert_eq!(count_label(Lang::En, 3), "3 posts");
    }
}
