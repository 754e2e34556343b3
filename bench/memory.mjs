// Section 5 of the benchmark (docs/benchmarks.md): memory over many client-side route changes,
// read from outside the app over the DevTools protocol, after forced garbage collection.
//
// The bench itself must hold nothing in the page: every wait is a locator (Playwright keeps no
// handle for it), and the few objects it asks CDP for live in one object group released at once.
// An ElementHandle kept from `waitForSelector` retains its element, and with it the whole
// detached tree of every page visited, which is what the old figure of ~270 detached nodes per
// route change measured.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kb, log, newPage } from './lib.mjs';

const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));

/**
 * The size of the app's wasm memory (the split modules share it), as the loader announces it in
 * `TrunkApplicationStarted` (lib.mjs's init script keeps it). DevTools' `Runtime.queryObjects` on
 * `WebAssembly.Memory.prototype`, used before, takes the renderer down since the wasm is split.
 */
export async function wasmMemories(page) {
  return [await page.evaluate(() => window.__wasm.memory.buffer.byteLength)];
}

/**
 * One reading after two forced collections: JS heap, wasm linear memory (a high-water mark: it
 * never shrinks), Blink's live node and listener counts, and how many of those nodes are in the
 * page's own tree. The rest (`offDocumentNodes`) are detached or belong to other documents.
 */
export async function measure(page, cdp) {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const memories = await wasmMemories(page);
  const documentNodes = await page.evaluate(() => {
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    let n = 1;
    while (walker.nextNode()) n++;
    return n;
  });
  return {
    jsHeapUsed: heap.usedSize,
    wasmMemory: memories.reduce((a, b) => a + b, 0),
    wasmMemories: memories.length,
    domNodes: dom.nodes,
    documentNodes,
    offDocumentNodes: dom.nodes - documentNodes,
    documents: dom.documents,
    jsEventListeners: dom.jsEventListeners,
  };
}

/**
 * The route cycle: ten routes, each with a locator that only the new route's content matches (so
 * an old view still on screen never passes for the new one), and for the thread post the comment
 * widget opened and closed and one more page of comments.
 */
function routeCycle(dataDir, threadPath) {
  const doc = (p) => readJson(path.join(dataDir, p));
  const home = doc('home/1.json');
  const home2 = doc('home/2.json');
  const arch = doc('archive/index.json');
  const labels = doc('labels/index.json').labels;
  const months = arch.years.flatMap((y) => y.months.map((m) => ({ y: y.year, m: String(m.month).padStart(2, '0') })));
  const list = (route, feed) => ({ route, items: feed.items.map((i) => i._frontera.path), list: true });
  const post = (item) => ({ route: item._frontera.path, ready: 'main h1.post-title', title: item.title, post: true });
  const month = (x) => list(`/archive/${x.y}/${x.m}`, doc(`archive/${x.y}/${x.m}/1.json`));
  const label = (l) => list(`/label/${l.slug}`, doc(`labels/${l.slug}/1.json`));
  const thread = home.items.find((i) => i._frontera.path === threadPath);
  const cycle = [
    list('/', home),
    list('/page/2', home2),
    { ...post(thread), widget: true },
    label(labels[0]),
    { route: '/archive', ready: 'main .archive-overview' },
    month(months[0]),
    post(home.items.find((i) => i !== thread)),
    label(labels[1]),
    post(home2.items[0]),
    month(months[1]),
  ];
  // A list is recognised by a post the route before it did not show.
  cycle.forEach((to, i) => {
    if (!to.list) return;
    const before = cycle[(i + cycle.length - 1) % cycle.length].items || [];
    const mine = to.items.find((p) => !before.includes(p));
    if (!mine) throw new Error(`${to.route} shows only posts the route before it shows`);
    to.ready = `main article.post .post-title a[href="${mine}"]`;
  });
  return cycle;
}

/** Opens and closes the inline reply form, then shows one more page of the thread. */
async function useWidget(page) {
  const section = page.locator('section#comments');
  const tops = section.locator('.comment-list > li > article.comment');
  await tops.nth(19).waitFor();
  await section.locator('button.comment-reply').first().click();
  const form = section.locator('.comment-reply-form');
  await form.locator('textarea').fill('Not sent.');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await form.waitFor({ state: 'detached' });
  await section.locator('button.load-more').click();
  await tops.nth(39).waitFor();
}

/** Clicks a link to `to.route` (the router takes it: no page load) and waits until it is shown. */
async function go(page, to) {
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    document.body.append(a);
    a.click();
    a.remove();
  }, to.route);
  const ready = to.title ? page.locator(to.ready).filter({ hasText: to.title }) : page.locator(to.ready);
  await ready.first().waitFor();
  await page.locator('main .skeleton').first().waitFor({ state: 'detached' });
  // Nothing of the route still on its way: the list's comment counts, the post's thread.
  if (to.list) await page.locator('main .comment-count a:not([data-count])').first().waitFor({ state: 'detached' });
  if (to.post) {
    // The section loads its code and thread when it nears the viewport (src/pages/post.rs).
    const section = page.locator('section#comments');
    await section.scrollIntoViewIfNeeded();
    await section.locator('.comments-count, .comments-error').first().waitFor();
  }
  if (to.widget) await useWidget(page);
}

/**
 * Loads home, goes once round the cycle as a warm-up (every route's code has run, the site
 * indexes are cached), then makes `changes` more route changes, measuring on home every
 * `every` changes. Checks that no change was a page load.
 */
export async function memorySection(browser, { site, dataDir, threadPath, changes = 200, every = 20, results, md }) {
  const cycle = routeCycle(dataDir, threadPath);
  if (every % cycle.length) throw new Error(`measure every ${every}: not a multiple of the cycle (${cycle.length})`);
  const { ctx, page, cdp } = await newPage(browser, { throttle: false, init: { watches: [] } });
  // DevTools' network records would grow the JS heap with every request: not the app's memory.
  await cdp.send('Network.disable');
  let loads = 0;
  page.on('load', () => loads++);
  try {
    await page.goto(`${site}/`);
    // The app has taken the page over: hydrated it, or (the copy's config.json differs from the
    // one the page was prerendered with) rendered it afresh.
    await page.locator('body[data-hydrated], body:not([data-prerendered])').waitFor({ state: 'attached' });
    await page.locator(cycle[0].ready).first().waitFor();
    await page.locator('aside.sidebar .skeleton').first().waitFor({ state: 'detached' });
    const afterLoad = await measure(page, cdp);
    for (const to of [...cycle.slice(1), cycle[0]]) await go(page, to);
    const series = [{ changes: 0, ...(await measure(page, cdp)) }];
    log(`memory after warm-up (${cycle.length} changes): wasm ${kb(series[0].wasmMemory)} KB, nodes ${series[0].domNodes}`);
    for (let n = 1; n <= changes; n++) {
      await go(page, cycle[n % cycle.length]);
      if (n % every === 0) {
        const m = { changes: n, ...(await measure(page, cdp)) };
        series.push(m);
        log(`memory after ${n} more route changes: wasm ${kb(m.wasmMemory)} KB, heap ${kb(m.jsHeapUsed)} KB, nodes ${m.domNodes} (${m.offDocumentNodes} off the document), listeners ${m.jsEventListeners}`);
      }
    }
    if (loads !== 1) throw new Error(`${loads} page loads: a route change was not handled by the router`);
    const [w, l] = [series[0], series[series.length - 1]];
    const growth = Object.fromEntries(Object.keys(w).map((k) => [k, l[k] - w[k]]));
    results.memory = { routeCycle: cycle.map((c) => c.route), pageLoads: loads, afterLoad, series, growth, perChange: { wasmMemory: growth.wasmMemory / changes, jsHeapUsed: growth.jsHeapUsed / changes } };
    md.push(`## 5. Memory (no throttling; after two forced GCs; on home, every ${every} of ${changes} route changes after a warm-up round of ${cycle.length})`, '',
      '| route changes after warm-up | wasm memory KB | JS heap used KB | DOM nodes | of which off the document | JS listeners |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      `| (page loaded) | ${kb(afterLoad.wasmMemory)} | ${kb(afterLoad.jsHeapUsed)} | ${afterLoad.domNodes} | ${afterLoad.offDocumentNodes} | ${afterLoad.jsEventListeners} |`);
    for (const s of series) md.push(`| ${s.changes} | ${kb(s.wasmMemory)} | ${kb(s.jsHeapUsed)} | ${s.domNodes} | ${s.offDocumentNodes} | ${s.jsEventListeners} |`);
    md.push('', `Growth over ${changes} route changes after the warm-up: wasm ${kb(growth.wasmMemory)} KB (${(growth.wasmMemory / changes / 1024).toFixed(2)} KB per change; goal ≤ 64 KB in all), JS heap ${kb(growth.jsHeapUsed)} KB, DOM nodes ${growth.domNodes}, listeners ${growth.jsEventListeners}. Cycle: ${cycle.map((c) => `\`${c.route}\``).join(', ')}; no page load.`, '');
  } finally {
    await ctx.close();
  }
}
