// The page bench/json.mjs times the decoders in (headless Chromium), and the server that hands it
// the built variants and the documents.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

import { LIB, SITE } from './json-build.mjs';

// ---- the page -------------------------------------------------------------------------------

const PAGE = `<!doctype html><meta charset=utf-8><title>json bench</title>
<script type=module>
const q = new URLSearchParams(location.search);
const load = async (v) => { const m = await import('/' + v + '/${LIB}.js'); await m.default({ module_or_path: '/' + v + '/${LIB}_bg.wasm' }); return m; };
const mods = {};
for (const v of (q.get('v') || 'json,json-bytes,swb,both').split(',')) mods[v] = await load(v);
const docs = {};
let sink;
const op = (name, kind, doc) => {
  const J = mods.json, S = mods.swb;
  switch (name) {
    case 'json': return () => J['json_' + kind](doc.text);
    case 'swb': return () => S['swb_' + kind](JSON.parse(doc.text));
    case 'json.copy': return () => J.json_copy_only(doc.text);
    case 'swb.parse': return () => { sink = JSON.parse(doc.text); return 0; };
    case 'swb.walk': return () => S['swb_' + kind](doc.parsed);
  }
};
// From a Response over the bytes, as fetch gives them: each awaits its body reader.
const e2e = (name, kind, doc) => {
  switch (name) {
    case 'e2e.json': return async () => mods.json['json_' + kind](await new Response(doc.bytes).text());
    case 'e2e.bytes': return async () => mods['json-bytes']['jsonb_' + kind](new Uint8Array(await new Response(doc.bytes).arrayBuffer()));
    case 'e2e.swb': return async () => mods.swb['swb_' + kind](await new Response(doc.bytes).json());
  }
};
window.bench = {
  isolated: crossOriginIsolated,
  // warm: also keep the bytes and a parsed copy (a cold page touches neither before its decode)
  async fetchDoc(name, warm) {
    const text = await (await fetch('/doc/' + encodeURIComponent(name))).text();
    docs[name] = warm ? { text, bytes: new TextEncoder().encode(text), parsed: JSON.parse(text) } : { text };
    return text.length;
  },
  check(name, kind) {
    const d = docs[name];
    const k = { feed: 0, item: 1, archive: 2 }[kind];
    const agree = mods.both.agree(k, d.text, JSON.parse(d.text));
    return { agree, json: mods.json['json_' + kind](d.text), jsonb: mods['json-bytes']['jsonb_' + kind](d.bytes), swb: mods.swb['swb_' + kind](JSON.parse(d.text)) };
  },
  // ms per call of each op, over reps calls
  time(name, kind, ops, reps) {
    const out = {};
    for (const o of ops) {
      const f = op(o, kind, docs[name]);
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) f();
      out[o] = (performance.now() - t0) / reps;
    }
    return out;
  },
  async timeAsync(name, kind, ops, reps) {
    const out = {};
    for (const o of ops) {
      const f = e2e(o, kind, docs[name]);
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) await f();
      out[o] = (performance.now() - t0) / reps;
    }
    return out;
  },
  // one call, the first of its kind in this page
  once(name, kind, o) {
    const f = op(o, kind, docs[name]);
    const t0 = performance.now();
    const r = f();
    return { ms: performance.now() - t0, digest: r };
  },
};
window.ready = true;
</script>`;

export function serve(docs) {
  const byName = new Map(docs.map((d) => [d.name, d.text]));
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const headers = {
      // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      // No compiled-code cache between the fresh pages of the cold runs.
      'cache-control': 'no-store',
    };
    if (u.pathname === '/' || u.pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html' });
      return res.end(PAGE);
    }
    if (u.pathname.startsWith('/doc/')) {
      const t = byName.get(decodeURIComponent(u.pathname.slice(5)));
      if (t === undefined) return res.writeHead(404).end();
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      return res.end(t);
    }
    const f = path.join(SITE, path.normalize(u.pathname).replace(/^\/+/, ''));
    if (!f.startsWith(SITE) || !fs.existsSync(f) || !fs.statSync(f).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { ...headers, 'content-type': types[path.extname(f)] || 'application/octet-stream' });
    res.end(fs.readFileSync(f));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}
