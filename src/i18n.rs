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
    more_posts: "Show more posts",
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
    comments_moderated: "Comments are moderated.",
    comments_need_js: "Reading and writing comments needs JavaScript.",
    comment_one: "comment",
    comment_many: "comments",
    comments_none: "No comments yet. Start the conversation.",
    comments_policy: "Read the comment policy",
    comments_sort: "Sort comments",
    sort_oldest: "Oldest",
    sort_newest: "Newest",
    sort_top: "Top",
    load_more_comments: "Load more comments",
    load_more_replies: "Show more replies",
    anonymous: "Anonymous",
    awaiting_moderation: "Awaiting moderation",
    comment_deleted: "This comment was deleted.",
    comment_number: "Comment",
    likes: "Likes",
    dislikes: "Dislikes",
    reply: "Reply",
    cancel: "Cancel",
    leave_comment: "Leave a comment",
    reply_to: "Reply to comment",
    field_comment: "Comment",
    field_name: "Name",
    field_email: "Email",
    field_website: "Website",
    field_optional: "optional",
    field_required: "required",
    email_hint: "Never shown.",
    markdown_hint: "Markdown works: *italic*, **bold**, [link](https://…).",
    submit_comment: "Post comment",
    sending: "Sending…",
    sent_pending: "Thank you. Your comment will appear once a moderator approves it.",
    sent_published: "Thank you. Your comment is published.",
    draft_kept: "Your text is kept on this device; you can try again.",
    still_sending: "Still sending… the connection is slow. Your text is kept on this device.",
    comments_load_failed: "Comments could not be loaded.",
    edit: "Edit",
    delete: "Delete",
    save: "Save",
    delete_confirm: "Delete your comment? This cannot be undone.",
    editable_for: "You can edit or delete it for",
    edit_window_over: "The time to edit or delete this comment is over.",
    preview: "Preview",
    preview_title: "Preview of your comment",
    ce_too_short: "The comment is too short: write at least 3 characters.",
    ce_too_long: "The comment is too long: the limit is 65,535 characters.",
    ce_bad_website: "The website is not a valid address. Use one like https://example.org.",
    ce_bad_email: "The email address is not valid.",
    ce_invalid: "The comment server could not read the comment.",
    ce_rate_limited: "You are commenting too fast. Wait a minute and try again.",
    ce_too_many: "You have reached the limit of comments on this post. You can still reply to others.",
    ce_reply_to_self: "You cannot reply to your own comment while it can still be edited. Try again later.",
    ce_author_required: "Please enter a name.",
    ce_email_required: "Please enter an email address.",
    ce_forbidden: "The comment server refused this request.",
    ce_not_found: "That comment no longer exists.",
    ce_too_large: "The comment is too large to send.",
    ce_server: "The comment server had a problem. Try again in a moment.",
    ce_offline: "You are offline. Check your connection and try again.",
    ce_network: "The comment server cannot be reached right now. Try again later.",
    ce_timeout: "The comment server did not answer in time. Try again.",
    ce_malformed: "The comment server sent an answer we could not read.",
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
    more_posts: "Mostrar más entradas",
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
    comments_moderated: "Los comentarios se moderan.",
    comments_need_js: "Para leer y escribir comentarios se necesita JavaScript.",
    comment_one: "comentario",
    comment_many: "comentarios",
    comments_none: "Todavía no hay comentarios. Inicia la conversación.",
    comments_policy: "Lee las normas de los comentarios",
    comments_sort: "Ordenar comentarios",
    sort_oldest: "Más antiguos",
    sort_newest: "Más recientes",
    sort_top: "Mejor valorados",
    load_more_comments: "Cargar más comentarios",
    load_more_replies: "Mostrar más respuestas",
    anonymous: "Anónimo",
    awaiting_moderation: "Pendiente de moderación",
    comment_deleted: "Este comentario fue eliminado.",
    comment_number: "Comentario",
    likes: "Me gusta",
    dislikes: "No me gusta",
    reply: "Responder",
    cancel: "Cancelar",
    leave_comment: "Deja un comentario",
    reply_to: "Responder al comentario",
    field_comment: "Comentario",
    field_name: "Nombre",
    field_email: "Correo electrónico",
    field_website: "Sitio web",
    field_optional: "opcional",
    field_required: "obligatorio",
    email_hint: "Nunca se muestra.",
    markdown_hint: "Se admite Markdown: *cursiva*, **negrita**, [enlace](https://…).",
    submit_comment: "Publicar comentario",
    sending: "Enviando…",
    sent_pending: "Gracias. Tu comentario aparecerá cuando un moderador lo apruebe.",
    sent_published: "Gracias. Tu comentario está publicado.",
    draft_kept: "Tu texto se guarda en este dispositivo; puedes intentarlo de nuevo.",
    still_sending: "Enviando todavía… la conexión es lenta. Tu texto se guarda en este dispositivo.",
    comments_load_failed: "No se pudieron cargar los comentarios.",
    edit: "Editar",
    delete: "Eliminar",
    save: "Guardar",
    delete_confirm: "¿Eliminar tu comentario? No se puede deshacer.",
    editable_for: "Puedes editarlo o eliminarlo durante",
    edit_window_over: "Se acabó el tiempo para editar o eliminar este comentario.",
    preview: "Vista previa",
    preview_title: "Vista previa de tu comentario",
    ce_too_short: "El comentario es demasiado corto: escribe al menos 3 caracteres.",
    ce_too_long: "El comentario es demasiado largo: el límite es de 65.535 caracteres.",
    ce_bad_website: "El sitio web no es una dirección válida. Usa una como https://example.org.",
    ce_bad_email: "El correo electrónico no es válido.",
    ce_invalid: "El servidor de comentarios no pudo leer el comentario.",
    ce_rate_limited: "Estás comentando demasiado rápido. Espera un minuto e inténtalo de nuevo.",
    ce_too_many: "Alcanzaste el límite de comentarios en esta entrada. Aún puedes responder a otros.",
    ce_reply_to_self: "No puedes responder a tu propio comentario mientras aún se puede editar. Inténtalo más tarde.",
    ce_author_required: "Escribe un nombre.",
    ce_email_required: "Escribe un correo electrónico.",
    ce_forbidden: "El servidor de comentarios rechazó la solicitud.",
    ce_not_found: "Ese comentario ya no existe.",
    ce_too_large: "El comentario es demasiado grande para enviarlo.",
    ce_server: "El servidor de comentarios tuvo un problema. Inténtalo de nuevo en un momento.",
    ce_offline: "No tienes conexión. Revisa tu conexión e inténtalo de nuevo.",
    ce_network: "No se puede contactar al servidor de comentarios. Inténtalo más tarde.",
    ce_timeout: "El servidor de comentarios no respondió a tiempo. Inténtalo de nuevo.",
    ce_malformed: "El servidor de comentarios envió una respuesta que no pudimos leer.",
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

/// `"1 comment"`, `"3 comentarios"`.
pub fn comment_count_label(lang: Lang, n: u64) -> String {
    let t = lang.t();
    let noun = if n == 1 {
        t.comment_one
    } else {
        t.comment_many
    };
    format!("{} {noun}", format_number(lang, n))
}

/// The translated message for a comment-server failure.
pub fn comment_error(lang: Lang, e: &crate::model::comments::CommentError) -> &'static str {
    use crate::model::comments::CommentError as E;
    let t = lang.t();
    match e {
        E::TooShort => t.ce_too_short,
        E::TooLong => t.ce_too_long,
        E::BadWebsite => t.ce_bad_website,
        E::BadEmail => t.ce_bad_email,
        E::Invalid => t.ce_invalid,
        E::RateLimited => t.ce_rate_limited,
        E::TooManyReplies => t.ce_too_many,
        E::ReplyToSelf => t.ce_reply_to_self,
        E::AuthorRequired => t.ce_author_required,
        E::EmailRequired => t.ce_email_required,
        E::Forbidden => t.ce_forbidden,
        E::NotFound => t.ce_not_found,
        E::TooLarge => t.ce_too_large,
        E::Server(_) => t.ce_server,
        E::Offline => t.ce_offline,
        E::Network(_) => t.ce_network,
        E::Timeout => t.ce_timeout,
        E::Malformed(_) => t.ce_malformed,
    }
}

/// Seconds since the epoch, by the browser's clock.
pub fn now_secs() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() / 1000.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }
}

/// A moment (seconds since the epoch) as a localised date and time in the reader's time zone,
/// such as "Nov 28, 2026, 6:20 PM" / "28 nov 2026, 18:20".
pub fn format_datetime(lang: Lang, secs: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let made = intl::format(
            lang,
            "datetime",
            |opts| {
                let _ = js_sys::Reflect::set(opts, &"dateStyle".into(), &"medium".into());
                let _ = js_sys::Reflect::set(opts, &"timeStyle".into(), &"short".into());
                intl::Kind::DateTime
            },
            |f| {
                f.call1(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
                    secs * 1000.0,
                )))
            },
        );
        if let Some(s) = made {
            return s;
        }
    }
    let _ = lang;
    let t = time::OffsetDateTime::from_unix_timestamp(secs as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// How long ago, "3 hours ago" / "hace 3 horas", through `Intl.RelativeTimeFormat`.
pub fn format_relative(lang: Lang, now: f64, then: f64) -> String {
    let (n, unit) = crate::model::comments::relative_bucket(now, then);
    #[cfg(target_arch = "wasm32")]
    {
        let made = intl::format(
            lang,
            "relative",
            |opts| {
                let _ = js_sys::Reflect::set(opts, &"numeric".into(), &"auto".into());
                intl::Kind::RelativeTime
            },
            |f| f.call2(&(n as f64).into(), &unit.name().into()),
        );
        if let Some(s) = made {
            return s;
        }
    }
    let _ = lang;
    format!("{n} {}", unit.name())
}

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

/// A month heading such as "February 2022" / "Febrero de 2022".
pub fn format_month(lang: Lang, year: i32, month: u8) -> String {
    calendar::month_heading(lang, year, month)
}

/// A month name alone, for the archive widget, in the language's own case ("noviembre").
pub fn month_name(lang: Lang, month: u8) -> String {
    calendar::month_name(lang, month).map_or_else(|| format!("{month:02}"), str::to_string)
}

/// Cached `Intl` formatters. Constructing one loads locale data and costs far more than
/// formatting with it (about a millisecond at 4× CPU throttling), and a long comment thread
/// formats two dates per comment: so each formatter is built once per language and options.
#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use wasm_bindgen::{JsCast, JsValue};

    use super::Lang;

    /// Which `Intl` constructor.
    pub enum Kind {
        DateTime,
        RelativeTime,
    }

    /// A formatter's `format`, bound to it.
    pub struct Format(js_sys::Function);

    impl Format {
        pub fn call1(&self, a: &JsValue) -> Option<String> {
            self.0.call1(&JsValue::NULL, a).ok()?.as_string()
        }

        pub fn call2(&self, a: &JsValue, b: &JsValue) -> Option<String> {
            self.0.call2(&JsValue::NULL, a, b).ok()?.as_string()
        }
    }

    /// Formatters by language and name; `None` where the browser could not build one.
    type Cache = HashMap<(Lang, String), Option<std::rc::Rc<Format>>>;

    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
    }

    /// Formats with the formatter named `key` for `lang`, building it on first use: `options`
    /// fills in its options and says which constructor it is. `None` when the browser lacks it.
    pub fn format(
        lang: Lang,
        key: &str,
        options: impl FnOnce(&js_sys::Object) -> Kind,
        with: impl FnOnce(&Format) -> Option<String>,
    ) -> Option<String> {
        let cached = CACHE.with(|c| c.borrow().get(&(lang, key.to_string())).cloned());
        let f = match cached {
            Some(f) => f,
            None => {
                let f = build(lang, options).map(std::rc::Rc::new);
                CACHE.with(|c| c.borrow_mut().insert((lang, key.to_string()), f.clone()));
                f
            }
        }?;
        with(&f)
    }

    fn build(lang: Lang, options: impl FnOnce(&js_sys::Object) -> Kind) -> Option<Format> {
        let opts = js_sys::Object::new();
        let ctor = match options(&opts) {
            Kind::DateTime => "DateTimeFormat",
            Kind::RelativeTime => "RelativeTimeFormat",
        };
        let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &ctor.into())
            .ok()?
            .dyn_into()
            .ok()?;
        let args = js_sys::Array::of2(&js_sys::Array::of1(&lang.tag().into()), &opts);
        let formatter = js_sys::Reflect::construct(&ctor, &args).ok()?;
        let format: js_sys::Function = js_sys::Reflect::get(&formatter, &"format".into())
            .ok()?
            .dyn_into()
            .ok()?;
        // `format` of DateTimeFormat is a bound getter, RelativeTimeFormat's is a
        // plain method: bind it so every kind is called the same way.
        Some(Format(format.bind0(&formatter)))
    }
}

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
