// Issue 5: which JSON decoding path should the app use? serde_json::from_str on the response text
// (what src/api/mod.rs does) against JSON.parse in the browser + serde-wasm-bindgen, by bytes and
// by time. Results: bench/out/json.md and bench/out/json.json; discussion in
// docs/benchmarks-json.md.
//
//   node bench/json.mjs                  # build the variants, weigh them, time them (N = 30)
//   node bench/json.mjs --runs 50 --cold-runs 30
//   node bench/json.mjs --no-build       # reuse bench/out/json/site from the last run
//
// Needs: the wasm32 target, wasm-bindgen-cli equal to the crate's Cargo.lock's, node_modules
// (binaryen's wasm-opt, playwright-core), brotli, /usr/bin/chromium (or $CHROMIUM), and data
// documents in dist/data or public/data (`source scripts/env.sh && compile_content`).
//
// The crate crates/frontera-jsonbench (its own workspace, outside the app's) is built five times
// (bench/json-build.mjs) with CARGO_TARGET_DIR $JSONBENCH_TARGET_DIR (default ../target-jsonbench
// beside the checkout), each with its release profile, a copy of the app's (opt-level z, fat LTO,
// one codegen unit, panic=abort), then run through wasm-bindgen --target web and wasm-opt -Oz as
// trunk does for the app:
//   baseline  no decoder: wasm-bindgen, the wire types' drop glue and a digest of each type
//   json        + serde_json::from_str of Feed, Item, ArchiveIndex (the text copied into wasm)
//   json-bytes  + serde_json::from_slice of the same types (the body's bytes copied into wasm)
//   swb         + serde_wasm_bindgen::from_value of the same types (a JSON.parse'd value)
//   both        json + swb + a check that they decode alike (the app if it switched its data
//               documents but kept serde_json for comments and drafts)
//
// Timed in headless Chromium (no throttling; the page: bench/json-page.mjs), three ways:
//   warm  from the text already in JS, after warm-up: serde_json = copy into wasm + from_str;
//         swb = JSON.parse + from_value; each split into its parts too
//   e2e   from a Response over the document's bytes (what fetch hands the app), warm:
//         text() + from_str | arrayBuffer() + from_slice | json() + from_value
//   cold  the first decode in a fresh page (wasm not tiered up, JS glue not compiled)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

import { OUT, ROOT, SITE, TARGET_DIR, build, log, weigh } from './json-build.mjs';
import { serve } from './json-page.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const RUNS = Number(arg('--runs', 30));
const COLD_RUNS = Number(arg('--cold-runs', 20));
const SAMPLE_MS = Number(arg('--sample-ms', 25));
const BUILD = !argv.includes('--no-build');

// ---- documents ------------------------------------------------------------------------------

function dataDir() {
  for (const d of [path.join(ROOT, 'dist', 'data'), path.join(ROOT, 'public', 'data')]) {
    if (fs.existsSync(path.join(d, 'home', '1.json'))) return d;
  }
  throw new Error('no data documents: run `source scripts/env.sh && compile_content` (or a trunk build)');
}

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

const largest = (files) => files.map((f) => [fs.statSync(f).size, f]).sort((a, b) => b[0] - a[0])[0][1];

function documents() {
  const data = dataDir();
  const files = walk(data);
  const rel = (f) => path.relative(data, f);
  // List pages are Feeds: the home list, each label's and each month's pages.
  const lists = files.filter((f) => /^(home\/\d+|labels\/[^/]+\/\d+|archive\/\d{4}\/\d{2}\/\d+)\.json$/.test(rel(f)));
  const posts = files.filter((f) => rel(f).startsWith('posts/'));
  const list = largest(lists);
  const post = largest(posts);
  const read = (f) => fs.readFileSync(f, 'utf8');
  const feeds = lists.map((f) => JSON.parse(read(f)));
  const items = feeds.flatMap((f) => f.items);
  const docs = [
    { name: `list ${rel(list)}`, kind: 'feed', text: read(list), source: rel(list) },
    { name: `post ${rel(post)}`, kind: 'item', text: read(post), source: rel(post) },
    { name: 'archive/index.json', kind: 'archive', text: read(path.join(data, 'archive', 'index.json')), source: 'archive/index.json' },
    { name: 'synthetic: 100 items, long bodies', kind: 'feed', text: JSON.stringify(longFeed(feeds[0], items, 100)), source: 'generated' },
    { name: 'synthetic: 1,000 comment-like items', kind: 'feed', text: JSON.stringify(commentFeed(feeds[0], items, 1000)), source: 'generated' },
  ];
  for (const d of docs) d.bytes = Buffer.byteLength(d.text);
  return docs;
}

// A list page of n real items (cycled), each body repeated to at least 8 KB of HTML: a long page of
// long articles.
function longFeed(head, items, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const it = structuredClone(items[i % items.length]);
    it.id = `${it.id}#${i}`;
    let body = it.content_html || '<p>x</p>';
    while (body.length < 8192) body += '\n' + (it.content_html || '<p>x</p>');
    it.content_html = body;
    out.push(it);
  }
  return { ...head, items: out, _frontera: { page: 1, total_pages: 1, total_items: n } };
}

// n comment-shaped items, as a thread of Isso comments would carry them: numeric ids (the lenient
// id path), a few sentences of HTML, an author with a website, dates, no extension.
function commentFeed(head, items, n) {
  const words = items.map((i) => i.summary || i.title || '').join(' ').split(/\s+/).filter(Boolean);
  const out = [];
  for (let i = 0; i < n; i++) {
    const len = 20 + ((i * 37) % 60);
    const text = Array.from({ length: len }, (_, k) => words[(i * 13 + k) % words.length]).join(' ');
    const day = String(1 + (i % 28)).padStart(2, '0');
    out.push({
      id: 100000 + i,
      content_html: `<p>${text.slice(0, text.length >> 1)}</p>\n<p>${text.slice(text.length >> 1)}</p>`,
      author: { name: `Lector ${i % 97}`, url: i % 3 ? `https://example.org/~r${i % 97}` : undefined },
      date_published: `2024-03-${day}T${String(i % 24).padStart(2, '0')}:15:00Z`,
      ...(i % 5 === 0 ? { date_modified: `2024-03-${day}T23:59:00Z` } : {}),
    });
  }
  return { version: head.version, title: 'Comments', items: out };
}

// ---- statistics -----------------------------------------------------------------------------

function quantile(sorted, p) {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (i - lo);
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p25: quantile(s, 0.25), p75: quantile(s, 0.75), min: s[0], max: s[s.length - 1] };
}

// ---- runs -----------------------------------------------------------------------------------

const OPS = ['json', 'swb', 'json.copy', 'swb.parse', 'swb.walk'];
const E2E = ['e2e.json', 'e2e.bytes', 'e2e.swb'];

async function warmRuns(browser, url, docs) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  await page.goto(url + '/');
  await page.waitForFunction(() => window.ready === true);
  const isolated = await page.evaluate(() => window.bench.isolated);
  const out = [];
  for (const d of docs) {
    await page.evaluate((n) => window.bench.fetchDoc(n, true), d.name);
    const check = await page.evaluate(([n, k]) => window.bench.check(n, k), [d.name, d.kind]);
    if (!check.agree || check.json !== check.swb || check.json !== check.jsonb) throw new Error(`${d.name}: the paths disagree: ${JSON.stringify(check)}`);
    // Warm up (tier-up of the wasm and the JS glue, heap growth), then size the batch so one
    // sample of the slower path takes about SAMPLE_MS.
    let probe = { json: 0, swb: 0 };
    for (let r = 1; r < 1e6; r *= 2) {
      probe = await page.evaluate(([n, k, reps]) => window.bench.time(n, k, ['json', 'swb'], reps), [d.name, d.kind, r]);
      if (Math.max(probe.json, probe.swb) * r > SAMPLE_MS) break;
    }
    const reps = Math.max(1, Math.ceil(SAMPLE_MS / Math.max(probe.json, probe.swb)));
    const samples = Object.fromEntries(OPS.map((o) => [o, []]));
    const ratios = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate: each iteration starts with a different op, so drift and GC debt fall on all.
      const order = OPS.map((_, k) => OPS[(k + i) % OPS.length]);
      const t = await page.evaluate(([n, k, ops, reps]) => window.bench.time(n, k, ops, reps), [d.name, d.kind, order, reps]);
      for (const o of OPS) samples[o].push(t[o]);
      ratios.push(t.swb / t.json);
    }
    const st = Object.fromEntries(OPS.map((o) => [o, stats(samples[o])]));
    // The same from a Response, with the same batch size (the extra body read is small).
    const e2eSamples = Object.fromEntries(E2E.map((o) => [o, []]));
    const e2eRatios = { swb: [], bytes: [] };
    await page.evaluate(([n, k, ops]) => window.bench.timeAsync(n, k, ops, 3), [d.name, d.kind, E2E]);
    for (let i = 0; i < RUNS; i++) {
      const order = E2E.map((_, k) => E2E[(k + i) % E2E.length]);
      const t = await page.evaluate(([n, k, ops, reps]) => window.bench.timeAsync(n, k, ops, reps), [d.name, d.kind, order, reps]);
      for (const o of E2E) e2eSamples[o].push(t[o]);
      e2eRatios.swb.push(t['e2e.swb'] / t['e2e.json']);
      e2eRatios.bytes.push(t['e2e.bytes'] / t['e2e.json']);
    }
    const e2eStats = Object.fromEntries(E2E.map((o) => [o, stats(e2eSamples[o])]));
    out.push({
      name: d.name, kind: d.kind, bytes: d.bytes, digest: check.json, reps, stats: st,
      ratio: { ofMedians: st.swb.median / st.json.median, paired: stats(ratios) },
      e2e: { stats: e2eStats, ratio: { swb: stats(e2eRatios.swb), bytes: stats(e2eRatios.bytes) }, samples: e2eSamples },
      samples,
    });
    log(`${d.name}: serde_json ${fmt(st.json.median)} ms, JSON.parse+swb ${fmt(st.swb.median)} ms, ×${st.swb.median / st.json.median > 0 ? (st.swb.median / st.json.median).toFixed(2) : '?'}`);
  }
  await page.close();
  return { isolated, docs: out };
}

// The first decode in a fresh page (a fresh wasm instance, nothing tiered up): what a reader pays
// when the app decodes its first document of that kind.
async function coldRuns(browser, url, docs) {
  const out = [];
  for (const d of docs) {
    const samples = { json: [], swb: [] };
    for (let i = 0; i < COLD_RUNS * 2; i++) {
      // json, swb, swb, json, json, swb, …: neither path always goes first.
      const which = (i % 2 === 0) === (Math.floor(i / 2) % 2 === 0) ? 'json' : 'swb';
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${url}/?v=${which}`);
      await page.waitForFunction(() => window.ready === true);
      await page.evaluate((n) => window.bench.fetchDoc(n, false), d.name);
      const r = await page.evaluate(([n, k, o]) => window.bench.once(n, k, o), [d.name, d.kind, which]);
      samples[which].push(r.ms);
      await ctx.close();
    }
    const st = { json: stats(samples.json), swb: stats(samples.swb) };
    out.push({ name: d.name, kind: d.kind, bytes: d.bytes, stats: st, ratio: st.swb.median / st.json.median, samples });
    log(`cold ${d.name}: serde_json ${fmt(st.json.median)} ms, JSON.parse+swb ${fmt(st.swb.median)} ms`);
  }
  return out;
}

// ---- report ---------------------------------------------------------------------------------

const fmt = (ms) => (ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const signed = (b) => (b >= 0 ? '+' : '−') + Math.abs(b).toLocaleString('en-US');
const spread = (s) => `${fmt(s.p25)}–${fmt(s.p75)} (${fmt(s.min)}–${fmt(s.max)})`;

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return '';
    }
  };
  return {
    nproc: Number(sh('nproc', [])) || os.cpus().length,
    lscpu: sh('lscpu', []).split('\n').slice(0, 10).join('\n'),
    cpu: os.cpus()[0]?.model,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    chromium: sh(CHROMIUM, ['--version']),
    node: process.version,
    rustc: sh('rustc', ['--version']),
    wasmBindgen: sh('wasm-bindgen', ['--version']),
    wasmOpt: sh(path.join(ROOT, 'node_modules', '.bin', 'wasm-opt'), ['--version']),
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
  };
}

function markdown(r) {
  const md = [];
  md.push(`# JSON decoding: serde_json vs JSON.parse + serde-wasm-bindgen`, '');
  md.push(`${r.started} · ${r.machine.nproc} CPUs (${r.machine.cpu}) · ${r.machine.chromium} · load average ${r.loadavg.before.join(' ')} → ${r.loadavg.after.join(' ')} · crossOriginIsolated ${r.warm.isolated}`, '');
  md.push('## Bytes (after wasm-bindgen --target web and wasm-opt -Oz; brotli -q 11)', '');
  md.push('| variant | wasm raw | wasm brotli | JS glue raw | JS glue brotli | total brotli | Δ wasm raw | Δ wasm brotli | Δ total brotli |');
  md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, b] of Object.entries(r.bytes)) {
    md.push(`| ${name} | ${b.wasm.raw.toLocaleString('en-US')} | ${b.wasm.brotli.toLocaleString('en-US')} | ${b.js.raw.toLocaleString('en-US')} | ${b.js.brotli.toLocaleString('en-US')} | ${b.total.brotli.toLocaleString('en-US')} | ${signed(b.delta.wasm.raw)} | ${signed(b.delta.wasm.brotli)} | ${signed(b.delta.total.brotli)} |`);
  }
  md.push('', `Δ is over the baseline. both − json = ${signed(r.bytes.both.total.brotli - r.bytes.json.total.brotli)} B brotli (what switching would add while serde_json stays for other uses).`, '');
  md.push(`## Time, warm (median ms per decode; spread p25–p75 (min–max) over ${RUNS} alternating samples, each a batch of reps calls)`, '');
  md.push('| document | bytes | reps | serde_json (copy + decode) | spread | JSON.parse + swb | spread | ratio swb / serde_json (paired p25–p75) | of which: copy into wasm | JSON.parse | swb walk |');
  md.push('| --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const d of r.warm.docs) {
    const s = d.stats;
    md.push(`| ${d.name} | ${d.bytes.toLocaleString('en-US')} | ${d.reps} | ${fmt(s.json.median)} | ${spread(s.json)} | ${fmt(s.swb.median)} | ${spread(s.swb)} | ${d.ratio.ofMedians.toFixed(2)} (${d.ratio.paired.p25.toFixed(2)}–${d.ratio.paired.p75.toFixed(2)}) | ${fmt(s['json.copy'].median)} | ${fmt(s['swb.parse'].median)} | ${fmt(s['swb.walk'].median)} |`);
  }
  md.push('', `## Time, warm, from a Response (median ms per decode over ${RUNS} alternating samples; ratio to text() + serde_json: median of paired ratios, p25–p75)`, '');
  md.push('| document | text() + serde_json::from_str | spread | arrayBuffer() + serde_json::from_slice | spread | ratio | json() + swb | spread | ratio |');
  md.push('| --- | ---: | --- | ---: | --- | ---: | ---: | --- | ---: |');
  for (const d of r.warm.docs) {
    const s = d.e2e.stats;
    const q = (x) => `${x.median.toFixed(2)} (${x.p25.toFixed(2)}–${x.p75.toFixed(2)})`;
    md.push(`| ${d.name} | ${fmt(s['e2e.json'].median)} | ${spread(s['e2e.json'])} | ${fmt(s['e2e.bytes'].median)} | ${spread(s['e2e.bytes'])} | ${q(d.e2e.ratio.bytes)} | ${fmt(s['e2e.swb'].median)} | ${spread(s['e2e.swb'])} | ${q(d.e2e.ratio.swb)} |`);
  }
  md.push('', `## Time, cold (first decode in a fresh page; median ms, spread p25–p75 (min–max) over ${COLD_RUNS} pages per path)`, '');
  md.push('| document | serde_json | spread | JSON.parse + swb | spread | ratio |');
  md.push('| --- | ---: | --- | ---: | --- | ---: |');
  for (const d of r.cold) {
    md.push(`| ${d.name} | ${fmt(d.stats.json.median)} | ${spread(d.stats.json)} | ${fmt(d.stats.swb.median)} | ${spread(d.stats.swb)} | ${d.ratio.toFixed(2)} |`);
  }
  md.push('');
  return md.join('\n');
}

// ---- main -----------------------------------------------------------------------------------

const started = new Date().toISOString();
if (BUILD) build();
else if (!fs.existsSync(path.join(SITE, 'both'))) throw new Error('no previous build: run without --no-build');
const bytes = weigh();
for (const [n, b] of Object.entries(bytes)) log(`${n}: wasm ${b.wasm.raw} B (${b.wasm.brotli} br), js ${b.js.raw} B (${b.js.brotli} br), Δ total ${b.delta.total.brotli} B br`);
const docs = documents();
const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
const { server, url } = await serve(docs);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let warm, cold;
try {
  warm = await warmRuns(browser, url, docs);
  cold = await coldRuns(browser, url, docs);
} finally {
  await browser.close();
  server.close();
}
const results = {
  started,
  machine: machine(),
  loadavg: { before: loadBefore, after: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  settings: { runs: RUNS, coldRuns: COLD_RUNS, sampleMs: SAMPLE_MS, targetDir: TARGET_DIR },
  documents: docs.map(({ name, kind, bytes, source }) => ({ name, kind, bytes, source })),
  bytes,
  warm,
  cold,
};
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'json.json'), JSON.stringify(results, null, 2));
const md = markdown(results);
fs.writeFileSync(path.join(OUT, 'json.md'), md);
console.log(md);
