// Trunk post_build hook (Trunk.toml): finishes dist/ for a static host. Runs on trunk's staging
// folder after trunk has written and minified index.html. Steps, each explained in
// docs/security.md and docs/benchmarks.md:
//
// 1. Replaces trunk's inline loader with one that checks integrity: an import map with the
//    sha384 of every JS module (Chrome ≥ 127 enforces it on every import), and the wasm fetched
//    with `integrity` (wasm-bindgen's own init fetches it without). A failed check, or any boot
//    failure, shows a bilingual message with a reload link instead of a blank page.
// 2. Preloads what every page needs so nothing waits in a chain: config.json and the sidebar's
//    archive and label indexes (`data-doc`: the app reads them before hydrating). Each
//    prerendered page adds the documents of its own route (step 4).
// 3. Writes a strict Content-Security-Policy: a <meta> (works on any host) and dist/_headers
//    (Netlify / Cloudflare Pages syntax; adds frame-ancestors and the cache headers). Inline
//    scripts are allowed by their sha256 only; no 'unsafe-inline', no 'unsafe-eval'.
// 4. Prerenders every page (crates/frontera-prerender): index.html, 404.html and one
//    <route>/index.html per route, from the app's own components; pages of the last build
//    whose inputs did not change are carried over (with their compressed copies).
//    Then builds the search index (scripts/search-index.mjs: Pagefind, one bundle per language).
// 5. Release builds only: writes .br and .gz beside every compressible file.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { placeSplit } from './split.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('postbuild.mjs runs as a trunk hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const digest = (algo, data) => `${algo}-${crypto.createHash(algo).update(data).digest('base64')}`;
const stagedFile = (url) => {
  // URLs in index.html carry the public URL (e.g. /blog/); files in staging do not.
  const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
  const rel = url.startsWith(publicUrl) ? url.slice(publicUrl.length) : url.replace(/^\//, '');
  return path.join(staging, rel);
};
const readStaged = (url) => fs.readFileSync(stagedFile(url));

// ---- 1. the loader ------------------------------------------------------------------------------
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
const trunkLoader = inlineScripts.find((m) => m[2].includes('module_or_path'));
if (!trunkLoader) throw new Error('postbuild.mjs: trunk\'s inline loader was not found in index.html');
const jsUrl = trunkLoader[2].match(/from\s+'([^']+)'/)?.[1];
const wasmUrl = trunkLoader[2].match(/module_or_path:\s*'([^']+)'/)?.[1];
if (!jsUrl || !wasmUrl) throw new Error('postbuild.mjs: unexpected trunk loader:\n' + trunkLoader[2]);

// The comment section's own wasm module and its link module (scripts/split.mjs), before any
// integrity is taken: placing them rewrites the bindings' import of the link module.
const linkName = placeSplit({ jsFile: stagedFile(jsUrl), release });
const linkUrl = linkName && jsUrl.replace(/[^/]+$/, linkName);
// Every JS module the app can import: the bindings, the split's link module and wasm-bindgen's
// snippets (DOMPurify).
const moduleUrls = [jsUrl, ...(linkUrl ? [linkUrl] : []), ...[...html.matchAll(/<link[^>]*rel="?modulepreload"?[^>]*>/g)].map((m) => m[0].match(/href="?([^"\s>]+)/)[1])];
const integrity = Object.fromEntries([...new Set(moduleUrls)].map((u) => [u, digest('sha384', readStaged(u))]));
const wasmIntegrity = digest('sha384', readStaged(wasmUrl));

const importMap = JSON.stringify({ integrity });
const failed = JSON.stringify({
  text: 'The blog could not start. Check your connection and reload. · El blog no pudo iniciar. Revise su conexión y recargue la página.',
  reload: 'Reload · Recargar',
});
// Leptos' hydration reads these globals (resources and errors the server streamed); a
// prerendered page streams none, so they start empty here rather than in an inline script of their own.
// The app starts loading after the first frame, and nothing of it is preloaded (trunk's
// modulepreload and wasm preload links are removed below): every page is prerendered, so a reader
// reads it from its HTML and stylesheet, and 365 KB of wasm asked for in the head would share a
// slow phone's bandwidth with them (and with a post's lead image). Lighthouse mobile 92 → 99–100;
// the comment form works about 0.6 s later at 1.6 Mbit/s (docs/benchmarks.md, "The app after the
// first frame").
const loader =
  `window.__RESOLVED_RESOURCES=[];window.__SERIALIZED_ERRORS=[];window.__INCOMPLETE_CHUNKS=[];const f=${failed};` +
  `requestAnimationFrame(()=>setTimeout(()=>(async()=>{const b=await import(${JSON.stringify(jsUrl)});` +
  `const wasm=await b.default({module_or_path:fetch(${JSON.stringify(wasmUrl)},{integrity:${JSON.stringify(wasmIntegrity)}})});` +
  `window.wasmBindings=b;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}))})()` +
  `.catch(e=>{console.error(e);let d=document.getElementById("boot");if(!d){d=document.createElement("div");d.id="boot";document.body.prepend(d)}` +
  `const p=document.createElement("p"),a=document.createElement("a");p.textContent=f.text;a.href=location.href;a.textContent=f.reload;` +
  `d.removeAttribute("aria-busy");d.setAttribute("role","alert");d.className="boot boot-failed";d.replaceChildren(p,a)})))`;

// ---- 2. preloads --------------------------------------------------------------------------------
const config = JSON.parse(fs.readFileSync(path.join(staging, 'config.json'), 'utf8'));
const preloads = ['config.json'];
if (typeof config.data_root === 'string' && config.data_root) {
  const root = config.data_root.endsWith('/') ? config.data_root : config.data_root + '/';
  preloads.push(`${root}archive/index.json`, `${root}labels/index.json`);
}
// `data-doc`: the app reads these before it hydrates a prerendered page (src/platform.rs).
const preloadLinks = preloads.map((u) => `<link rel=preload as=fetch crossorigin data-doc href="${u}">`).join('');

// ---- 3. Content-Security-Policy -----------------------------------------------------------------
const originOf = (u) => {
  try {
    return typeof u === 'string' && /^https?:\/\//i.test(u) ? new URL(u).origin : null;
  } catch {
    return null;
  }
};
// The comment server and the feed may live on other origins (config.json); the test build can
// name more with FRONTERA_CSP_CONNECT (space-separated origins).
const connect = new Set(["'self'"]);
for (const u of [config.comments?.server, config.feed_url, config.data_root]) {
  const o = originOf(u);
  if (o) connect.add(o);
}
for (const o of (process.env.FRONTERA_CSP_CONNECT || '').split(/\s+/).filter(Boolean)) connect.add(o);

html = html.replace(trunkLoader[0], '');
html = html.replace(/<link[^>]*rel="?modulepreload"?[^>]*>/g, '').replace(/<link[^>]*_bg\.wasm[^>]*>/g, '');
const inline = [importMap, loader];
// Anything else trunk inlined (its autoreload script under `trunk serve`) is allowed by hash too.
const others = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => m[2]);
const hashes = [...inline, ...others].map((s) => `'${digest('sha256', s)}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  // Posts (including third-party feeds) may show images, audio and video from any https host.
  "img-src 'self' https: data:",
  "media-src 'self' https:",
  "font-src 'self'",
  `connect-src ${[...connect].join(' ')}`,
  "object-src 'none'",
  "frame-src 'none'",
  // Pagefind's search worker (pagefind/<language>/pagefind-worker.js), started only on search.
  "worker-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  // Trusted Types: no string reaches an HTML or script sink (innerHTML, eval, script src…) except
  // through these policies: DOMPurify's own output, "frontera" (plain paragraphs only), and the
  // "default" one for Leptos' own templates, which refuses anything DOMPurify would remove
  // ("frontera-check" is its parser's). js/trusted-html.js; docs/security.md.
  "require-trusted-types-for 'script'",
  'trusted-types frontera dompurify frontera-check default',
];
const meta = `<meta http-equiv=Content-Security-Policy content="${policy.join('; ')}">`;
const head =
  `<script type=importmap>${importMap}</script>` +
  preloadLinks +
  `<script type=module>${loader}</script>`;
// The policy must come before anything it governs: right after <meta charset>. The scripts and
// preloads go after <base>, which relative URLs (and document.baseURI) depend on. Under
// `trunk serve` (a debug build) there is no policy: trunk fills its autoreload script with the
// server's address when serving, after this hook, so its hash cannot be known here.
if (release) html = html.replace(/(<meta charset="?utf-8"?\s*\/?>)/i, `$1${meta}`);
html = html.replace(/(<base [^>]*>)/i, `$1${head}`);
if ((release && !html.includes(meta)) || !html.includes(head)) throw new Error('postbuild.mjs: <meta charset> or <base> not found in index.html');
fs.writeFileSync(indexPath, html);

const immutable = 'Cache-Control: public, max-age=31536000, immutable';
const headers = `# Written by scripts/postbuild.mjs (Netlify / Cloudflare Pages syntax; docs/security.md).
/*
  Content-Security-Policy: ${policy.join('; ')}; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()
/index.html
  Cache-Control: no-cache
/404.html
  Cache-Control: no-cache
/config.json
  Cache-Control: no-cache
/data/*
  Cache-Control: no-cache
/pagefind/*
  Cache-Control: no-cache
/*.wasm
  ${immutable}
/*.js
  ${immutable}
/*.css
  ${immutable}
/*.svg
  ${immutable}
`;
fs.writeFileSync(path.join(staging, '_headers'), headers);

// ---- 4. prerendering ------------------------------------------------------------------------------
// Every page of the site as static HTML from the app's own components (crates/frontera-prerender):
// index.html becomes the home page, 404.html the not-found page, and each route gets its own
// index.html. Without local data (a feed on another server) the shell stays as it is and 404.html
// is a copy of it, so the app still boots at any URL.
fs.copyFileSync(indexPath, path.join(staging, '404.html'));
// The crawl files the content compiler wrote (sitemap.xml, robots.txt, atom.xml: public/site)
// belong at the site's root.
const siteFiles = path.join(process.cwd(), 'public', 'site');
if (fs.existsSync(siteFiles)) fs.cpSync(siteFiles, staging, { recursive: true });
const profile = process.env.FRONTERA_PRERENDER_PROFILE || (release ? 'tool' : 'dev');
// A build for another address than config.json names (FRONTERA_SITE_URL, e.g. the sub-path build
// of scripts/test): its config.json says so, and the data documents and crawl files, which carry
// absolute URLs, are compiled again for it, so canonical URLs, the sitemap and the feeds point
// where the site is served.
if (process.env.FRONTERA_SITE_URL) {
  const cfgPath = path.join(staging, 'config.json');
  const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
  cfg.site_url = process.env.FRONTERA_SITE_URL;
  fs.writeFileSync(cfgPath, JSON.stringify(cfg, null, 2) + '\n');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-site-'));
  const redirects = path.join(process.cwd(), 'content', 'redirects.json');
  const args = ['run', '--quiet', '--profile', profile, '-p', 'frontera-compile', '--', '--config', cfgPath,
    '--content', path.join(process.cwd(), 'content', 'posts'), '--out', path.join(tmp, 'data'), '--site-root', path.join(tmp, 'site'),
    ...(fs.existsSync(redirects) ? ['--redirects', redirects] : [])];
  const run = spawnSync('cargo', args, { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('postbuild.mjs: compiling the content for FRONTERA_SITE_URL failed (see above)');
  fs.rmSync(path.join(staging, 'data'), { recursive: true, force: true });
  fs.cpSync(path.join(tmp, 'data'), path.join(staging, 'data'), { recursive: true });
  fs.cpSync(path.join(tmp, 'site'), staging, { recursive: true });
  fs.rmSync(tmp, { recursive: true, force: true });
}
// A site served under one path and configured for another gets canonical URLs that lead away.
{
  const cfg = JSON.parse(fs.readFileSync(path.join(staging, 'config.json'), 'utf8'));
  const served = process.env.TRUNK_PUBLIC_URL || '/';
  let configured = null;
  try { configured = cfg.site_url ? new URL(cfg.site_url).pathname : null; } catch { configured = null; }
  if (configured && served.startsWith('/') && configured.replace(/\/?$/, '/') !== served.replace(/\/?$/, '/')) {
    console.warn(`postbuild.mjs: warning: served under ${served} but config.json's site_url is ${cfg.site_url}: canonical URLs, the sitemap and the feeds will point under ${configured} (set site_url, or FRONTERA_SITE_URL for this build)`);
  }
}
if (process.env.FRONTERA_PRERENDER !== '0') {
  // The last build's output: its pages whose inputs did not change are carried over instead of
  // rendered again (crates/frontera-prerender, reuse.rs; a one-post edit renders a few pages).
  const last = process.env.TRUNK_DIST_DIR;
  const previous = last && fs.existsSync(path.join(last, '.prerendered')) ? ['--previous', last] : [];
  const run = spawnSync('cargo', ['run', '--quiet', '--profile', profile, '-p', 'frontera-prerender', '--', '--dist', staging, ...previous], {
    stdio: 'inherit',
    env: { ...process.env, TRUNK_PUBLIC_URL: process.env.TRUNK_PUBLIC_URL || '/' },
  });
  if (run.status !== 0) throw new Error('postbuild.mjs: prerendering failed (see above); dist/ was not replaced');
}
// The search index (Pagefind), from the same post documents: scripts/search-index.mjs.
if (process.env.FRONTERA_SEARCH_INDEX !== '0') {
  const run = spawnSync(process.execPath, [path.join(process.cwd(), 'scripts', 'search-index.mjs'), staging], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('postbuild.mjs: the search index could not be built (see above); dist/ was not replaced');
}

// ---- 5. precompression --------------------------------------------------------------------------
if (release && process.env.FRONTERA_PRECOMPRESS !== '0') {
  const compressible = /\.(html|js|mjs|wasm|css|json|svg|txt|xml)$/;
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(staging).filter((f) => compressible.test(f))) {
    // A page the prerenderer carried over from the last build came with its compressed copies
    // (never older than it): compressing 100,000 unchanged pages again would take minutes.
    const carried = ['.br', '.gz'].map((s) => file + s).filter((c) => fs.existsSync(c));
    if (carried.length && carried.every((c) => fs.statSync(c).mtimeMs >= fs.statSync(file).mtimeMs)) continue;
    const raw = fs.readFileSync(file);
    if (raw.length < 512) continue;
    const br = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [zlib.constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(file) ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = zlib.gzipSync(raw, { level: 9 });
    // Only keep a compressed copy that is smaller; the server then falls back to the file.
    if (br.length < raw.length) fs.writeFileSync(file + '.br', br);
    if (gz.length < raw.length) fs.writeFileSync(file + '.gz', gz);
  }
}
