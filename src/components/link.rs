//! Links inside a route's view.
//!
//! leptos_router's `<A>` marks itself `aria-current` by reading the router's URL, a signal that
//! lives as long as the app. Leptos 0.8 forgets a reader of a signal only when the reader runs
//! again, so a link dropped with its page stayed subscribed to the router, its allocation kept:
//! every page visited left one dead effect per link behind (issue 16). [`Link`] reads the URL of
//! its own route instead (the router makes one per route and drops it with the route); outside
//! a route (the not-found page, rebuilt at every change of URL) it reads the URL once. The click
//! is the router's as for any same-origin `<a>`; hrefs are app paths, to which [`Link`] adds the
//! base path the site is served under.
//!
//! Links of the app's frame (masthead, sidebar, footer) live as long as the app and keep `<A>`.

use leptos::prelude::*;
use leptos_router::hooks::use_url;
use leptos_router::location::Url;
use leptos_router::params::ParamsMap;

use crate::platform::link_to;

/// The URL of the route a view is in, as the view's own copy (`app::renew_route_copies`).
#[derive(Clone, Copy)]
pub struct RouteUrl(pub Signal<Url>);

/// A link to an app path, `aria-current="page"` while its route's URL is at or under it.
#[component]
pub fn Link(
    /// An app path such as `/label/agua` (without the base path).
    #[prop(into)]
    href: String,
    /// The text and elements inside the link.
    children: Children,
) -> impl IntoView {
    // leptos_router 0.8's `<A>` leaves `/paths` alone, so the base path (`--public-url /blog/`)
    // is added here; the route's URL carries it too, so the comparison below sees both.
    let href = link_to(&href);
    let target = href
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    // The route's URL: the view's own copy, else the router's signal of the route.
    let route_url = use_context::<RouteUrl>()
        .map(|u| u.0)
        .or_else(|| use_context::<ArcRwSignal<Url>>().map(Signal::from));
    let outside = route_url
        .is_none()
        .then(|| use_url().with_untracked(|u| is_current(&target, u.path())));
    let current = move || {
        let here = match &route_url {
            Some(url) => url.with(|u| is_current(&target, u.path())),
            None => outside.unwrap_or(false),
        };
        here.then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}

/// Whether `location` is `href` or under it, segment by segment, as leptos_router's `<A>`
/// decides it (`/archive` is current at `/archive/2026/11`; `/` only at `/`; a trailing slash
/// in `href` is ignored).
pub fn is_current(href: &str, location: &str) -> bool {
    let mut href_parts = href.split('/');
    let same = location
        .split('/')
        .zip(href_parts.by_ref())
        .enumerate()
        .all(|(i, (l, h))| l == h || (h.is_empty() && i > 1));
    same && matches!(href_parts.next(), None | Some(""))
}

/// A value derived from the query string of the view's route: from the route's own copy of the
/// URL ([`RouteUrl`]) when there is one, else (outside a route: component tests) from
/// leptos_router's `use_query_map`, whose memo reads the router's app-long URL and would stay in
/// its list of readers after the view went (108 bytes per view; docs/benchmarks.md, section 5).
pub fn route_query<T>(f: impl Fn(&ParamsMap) -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    match use_context::<RouteUrl>() {
        Some(RouteUrl(url)) => Memo::new(move |_| url.with(|u| f(u.search_params()))),
        None => {
            let query = leptos_router::hooks::use_query_map();
            Memo::new(move |_| query.with(|q| f(q)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn current_at_or_under_the_href() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/archive"));
        assert!(is_current("/archive", "/archive"));
        assert!(is_current("/archive", "/archive/2026/11"));
        assert!(is_current("/archive/", "/archive"));
        assert!(!is_current("/archive/2026/11", "/archive/2026"));
        assert!(!is_current("/label/agua", "/label/aguas"));
        assert!(!is_current("/2026/11/a", "/2026/11/b"));
    }
}
