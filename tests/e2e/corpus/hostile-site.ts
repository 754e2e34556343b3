// A hostile site for the prerenderer (tests/e2e/injection-static.spec.ts): the built app from
// dist/ (its shell, code and styles; not its data or its pages) with data documents that carry
// the whole injection corpus in every field the app renders: the blog's title, tagline and
// links and the labels index (so every page has them), every field of a list item (the home
// page has an item per payload, so each payload is sanitised on its own; the other lists have
// the text fields again, a third of the corpus each), and every field of a post, its body in
// chunks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { xssPayloads } from './xss-payloads';
import { all, chunkHtml, fill, item, joined, labelsIndex, listDoc, N, TEXT_FIELDS, urlish, type Field, type Item } from './documents';

export const LABEL = 'xss-corpus';
export const TEXT_POST = '/2024/03/xss-text';
export const BODY_POST = (k: number) => `/2024/03/xss-body-${k}`;

const indices = (from: number, to: number) => xssPayloads.map((_, i) => i).slice(from, to);

/**
 * Post bodies: the corpus in chunks, one post each. A payload may swallow the ones after it in
 * its chunk (some are made to); each is also alone in a list item of the home page.
 */
export const CHUNKS: number[][] = Array.from({ length: 6 }, (_, k) => indices(Math.ceil((k * N) / 6), Math.ceil(((k + 1) * N) / 6)));

/**
 * The fields of a list item the lists carry payloads in: the text fields, and the item's path
 * (a link only when it is a post route; else the item's route comes from its date and slug).
 * No bylines: a byline names the blog ("<pen name> for <blog>"), and the blog's title is the
 * whole corpus, so a list of bylines would be megabytes. (The post page has every payload in
 * its byline.)
 */
export const LIST_FIELDS: readonly Field[] = [...TEXT_FIELDS.filter((f) => f !== 'byline'), 'path'];

/** Every prerendered page: its path, what it is and, for a list, the payloads it has an item for. */
export const PAGES: readonly { path: string; kind: 'list' | 'archive' | 'post'; items?: number[] }[] = [
  { path: '/', kind: 'list', items: indices(0, N) },
  { path: '/page/2', kind: 'list', items: indices(0, N / 3) },
  { path: `/label/${LABEL}`, kind: 'list', items: indices(N / 3, (2 * N) / 3) },
  { path: '/archive/2024/03', kind: 'list', items: indices((2 * N) / 3, N) },
  { path: '/archive', kind: 'archive' },
  { path: TEXT_POST, kind: 'post' },
  ...CHUNKS.map((_, k) => ({ path: BODY_POST(k), kind: 'post' as const })),
];

/** A list page (no bylines, see LIST_FIELDS), an item for each payload `items` names. */
function list(fields: readonly Field[], items: number[], page = 1, pages = 1): object {
  const doc = listDoc(fields, page, pages, items) as { items: Item[] };
  for (const it of doc.items) {
    delete it._frontera.byline;
    delete it.authors;
  }
  return doc;
}

/** The post with every payload in every text field, and its neighbours' titles. */
function textPost(): Item {
  const it = item('xss-text', joined('title'));
  it.summary = joined('summary');
  it.tags = [...all('tags'), 'Aduana'];
  it.language = joined('language');
  it.date_published = joined('date_published');
  it._frontera.byline = joined('byline');
  it._frontera.source.name = joined('source_name');
  // A neighbour is a link only when its path is a post route of this blog; its title is text.
  it._frontera.newer = { title: joined('nav_title'), path: BODY_POST(0) };
  it._frontera.older = { title: joined('nav_title'), path: BODY_POST(1) };
  return it;
}

/**
 * The URL-like payloads chunk post `k` carries as its source URL and neighbours' paths (every
 * payload is a source URL and an item's path in the lists as well).
 */
export function bodyLinks(k: number) {
  const urls = urlish();
  const url = (n: number, field: 'source_url' | 'nav_path') => {
    const { p, i } = urls[n % urls.length];
    return fill(p, i, field);
  };
  return { source: url(3 * k, 'source_url'), newer: url(3 * k + 1, 'nav_path'), older: url(3 * k + 2, 'nav_path') };
}

/** Chunk `k` of the corpus as a post body, with URL-like payloads as its links. */
function bodyPost(k: number): Item {
  const links = bodyLinks(k);
  const it = item(`xss-body-${k}`, `xss-body-${k}`);
  it.content_html = chunkHtml('content_html', CHUNKS[k]);
  it._frontera.source.url = links.source;
  it._frontera.newer = { title: 'Newer', path: links.newer };
  it._frontera.older = { title: 'Older', path: links.older };
  return it;
}

/** The site's documents, by path under the data root. */
function documents(): Record<string, unknown> {
  const items = (route: string) => PAGES.find((p) => p.path === route)!.items!;
  const docs: Record<string, unknown> = {
    'home/1.json': list(['content_html', ...LIST_FIELDS], items('/'), 1, 2),
    'home/2.json': list(LIST_FIELDS, items('/page/2'), 2, 2),
    [`labels/${LABEL}/1.json`]: list(LIST_FIELDS, items(`/label/${LABEL}`)),
    'labels/index.json': labelsIndex(LABEL),
    'archive/2024/03/1.json': list(LIST_FIELDS, items('/archive/2024/03')),
    'archive/index.json': { total: N, years: [{ year: 2024, count: N, months: [{ month: 3, count: N, pages: 1, url: '2024/03/1.json' }] }] },
    [`posts${TEXT_POST}.json`]: textPost(),
  };
  CHUNKS.forEach((_, k) => (docs[`posts${BODY_POST(k)}.json`] = bodyPost(k)));
  return docs;
}

/** The blog's configuration: every payload in its title and tagline, script URLs for its links. */
export function hostileConfig(base: Record<string, unknown>): Record<string, unknown> {
  const url = (name: string) => {
    const i = xssPayloads.findIndex((p) => p.name === name);
    return fill(xssPayloads[i], i, 'config_links');
  };
  return {
    ...base,
    title: joined('blog_title'),
    tagline: joined('blog_tagline'),
    data_root: 'data/',
    tips: { email: joined('config_links'), url: url('url-bare-mixed-case') },
    comments: { server: '/comments/', policy_url: url('url-bare-tab-in-scheme') },
  };
}

/**
 * Writes the hostile site into `dir` from the built `dist`: the shell (index.html), code, styles
 * and icons at the top level and wasm-bindgen's snippets, then config.json and the documents.
 * Nothing of the built site's own content comes along: no data, no prerendered page but the
 * shell, no crawl files, no precompressed copies.
 */
export function writeHostileSite(dist: string, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  for (const e of fs.readdirSync(dist, { withFileTypes: true })) {
    const from = path.join(dist, e.name);
    if (e.isDirectory() && e.name === 'snippets') fs.cpSync(from, path.join(dir, e.name), { recursive: true });
    else if (e.isFile() && (e.name === 'index.html' || /\.(js|wasm|css|svg|ico|png)$/.test(e.name))) fs.copyFileSync(from, path.join(dir, e.name));
  }
  const base = JSON.parse(fs.readFileSync(path.join(dist, 'config.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(hostileConfig(base)));
  for (const [doc, body] of Object.entries(documents())) {
    const file = path.join(dir, 'data', doc);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(body));
  }
}
