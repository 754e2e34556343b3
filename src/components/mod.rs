//! Views shared by several pages.

pub mod comments;
pub mod error_view;
pub mod layout;
pub mod list_screen;
pub mod loaded;
pub mod post_view;
pub mod safe_html;
