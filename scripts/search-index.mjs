// Builds the site's search index with Pagefind (npm `pagefind`, pinned in package.json), from the
// post documents the content compiler wrote, one index per content language so each is stemmed
// as its own language (docs/search.md):
//
//   node scripts/search-index.mjs DIST
//
// reads DIST/config.json and every DIST/<data_root>/posts/**/*.json and writes Pagefind's
// bundles, DIST/pagefind/<language>/ (and <language>-2/, -3/… past FRONTERA_SEARCH_SHARD posts
// of a language, 20,000 by default) and DIST/pagefind/languages.json naming them; the app merges
// them at search time. Run by scripts/postbuild.mjs after prerendering; written to a temporary
// folder and moved into place whole, so a failed run leaves no half-written index. Prints what it
// did and its timings (scripts/bench reads them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pagefind from 'pagefind';

const dist = process.argv[2];
if (!dist) throw new Error('usage: node scripts/search-index.mjs DIST');
const started = performance.now();
const config = JSON.parse(fs.readFileSync(path.join(dist, 'config.json'), 'utf8'));
const root = typeof config.data_root === 'string' ? config.data_root.replace(/\/+$/, '') : '';
const posts = path.join(dist, root, 'posts');
// Only a site whose posts are files here has something to index (a third-party feed has not).
if (!root || /:\/\/|^\/|(^|\/)\.\.(\/|$)/.test(root) || !fs.existsSync(posts)) {
  console.log('search-index: no local posts, no search index');
  process.exit(0);
}
const fallbackLanguage = (config.default_language || 'en').toLowerCase();

const walk = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));

const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (s) => attr(s).replace(/>/g, '&gt;');
// "es-MX" is indexed as "es": Pagefind stems by the primary language subtag.
const primary = (tag) => (typeof tag === 'string' && /^[a-z]{2,3}(-|$)/i.test(tag) ? tag.split('-')[0].toLowerCase() : fallbackLanguage);

// One post as the HTML Pagefind reads: the body is the post's own (already sanitised) HTML; the
// title, date and labels ride along as metadata and filters (the `[content]` form, so that a
// comma or colon in a label is not read as a separator).
function page(item, file) {
  const ext = item._frontera || {};
  const route = ext.path;
  if (typeof route !== 'string' || !route.startsWith('/')) throw new Error(`${file}: no _frontera.path`);
  const title = typeof item.title === 'string' && item.title ? item.title : '';
  const date = typeof item.date_published === 'string' ? item.date_published : '';
  const year = /^\d{4}/.test(date) ? date.slice(0, 4) : '';
  const labels = Array.isArray(item.tags) ? item.tags.filter((t) => typeof t === 'string' && t) : [];
  const body = typeof item.content_html === 'string' ? item.content_html : typeof item.content_text === 'string' ? `<p>${text(item.content_text)}</p>` : '';
  const head = [
    `<meta data-pagefind-meta="title[content]" content="${attr(title)}">`,
    date && `<meta data-pagefind-meta="date[content]" content="${attr(date)}">`,
    date && `<meta data-pagefind-sort="date[content]" content="${attr(date)}">`,
    year && `<meta data-pagefind-filter="year[content]" content="${year}">`,
    ...labels.map((l) => `<meta data-pagefind-filter="label[content]" content="${attr(l)}">`),
  ].filter(Boolean);
  const language = primary(item.language);
  head.push(`<meta data-pagefind-meta="lang[content]" content="${attr(typeof item.language === 'string' && item.language ? item.language : language)}">`);
  return {
    language,
    url: route,
    content: `<html lang="${attr(language)}"><head>${head.join('')}</head><body><main data-pagefind-body><h1>${text(title)}</h1>${body}</main></body></html>`,
  };
}

const files = walk(posts).sort();
const out = path.join(dist, 'pagefind');
const tmp = path.join(dist, '.pagefind-tmp');
fs.rmSync(tmp, { recursive: true, force: true });

const readPost = (file) => {
  try {
    return page(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  } catch (e) {
    throw new Error(e.message.startsWith(file) ? e.message : `${file}: not JSON: ${e.message}`);
  }
};
// First the language of every post, then one language at a time: Pagefind's service holds a
// whole index in memory until it is written, so building them one after the other keeps its peak
// to the largest language's, not the whole site's (docs/benchmarks.md, "Search"). The posts are
// read again, and handed over a few at a time: never the whole site in memory here either.
const byLanguage = new Map();
for (const file of files) {
  const { language } = readPost(file);
  if (!byLanguage.has(language)) byLanguage.set(language, []);
  byLanguage.get(language).push(file);
}
const languages = [...byLanguage.keys()].sort();
// Pagefind's service keeps an index in memory until it is written: about 3.7 GB for 70,000 posts
// (docs/benchmarks.md, "Search"). So a language's posts (in date order: their paths are
// /YYYY/MM/slug) go into bundles of at most SHARD posts, each built by a fresh service. Each
// bundle costs a reader one chunk of its word list per query word: 35,000 (2.2–2.5 GB while
// building) halves the bundles of 20,000 (1.5 GB) and a rare word's bytes with them.
const SHARD = Number(process.env.FRONTERA_SEARCH_SHARD || 35_000);
if (!(SHARD >= 1)) throw new Error(`FRONTERA_SEARCH_SHARD=${process.env.FRONTERA_SEARCH_SHARD} is not a number of posts`);
const bundles = languages.flatMap((language) => {
  const mine = byLanguage.get(language);
  return Array.from({ length: Math.ceil(mine.length / SHARD) }, (_, k) => ({
    dir: k === 0 ? language : `${language}-${k + 1}`,
    language,
    files: mine.slice(k * SHARD, (k + 1) * SHARD),
  }));
});
const counts = {};
const IN_FLIGHT = 32;
const read = performance.now();
try {
  for (const { dir, language, files: mine } of bundles) {
    const { index, errors } = await pagefind.createIndex({});
    if (errors.length) throw new Error(`pagefind: ${errors.join('; ')}`);
    const addOne = async (file) => {
      const p = readPost(file);
      const added = await index.addHTMLFile({ url: p.url, content: p.content });
      if (added.errors.length) throw new Error(`pagefind: ${file}: ${added.errors.join('; ')}`);
    };
    for (let i = 0; i < mine.length; i += IN_FLIGHT) await Promise.all(mine.slice(i, i + IN_FLIGHT).map(addOne));
    const written = await index.writeFiles({ outputPath: path.join(tmp, dir) });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    // Closing the service gives its memory back; the next createIndex starts a new one.
    await pagefind.close();
    counts[language] = (counts[language] ?? 0) + mine.length;
    // Pagefind's own search UIs: the app has its own (src/pages/search.rs).
    for (const f of fs.readdirSync(path.join(tmp, dir))) {
      if (/^pagefind-(component-|modular-)?ui\.|^pagefind-highlight\./.test(f)) fs.rmSync(path.join(tmp, dir, f));
    }
  }
} catch (e) {
  fs.rmSync(tmp, { recursive: true, force: true });
  throw e;
} finally {
  await pagefind.close();
}
// The app reads the bundles (src/api/search.rs).
fs.writeFileSync(path.join(tmp, 'languages.json'), JSON.stringify({ languages, bundles: bundles.map(({ dir, language }) => ({ dir, language })) }));
fs.rmSync(out, { recursive: true, force: true });
fs.renameSync(tmp, out);
const done = performance.now();
console.log(
  `search-index: ${files.length} posts (${languages.map((l) => `${l} ${counts[l]}`).join(', ')}) in ${bundles.length} bundle(s), ` +
    `indexed in ${((done - read) / 1000).toFixed(2)}s (${((read - started) / 1000).toFixed(2)}s to sort them by language)`,
);
