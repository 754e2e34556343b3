//! The app root: configuration, language, layout and the route table (the only one).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::location::Url;
use leptos_router::path;

use crate::api::fetch_config;
use crate::api::load::Load;
use crate::components::layout::{Footer, Masthead, Sidebar};
use crate::components::link::RouteUrl;
use crate::components::loaded::{loaded, Skeleton};
use crate::i18n::{pick_language, Lang, LangCtx};
use crate::model::config::Config;
use crate::pages::{
    archive::ArchivePage, home::HomePage, label::LabelPage, month::MonthPage, not_found::NotFound,
    page::StandingPage, post::PostPage, search::SearchPage,
};
use crate::platform;
use crate::session::SessionValue;

/// Whether the app has taken over the page in the browser: false while it renders on the server
/// and while it hydrates, true from the first effect on. What only a browser can know (the
/// reader's language, their comments) waits for it, so that hydration meets the same DOM the
/// prerenderer wrote.
#[derive(Clone, Copy)]
pub struct Interactive(pub Signal<bool>);

/// The values every route reads that outlive what reads them; each route, and each content a
/// route renders anew, gets copies of its own (src/session.rs), so that nothing a view subscribes
/// to outlives it.
#[derive(Clone)]
struct Session {
    lang: SessionValue<Lang>,
    interactive: SessionValue<bool>,
    choose: Callback<Lang>,
    /// The route's URL (the router's, one per matched route): set in the route's own session.
    url: Option<SessionValue<Url>>,
}

impl Session {
    /// Provides the current owner's own copies of the values.
    fn provide_copies(&self) {
        provide_context(LangCtx {
            lang: self.lang.for_route(),
            choose: self.choose,
        });
        provide_context(Interactive(self.interactive.for_route()));
        if let Some(url) = &self.url {
            provide_context(RouteUrl(url.for_route()));
        }
    }
}

/// Gives the current owner copies of its own of the language, [`Interactive`] and the route's
/// URL. For a view that a route renders again while the route stays (a post after another: the
/// router keeps the route and changes its parameters): without its own copies such a view's
/// readers would stay subscribed to the route's, one set per view shown, until the route goes.
pub fn renew_route_copies() {
    if let Some(session) = use_context::<Session>() {
        session.provide_copies();
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let config = Load::new(|| (), |()| fetch_config());
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    provide_context(Interactive(interactive.into()));

    // The language is derived: the reader's explicit choice, else the browser's, else the site's.
    // A prerendered page is in the site's language until the app is interactive.
    let chosen = RwSignal::new(platform::saved_language());
    let browser = platform::browser_languages();
    let lang = Signal::derive(move || {
        let site_default = config
            .get()
            .and_then(|c| c.ok())
            .map(|c| c.default_language);
        let site_default = site_default.as_deref().unwrap_or("en");
        if !interactive.get() {
            return pick_language(None, &[], site_default);
        }
        chosen.with(|c| pick_language(c.as_deref(), &browser, site_default))
    });
    let choose = Callback::new(move |l: Lang| {
        platform::save_language(l.tag());
        chosen.set(Some(l.tag().to_string()));
    });
    // The app's frame (masthead, sidebar, footer) lives as long as the app and reads these
    // directly; the routes read copies (`in_route`).
    provide_context(LangCtx { lang, choose });
    provide_context(Session {
        lang: SessionValue::new(lang),
        interactive: SessionValue::new(interactive.into()),
        choose,
        url: None,
    });

    view! {
        <Html attr:lang=move || lang.get().tag()/>
        <Router base=platform::base_path()>
            {loaded(config, Skeleton::Article, |cfg| view! { <Shell cfg/> })}
        </Router>
    }
}

/// Layout and routes, once the configuration is known.
#[component]
fn Shell(cfg: Config) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let blog = cfg.title.clone();
    let blog_title = cfg.title.clone();
    provide_context(cfg);
    // The crawlers' tags of the first page describe that page only (src/components/seo.rs).
    let location = leptos_router::hooks::use_location();
    Effect::new(move |first: Option<String>| {
        let here = location.pathname.get();
        if first.as_ref().is_some_and(|f| *f != here) {
            platform::forget_seo_tags();
        }
        first.unwrap_or(here)
    });
    Effect::new(move |before: Option<String>| {
        let here = location.pathname.get();
        if before.is_some_and(|b| b != here) {
            platform::place::arrived();
        }
        here
    });
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() {
                blog.clone()
            } else if page.starts_with(blog.as_str()) {
                page
            } else {
                format!("{page} · {blog}")
            }
        } text=blog_title/>
        <a class="skip-link" href="#main" rel="external">{move || lang.get().t().skip_to_content}</a>
        <Masthead/>
        <div class="columns">
            <main id="main" tabindex="-1">
                <Routes fallback=in_route(NotFound)>
                    <Route path=path!("/") view=in_route(HomePage)/>
                    <Route path=path!("/page/:n") view=in_route(HomePage)/>
                    <Route path=path!("/archive") view=in_route(ArchivePage)/>
                    <Route path=path!("/archive/:year/:month") view=in_route(MonthPage)/>
                    <Route path=path!("/archive/:year/:month/page/:n") view=in_route(MonthPage)/>
                    <Route path=path!("/label/:slug") view=in_route(LabelPage)/>
                    <Route path=path!("/label/:slug/page/:n") view=in_route(LabelPage)/>
                    <Route path=path!("/search") view=in_route(SearchPage)/>
                    <Route path=path!("/p/:slug") view=in_route(StandingPage)/>
                    <Route path=path!("/:year/:month/:slug") view=in_route(PostPage)/>
                </Routes>
            </main>
            <Sidebar/>
        </div>
        <Footer/>
    }
}

/// A route's view, under the route's own owner, with its own copies of the language and of
/// [`Interactive`]: what it subscribes to is dropped with it.
fn in_route<V: IntoView>(
    page: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl Fn() -> V + Clone + Send + Sync + 'static {
    move || {
        if let Some(mut session) = use_context::<Session>() {
            // The router's URL of this route lives as long as the route; its copies go with the
            // views that read them.
            session.url = use_context::<ArcRwSignal<Url>>().map(|u| SessionValue::new(u.into()));
            session.provide_copies();
            provide_context(session);
        }
        page()
    }
}
