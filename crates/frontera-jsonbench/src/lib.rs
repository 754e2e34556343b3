//! Issue 5's JSON decoding benchmark (bench/json.mjs, docs/benchmarks-json.md).
//!
//! The app decodes every data document with `serde_json::from_str` on the response text, which
//! wasm-bindgen first copies into wasm memory. The alternative is `JSON.parse` in the browser and
//! `serde_wasm_bindgen::from_value`, which walks the parsed object through many JS↔wasm calls.
//! This crate builds each path on its own so both can be weighed and timed:
//!
//! * no features: the baseline: wasm-bindgen, the wire types, their drop glue and [`Digest`];
//! * `json`: the baseline plus `json_*`, decoding the text with serde_json;
//! * `json-bytes`: the baseline plus `jsonb_*`, decoding the body's bytes with serde_json;
//! * `swb`: the baseline plus `swb_*`, decoding a `JSON.parse`d value with serde-wasm-bindgen;
//! * `json` and `swb` together: the two, and [`agree`], which checks they decode alike.
//!
//! Each path decodes [`Feed`], [`Item`] and [`ArchiveIndex`], so the code per type is what the
//! app would carry, and returns a [`Digest`] of the result so nothing can be optimised away.

use frontera_wire::{ArchiveIndex, Feed, Item};
use wasm_bindgen::prelude::*;

mod digest;

pub use digest::{Digest, Doc};

/// What every variant carries without decoding anything: the digest and drop glue of each type,
/// on a value the optimiser cannot see through. Subtracting this variant's size from a decoding
/// variant's leaves what that decoding path costs.
#[wasm_bindgen]
pub fn baseline(kind: u32) -> u32 {
    fn opaque<T: Doc>() -> u32 {
        std::hint::black_box(T::default()).digest()
    }
    match kind {
        0 => opaque::<Feed>(),
        1 => opaque::<Item>(),
        _ => opaque::<ArchiveIndex>(),
    }
}

/// The app's path (src/api/mod.rs `parse_json`): the text is copied into wasm memory by
/// wasm-bindgen, then decoded by serde_json; errors become their message.
#[cfg(feature = "json")]
mod json;

#[cfg(feature = "json")]
pub use json::*;

/// serde_json on the body's bytes (`response.arrayBuffer()`): wasm-bindgen copies them into wasm
/// memory as they are, without the UTF-8 → UTF-16 → UTF-8 round trip of the text.
#[cfg(feature = "json-bytes")]
mod jsonb;

#[cfg(feature = "json-bytes")]
pub use jsonb::*;

/// The alternative: the browser's `JSON.parse`, then serde-wasm-bindgen walks the JS value.
#[cfg(feature = "swb")]
mod swb;

#[cfg(feature = "swb")]
pub use swb::*;

/// Whether both paths decode one document (`kind` 0 feed, 1 item, 2 archive index) to equal
/// values; an error names the path that failed. Only in the variant with both paths.
#[cfg(all(feature = "json", feature = "swb"))]
#[wasm_bindgen]
pub fn agree(kind: u32, text: &str, value: JsValue) -> Result<bool, String> {
    fn same<T: Doc>(text: &str, value: JsValue) -> Result<bool, String> {
        let a: T = json::decode(text).map_err(|e| format!("serde_json: {e}"))?;
        let b: T = swb::decode(value).map_err(|e| format!("serde-wasm-bindgen: {e}"))?;
        Ok(a == b && a.digest() == b.digest())
    }
    match kind {
        0 => same::<Feed>(text, value),
        1 => same::<Item>(text, value),
        _ => same::<ArchiveIndex>(text, value),
    }
}

#[cfg(all(test, feature = "json"))]
mod tests;
