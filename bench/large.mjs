// Section "large" of the benchmark (issue 14, item 4; docs/benchmarks.md): the first screenful
// of a plain JSON Feed of 10,000 items in one document, against the same feed cut to 20 items,
// in one run. Both are served from the bench's site folder (precompressed like everything else)
// and named by a rewritten config.json, as a site that shows a third-party feed would be.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fmt, log, precompress, ratio, stats, timedLoad } from './lib.mjs';

const SIZES = [20, 10_000];

/** A plain JSON Feed of `n` items, newest first, three a day; item bodies carry a class the
 * watch can find (the prerendered page holds the site's own posts, not these). */
function feedOf(n) {
  const start = Date.UTC(2026, 10, 30, 12);
  const items = Array.from({ length: n }, (_, i) => ({
    id: `bench-${i + 1}`,
    url: `https://example.test/items/${i + 1}`,
    title: `Bench item ${i + 1}`,
    content_html: `<p class="bench-item">Body of bench item ${i + 1}, long enough to be a paragraph a reader would scroll past on a phone.</p>`,
    date_published: new Date(start - Math.floor(i / 3) * 86_400_000 - (i % 3) * 3_600_000).toISOString(),
  }));
  return { version: 'https://jsonfeed.org/version/1.1', title: 'Large feed', items };
}

/** Writes the feeds (and their .br/.gz) into the served folder; before the server starts, as
 * sirv reads its file list once. */
export function writeLargeFeeds(siteDir) {
  const dir = path.join(siteDir, '__large');
  fs.mkdirSync(dir, { recursive: true });
  const files = SIZES.map((n) => {
    const file = path.join(dir, `feed-${n}.json`);
    fs.writeFileSync(file, JSON.stringify(feedOf(n)));
    return file;
  });
  precompress(files);
}

/**
 * Times the first screenful (the first item's body painted) of each size, `runs` times,
 * alternating the order; appends a table to `md` and the numbers to `results.large`.
 */
export async function largeSection(browser, { site, siteDir, runs, results, md }) {
  const file = (n) => path.join(siteDir, '__large', `feed-${n}.json`);
  const watches = [{ name: 'first', sel: 'main p.bench-item' }];
  const raw = Object.fromEntries(SIZES.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const n of i % 2 ? [...SIZES].reverse() : SIZES) {
      const before = (page) =>
        page.route('**/config.json', (route) =>
          // A site that shows a feed: no data root of its own, no comment server (so no comment
          // counts are asked for, on either side).
          route.fulfill({ json: { title: 'Large feed', feed_url: `/__large/feed-${n}.json`, default_language: 'en' } }),
        );
      const r = await timedLoad(browser, `${site}/`, { watches, ready: 'first', before });
      raw[n].push(r);
      log(`large run ${i + 1}/${runs} ${n} items: first screenful ${Math.round(r.marks.first.frame)} ms`);
    }
  }
  const out = {};
  for (const n of SIZES) {
    out[n] = {
      bytes: fs.statSync(file(n) + '.br').size,
      firstPainted: stats(raw[n].map((r) => r.marks.first.frame)),
    };
  }
  out.ratio = ratio(out[SIZES[1]].firstPainted, out[SIZES[0]].firstPainted);
  results.large = out;
  md.push(
    '## Large documents (issue 14, item 4): first screenful of one plain JSON Feed document',
    '',
    '| items in the document | document (brotli) | first item painted, ms: median (min–max) |',
    '| ---: | ---: | ---: |',
    ...SIZES.map((n) => `| ${n.toLocaleString('en')} | ${(out[n].bytes / 1024).toFixed(1)} KB | ${fmt(out[n].firstPainted)} |`),
    '',
    `Ratio 10,000 / 20 items: **${out.ratio}×** (goal ≤1.2×).`,
    '',
  );
}
