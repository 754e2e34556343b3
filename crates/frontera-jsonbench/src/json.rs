use super::*;

pub(crate) fn decode<T: Doc>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Decodes a feed (a list page) from its text; returns its digest.
#[wasm_bindgen]
pub fn json_feed(text: &str) -> Result<u32, String> {
    decode::<Feed>(text).map(|d| d.digest())
}

/// Decodes a post document from its text; returns its digest.
#[wasm_bindgen]
pub fn json_item(text: &str) -> Result<u32, String> {
    decode::<Item>(text).map(|d| d.digest())
}

/// Decodes the archive index from its text; returns its digest.
#[wasm_bindgen]
pub fn json_archive(text: &str) -> Result<u32, String> {
    decode::<ArchiveIndex>(text).map(|d| d.digest())
}

/// Only the copy of the text into wasm memory (and its free), to split the path's time.
#[wasm_bindgen]
pub fn json_copy_only(text: &str) -> u32 {
    text.len() as u32
}
