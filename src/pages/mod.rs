//! One route, one file.

pub mod archive;
pub mod home;
pub mod label;
pub mod month;
pub mod not_found;
pub mod page;
pub mod post;
pub mod search;
