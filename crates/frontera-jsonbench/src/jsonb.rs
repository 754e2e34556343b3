use super::*;

pub(crate) fn decode<T: Doc>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

/// Decodes a feed (a list page) from its bytes; returns its digest.
#[wasm_bindgen]
pub fn jsonb_feed(bytes: &[u8]) -> Result<u32, String> {
    decode::<Feed>(bytes).map(|d| d.digest())
}

/// Decodes a post document from its bytes; returns its digest.
#[wasm_bindgen]
pub fn jsonb_item(bytes: &[u8]) -> Result<u32, String> {
    decode::<Item>(bytes).map(|d| d.digest())
}

/// Decodes the archive index from its bytes; returns its digest.
#[wasm_bindgen]
pub fn jsonb_archive(bytes: &[u8]) -> Result<u32, String> {
    decode::<ArchiveIndex>(bytes).map(|d| d.digest())
}
