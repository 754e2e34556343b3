use super::*;

pub(crate) fn decode<T: Doc>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// Decodes a parsed feed (a list page); returns its digest.
#[wasm_bindgen]
pub fn swb_feed(value: JsValue) -> Result<u32, String> {
    decode::<Feed>(value).map(|d| d.digest())
}

/// Decodes a parsed post document; returns its digest.
#[wasm_bindgen]
pub fn swb_item(value: JsValue) -> Result<u32, String> {
    decode::<Item>(value).map(|d| d.digest())
}

/// Decodes the parsed archive index; returns its digest.
#[wasm_bindgen]
pub fn swb_archive(value: JsValue) -> Result<u32, String> {
    decode::<ArchiveIndex>(value).map(|d| d.digest())
}
