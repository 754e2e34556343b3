//! Frontera: a client-side blog frontend, a Leptos single-page app compiled to WebAssembly.
//!
//! `api` is the only door to the network, `model` holds data types and pure logic (tested
//! natively), `pages` has one file per route, `components` the shared views, and `app` the one
//! route table.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod platform;

/// Starts the app: installs the panic hook, removes the boot placeholder and mounts.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        platform::show_crash_screen();
    }));
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
