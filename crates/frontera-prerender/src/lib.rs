//! Renders every page of a Frontera site to static HTML at build time.
//!
//! The pages are the app's own: `frontera::app::App` rendered under Leptos `ssr`, from the same
//! data documents the browser reads (put in `frontera::api::documents` first, so every view has
//! its data synchronously). Each page goes into the shell trunk wrote (`index.html`: the loader,
//! the Content-Security-Policy, the stylesheet) with its `<head>` (title, description, the
//! preloads of exactly the documents it was rendered from) and `<body data-prerendered>`; the
//! browser hydrates it (docs/architecture.md).

#![recursion_limit = "256"]

pub mod files;
pub mod page;
pub mod prune;
pub mod reuse;
pub mod site;

pub use page::{render_route, Page, Seo, Shell};
pub use site::Site;
