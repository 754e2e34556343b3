// Shared pieces of the benchmark: files and compression, the static server, the long thread's
// comments (served by the real Isso: bench/isso.mjs), browser runs under throttling, and
// statistics.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const OUT = path.join(ROOT, 'bench', 'out');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// The throttling of every timed run (issue 5): CPU 4× slower, ~150 ms round trip, 1.6 Mbit/s.
export const CPU_RATE = 4;
export const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 };
export const VIEWPORT = { width: 412, height: 823 };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.error('[bench]', ...a);

// ---- files and compression ------------------------------------------------------------------

export function walk(dir, skip = () => false, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (skip(p)) continue;
    if (e.isDirectory()) walk(p, skip, out);
    else out.push(p);
  }
  return out;
}

/** raw, gzip -9 and brotli -q 11 sizes of one file, with the Debian tools. */
export function sizes(file) {
  const raw = fs.statSync(file).size;
  const gzip = execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 30 }).length;
  const brotli = execFileSync('brotli', ['-q', '11', '-c', file], { maxBuffer: 1 << 30 }).length;
  return { raw, gzip, brotli };
}

/** Writes `.br` and `.gz` beside each file (what issue 5 asks dist/ to ship; here only in copies). */
export function precompress(files) {
  const todo = files.filter((f) => /\.(html|js|mjs|css|wasm|json|svg)$/.test(f));
  for (let i = 0; i < todo.length; i += 200) {
    const batch = todo.slice(i, i + 200);
    execFileSync('brotli', ['-f', '-k', '-q', '11', ...batch]);
    execFileSync('gzip', ['-f', '-k', '-9', ...batch]);
  }
}

export function copyDir(src, dst, skip = () => false) {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (skip(s)) continue;
    if (e.isDirectory()) copyDir(s, d, skip);
    else fs.copyFileSync(s, d);
  }
}

// ---- the static server: sirv-cli serving precompressed files --------------------------------

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});
/** Kills `child` when the bench exits, however it exits. */
export function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

export async function startSirv(dir, port) {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'sirv');
  const busy = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
  if (busy) throw new Error(`port ${port} is in use (a server left over from an interrupted bench?)`);
  const child = spawn(bin, [dir, '--single', '--gzip', '--brotli', '--quiet', '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`${url}/config.json`);
      if (r.ok) return { url, stop: () => (child.kill('SIGTERM'), children.delete(child)) };
    } catch (e) {
      if (i % 50 === 49) log(`waiting for sirv on ${url}: ${e.cause}`);
    }
    await sleep(100);
  }
  child.kill('SIGTERM');
  throw new Error(`sirv did not start on ${dir}`);
}

/** A thread of `top` top-level comments and `replies` replies (2 each on every 8th comment). */
export function makeThread(top = 800, replies = 200) {
  const words = 'the crossing bridge water council market night heat wells port line border town school bus road rain'.split(' ');
  const names = ['Lupita R.', 'Don Chuy', 'M. Okafor', 'Ana', null, 'Rick from Wells', 'Tere', 'J. Salazar'];
  let id = 1;
  const t0 = 1764000000;
  const text = (n) => {
    const len = 12 + (n * 7) % 40;
    const w = Array.from({ length: len }, (_, i) => words[(n * 13 + i * 5) % words.length]).join(' ');
    return `<p>${w.charAt(0).toUpperCase() + w.slice(1)}.</p>` + (n % 5 === 0 ? `<p>${w.split(' ').reverse().join(' ')}.</p>` : '');
  };
  const comment = (n, parent) => ({
    id: id++,
    parent,
    text: text(n),
    author: names[n % names.length],
    website: null,
    mode: 1,
    created: t0 + n * 613,
    modified: null,
    likes: n % 4,
    dislikes: n % 9 === 0 ? 1 : 0,
    hash: (n * 2654435761 >>> 0).toString(16).slice(0, 12),
    replies: [],
  });
  const list = [];
  const perParent = Math.max(1, Math.round(replies / Math.max(1, Math.floor(top / 8))));
  let left = replies;
  for (let i = 0; i < top; i++) {
    const c = comment(i, null);
    list.push(c);
    if (i % 8 === 0 && left > 0) {
      for (let k = 0; k < perParent && left > 0; k++, left--) c.replies.push(comment(top + replies - left, c.id));
    }
  }
  return list;
}

// ---- browser runs -----------------------------------------------------------------------------

/**
 * Runs in the page before any of its scripts: records LCP, the wasm instance trunk announces,
 * and for each watch { name, sel | cls, count } the first time it is in the DOM (`dom`) and the
 * next frame after that (`frame`, ≈ painted), in performance.now() milliseconds.
 */
export function initScript(opts) {
  const { watches, autoclick } = opts;
  window.__marks = {};
  window.__lcp = null;
  addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail && e.detail.wasm));
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__lcp = { t: e.startTime, size: e.size, el: e.element ? `${e.element.tagName.toLowerCase()}.${e.element.className}` : null };
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  const live = {};
  let lastBtn = null;
  let lastCount = -1;
  const check = () => {
    for (const w of watches) {
      if (window.__marks[w.name]) continue;
      let n;
      if (w.cls) n = (live[w.cls] ||= document.getElementsByClassName(w.cls)).length;
      else n = document.querySelector(w.sel) ? 1 : 0;
      if (n >= (w.count || 1)) {
        const m = (window.__marks[w.name] = { dom: performance.now(), frame: null });
        requestAnimationFrame(() => setTimeout(() => (m.frame = performance.now()), 0));
      }
    }
    if (autoclick) {
      const b = document.querySelector(autoclick.sel);
      const count = (live[autoclick.cls] ||= document.getElementsByClassName(autoclick.cls)).length;
      if (b && !b.disabled && (b !== lastBtn || count > lastCount)) {
        lastBtn = b;
        lastCount = count;
        window.__clicks = (window.__clicks || 0) + 1;
        b.click();
      }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: !!autoclick, attributeFilter: autoclick ? ['disabled'] : undefined });
  document.addEventListener('DOMContentLoaded', check);
}

export async function newPage(browser, { throttle = true, init = { watches: [] } } = {}) {
  const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC', serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.addInitScript(initScript, init);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
  }
  const net = { bytes: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (e) => {
    net.bytes += e.encodedDataLength;
    net.requests += 1;
  });
  return { ctx, page, cdp, net };
}

/**
 * One timed page load: navigates, waits for the watch named `ready` (and the app's mark
 * `waitMark`, if it makes that mark), lets the page settle, then reads the marks (the
 * MutationObserver's and the page's own `performance.mark`s), LCP and the bytes fetched
 * (resource timing, up to the ready mark, and CDP's encoded lengths of everything loaded by the
 * end). `before(page)`, if given, runs before the navigation.
 */
export async function timedLoad(browser, url, { watches, ready, autoclick, timeout = 90_000, settle = 800, waitMark, extra, before } = {}) {
  const { ctx, page, cdp, net } = await newPage(browser, { init: { watches, autoclick } });
  try {
    // Set-up the page needs before it loads (request routes, say).
    if (before) await before(page);
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
    await page.goto(url, { waitUntil: 'commit', timeout });
    try {
      // waitForFunction answers with a handle: disposed at once, as every handle the bench gets.
      await (await page.waitForFunction((n) => window.__marks[n] && window.__marks[n].frame !== null, ready, { timeout, polling: 100 })).dispose();
    } catch (e) {
      const shot = path.join(OUT, `failed-${Date.now()}.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      const text = await page.evaluate(() => document.body?.innerText.slice(0, 400)).catch(() => '');
      throw new Error(`${url}: '${ready}' not reached: ${e.message.split('\n')[0]}; page text: ${JSON.stringify(text)}; errors: ${errors.slice(0, 5).join(' | ')}; screenshot ${shot}`);
    }
    // The app marks a view after it is painted (performance.mark in a task after the next
    // frame): when it marks at all, wait for the mark that follows the ready element.
    if (waitMark) {
      await page
        .waitForFunction(([n, r]) => {
          const m = performance.getEntriesByName(n, 'mark');
          return !m.length || m[m.length - 1].startTime >= window.__marks[r].dom;
        }, [waitMark, ready], { timeout: 10_000, polling: 50 })
        .then((handle) => handle.dispose())
        .catch(() => {});
    }
    await sleep(settle);
    const r = await page.evaluate((readyName) => {
      const marks = window.__marks;
      const t = marks[readyName].frame;
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const before = res.filter((e) => e.responseEnd <= t);
      const sum = (l) => l.reduce((s, e) => s + (e.transferSize || 0), 0);
      return {
        marks,
        perfMarks: performance.getEntriesByType('mark').map((e) => ({ name: e.name, t: e.startTime })),
        lcp: window.__lcp,
        clicks: window.__clicks || 0,
        bytesToReady: (nav ? nav.transferSize : 0) + sum(before),
        requestsToReady: 1 + before.length,
        resources: res.map((e) => ({ name: e.name.replace(location.origin, ''), start: Math.round(e.startTime), end: Math.round(e.responseEnd), transfer: e.transferSize })),
      };
    }, ready);
    r.bytesTotal = net.bytes;
    r.requestsTotal = net.requests;
    if (extra) r.extra = await extra(page, cdp);
    return r;
  } finally {
    await ctx.close();
  }
}

// ---- statistics -------------------------------------------------------------------------------

export function stats(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median: round(median), min: round(v[0]), max: round(v[v.length - 1]), n: v.length, all: v.map(round) };
}
export const round = (x) => Math.round(x * 10) / 10;
export const ratio = (a, b) => (a && b && b.median ? Math.round((a.median / b.median) * 100) / 100 : null);
export const kb = (b) => (b == null ? '–' : (b / 1024).toFixed(1));
export const fmt = (s) => (s ? `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})` : '–');
