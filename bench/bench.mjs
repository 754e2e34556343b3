// The Frontera benchmark (issue 5; docs/benchmarks.md). Run through scripts/bench, which builds
// dist/ first. Usage: node bench/bench.mjs [--runs N] [--only bytes,first,comments,scale,search,memory,lighthouse]
//                                          [--search-scale 100000]
//                                          [--scale 100,10000,100000] [--keep-scale] [--full-thread] [--thread-timeout S]
//                                          [--memory-changes N]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROME_ARGS, CHROMIUM, CPU_RATE, NETWORK, OUT, ROOT, VIEWPORT, copyDir, fmt, kb, log, makeThread,
  newPage, precompress, ratio, round, sizes, startIsso, startSirv, stats, timedLoad, walk,
} from './lib.mjs';
import { memorySection } from './memory.mjs';
import { largeSection, writeLargeFeeds } from './large.mjs';
import { searchSection } from './search.mjs';

// ---- arguments ------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const RUNS = Number(arg('--runs', 5));
const ONLY = new Set(arg('--only', 'bytes,first,large,comments,scale,search,memory,lighthouse').split(','));
// Synthetic sites the search section indexes and queries besides the sample one.
const SEARCH_SCALE = arg('--search-scale', '100000').split(',').filter(Boolean).map(Number);
const SCALE = arg('--scale', '100,10000,100000').split(',').map(Number);
const KEEP_SCALE = argv.includes('--keep-scale');
// Route changes the memory section makes after its warm-up round.
const MEMORY_CHANGES = Number(arg('--memory-changes', 200));
// How long one run of the long thread may take before it counts as failed (seconds).
const THREAD_TIMEOUT = Number(arg('--thread-timeout', 240)) * 1000;
const DIST = path.join(ROOT, 'dist');
const SITE = path.join(OUT, 'site');
// Overridable so that two benches (two worktrees) can run side by side.
const PORT = Number(process.env.FRONTERA_BENCH_PORT || 4280);
const ISSO_PORT = Number(process.env.FRONTERA_BENCH_ISSO_PORT || PORT - 1);

const started = new Date();
const results = { started: started.toISOString(), machine: machine(), settings: { runs: RUNS, cpuThrottling: CPU_RATE, network: NETWORK, viewport: VIEWPORT } };
const md = [];

function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/);
  let chromiumVersion = '';
  try { chromiumVersion = execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch {}
  let commit = '';
  try { commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim(); } catch {}
  let dirty = false;
  try { dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'index.html', 'style', 'Trunk.toml', 'crates']).toString().trim() !== ''; } catch {}
  return {
    nproc: os.cpus().length,
    cpu: cpu ? cpu[1] : os.cpus()[0]?.model,
    ramGiB: round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map(round),
    chromium: chromiumVersion,
    node: process.version,
    commit,
    appSourcesModified: dirty,
  };
}

// ---- the served copy of dist/ with .br/.gz beside each file, config pointing at the stub -------
function readJson(f) { return JSON.parse(fs.readFileSync(f, 'utf8')); }
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// Everything after prepareSite reads the copy in bench/out/site, so a rebuild of dist/ while the
// bench runs changes nothing.
function appFiles(dir = SITE) {
  const files = fs.readdirSync(dir).filter((f) => !/\.(br|gz)$/.test(f));
  const pick = (re) => files.filter((f) => re.test(f)).map((f) => path.join(dir, f));
  return {
    wasm: pick(/\.wasm$/),
    js: pick(/\.js$/),
    css: pick(/\.css$/),
    html: [path.join(dir, 'index.html')],
    snippets: fs.existsSync(path.join(dir, 'snippets')) ? walk(path.join(dir, 'snippets')).filter((f) => f.endsWith('.js')) : [],
  };
}

function writeConfig(dir, issoUrl, from = DIST) {
  const cfg = readJson(path.join(from, 'config.json'));
  cfg.comments = { ...(cfg.comments || {}), server: issoUrl + '/' };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(cfg, null, 2));
  // The copy's Content-Security-Policy must let the app reach that endpoint, as
  // scripts/postbuild.mjs writes it for a config.json naming another origin; without this the
  // browser blocks every comment request and the thread never loads.
  const origin = new URL(issoUrl).origin;
  for (const f of ['index.html', '404.html']) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    const out = html.replace(/connect-src [^;"]*/, (m) => (m.split(' ').includes(origin) ? m : `${m} ${origin}`));
    if (out === html && !html.includes(origin) && html.includes('Content-Security-Policy')) throw new Error(`${file}: no connect-src to extend`);
    fs.writeFileSync(file, out);
  }
}

function staticShell(title, css, body, script = '') {
  return `<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><title>${esc(title)}</title><link rel=stylesheet href="/${css}"><body><div class=columns><main id=main>${body}</main></div>${script}</body></html>`;
}

function staticArticle(item) {
  const date = item.date_published ? new Date(item.date_published).toUTCString().slice(0, 16) : '';
  const byline = item._frontera?.byline || item.authors?.[0]?.name || '';
  return `<article class=post lang="${esc(item.language || 'en')}"><header class=post-header><h1 class=post-title>${esc(item.title || '')}</h1><p class=post-date>${esc(date)}</p><p class=byline><span class=author>${esc(byline)}</span></p></header><div class=prose>${item.content_html || ''}</div></article>`;
}

/** The plain-JS baseline: the same post, then every comment of the same JSON inserted at once. */
function staticThreadPage(item, css, issoUrl, uri) {
  const script = `<section id=comments class=comments><h2>Comments</h2></section><script type=module>
const r = await fetch(${JSON.stringify(issoUrl)} + '/?all=1&uri=' + encodeURIComponent(${JSON.stringify(uri)}), { credentials: 'include' });
const data = await r.json();
const df = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
const one = (c, num) => {
  const a = document.createElement('article');
  a.className = 'comment';
  a.id = 'comment-' + c.id;
  const h = document.createElement('header'); h.className = 'comment-meta';
  const n = document.createElement('a'); n.className = 'comment-number'; n.href = '#comment-' + c.id; n.textContent = '#' + num;
  const au = document.createElement('span'); au.className = 'comment-author'; au.textContent = c.author || 'Anonymous';
  const t = document.createElement('time'); t.className = 'comment-time'; t.dateTime = new Date(c.created * 1000).toISOString(); t.textContent = df.format(new Date(c.created * 1000));
  h.append(n, ' ', au, ' ', t);
  const body = document.createElement('div'); body.className = 'comment-text prose'; body.innerHTML = c.text;
  const f = document.createElement('footer'); f.className = 'comment-actions'; f.textContent = '▲ ' + c.likes + ' ▼ ' + c.dislikes;
  a.append(h, body, f);
  return a;
};
const ol = document.createElement('ol'); ol.className = 'comment-list';
data.replies.forEach((c, i) => {
  const li = document.createElement('li');
  li.append(one(c, i + 1));
  if (c.replies.length) {
    const sub = document.createElement('ol'); sub.className = 'comment-replies';
    c.replies.forEach((x, j) => { const l2 = document.createElement('li'); l2.append(one(x, (i + 1) + '.' + (j + 1))); sub.append(l2); });
    li.append(sub);
  }
  ol.append(li);
});
document.getElementById('comments').append(ol);
</script>`;
  return staticShell(item.title, css, staticArticle(item) + script);
}

function prepareSite(issoUrl, thread) {
  fs.rmSync(SITE, { recursive: true, force: true });
  copyDir(DIST, SITE);
  writeConfig(SITE, issoUrl);
  // Every page again, from the copy's config.json and policy: a page carries the fingerprint of
  // each document it was made from, and one made with another config.json would be rendered
  // afresh instead of hydrated (src/lib.rs), which is not what a reader gets.
  execFileSync(path.join(ROOT, 'target', 'tool', 'frontera-prerender'), ['--dist', SITE], { stdio: ['ignore', 'ignore', 'inherit'] });
  const css = path.basename(appFiles(DIST).css[0]);
  const home = readJson(path.join(DIST, 'data', 'home', '1.json'));
  const item = home.items[0];
  const postPath = item._frontera.path;
  const post = readJson(path.join(DIST, 'data', 'posts', postPath.slice(1) + '.json'));
  fs.mkdirSync(path.join(SITE, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(SITE, 'bench', 'static-post.html'), staticShell(post.title, css, staticArticle(post)));
  fs.writeFileSync(path.join(SITE, 'bench', 'static-thread.html'), staticThreadPage(post, css, issoUrl, thread.uri));
  precompress(walk(SITE));
  return { postPath, post };
}

// ---- 1. bytes -------------------------------------------------------------------------------
function bytesSection() {
  const f = appFiles();
  const rows = [];
  const add = (kind, files) => {
    for (const file of files) rows.push({ kind, file: path.relative(SITE, file), ...sizes(file) });
  };
  add('wasm', f.wasm);
  add('js', f.js);
  add('snippet', f.snippets);
  add('css', f.css);
  add('html', f.html);
  const sum = (pred, k) => rows.filter(pred).reduce((s, r) => s + r[k], 0);
  const code = (r) => r.kind === 'wasm' || r.kind === 'js' || r.kind === 'snippet';
  const total = { raw: sum(() => true, 'raw'), gzip: sum(() => true, 'gzip'), brotli: sum(() => true, 'brotli') };
  const wasmJs = { raw: sum(code, 'raw'), gzip: sum(code, 'gzip'), brotli: sum(code, 'brotli') };
  const goal = 120 * 1024;
  results.bytes = { files: rows, wasmJs, total, goal: { wasmJsBrotli: goal, met: wasmJs.brotli <= goal } };
  md.push('## 1. Bytes (files in dist/)', '', '| file | raw KB | gzip -9 KB | brotli -q 11 KB |', '| --- | ---: | ---: | ---: |');
  for (const r of rows) md.push(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  md.push(`| **wasm + js (incl. snippet)** | ${kb(wasmJs.raw)} | ${kb(wasmJs.gzip)} | **${kb(wasmJs.brotli)}** |`);
  md.push(`| all of the above | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);
  md.push('', `Goal wasm + js ≤ 120 KB brotli: **${wasmJs.brotli <= goal ? 'met' : `missed by ${kb(wasmJs.brotli - goal)} KB (${(wasmJs.brotli / goal).toFixed(2)}×)`}**.`, '');
}

// ---- 2. first article ---------------------------------------------------------------------------
async function firstSection(browser, site, postPath) {
  // 'form': the comment form can be typed into and sent, which needs the app (hydrated).
  const watches = [
    { name: 'article', sel: 'main article.post' },
    { name: 'form', sel: 'body[data-hydrated] #comments form textarea:not([disabled])' },
  ];
  const sides = {
    'app post': `${site}${postPath}`,
    'static post': `${site}/bench/static-post.html`,
    'app home': `${site}/`,
  };
  const names = Object.keys(sides);
  const raw = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? [...names].reverse() : names;
    for (const n of order) {
      const r = await timedLoad(browser, sides[n], { watches, ready: 'article' });
      raw[n].push(r);
      if (n === 'app post') {
        // The article is there before the app is; wait (a condition, not a time) for the form.
        r.form = await formReady(browser, sides[n], watches);
      }
      log(`first article run ${i + 1}/${RUNS} ${n}: article ${Math.round(r.marks.article.frame)} ms, LCP ${Math.round(r.lcp?.t ?? NaN)} ms, ${kb(r.bytesToReady)} KB${r.form ? `, comment form ${Math.round(r.form)} ms` : ''}`);
    }
  }
  const summary = {};
  for (const n of names) {
    summary[n] = {
      url: sides[n],
      articleDom: stats(raw[n].map((r) => r.marks.article.dom)),
      articlePainted: stats(raw[n].map((r) => r.marks.article.frame)),
      lcp: stats(raw[n].map((r) => r.lcp?.t)),
      lcpElement: raw[n][0].lcp?.el ?? null,
      bytesToArticle: stats(raw[n].map((r) => r.bytesToReady)),
      requestsToArticle: stats(raw[n].map((r) => r.requestsToReady)),
      bytesAfterSettle: stats(raw[n].map((r) => r.bytesTotal)),
      waterfall: raw[n][0].resources,
      commentFormReady: stats(raw[n].map((r) => r.form)),
    };
  }
  const st = summary['static post'];
  const ratios = {
    postPaintedVsStaticLcp: ratio(summary['app post'].articlePainted, st.lcp),
    postLcpVsStaticLcp: ratio(summary['app post'].lcp, st.lcp),
    homePaintedVsStaticLcp: ratio(summary['app home'].articlePainted, st.lcp),
    homeLcpVsStaticLcp: ratio(summary['app home'].lcp, st.lcp),
  };
  results.first = { summary, ratios, goal: { ratio: 1.1, met: Object.values(ratios).every((x) => x !== null && x <= 1.1) } };
  md.push('## 2. First article (ms from navigation; median (min–max) of ' + RUNS + ' alternating runs)', '',
    '| page | `main article.post` in DOM | … next frame (painted) | LCP | LCP element | KB fetched to article | requests |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const n of names) {
    const s = summary[n];
    md.push(`| ${n} | ${fmt(s.articleDom)} | ${fmt(s.articlePainted)} | ${fmt(s.lcp)} | ${s.lcpElement ?? '–'} | ${kb(s.bytesToArticle?.median)} | ${s.requestsToArticle?.median ?? '–'} |`);
  }
  md.push('', `Comment form ready on the app post (hydrated, form enabled): ${fmt(summary['app post'].commentFormReady)} ms from navigation.`);
  md.push('', `Ratios of medians against the static page's LCP (goal ≤ 1.1×): post painted ${ratios.postPaintedVsStaticLcp}×, post LCP ${ratios.postLcpVsStaticLcp}×, home painted ${ratios.homePaintedVsStaticLcp}×, home LCP ${ratios.homeLcpVsStaticLcp}×.`, '');
}

/** Milliseconds from navigation until the comment form of `url` works, in a load of its own. */
async function formReady(browser, url, watches) {
  const r = await timedLoad(browser, url, { watches, ready: 'form', settle: 0 });
  return r.marks.form.frame;
}

// ---- 3. long threads ------------------------------------------------------------------------------
async function commentsSection(browser, site, postPath, thread) {
  const total = thread.comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  const watches = [
    { name: 'article', sel: 'main article.post' },
    { name: 'first', cls: 'comment' },
    { name: 'all', cls: 'comment', count: total },
  ];
  const sides = { app: `${site}${postPath}`, 'plain JS': `${site}/bench/static-thread.html` };
  const raw = { app: [], 'plain JS': [] };
  const firstData = (r) => {
    const e = r.resources.find((x) => x.name.includes('uri=') && !x.name.includes('parent='));
    return e ? e.end : null;
  };
  // The app's own marks, when the build makes them: `frontera:comments` once its first page is
  // painted, `frontera:comments-all` after each page (the last is the whole thread). Without them
  // (older builds) and for plain JS: the MutationObserver's next frame after the comments exist.
  const perfMark = (r, name, last) => {
    const m = r.perfMarks.filter((x) => x.name === name);
    return m.length ? m[last ? m.length - 1 : 0].t : null;
  };
  // The protocol is RUNS alternating runs; while one app run takes over a minute (it did: the
  // thread is paged and re-rendered), 2 runs per side keep the bench within minutes.
  let runs = RUNS;
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['plain JS', 'app'] : ['app', 'plain JS'];
    for (const n of order) {
      const r = await timedLoad(browser, sides[n], {
        watches,
        ready: 'all',
        autoclick: n === 'app' ? { sel: 'button.load-more', cls: 'comment' } : null,
        timeout: THREAD_TIMEOUT,
        settle: 300,
        waitMark: n === 'app' ? 'frontera:comments-all' : null,
      });
      r.firstDataEnd = firstData(r);
      const first = perfMark(r, 'frontera:comments', false);
      const all = perfMark(r, 'frontera:comments-all', true);
      r.timing = first !== null && all !== null ? 'performance.mark' : 'MutationObserver';
      r.firstPainted = first ?? r.marks.first.frame;
      r.allPainted = all ?? r.marks.all.frame;
      raw[n].push(r);
      if (n === 'app' && i === 0 && r.allPainted > 60_000 && !argv.includes('--full-thread')) runs = Math.min(RUNS, 2);
      log(`thread run ${i + 1}/${runs} ${n}: first screenful ${Math.round(r.firstPainted)} ms (data at ${Math.round(r.firstDataEnd)}), all ${total} ${Math.round(r.allPainted)} ms (${r.timing}; observer: ${Math.round(r.marks.first.frame)}, ${Math.round(r.marks.all.frame)}), ${r.clicks} clicks`);
    }
  }
  const summary = {};
  for (const n of Object.keys(raw)) {
    summary[n] = {
      timing: [...new Set(raw[n].map((r) => r.timing))].join(', '),
      wholeThreadPainted: stats(raw[n].map((r) => r.allPainted)),
      firstCommentPainted: stats(raw[n].map((r) => r.firstPainted)),
      firstDataArrived: stats(raw[n].map((r) => r.firstDataEnd)),
      firstScreenAfterData: stats(raw[n].map((r) => r.firstPainted - r.firstDataEnd)),
      threadAfterFirstData: stats(raw[n].map((r) => r.allPainted - r.firstDataEnd)),
      observerWholeThreadPainted: stats(raw[n].map((r) => r.marks.all.frame)),
      observerFirstCommentPainted: stats(raw[n].map((r) => r.marks.first.frame)),
      requests: stats(raw[n].map((r) => r.requestsTotal)),
      loadMoreClicks: stats(raw[n].map((r) => r.clicks)),
    };
  }
  const wholeRatio = ratio(summary.app.wholeThreadPainted, summary['plain JS'].wholeThreadPainted);
  // Not a goal: the thread's own cost, without the app's start (wasm, config, post) before it.
  const afterDataRatio = ratio(summary.app.threadAfterFirstData, summary['plain JS'].threadAfterFirstData);
  results.comments = {
    thread: { uri: thread.uri, topLevel: thread.comments.length, replies: total - thread.comments.length, jsonBytes: Buffer.byteLength(JSON.stringify(thread.comments)) },
    summary,
    ratios: { wholeThread: wholeRatio, threadAfterFirstData: afterDataRatio },
    goals: {
      wholeThread: { ratio: 1.2, met: wholeRatio !== null && wholeRatio <= 1.2 },
      firstScreenAfterDataMs: { goal: 100, met: (summary.app.firstScreenAfterData?.median ?? Infinity) <= 100 },
    },
  };
  results.comments.runs = runs;
  md.push(`## 3. Long thread (${thread.comments.length} top-level + ${total - thread.comments.length} replies; ms from navigation; ${runs} alternating runs${runs < RUNS ? ' — cut from ' + RUNS + ' because one app run took over 60 s; --full-thread runs all' : ''})`, '',
    '| side | timed by | whole thread painted | first screenful painted | first thread data arrived | first screenful after its data | whole thread after first data | requests | "load more" clicks |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of Object.keys(summary)) {
    const s = summary[n];
    md.push(`| ${n} | ${s.timing} | ${fmt(s.wholeThreadPainted)} | ${fmt(s.firstCommentPainted)} | ${fmt(s.firstDataArrived)} | ${fmt(s.firstScreenAfterData)} | ${fmt(s.threadAfterFirstData)} | ${s.requests?.median ?? '–'} | ${s.loadMoreClicks?.median ?? '–'} |`);
  }
  md.push('', `Whole thread, app / plain JS: **${wholeRatio}×** (goal ≤ 1.2×). First screenful after its data (goal ≤ 100 ms): **${fmt(summary.app.firstScreenAfterData)} ms**. Whole thread after the first thread data, app / plain JS (the thread's own cost, without the app's start): ${afterDataRatio}×.`, '');
}

// ---- 4. scale -------------------------------------------------------------------------------------
function scaleRoutes(dataDir) {
  const home = readJson(path.join(dataDir, 'home', '1.json'));
  const arch = readJson(path.join(dataDir, 'archive', 'index.json'));
  const labels = readJson(path.join(dataDir, 'labels', 'index.json'));
  const months = arch.years.flatMap((y) => y.months.map((m) => ({ y: y.year, ...m }))).sort((a, b) => a.y - b.y || a.month - b.month);
  const newest = months[months.length - 1];
  const oldest = months[0];
  const mm = (m) => String(m.month).padStart(2, '0');
  const label = [...labels.labels].sort((a, b) => b.count - a.count)[0];
  const lastHome = home._frontera.total_pages;
  const routes = {
    home: '/',
    'archive month, page 1': `/archive/${newest.y}/${mm(newest)}`,
    'last archive page': oldest.pages > 1 ? `/archive/${oldest.y}/${mm(oldest)}/page/${oldest.pages}` : `/archive/${oldest.y}/${mm(oldest)}`,
    'label page': `/label/${label.slug}`,
    'last home page': lastHome > 1 ? `/page/${lastHome}` : '/',
  };
  const docs = [
    'home/1.json', `home/${lastHome}.json`, 'archive/index.json', 'labels/index.json',
    `archive/${newest.y}/${mm(newest)}/1.json`, `archive/${oldest.y}/${mm(oldest)}/${oldest.pages}.json`, `labels/${label.slug}/1.json`,
  ].map((d) => path.join(dataDir, d)).filter((f) => fs.existsSync(f));
  return { routes, docs };
}

async function scaleSection(browser, issoUrl) {
  const compiler = path.join(ROOT, 'target', 'tool', 'frontera-compile');
  const base = path.join(OUT, 'scale');
  fs.rmSync(base, { recursive: true, force: true });
  const sites = [];
  try {
    for (const [k, n] of SCALE.entries()) {
      const dir = path.join(base, String(n));
      copyDir(SITE, dir, (p) => p === path.join(SITE, 'data') || p === path.join(SITE, 'bench') || /\.(br|gz)$/.test(p));
      writeConfig(dir, issoUrl, SITE);
      const t0 = performance.now();
      execFileSync(compiler, ['--config', path.join(dir, 'config.json'), '--synthetic', String(n), '--out', path.join(dir, 'data')], { stdio: ['ignore', 'ignore', 'inherit'] });
      const compileMs = performance.now() - t0;
      const du = Number(execFileSync('du', ['-sb', path.join(dir, 'data')]).toString().split('\t')[0]);
      const files = Number(execFileSync('sh', ['-c', `find '${path.join(dir, 'data')}' -type f | wc -l`]).toString().trim());
      const { routes, docs } = scaleRoutes(path.join(dir, 'data'));
      precompress([...walk(dir, (p) => p === path.join(dir, 'data')), ...docs]);
      const server = await startSirv(dir, PORT + 1 + k);
      sites.push({ n, dir, compileMs, du, files, routes, server });
      log(`scale ${n}: compiled in ${Math.round(compileMs)} ms, ${files} files, ${(du / 2 ** 20).toFixed(1)} MiB`);
    }
    const watches = [{ name: 'article', sel: 'main article.post' }];
    const raw = {};
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? [...sites].reverse() : sites;
      for (const s of order) {
        for (const [name, route] of Object.entries(s.routes)) {
          const r = await timedLoad(browser, s.server.url + route, { watches, ready: 'article', settle: 300 });
          ((raw[s.n] ||= {})[name] ||= []).push(r);
        }
      }
      log(`scale run ${i + 1}/${RUNS} done`);
    }
    const out = {};
    for (const s of sites) {
      out[s.n] = { compileMs: Math.round(s.compileMs), dataBytes: s.du, dataFiles: s.files, routes: {} };
      for (const [name, route] of Object.entries(s.routes)) {
        const rs = raw[s.n][name];
        out[s.n].routes[name] = {
          route,
          articlePainted: stats(rs.map((r) => r.marks.article.frame)),
          lcp: stats(rs.map((r) => r.lcp?.t)),
          bytesToArticle: stats(rs.map((r) => r.bytesToReady)),
          requestsToArticle: stats(rs.map((r) => r.requestsToReady)),
          waterfall: rs[0].resources,
        };
      }
    }
    const small = out[SCALE[0]];
    const big = out[SCALE[SCALE.length - 1]];
    const cmp = {};
    for (const name of Object.keys(small.routes)) {
      cmp[name] = {
        timeRatio: ratio(big.routes[name].articlePainted, small.routes[name].articlePainted),
        bytesRatio: ratio(big.routes[name].bytesToArticle, small.routes[name].bytesToArticle),
      };
    }
    results.scale = { sizes: out, largestVsSmallest: cmp };
    md.push(`## 4. Scale (synthetic posts; ms from navigation, median (min–max) of ${RUNS} alternating runs)`, '',
      '| posts | compile s | data files | data MiB |', '| ---: | ---: | ---: | ---: |');
    for (const s of sites) md.push(`| ${s.n} | ${(s.compileMs / 1000).toFixed(1)} | ${s.files} | ${(s.du / 2 ** 20).toFixed(1)} |`);
    md.push('', '| posts | page | route | article painted | LCP | KB fetched to article | requests |', '| ---: | --- | --- | ---: | ---: | ---: | ---: |');
    for (const name of Object.keys(small.routes)) {
      for (const s of sites) {
        const r = out[s.n].routes[name];
        md.push(`| ${s.n} | ${name} | \`${r.route}\` | ${fmt(r.articlePainted)} | ${fmt(r.lcp)} | ${kb(r.bytesToArticle?.median)} | ${r.requestsToArticle?.median} |`);
      }
    }
    md.push('', `Largest / smallest (goal: 1× within noise): ` + Object.entries(cmp).map(([k, v]) => `${k} time ${v.timeRatio}×, bytes ${v.bytesRatio}×`).join('; ') + '.', '');
  } finally {
    for (const s of sites) s.server.stop();
    if (!KEEP_SCALE) fs.rmSync(base, { recursive: true, force: true });
  }
}

// ---- 6. Lighthouse ---------------------------------------------------------------------------------
function lighthouseSection(site, postPath) {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'lighthouse');
  if (!fs.existsSync(bin)) {
    results.lighthouse = { error: 'lighthouse is not installed (npm ci)' };
    md.push('## 6. Lighthouse', '', 'not installed', '');
    return;
  }
  const version = execFileSync(bin, ['--version']).toString().trim();
  const pages = { home: `${site}/`, post: `${site}${postPath}` };
  const out = { version, pages: {} };
  for (const [name, url] of Object.entries(pages)) {
    const file = path.join(OUT, `lighthouse-${name}.json`);
    try {
      execFileSync(bin, [url, '--quiet', '--output=json', `--output-path=${file}`, '--only-categories=performance,accessibility,best-practices,seo',
        `--chrome-flags=--headless=new ${CHROME_ARGS.join(' ')}`], { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 });
      const lhr = readJson(file);
      const a = lhr.audits;
      out.pages[name] = {
        url,
        scores: Object.fromEntries(Object.entries(lhr.categories).map(([k, v]) => [k, Math.round(v.score * 100)])),
        metrics: {
          fcp: a['first-contentful-paint']?.numericValue, lcp: a['largest-contentful-paint']?.numericValue,
          tbt: a['total-blocking-time']?.numericValue, cls: a['cumulative-layout-shift']?.numericValue, si: a['speed-index']?.numericValue,
        },
        warnings: lhr.runWarnings,
      };
      log(`lighthouse ${name}: ${JSON.stringify(out.pages[name].scores)}`);
    } catch (e) {
      out.pages[name] = { url, error: String(e.message || e).slice(0, 500) };
    }
  }
  results.lighthouse = out;
  md.push(`## 6. Lighthouse ${version} (mobile defaults: simulated 4× CPU, 150 ms RTT, 1.6 Mbit/s)`, '', '| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, p] of Object.entries(out.pages)) {
    if (p.error) md.push(`| ${name} | error: ${p.error.split('\n')[0]} | | | | | | | |`);
    else md.push(`| ${name} | ${p.scores.performance} | ${p.scores.accessibility} | ${p.scores['best-practices']} | ${p.scores.seo} | ${Math.round(p.metrics.fcp)} | ${Math.round(p.metrics.lcp)} | ${Math.round(p.metrics.tbt)} | ${p.metrics.cls?.toFixed(3)} |`);
  }
  md.push('');
}

// ---- main -----------------------------------------------------------------------------------------
async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const home = readJson(path.join(DIST, 'data', 'home', '1.json'));
  const postPath = home.items[0]._frontera.path;
  const thread = { uri: postPath, comments: makeThread(800, 200) };
  const isso = await startIsso({ [postPath]: thread.comments }, ISSO_PORT);
  prepareSite(isso.url, thread);
  if (ONLY.has('large')) writeLargeFeeds(SITE);
  const server = await startSirv(SITE, PORT);
  const check = await fetch(`${server.url}/${path.basename(appFiles().wasm[0])}`, { headers: { 'accept-encoding': 'br' } });
  results.settings.server = { tool: 'sirv-cli 3.0.1 --single --gzip --brotli (precompressed .br/.gz in bench/out/site)', wasmContentEncoding: check.headers.get('content-encoding') };
  await check.arrayBuffer();
  md.push(`# Frontera benchmark, ${started.toISOString()}`, '',
    `Machine: ${results.machine.nproc} × ${results.machine.cpu}, ${results.machine.ramGiB} GiB RAM, load average ${results.machine.loadavg.join(' ')}; ${results.machine.chromium}; commit ${results.machine.commit}${results.machine.appSourcesModified ? ' (app sources modified in the working tree)' : ''}.`,
    `Throttling: CPU ${CPU_RATE}×, latency ${NETWORK.latency} ms, ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down and up, cache disabled, fresh context per run, viewport ${VIEWPORT.width}×${VIEWPORT.height}.`, '');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
  results.machine.browser = browser.version();
  try {
    const save = () => fs.writeFileSync(path.join(OUT, 'results.partial.json'), JSON.stringify(results, null, 2));
    if (ONLY.has('bytes')) bytesSection();
    if (ONLY.has('first')) await firstSection(browser, server.url, postPath);
    save();
    if (ONLY.has('large')) await largeSection(browser, { site: server.url, siteDir: SITE, runs: RUNS, results, md });
    save();
    if (ONLY.has('comments')) await commentsSection(browser, server.url, postPath, thread);
    save();
    if (ONLY.has('scale')) await scaleSection(browser, isso.url);
    save();
    if (ONLY.has('search')) await searchSection(browser, { siteDir: SITE, siteUrl: server.url, port: PORT + 20, sizes: SEARCH_SCALE, runs: RUNS, results, md });
    save();
    if (ONLY.has('memory')) await memorySection(browser, { site: server.url, dataDir: path.join(SITE, 'data'), threadPath: postPath, changes: MEMORY_CHANGES, results, md });
    save();
  } finally {
    await browser.close();
  }
  try {
    if (ONLY.has('lighthouse')) lighthouseSection(server.url, postPath);
  } finally {
    server.stop();
    isso.stop();
  }
  results.finished = new Date().toISOString();
  results.seconds = Math.round((Date.now() - started.getTime()) / 1000);
  md.push(`Finished in ${results.seconds} s.`);
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(OUT, 'results.md'), md.join('\n') + '\n');
  console.log(md.join('\n'));
  log(`results: ${path.relative(ROOT, path.join(OUT, 'results.json'))}, ${path.relative(ROOT, path.join(OUT, 'results.md'))}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
