# Sourced by the scripts: tool paths shared by serve, test and bench.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# scripts/bin first: its wasm-bindgen splits the wasm before the real one runs (trunk calls it).
export PATH="$ROOT/scripts/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# Compiles the sample posts into public/data (the app's data folder), and the crawl files
# (sitemap.xml, robots.txt, atom.xml) into public/site, which the release build serves at the
# site root.
# An imported Blogger blog (frontera-compile import-blogger --into content) adds its old addresses.
compile_content() {
  local redirects=()
  [ -f "$ROOT/content/redirects.json" ] && redirects=(--redirects "$ROOT/content/redirects.json")
  cargo run -q --profile tool -p frontera-compile -- \
    --config "$ROOT/public/config.json" --content "$ROOT/content/posts" --out "$ROOT/public/data" \
    --site-root "$ROOT/public/site" "${redirects[@]}"
}
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
