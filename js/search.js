// ---- Frontera (js/search.js) -------------------------------------------------------------------
// The search page loads Pagefind's module only when a reader asks for search (src/api/search.rs):
// a dynamic import() is the one thing wasm-bindgen cannot write itself.
export function fronteraImport(url) {
	return import(url);
}
