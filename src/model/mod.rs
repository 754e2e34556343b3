//! Data types and pure logic. Nothing here touches the browser, so `cargo test` covers it natively.

pub mod archive;
pub mod batches;
pub mod calendar;
pub mod comments;
pub mod config;
pub mod dates;
pub mod error;
pub mod pages;
pub mod partial;
pub mod post;
pub mod replies;
pub mod resend;
pub mod search;
pub mod share;
pub mod text;
pub mod version;
