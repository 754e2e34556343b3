// Suite 2 of issue 4: the malformed data corpus in tests/fixtures/malformed (its manifest.json
// says, per document, which slot it replaces, the content type to serve and what must happen).
// Each document is served in its slot with page.route (huge ones are expanded from small
// templates at test time), and the test proves:
// - the outcome the manifest names: the translated ErrorView of the expected kind (English, and
//   Spanish for a sample), with "Try again" unless it is not-found (a page's own document that
//   says there is no such page gives the not-found page); or the graceful partial rendering it
//   describes;
// - no panic (console "panicked"), no crash screen, no uncaught page error, no blank page, and no
//   request leaving the app's origin;
// - the app keeps working: once the document is good again "Try again" recovers the same view,
//   and a link to another route with good data renders it.
// Documents run in small batches per slot, one page each, so a failing document is named in the
// failure list and the others still run. The same corpus is parsed natively in tests/malformed.rs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { archiveIndex, commentSection, config, expect, homePage, labelIndex, repoRoot, test, waitForList, waitForPost } from './helpers';

const CORPUS = path.join(repoRoot, 'tests/fixtures/malformed');

interface Check {
  sel: string;
  count?: number;
  text?: string;
  attr?: string;
  value?: string;
  minLength?: number;
}
interface Doc {
  file: string;
  slot: SlotName;
  what: string;
  contentType: string;
  status?: number;
  expand?: boolean;
  lang?: 'en' | 'es';
  /** A huge document: how long its first check may wait. */
  timeoutMs?: number;
  mode?: 'plain';
  path?: string;
  servedAs?: string;
  also?: Record<string, string>;
  parse: 'ok' | 'malformed';
  expect:
    | { outcome: 'error'; kind: string; apiError: string; message: string }
    | {
        outcome: 'partial';
        renders: string;
        shows?: string[];
        css?: Check[];
        absentText?: string[];
        commentThread?: 'self';
      };
}
type SlotName = 'config' | 'home' | 'post' | 'archive-index' | 'month' | 'labels-index' | 'label';

const manifest: { documents: Doc[] } = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));

/** The document's bytes, with `@@REPEAT n text@@` expanded (a 10 MB file is not committed). */
function bodyOf(file: string, expand?: boolean): Buffer {
  const raw = fs.readFileSync(path.join(CORPUS, file));
  if (!expand) return raw;
  return Buffer.from(
    raw.toString('utf8').replace(/@@REPEAT (\d+) (.*?)@@/gs, (_, n: string, text: string) => text.repeat(Number(n))),
    'utf8',
  );
}

const TEXT = {
  en: {
    retry: 'Try again',
    notFoundPage: 'Page not found',
    titles: {
      malformed: 'We received damaged data',
      'not-found': 'We could not find that',
      network: 'You seem to be offline',
      timeout: 'This is taking too long',
      server: 'The server had a problem',
    } as Record<string, string>,
  },
  es: {
    retry: 'Reintentar',
    notFoundPage: 'Página no encontrada',
    titles: {
      malformed: 'Recibimos datos dañados',
      'not-found': 'No encontramos eso',
      network: 'Parece que no tienes conexión',
      timeout: 'Esto está tardando demasiado',
      server: 'El servidor tuvo un problema',
    } as Record<string, string>,
  },
};
/** The technical detail each ApiError writes (its Display), folded under the message. */
const DETAIL: Record<string, RegExp> = { Malformed: /^malformed data: /, NotFound: /^not found$/ };

const pad = (n: number) => String(n).padStart(2, '0');
const realPost = () => homePage(1).items[0];
const realMonth = () => {
  const y = archiveIndex().years[0];
  return { year: y.year, month: y.months[0].month };
};
const realLabel = () => labelIndex().labels[0];

interface Slot {
  /** The route that shows the slot's document. */
  path: () => string;
  /** The document's path under the site root. */
  doc: () => string;
  /** Where its error view or partial rendering appears. */
  scope: string;
  /** Also shows an error for the same document (a sidebar widget). */
  alsoError?: string;
  /** The slot rendered from good data. */
  good: (page: Page) => Promise<void>;
}

const noMainError = async (page: Page) => expect(page.locator('main section.error-view')).toHaveCount(0);
const listGood = async (page: Page) => {
  await waitForList(page);
  await noMainError(page);
};

const SLOTS: Record<SlotName, Slot> = {
  config: {
    path: () => '/',
    doc: () => 'config.json',
    scope: 'body',
    good: async (page) => {
      await expect(page.locator('header.masthead a.site-title')).toHaveText(config().title);
      await listGood(page);
    },
  },
  home: {
    path: () => '/',
    doc: () => 'data/home/1.json',
    scope: 'main',
    good: async (page) => {
      await listGood(page);
      await expect(page.locator('main h3.post-title a').first()).toHaveText(homePage(1).items[0].title!);
    },
  },
  post: {
    path: () => realPost()._frontera!.path,
    doc: () => `data/posts${realPost()._frontera!.path}.json`,
    scope: 'main',
    good: async (page) => {
      await waitForPost(page);
      await expect(page.locator('main h1.post-title')).toHaveText(realPost().title!);
    },
  },
  'archive-index': {
    path: () => '/archive',
    doc: () => 'data/archive/index.json',
    scope: 'main',
    alsoError: 'aside .archive-widget',
    good: async (page) => {
      await expect(page.locator('main .archive-overview a[href^="/archive/"]').first()).toBeVisible();
      await noMainError(page);
    },
  },
  month: {
    path: () => `/archive/${realMonth().year}/${pad(realMonth().month)}`,
    doc: () => `data/archive/${realMonth().year}/${pad(realMonth().month)}/1.json`,
    scope: 'main',
    good: listGood,
  },
  'labels-index': {
    path: () => '/',
    doc: () => 'data/labels/index.json',
    scope: 'aside .labels-widget',
    good: async (page) => {
      await expect(page.locator(`aside .labels-widget a[href="/label/${realLabel().slug}"]`)).toBeVisible();
      await expect(page.locator('aside .labels-widget section.error-view')).toHaveCount(0);
    },
  },
  label: {
    path: () => `/label/${realLabel().slug}`,
    doc: () => `data/labels/${realLabel().slug}/1.json`,
    scope: 'main',
    good: listGood,
  },
};

/** What went wrong in the page while one document was shown. */
function watch(page: Page, origin: string) {
  const seen = { panics: [] as string[], pageErrors: [] as string[], offOrigin: [] as string[] };
  page.on('console', (m) => {
    if (m.text().includes('panicked')) seen.panics.push(m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => seen.pageErrors.push(`${e.name}: ${e.message}`.slice(0, 300)));
  page.on('request', (r) => {
    const u = r.url();
    if (/^https?:/.test(u) && new URL(u).origin !== origin) seen.offOrigin.push(u);
  });
  return {
    reset: () => {
      seen.panics.length = 0;
      seen.pageErrors.length = 0;
      seen.offOrigin.length = 0;
    },
    seen,
  };
}

async function checkNotBroken(page: Page, w: ReturnType<typeof watch>, where: string) {
  await expect(page.locator('[data-error="crash"]'), `${where}: crash screen`).toHaveCount(0);
  expect(await page.evaluate(() => document.body.innerText.trim().length), `${where}: blank page`).toBeGreaterThan(0);
  expect(w.seen.panics, `${where}: panics`).toEqual([]);
  expect(w.seen.pageErrors, `${where}: page errors`).toEqual([]);
  expect(w.seen.offOrigin, `${where}: requests off the app's origin`).toEqual([]);
}

/** A link to another route with good data, and that route rendering. */
async function navigateOn(page: Page, doc: Doc) {
  const here = new URL(page.url()).pathname;
  if (doc.mode === 'plain') {
    if (here === '/') {
      await page.locator('main h3.post-title a').first().click();
      await waitForPost(page);
    } else {
      await page.locator('header.masthead a.site-title').click();
      await expect(page).toHaveURL('/');
      await waitForList(page);
    }
  } else if (here === '/' || doc.slot === 'config') {
    await page.locator('footer.site-footer a[href="/archive"]').click();
    await expect(page).toHaveURL('/archive');
    await expect(page.locator('main .archive-overview a[href^="/archive/"]').first()).toBeVisible();
  } else {
    await page.locator('header.masthead a.site-title').click();
    await expect(page).toHaveURL('/');
    await listGood(page);
  }
  await noMainError(page);
}

async function checkPartial(page: Page, doc: Doc, slot: Slot) {
  if (doc.expect.outcome !== 'partial') return;
  const e = doc.expect;
  const scope = page.locator(slot.scope);
  const wait = { timeout: doc.timeoutMs };
  if (slot.scope === 'main') await expect(page.locator('main .skeleton')).toHaveCount(0, wait);
  if (doc.slot === 'config') await expect(page.locator('header.masthead')).toBeVisible();
  for (const text of e.shows ?? []) await expect(scope.getByText(text).first(), `shows ${text.slice(0, 60)}`).toBeVisible(wait);
  for (const c of e.css ?? []) {
    let loc = page.locator(c.sel);
    if (c.text !== undefined) loc = loc.filter({ hasText: c.text }).first();
    if (c.count !== undefined) await expect(loc, `${c.sel} count`).toHaveCount(c.count, wait);
    if (c.text !== undefined) await expect(loc, `${c.sel} with ${c.text}`).toBeVisible(wait);
    if (c.attr !== undefined) await expect(loc.first(), `${c.sel} [${c.attr}]`).toHaveAttribute(c.attr, c.value!);
    if (c.minLength !== undefined) {
      await expect(loc.first()).toBeVisible(wait);
      const n = await loc.first().evaluate((el) => (el.textContent ?? '').length);
      expect(n, `${c.sel} text length`).toBeGreaterThanOrEqual(c.minLength);
    }
  }
  await expect(scope.locator('section.error-view'), 'no error view').toHaveCount(0);
  const text = await scope.first().innerText();
  for (const t of e.absentText ?? []) expect(text, `must not show ${t}`).not.toContain(t);
}

async function checkError(page: Page, doc: Doc, slot: Slot, lang: 'en' | 'es') {
  if (doc.expect.outcome !== 'error') return;
  const { kind, apiError } = doc.expect;
  if (kind === 'not-found' && slot.scope === 'main') {
    // A route whose document says there is no such page (a plain feed whose pages run out
    // before /page/3) is the not-found page, as an address with no document is (journey.spec).
    const notFound = page.locator('main section.error-view[data-error="not-found"]');
    await expect(notFound.locator('h1')).toHaveText(TEXT[lang].notFoundPage);
    await expect(notFound.getByRole('button')).toHaveCount(0);
    await expect(page.locator('header.masthead a.site-title')).toBeVisible();
    return;
  }
  const view = page.locator(slot.scope).locator(`section.error-view[data-error="${kind}"]`).first();
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('role', 'alert');
  await expect(view.locator('.error-title')).toHaveText(TEXT[lang].titles[kind]);
  if (lang === 'en') expect(TEXT.en.titles[kind]).toBe(doc.expect.message);
  const retry = view.getByRole('button', { name: TEXT[lang].retry });
  await expect(retry).toHaveCount(kind === 'not-found' ? 0 : 1);
  if (doc.slot !== 'labels-index') await expect(view.locator('details.error-detail code')).toHaveText(DETAIL[apiError]);
  if (slot.alsoError) await expect(page.locator(`${slot.alsoError} section.error-view[data-error="${kind}"]`)).toBeVisible();
  // Only this slot is broken: the rest of the page still renders.
  if (doc.slot === 'labels-index') await listGood(page);
  if (doc.slot !== 'config') await expect(page.locator('header.masthead a.site-title')).toBeVisible();
}

/** Serves one corpus document in its slot (and the config the slot needs), opens its route. */
async function open(page: Page, doc: Doc, threads: string[]) {
  const slot = SLOTS[doc.slot];
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const served = new Map<string, Doc>();
  served.set(doc.servedAs ? `data/${doc.servedAs}` : slot.doc(), doc);
  for (const [rel, file] of Object.entries(doc.also ?? {})) {
    served.set(`data/${rel}`, { ...manifest.documents.find((d) => d.file === file)!, servedAs: rel });
  }
  if (doc.slot !== 'config') {
    // The real config, with comments off (or stubbed, for a thread check) and lowered timeouts.
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      json.comments = { server: doc.expect.outcome === 'partial' && doc.expect.commentThread ? '/comments/' : null, policy_url: null };
      if (doc.mode === 'plain') {
        delete json.data_root;
        json.feed_url = 'data/home/1.json';
      }
      await route.fulfill({ response, json });
    });
  }
  await page.route('**/comments/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.has('uri')) threads.push(url.searchParams.get('uri')!);
    const json = url.pathname.endsWith('/config') ? { config: {} } : { total_replies: 0, hidden_replies: 0, replies: [] };
    await route.fulfill({ json });
  });
  for (const [rel, d] of served) {
    const body = bodyOf(d.file, d.expand);
    await page.route(`**/${rel}`, (route) =>
      route.fulfill({ status: d.status ?? 200, headers: { 'content-type': d.contentType }, body }),
    );
  }
  await page.goto(doc.path ?? slot.path());
}

async function runDoc(page: Page, doc: Doc, w: ReturnType<typeof watch>) {
  const slot = SLOTS[doc.slot];
  const lang = doc.lang ?? 'en';
  await page.evaluate((l) => (l === 'es' ? localStorage.setItem('frontera.lang', 'es') : localStorage.removeItem('frontera.lang')), lang);
  w.reset();
  const threads: string[] = [];
  await open(page, doc, threads);
  if (doc.expect.outcome === 'error') await checkError(page, doc, slot, lang);
  else await checkPartial(page, doc, slot);
  if (doc.expect.outcome === 'partial' && doc.expect.commentThread) {
    await expect((await commentSection(page)).locator('.comments-count')).toBeVisible();
    expect(threads, 'comments go to the thread of the URL the post was opened at').toEqual([new URL(page.url()).pathname]);
  }
  await checkNotBroken(page, w, 'with the document');

  // Fault removed: "Try again" brings back the slot from good data.
  if (doc.expect.outcome === 'error' && doc.expect.kind !== 'not-found') {
    await page.unroute(`**/${slot.doc()}`);
    const view = page.locator(slot.scope).locator('section.error-view').first();
    await view.getByRole('button', { name: TEXT[lang].retry }).click();
    if (lang === 'es' && doc.slot !== 'labels-index') await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await slot.good(page);
  }
  // …and the next navigation works.
  await navigateOn(page, doc);
  await checkNotBroken(page, w, 'after recovery');
}

test('the corpus has at least 50 documents, for every kind of document the app loads', () => {
  const docs = manifest.documents;
  expect(docs.length).toBeGreaterThanOrEqual(50);
  expect(new Set(docs.map((d) => d.slot))).toEqual(new Set(Object.keys(SLOTS)));
  for (const d of docs) expect(fs.existsSync(path.join(CORPUS, d.file)), d.file).toBe(true);
  // Both outcomes, and Spanish, for a sample.
  expect(docs.filter((d) => d.expect.outcome === 'error').length).toBeGreaterThan(20);
  expect(docs.filter((d) => d.expect.outcome === 'partial').length).toBeGreaterThan(20);
  expect(new Set(docs.filter((d) => d.lang === 'es').map((d) => d.slot)).size).toBe(Object.keys(SLOTS).length);
});

const BATCH = 8;
for (const slotName of Object.keys(SLOTS) as SlotName[]) {
  const docs = manifest.documents.filter((d) => d.slot === slotName);
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    const first = manifest.documents.indexOf(batch[0]) + 1;
    const last = manifest.documents.indexOf(batch[batch.length - 1]) + 1;
    test(`${slotName}: documents ${first}–${last} (${batch.length})`, async ({ page, baseURL }) => {
      test.setTimeout(60_000 + batch.length * 15_000);
      const w = watch(page, new URL(baseURL!).origin);
      // A page of the app's origin, so that localStorage (the interface language) can be set.
      await page.goto('/config.json');
      const failures: string[] = [];
      for (const doc of batch) {
        await test.step(`${doc.file}: ${doc.what}`, async () => {
          try {
            await runDoc(page, doc, w);
          } catch (e) {
            failures.push(`${doc.file} (${doc.what}): ${String((e as Error).message).split('\n').slice(0, 6).join(' | ')}`);
            await page.goto('/config.json').catch(() => {});
          }
        });
      }
      expect(failures, `${failures.length} of ${batch.length} documents`).toEqual([]);
    });
  }
}
