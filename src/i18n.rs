//! English and Spanish interface text, and locale-aware dates and numbers.
//!
//! The catalogue is a struct with one field per message, so a message missing in one language is a
//! compile error rather than a blank at run time. Dates and numbers are formatted by the browser's
//! own `Intl` (ICU inside the browser): it costs no bytes in the wasm, unlike shipping ICU data.
//! leptos_i18n was considered and left out because it pulls ICU4X locale crates into the wasm;
//! see docs/decisions.md.

use leptos::prelude::*;

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
    pub pagination: &'static str,
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
    pub read_original: &'static str,
    pub newer_post: &'static str,
    pub older_post: &'static str,
    pub no_posts: &'static str,
    pub untitled: &'static str,
    pub posts_labelled: &'static str,
    pub posts_from: &'static str,
    pub comments_title: &'static str,
    pub comments_soon: &'static str,
    pub comments_moderated: &'static str,
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
    pub err_crash_title: &'static str,
    pub err_crash_body: &'static str,
    pub reload: &'static str,
    pub technical_details: &'static str,
    pub page_not_found_title: &'static str,
    pub page_not_found_body: &'static str,
}

static EN: Texts = Texts {
    skip_to_content: "Skip to content",
    switch_to: "Español",
    switch_label: "Leer en español",
    newer_posts: "Newer posts",
    older_posts: "Older posts",
    pagination: "Pages",
    sidebar: "About this blog",
    main_nav: "Main",
    home: "Home",
    archive: "Archive",
    blog_archive: "Blog archive",
    labels: "Labels",
    posts_count_one: "post",
    posts_count_many: "posts",
    page_n: "Page",
    for_blog: "for",
    by: "By",
    source: "Source:",
    labels_prefix: "Labels:",
    min_read: "min read",
    read_original: "Read on the original site",
    newer_post: "Newer post",
    older_post: "Older post",
    no_posts: "No posts here yet.",
    untitled: "(untitled)",
    posts_labelled: "Posts labelled",
    posts_from: "Posts from",
    comments_title: "Comments",
    comments_soon: "Comments for this post will appear here.",
    comments_moderated: "Comments are moderated.",
    tips_title: "Send us a tip",
    tips_body: "Seen something at the line? Send photos, videos, notes or links. You can stay anonymous.",
    tips_email: "Email the desk",
    tips_link: "Send a tip",
    footer_note: "Independent local reporting from both sides of the border.",
    loading: "Loading…",
    retry: "Try again",
    go_home: "Go to the home page",
    err_not_found_title: "We could not find that",
    err_not_found_body: "The post or page may have moved or never existed.",
    err_network_title: "You seem to be offline",
    err_network_body: "We could not reach the server. Check your connection and try again.",
    err_timeout_title: "This is taking too long",
    err_timeout_body: "The server did not answer in time. The network may be slow; try again.",
    err_server_title: "The server had a problem",
    err_server_body: "Something went wrong on our side. Please try again in a moment.",
    err_malformed_title: "We received damaged data",
    err_malformed_body: "The content could not be read. The editors have been told to check the feed; try again later.",
    err_crash_title: "Something broke",
    err_crash_body: "The page stopped working. Reloading usually fixes it.",
    reload: "Reload the page",
    technical_details: "Technical details",
    page_not_found_title: "Page not found",
    page_not_found_body: "There is no page at this address. Try the home page or the archive.",
};

static ES: Texts = Texts {
    skip_to_content: "Saltar al contenido",
    switch_to: "English",
    switch_label: "Read in English",
    newer_posts: "Entradas más recientes",
    older_posts: "Entradas antiguas",
    pagination: "Páginas",
    sidebar: "Sobre este blog",
    main_nav: "Principal",
    home: "Inicio",
    archive: "Archivo",
    blog_archive: "Archivo del blog",
    labels: "Etiquetas",
    posts_count_one: "entrada",
    posts_count_many: "entradas",
    page_n: "Página",
    for_blog: "para",
    by: "Por",
    source: "Fuente:",
    labels_prefix: "Etiquetas:",
    min_read: "min de lectura",
    read_original: "Leer en el sitio original",
    newer_post: "Entrada más reciente",
    older_post: "Entrada antigua",
    no_posts: "Todavía no hay entradas aquí.",
    untitled: "(sin título)",
    posts_labelled: "Entradas con la etiqueta",
    posts_from: "Entradas de",
    comments_title: "Comentarios",
    comments_soon: "Los comentarios de esta entrada aparecerán aquí.",
    comments_moderated: "Los comentarios se moderan.",
    tips_title: "Envíanos un dato",
    tips_body: "¿Viste algo en la línea? Envía fotos, videos, notas o enlaces. Puedes hacerlo de forma anónima.",
    tips_email: "Escribe a la redacción",
    tips_link: "Enviar un dato",
    footer_note: "Periodismo local independiente de ambos lados de la frontera.",
    loading: "Cargando…",
    retry: "Reintentar",
    go_home: "Ir a la página de inicio",
    err_not_found_title: "No encontramos eso",
    err_not_found_body: "La entrada o la página pudo haberse movido o nunca existió.",
    err_network_title: "Parece que no tienes conexión",
    err_network_body: "No pudimos contactar al servidor. Revisa tu conexión e inténtalo de nuevo.",
    err_timeout_title: "Esto está tardando demasiado",
    err_timeout_body: "El servidor no respondió a tiempo. La red puede estar lenta; inténtalo de nuevo.",
    err_server_title: "El servidor tuvo un problema",
    err_server_body: "Algo falló de nuestro lado. Inténtalo de nuevo en un momento.",
    err_malformed_title: "Recibimos datos dañados",
    err_malformed_body: "No se pudo leer el contenido. Los editores revisarán la fuente; inténtalo más tarde.",
    err_crash_title: "Algo se rompió",
    err_crash_body: "La página dejó de funcionar. Recargarla suele resolverlo.",
    reload: "Recargar la página",
    technical_details: "Detalles técnicos",
    page_not_found_title: "Página no encontrada",
    page_not_found_body: "No hay ninguna página en esta dirección. Prueba la página de inicio o el archivo.",
};

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

/// `"1 post"`, `"3 entradas"`, with the number formatted for the language.
pub fn count_label(lang: Lang, n: u64) -> String {
    let t = lang.t();
    let noun = if n == 1 {
        t.posts_count_one
    } else {
        t.posts_count_many
    };
    format!("{} {noun}", format_number(lang, n))
}

/// Minutes to read `words` at 220 words a minute, at least 1.
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(220).max(1)
}

/// Formats an integer with the language's digit grouping (1,234 / 1234 / 12.345).
pub fn format_number(lang: Lang, n: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let opts = js_sys::Object::new();
        let nf = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&lang.tag().into()), &opts);
        nf.format()
            .call1(&nf, &(n as f64).into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| n.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        n.to_string()
    }
}

/// A day header such as "Friday, February 4, 2022" / "viernes, 4 de febrero de 2022".
pub fn format_day(lang: Lang, day: time::Date) -> String {
    intl_date(
        lang,
        day,
        &[
            ("weekday", "long"),
            ("year", "numeric"),
            ("month", "long"),
            ("day", "numeric"),
        ],
        true,
    )
}

/// A month heading such as "February 2022" / "febrero de 2022".
pub fn format_month(lang: Lang, year: i32, month: u8) -> String {
    match time::Month::try_from(month)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(year, m, 1).ok())
    {
        Some(d) => intl_date(lang, d, &[("year", "numeric"), ("month", "long")], true),
        None => format!("{year:04}-{month:02}"),
    }
}

/// A month name alone, for the archive widget, in the language's own case ("noviembre").
pub fn month_name(lang: Lang, month: u8) -> String {
    match time::Month::try_from(month)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(2000, m, 1).ok())
    {
        Some(d) => intl_date(lang, d, &[("month", "long")], false),
        None => format!("{month:02}"),
    }
}

fn intl_date(lang: Lang, day: time::Date, fields: &[(&str, &str)], heading: bool) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let opts = js_sys::Object::new();
        for (k, v) in fields {
            let _ = js_sys::Reflect::set(&opts, &(*k).into(), &(*v).into());
        }
        // The day is already the author's calendar day; format it in UTC so the reader's own
        // time zone cannot move it.
        let _ = js_sys::Reflect::set(&opts, &"timeZone".into(), &"UTC".into());
        let ms = js_sys::Date::utc(f64::from(day.year()), f64::from(u8::from(day.month()) - 1));
        let ms = ms + f64::from(day.day() - 1) * 86_400_000.0;
        let dtf = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&lang.tag().into()), &opts);
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        let s: String = dtf
            .format()
            .call1(&dtf, &date)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if !s.is_empty() {
            // Spanish weekday and month names are lowercase; a header starts with a capital.
            return if heading { capitalise(&s) } else { s };
        }
    }
    let _ = (lang, fields, heading);
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// Upper-cases the first letter.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

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
