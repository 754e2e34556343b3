// Trunk post_build hook (Trunk.toml): finishes dist/ for a static host. Runs on trunk's staging
// folder after trunk has written and minified index.html. Steps, each explained in
// docs/security.md and docs/benchmarks.md:
//
// 1. Replaces trunk's inline loader with one that checks integrity: an import map with the
//    sha384 of every JS module (Chrome ≥ 127 enforces it on every import), and the wasm fetched
//    with `integrity` (wasm-bindgen's own init fetches it without). A failed check, or any boot
//    failure, shows a bilingual message with a reload link instead of a blank page.
// 2. Preloads what the first screen needs so nothing waits in a chain: config.json, the sidebar's
//    archive and label indexes, and the data document of the route being opened (a tiny classic
//    script maps the URL to its document the way frontera-wire's `Route::data_doc` does;
//    tests/e2e/csp.spec.ts checks both agree on every kind of route).
// 3. Writes a strict Content-Security-Policy: a <meta> (works on any host) and dist/_headers
//    (Netlify / Cloudflare Pages syntax; adds frame-ancestors and the cache headers). Inline
//    scripts are allowed by their sha256 only; no 'unsafe-inline', no 'unsafe-eval'.
// 4. Copies index.html to 404.html (hosts that serve 404.html for unknown paths boot the app).
// 5. Release builds only: writes .br and .gz beside every compressible file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('postbuild.mjs runs as a trunk hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const digest = (algo, data) => `${algo}-${crypto.createHash(algo).update(data).digest('base64')}`;
const readStaged = (url) => {
  // URLs in index.html carry the public URL (e.g. /blog/); files in staging do not.
  const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
  const rel = url.startsWith(publicUrl) ? url.slice(publicUrl.length) : url.replace(/^\//, '');
  return fs.readFileSync(path.join(staging, rel));
};

// ---- 1. the loader ------------------------------------------------------------------------------
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
const trunkLoader = inlineScripts.find((m) => m[2].includes('module_or_path'));
if (!trunkLoader) throw new Error('postbuild.mjs: trunk\'s inline loader was not found in index.html');
const jsUrl = trunkLoader[2].match(/from\s+'([^']+)'/)?.[1];
const wasmUrl = trunkLoader[2].match(/module_or_path:\s*'([^']+)'/)?.[1];
if (!jsUrl || !wasmUrl) throw new Error('postbuild.mjs: unexpected trunk loader:\n' + trunkLoader[2]);

// Every JS module the app can import: the bindings and wasm-bindgen's snippets (DOMPurify).
const moduleUrls = [jsUrl, ...[...html.matchAll(/<link[^>]*rel="?modulepreload"?[^>]*>/g)].map((m) => m[0].match(/href="?([^"\s>]+)/)[1])];
const integrity = Object.fromEntries([...new Set(moduleUrls)].map((u) => [u, digest('sha384', readStaged(u))]));
const wasmIntegrity = digest('sha384', readStaged(wasmUrl));

const importMap = JSON.stringify({ integrity });
const failed = JSON.stringify({
  text: 'The blog could not start. Check your connection and reload. · El blog no pudo iniciar. Revise su conexión y recargue la página.',
  reload: 'Reload · Recargar',
});
const loader =
  `const f=${failed};` +
  `(async()=>{const b=await import(${JSON.stringify(jsUrl)});` +
  `const wasm=await b.default({module_or_path:fetch(${JSON.stringify(wasmUrl)},{integrity:${JSON.stringify(wasmIntegrity)}})});` +
  `window.wasmBindings=b;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}))})()` +
  `.catch(e=>{console.error(e);const d=document.getElementById("boot");if(!d)return;` +
  `const p=document.createElement("p"),a=document.createElement("a");p.textContent=f.text;a.href=location.href;a.textContent=f.reload;` +
  `d.removeAttribute("aria-busy");d.setAttribute("role","alert");d.className="boot boot-failed";d.replaceChildren(p,a)})`;

// ---- 2. preloads --------------------------------------------------------------------------------
const config = JSON.parse(fs.readFileSync(path.join(staging, 'config.json'), 'utf8'));
const preloads = ['config.json'];
let routePreloader = '';
if (typeof config.data_root === 'string' && config.data_root) {
  const root = config.data_root.endsWith('/') ? config.data_root : config.data_root + '/';
  preloads.push(`${root}archive/index.json`, `${root}labels/index.json`);
  // Mirrors frontera-wire layout::Route::parse + data_doc (pages ≥ 1 without leading zeros,
  // four-digit years, months 01–12, lowercase slugs, optional .html on post slugs).
  routePreloader =
    `(()=>{const r=${JSON.stringify(root)},base=new URL(document.baseURI).pathname;` +
    `let p=location.pathname;if(p.startsWith(base))p=p.slice(base.length);` +
    `const s=p.split("/").filter(Boolean),n=x=>/^[1-9][0-9]*$/.test(x),y=x=>/^[0-9]{4}$/.test(x),` +
    `m=x=>/^(0[1-9]|1[0-2])$/.test(x),g=x=>/^[a-z0-9]+(-[a-z0-9]+)*$/.test(x)&&x.length<=120;let d=null;` +
    `if(!s.length)d="home/1";` +
    `else if(s.length==2&&s[0]=="page"&&n(s[1]))d="home/"+s[1];` +
    `else if(s.length==1&&s[0]=="archive")d=null;` +
    `else if(s[0]=="archive"&&y(s[1])&&m(s[2])&&(s.length==3||(s.length==5&&s[3]=="page"&&n(s[4]))))d="archive/"+s[1]+"/"+s[2]+"/"+(s[4]||1);` +
    `else if(s[0]=="label"&&g(s[1])&&(s.length==2||(s.length==4&&s[2]=="page"&&n(s[3]))))d="labels/"+s[1]+"/"+(s[3]||1);` +
    `else if(s.length==3&&y(s[0])&&m(s[1])&&g(s[2].replace(/\\.html$/,"")))d="posts/"+s[0]+"/"+s[1]+"/"+s[2].replace(/\\.html$/,"");` +
    `if(d){const l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.href=r+d+".json";document.head.append(l)}})()`;
}
const preloadLinks = preloads.map((u) => `<link rel=preload as=fetch crossorigin href="${u}">`).join('');

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
const inline = [importMap, ...(routePreloader ? [routePreloader] : []), loader];
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
  "worker-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];
const meta = `<meta http-equiv=Content-Security-Policy content="${policy.join('; ')}">`;
const head =
  `<script type=importmap>${importMap}</script>` +
  preloadLinks +
  (routePreloader ? `<script>${routePreloader}</script>` : '') +
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

// ---- 4. 404.html --------------------------------------------------------------------------------
fs.copyFileSync(indexPath, path.join(staging, '404.html'));

// ---- 5. precompression --------------------------------------------------------------------------
if (release && process.env.FRONTERA_PRECOMPRESS !== '0') {
  const compressible = /\.(html|js|mjs|wasm|css|json|svg|txt|xml)$/;
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(staging).filter((f) => compressible.test(f))) {
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
