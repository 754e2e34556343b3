//! Property tests of the app's pure model: feed normalisation (`parse_json`, `page_from_feed`,
//! `post_from_item`, `derive_slug`), dates, text decoding, comment numbering, the "more" buttons
//! of the comment thread, and the archive and label widgets. Every function takes arbitrary
//! input without panicking; the invariants checked are the ones the code's docs promise.
//!
//! One file per subject; every strategy (how arbitrary input is made) is in `strategies/` (the
//! wire types are put together by `frontera_wire::strategies` from the text, URLs and numbers
//! made there), and a failing case proptest found is kept beside its subject
//! (`<subject>.proptest-regressions`).
#![cfg(not(target_arch = "wasm32"))]

mod archive;
mod comments;
mod dates;
mod feeds;
mod replies;
mod strategies;
mod text;

use std::collections::HashSet;

use frontera::api::{parse_json, ApiError, ListKind};
use frontera::model::archive::{archive_years, label_entries, label_name};
use frontera::model::comments::{
    build_page, build_replies, chain_pages, cookie_max_age, countdown, draft_key, iso_utc,
    number_by_creation, own_key, relative_bucket, top_level_number, top_level_total,
    usable_comment, Comment, IssoComment, IssoPage, OwnComment, Sort, ThreadPage,
};
use frontera::model::config::{CommentsConfig, Config};
use frontera::model::dates::{group_by_day, PostDate};
use frontera::model::partial::usable_item;
use frontera::model::post::{
    derive_slug, page_from_feed, post_from_item, safe_http_url, Body, Post,
};
use frontera::model::replies::{add_replies, more_pages, more_replies, next_batch, LoadedReplies};
use frontera::model::text::decode_entities;
use frontera_wire::layout::{slug_part, Route};
use frontera_wire::{ArchiveIndex, Feed, Item, LabelIndex};
use proptest::prelude::*;
use serde_json::{Map, Value};

use feeds::*;
use strategies::*;
