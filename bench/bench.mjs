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
  newPage, precompress, ratio, round, sizes, startSirv, stats, timedLoad, walk,
} from './lib.mjs';
import { startIsso } from './isso.mjs';
import { memorySection } from './memory.mjs';
import { largeSection, writeLargeFeeds } from './large.mjs';
import { searchSection } from './search.mjs';
import { DIST, SITE, appFiles, prepareSite, readJson, writeConfig } from './site.mjs';
import { commentsSection } from './thread.mjs';

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

// ---- 1. bytes -------------------------------------------------------------------------------
function bytesSection() {
  const f = appFiles();
  const rows = [];
  const add = (kind, files) => {
    for (const file of files) rows.push({ kind, file: path.relative(SITE, file), ...sizes(file) });
  };
  // The comment and search modules (and the chunks they share) load when a reader needs them
  // (components::lazy): counted apart from the first load.
  const onDemand = (file) => /^(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/.test(path.basename(file));
  add('wasm', f.wasm.filter((w) => !onDemand(w)));
  add('wasm on demand', f.wasm.filter(onDemand));
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
  md.push(`| **wasm + js (incl. snippet), first load** | ${kb(wasmJs.raw)} | ${kb(wasmJs.gzip)} | **${kb(wasmJs.brotli)}** |`);
  const later = rows.filter((r) => r.kind === 'wasm on demand');
  if (later.length) md.push(`| wasm on demand (comments, search) | ${kb(later.reduce((s, r) => s + r.raw, 0))} | ${kb(later.reduce((s, r) => s + r.gzip, 0))} | ${kb(later.reduce((s, r) => s + r.brotli, 0))} |`);
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
    'same post, no app': `${site}/bench/same-post/`,
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
        // The article is there before the app is; wait (a condition, not a time) for the form,
        // in a load of its own opened at the comments (a reader who follows a link to them: the
        // section loads its code when it nears the viewport, src/pages/post.rs).
        r.form = await formReady(browser, `${sides[n]}#comments`, watches);
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
    postLcpVsSamePageLcp: ratio(summary['app post'].lcp, summary['same post, no app'].lcp),
  };
  const bare = [ratios.postPaintedVsStaticLcp, ratios.postLcpVsStaticLcp, ratios.homePaintedVsStaticLcp, ratios.homeLcpVsStaticLcp];
  results.first = { summary, ratios, goal: { ratio: 1.1, met: bare.every((x) => x !== null && x <= 1.1), metAgainstSamePage: ratios.postLcpVsSamePageLcp !== null && ratios.postLcpVsSamePageLcp <= 1.1 } };
  md.push('## 2. First article (ms from navigation; median (min–max) of ' + RUNS + ' alternating runs)', '',
    '| page | `main article.post` in DOM | … next frame (painted) | LCP | LCP element | KB fetched to article | requests |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const n of names) {
    const s = summary[n];
    md.push(`| ${n} | ${fmt(s.articleDom)} | ${fmt(s.articlePainted)} | ${fmt(s.lcp)} | ${s.lcpElement ?? '–'} | ${kb(s.bytesToArticle?.median)} | ${s.requestsToArticle?.median ?? '–'} |`);
  }
  md.push('', `Comment form ready on the app post opened at #comments (hydrated, form enabled): ${fmt(summary['app post'].commentFormReady)} ms from navigation.`);
  md.push('', `Ratios of medians against the static page's LCP (goal ≤ 1.1×): post painted ${ratios.postPaintedVsStaticLcp}×, post LCP ${ratios.postLcpVsStaticLcp}×, home painted ${ratios.homePaintedVsStaticLcp}×, home LCP ${ratios.homeLcpVsStaticLcp}×.`, '');
  md.push(`Against the same prerendered post without the app (its loader taken out: the page a static generator would serve, chrome and all): post LCP ${ratios.postLcpVsSamePageLcp}×.`, '');
}

/** Milliseconds from navigation until the comment form of `url` works, in a load of its own. */
async function formReady(browser, url, watches) {
  const r = await timedLoad(browser, url, { watches, ready: 'form', settle: 0 });
  return r.marks.form.frame;
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
  const isso = await startIsso({ [postPath]: thread.comments }, ISSO_PORT, [`http://127.0.0.1:${PORT}`]);
  prepareSite(isso.url, thread);
  if (ONLY.has('large')) writeLargeFeeds(SITE);
  const server = await startSirv(SITE, PORT);
  const check = await fetch(`${server.url}/${path.basename(appFiles().wasm.find((w) => w.endsWith('_bg.wasm')))}`, { headers: { 'accept-encoding': 'br' } });
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
    if (ONLY.has('comments')) await commentsSection(browser, { site: server.url, postPath, thread, runs: RUNS, timeout: THREAD_TIMEOUT, fullThread: argv.includes('--full-thread'), results, md });
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
