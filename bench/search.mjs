// Section "search" of the benchmark (issue 11; docs/benchmarks.md): the search index
// (scripts/search-index.mjs, Pagefind) built for the sample posts and for synthetic sites, and
// queries on the throttled phone profile: time from the last key typed to the first results
// painted, and bytes fetched per query once the index is loaded.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, copyDir, fmt, kb, log, newPage, precompress, startSirv, stats, walk } from './lib.mjs';

// Words of the synthetic posts' small vocabulary (each in an eighth to all of them), then three
// of their made-up names of popularity rank 10, 100 and 1,000 (crates/frontera-compile's
// synthetic::name, checked by its tests): at 100,000 posts about 3,000, 300 and 30 posts name
// them, as a town or a person of real reporting would be. None is in the sample posts.
const QUERIES = ['crossing', 'Nogales', 'agua', 'garita', 'Zesami', 'Surite', 'Natesu'];

// Each query is entered twice, on pages of their own: pasted (every key at once: the worst case,
// nothing of it can be fetched before the pause) and typed as a reader types on a phone. 250 ms
// a key is a fast phone typist (about 48 words a minute; studies of phone typing find 36 on
// average): the app's 150 ms pause passes between keys, so it searches each prefix as it comes.
const KEY_DELAY = 250;
const MODES = [{ name: 'pasted', delay: 0 }, { name: 'typed', delay: KEY_DELAY }];

/** The peak resident memory (VmHWM) of every process whose command line has `needle`, in KiB. */
function peaksOf(needle, seen) {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) continue;
      const kib = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]);
      seen.set(pid, Math.max(seen.get(pid) ?? 0, kib));
    } catch {
      // The process ended between the listing and the read.
    }
  }
}

/** Builds the index of the site in `dir`, timing it; peak memory is node's and Pagefind's
 * service's (a process of its own), read from /proc while it runs. */
async function buildIndex(dir) {
  const script = path.join(ROOT, 'scripts', 'search-index.mjs');
  const t0 = performance.now();
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const node = new Map();
  const service = new Map();
  const poll = setInterval(() => {
    peaksOf(script, node);
    peaksOf('pagefind_extended', service);
  }, 250);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`search index of ${dir} failed (exit ${code})`);
  const seconds = (performance.now() - t0) / 1000;
  const max = (m) => Math.round(Math.max(0, ...m.values()) / 1024);
  const files = walk(path.join(dir, 'pagefind'));
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  return { seconds: Math.round(seconds * 10) / 10, nodeMiB: max(node), serviceMiB: max(service), files: files.length, mib: bytes / 2 ** 20, log: out.trim() };
}

/** A site of `n` synthetic posts beside the sample one: the app's files, its own data and index. */
function syntheticSite(siteDir, base, n) {
  const dir = path.join(base, String(n));
  const skip = (p) => ['data', 'pagefind', 'bench', '__large'].some((d) => p === path.join(siteDir, d)) || /\.(br|gz)$/.test(p);
  copyDir(siteDir, dir, skip);
  const compiler = path.join(ROOT, 'target', 'tool', 'frontera-compile');
  execFileSync(compiler, ['--config', path.join(dir, 'config.json'), '--synthetic', String(n), '--out', path.join(dir, 'data')], { stdio: ['ignore', 'ignore', 'inherit'] });
  precompress(walk(dir, (p) => p === path.join(dir, 'data') || p === path.join(dir, 'pagefind')));
  return dir;
}

/** One page: the search page loaded, the index warmed by a first query; then each query typed
 * into the box, `delay` ms between keys, timed from its last key to the results painted. */
async function queries(browser, url, delay) {
  const { ctx, page } = await newPage(browser);
  try {
    // Every key typed stamps the time, in the page's own clock, and the first frame after results
    // for a search (by the URL they are for) appear is stamped too, from inside the page: a
    // result may be painted while Playwright still waits out the delay after the last key.
    await page.addInitScript(() => {
      document.addEventListener('input', () => (window.__lastKey = performance.now()), true);
      window.__found = {};
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.search-found[data-for]')) {
          const k = el.getAttribute('data-for');
          if (k in window.__found) continue;
          window.__found[k] = null;
          requestAnimationFrame(() => (window.__found[k] = performance.now()));
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-for'] });
    });
    await page.goto(`${url}/search`, { waitUntil: 'commit', timeout: 120_000 });
    // The app has taken over (hydrated, or rendered afresh where the page was not made for
    // this site's data): the search page shows its empty state.
    await page.locator('main .search-found').waitFor({ timeout: 120_000 });
    const box = page.locator('#search-q');
    // Bytes of Pagefind's files (its module, worker, wasm and index), as received: most are
    // fetched from its worker, which CDP's page session does not see; Playwright reports a
    // dedicated worker's requests on the page.
    const pagefind = { bytes: 0 };
    page.on('requestfinished', async (r) => {
      if (!r.url().includes('/pagefind/')) return;
      const s = await r.sizes().catch(() => null);
      if (s) pagefind.bytes += s.responseBodySize + s.responseHeadersSize;
    });
    const bytesBefore = pagefind.bytes;
    const type = async (q, keyDelay) => {
      await box.fill('');
      await page.evaluate(() => (window.__found = {}));
      await box.pressSequentially(q, { delay: keyDelay });
      const suffix = `?q=${encodeURIComponent(q)}`;
      const painted = await page.waitForFunction(
        (end) => Object.entries(window.__found).find(([k, t]) => k.endsWith(end) && t !== null)?.[1],
        suffix,
        { timeout: 120_000 },
      );
      const t = (await painted.jsonValue()) - (await page.evaluate(() => window.__lastKey));
      await painted.dispose();
      const count = await page.locator('main .search-count').textContent().catch(() => null);
      const matches = count ? Number((count.match(/[\d,]+/) || ['0'])[0].replace(/,/g, '')) : 0;
      return { ms: t, hits: await page.locator('main .search-hit').count(), matches };
    };
    const settleBytes = () => new Promise((r) => setTimeout(r, 300));
    const warm = await type('garita', 0);
    await settleBytes();
    const loadBytes = pagefind.bytes - bytesBefore;
    const out = { warmUp: { ...warm, bytes: loadBytes }, queries: {} };
    for (const q of QUERIES) {
      const before = pagefind.bytes;
      const r = await type(q, delay);
      await settleBytes();
      out.queries[q] = { ...r, bytes: pagefind.bytes - before };
    }
    return out;
  } finally {
    await ctx.close();
  }
}

/**
 * Builds the indexes (the sample site's and one of `n` synthetic posts per entry of `sizes`),
 * times queries on each `runs` times, and appends a table to `md` and numbers to `results.search`.
 */
export async function searchSection(browser, { siteDir, siteUrl, port, sizes, runs, results, md }) {
  const base = path.join(path.dirname(siteDir), 'search');
  fs.rmSync(base, { recursive: true, force: true });
  // The sample index is timed on a copy of its posts: the served site keeps the index the build
  // wrote (its server read the file list when it started).
  const sample = path.join(base, 'sample');
  fs.mkdirSync(sample, { recursive: true });
  fs.copyFileSync(path.join(siteDir, 'config.json'), path.join(sample, 'config.json'));
  copyDir(path.join(siteDir, 'data'), path.join(sample, 'data'), (p) => /\.(br|gz)$/.test(p));
  const sites = [{ name: 'sample', dir: siteDir, url: siteUrl, index: await buildIndex(sample) }];
  log(`search: sample index ${sites[0].index.log}`);
  const servers = [];
  try {
    for (const [k, n] of sizes.entries()) {
      const dir = syntheticSite(siteDir, base, n);
      const index = await buildIndex(dir);
      log(`search: ${n} posts: ${index.log}; peak node ${index.nodeMiB} MiB, Pagefind ${index.serviceMiB} MiB`);
      const server = await startSirv(dir, port + k);
      servers.push(server);
      sites.push({ name: `${n}`, dir, url: server.url, index });
    }
    const raw = Object.fromEntries(sites.map((s) => [s.name, Object.fromEntries(MODES.map((m) => [m.name, []]))]));
    for (let i = 0; i < runs; i++) {
      for (const s of i % 2 ? [...sites].reverse() : sites) {
        for (const m of MODES) raw[s.name][m.name].push(await queries(browser, s.url, m.delay));
      }
      log(`search run ${i + 1}/${runs} done`);
    }
    const out = {};
    for (const s of sites) {
      const { pasted, typed } = raw[s.name];
      const rs = [...pasted, ...typed];
      const perQuery = (runsOf, q) => ({ ms: stats(runsOf.map((r) => r.queries[q].ms)), bytes: stats(runsOf.map((r) => r.queries[q].bytes)) });
      out[s.name] = {
        index: s.index,
        firstSearch: { ms: stats(rs.map((r) => r.warmUp.ms)), bytes: stats(rs.map((r) => r.warmUp.bytes)) },
        queries: Object.fromEntries(QUERIES.map((q) => [q, {
          ...perQuery(pasted, q),
          typed: perQuery(typed, q),
          hits: rs[0].queries[q].hits,
          matches: rs[0].queries[q].matches,
        }])),
      };
    }
    results.search = out;
    md.push(`## Search (Pagefind; ms from the last key typed to the results painted, median (min–max) of ${runs} runs; typing pause 150 ms included; "typed" at ${KEY_DELAY} ms a key)`, '',
      '| posts | index s | peak MiB (node + Pagefind) | index files | index MiB |', '| --- | ---: | ---: | ---: | ---: |');
    for (const s of sites) md.push(`| ${s.name} | ${s.index.seconds} | ${s.index.nodeMiB} + ${s.index.serviceMiB} | ${s.index.files} | ${s.index.mib.toFixed(1)} |`);
    md.push('', '| posts | query | posts found | results shown | ms to results, pasted | KB, pasted | ms to results, typed | KB, typed |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const s of sites) {
      const o = out[s.name];
      md.push(`| ${s.name} | first search (loads the index) | – | – | ${fmt(o.firstSearch.ms)} | ${kb(o.firstSearch.bytes.median)} | | |`);
      for (const q of QUERIES) {
        const r = o.queries[q];
        md.push(`| ${s.name} | ${q} | ${r.matches} | ${r.hits} | ${fmt(r.ms)} | ${kb(r.bytes.median)} | ${fmt(r.typed.ms)} | ${kb(r.typed.bytes.median)} |`);
      }
    }
    md.push('');
  } finally {
    for (const s of servers) s.stop();
  }
}
