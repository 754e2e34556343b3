// The injection corpus (xss-payloads.ts) made into Frontera data documents, for both suites that
// put it through the app: tests/e2e/injection.spec.ts fulfils the documents with page.route and
// the app renders them in the browser; tests/e2e/injection-static.spec.ts writes them into a site
// and the prerenderer renders them to static HTML.
//
// Each payload is filled in with a marker N = field code × 1000 + the payload's index, so a
// payload that runs says which field it came through and which payload it was.
import { xssPayloads, type XssPayload } from './xss-payloads';

export const N = xssPayloads.length;

/** Every field a payload goes into; the number is the field's part of the marker N. */
export const FIELDS = {
  content_html: 1,
  title: 2,
  summary: 3,
  tags: 4,
  byline: 5,
  source_name: 6,
  source_url: 7,
  nav_title: 8,
  nav_path: 9,
  comment_text: 10,
  comment_author: 11,
  comment_website: 12,
  blog_title: 13,
  blog_tagline: 14,
  own_comment_text: 15,
  own_comment_author: 16,
  own_comment_website: 17,
  comment_preview: 18,
  label_index_name: 19,
  config_links: 20,
  language: 21,
  date_published: 22,
  path: 23,
  control: 99,
} as const;
export type Field = keyof typeof FIELDS;
const fieldName = (code: number) => Object.entries(FIELDS).find(([, c]) => c === code)?.[0] ?? `field ${code}`;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Payload `i` made ready for `field`: the marker placeholders filled in. */
export function fill(p: XssPayload, i: number, field: Field): string {
  const js = `__xss(${FIELDS[field] * 1000 + i})`;
  return p.payload
    .replaceAll('$B64HTML', b64(`<script>${js}</script>`))
    .replaceAll(
      '$B64SVG',
      b64(`<svg xmlns="http://www.w3.org/2000/svg" id="x"><image href="x" onerror="${js}"/><script>${js}</script></svg>`),
    )
    .replaceAll('$X', js)
    .replaceAll('$N', String(FIELDS[field] * 1000 + i));
}
/** Every payload, ready for `field`. */
export const all = (field: Field) => xssPayloads.map((p, i) => fill(p, i, field));
/** Every payload for `field` in one string, a line each. */
export const joined = (field: Field) => all(field).join('\n');

/** "comment_text ← img-onerror [handler]" for a marker number (anything else as given). */
export function describe(raw: unknown): string {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1000) return String(raw);
  const p = xssPayloads[n % 1000];
  return `${fieldName(Math.floor(n / 1000))} ← ${p ? `${p.name} [${p.category}]` : n % 1000}`;
}

/** Closes whatever a payload left open: quotes, comments, raw-text and foreign elements. */
const RESYNC = `'">--></style></title></textarea></xmp></noscript></noembed></noframes></iframe></script></template></select></a></table></math></svg></table></math></svg></form>`;

/**
 * Payloads `indices` for `field` in one HTML document, each after a `<p title="sync-i">` and
 * followed by RESYNC. A payload may still swallow the ones after it (that is what some of them
 * are for); the sync paragraphs that come out show which payloads were parsed on their own.
 */
export const chunkHtml = (field: Field, indices: number[]) =>
  indices.map((i) => `<p title="sync-${i}">${i}</p>${fill(xssPayloads[i], i, field)}${RESYNC}`).join('\n');

/** The payloads that are URLs (or text) rather than markup: those worth trying as a link. */
export const urlish = () => xssPayloads.map((p, i) => ({ p, i })).filter(({ p }) => !p.payload.trimStart().startsWith('<'));

// ── documents ────────────────────────────────────────────────────────────────────────────────

export type Item = Record<string, any>;

/** A harmless post at /2024/03/<slug>; tests put payloads into its fields. */
export function item(slug: string, title: string): Item {
  return {
    id: `http://127.0.0.1/2024/03/${slug}`,
    url: `http://127.0.0.1/2024/03/${slug}`,
    title,
    content_html: `<p>Harmless body of ${slug}.</p>`,
    summary: `Harmless summary of ${slug}`,
    date_published: '2024-03-15T08:30:00-07:00',
    authors: [{ name: 'Reporter' }],
    tags: ['Aduana'],
    language: 'en',
    _frontera: {
      slug,
      path: `/2024/03/${slug}`,
      byline: 'Reporter',
      source: { name: 'Port log', url: 'https://example.org/log' },
      words: 120,
    },
  };
}

/** Writes `value` into `field` of an item. */
export const setters: Partial<Record<Field, (it: Item, value: string) => void>> = {
  content_html: (it, v) => (it.content_html = v),
  title: (it, v) => (it.title = v),
  summary: (it, v) => (it.summary = v),
  tags: (it, v) => (it.tags = [v, 'Aduana']),
  byline: (it, v) => (it._frontera.byline = v),
  source_name: (it, v) => (it._frontera.source.name = v),
  source_url: (it, v) => (it._frontera.source.url = v),
  path: (it, v) => (it._frontera.path = v),
};

/** The plain-text fields of a list item. */
export const TEXT_FIELDS = ['title', 'tags', 'byline', 'source_name', 'source_url'] as const;

/**
 * One list page with an item per payload (of those `only` names, else all), each with that
 * payload in every field of `fields`: page `page` of `pages` (the compiler's paging links,
 * relative to this document).
 */
export function listDoc(fields: readonly Field[], page = 1, pages = 1, only?: readonly number[]): object {
  const items = (only ?? xssPayloads.map((_, i) => i)).map((i) => {
    const it = item(`xss-${i}`, `Harmless title ${i}`);
    for (const f of fields) setters[f]!(it, fill(xssPayloads[i], i, f));
    return it;
  });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Injection corpus',
    ...(page < pages ? { next_url: `${page + 1}.json` } : {}),
    items,
    _frontera: { page, total_pages: pages, total_items: items.length * pages, ...(page > 1 ? { prev_url: `${page - 1}.json` } : {}) },
  };
}

/** The labels index: one label named with every payload, and a label per payload. */
export function labelsIndex(corpusSlug: string): object {
  return {
    labels: [
      { name: joined('label_index_name'), slug: corpusSlug, count: N + 1, pages: 1, url: `${corpusSlug}/1.json` },
      ...all('label_index_name').map((name, i) => ({ name, slug: `xss-label-${i}`, count: 1, pages: 1, url: `xss-label-${i}/1.json` })),
    ],
  };
}
