// Shared fixtures and helpers. Expectations are derived from the built data in dist/ at test
// time, so the tests stay true when the sample content changes.
import { test as base, expect, type Locator, type Page, type Route } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const distDir = path.resolve(repoRoot, process.env.FRONTERA_E2E_DIST || 'dist');
export const dataDir = path.join(distDir, 'data');

/** Reads a JSON file under dist/ (e.g. `data/home/1.json`, `config.json`). */
export function readDist<T = any>(rel: string): T {
  const file = path.join(distDir, rel);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: build first (source scripts/env.sh && compile_content && trunk build --release --offline)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export interface FeedItem {
  id: string;
  title?: string;
  summary?: string;
  date_published?: string;
  date_modified?: string;
  content_html?: string;
  tags?: string[];
  _frontera?: {
    slug: string;
    path: string;
    byline?: string;
    /** In a list: `content_html` is the post's opening, up to its "read more" break. */
    more?: boolean;
    newer?: { title: string; path: string };
    older?: { title: string; path: string };
  };
}
export interface Feed {
  title: string;
  next_url?: string;
  items: FeedItem[];
  _frontera?: { page: number; total_pages: number; total_items: number };
}
export interface ArchiveIndex {
  total: number;
  years: { year: number; count: number; months: { month: number; count: number; pages: number; url: string }[] }[];
}
export interface LabelIndex {
  labels: { name: string; slug: string; count: number; pages: number; url: string }[];
}

export const config = () => readDist<{ title: string; page_size: number; request_timeout_ms: number; [k: string]: unknown }>('config.json');
export const homePage = (n: number) => readDist<Feed>(`data/home/${n}.json`);
export const archiveIndex = () => readDist<ArchiveIndex>('data/archive/index.json');
export const labelIndex = () => readDist<LabelIndex>('data/labels/index.json');
/** The standing pages (About, Send us a tip…) the masthead links to, in its order. */
export const pagesIndex = () => readDist<{ pages: { title: string; path: string; language?: string }[] }>('data/pages.json');
export const monthPage = (y: number, m: number, n = 1) =>
  readDist<Feed>(`data/archive/${y}/${String(m).padStart(2, '0')}/${n}.json`);
export const labelPage = (slug: string, n = 1) => readDist<Feed>(`data/labels/${slug}/${n}.json`);
export const postDoc = (p: string) => readDist<FeedItem>(`data/posts${p}.json`);

/** The author's calendar day of an RFC 3339 timestamp (the date as written, not shifted). */
export function calendarDay(rfc3339: string): { y: number; m: number; d: number } {
  const [y, m, d] = rfc3339.slice(0, 10).split('-').map(Number);
  return { y, m, d };
}

/** A day header as the app writes it: Intl long date in the interface language, capitalised. */
export function dayHeader(rfc3339: string, lang: 'en' | 'es'): string {
  const { y, m, d } = calendarDay(rfc3339);
  const s = new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A month as the app names it in a heading's sentence ("November 2026", "noviembre de 2026"). */
export function monthHeading(y: number, m: number, lang: 'en' | 'es' = 'en'): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Consecutive runs of items on the same calendar day, as the list groups them. */
export function dayGroups(items: FeedItem[]): { day: string; items: FeedItem[] }[] {
  const groups: { day: string; items: FeedItem[] }[] = [];
  for (const it of items) {
    const day = (it.date_published ?? '').slice(0, 10);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(it);
    else groups.push({ day, items: [it] });
  }
  return groups;
}

export const blogTitle = () => config().title;

/** A regular expression source matching `s` literally. */
export const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Collapses whitespace, for comparing rendered text with data. */
export const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Waits until a list route has rendered its posts (and no skeleton is left in main). */
export async function waitForList(page: Page) {
  await expect(page.locator('main article.post').first()).toBeVisible();
  await expect(page.locator('main .skeleton')).toHaveCount(0);
}

/** Waits until the sidebar widgets have loaded (no skeleton left in the sidebar). */
export async function waitForSidebar(page: Page) {
  await expect(page.locator('aside.sidebar .archive-widget a[href^="/archive/"]').first()).toBeVisible();
  await expect(page.locator('aside.sidebar .labels-widget a[href^="/label/"]').first()).toBeVisible();
  await expect(page.locator('aside.sidebar .skeleton')).toHaveCount(0);
}

/**
 * A post's comment section, scrolled to as a reader would: its code and thread are fetched when
 * it comes within a screen of the viewport (src/pages/post.rs), so a test that wants the live
 * thread or form goes there first.
 */
export async function commentSection(page: Page): Promise<Locator> {
  // Found and scrolled to in one task of the page. The app may replace the prerendered section
  // as it takes over (a page rendered afresh is emptied first), and a locator's `evaluate` finds
  // the element and runs on it in two steps: scrolling an element the page has just dropped
  // does nothing (CI, stop 27). Until the section is there (a skeleton meanwhile), it waits.
  await page.waitForFunction(() => {
    const s = document.querySelector('section#comments');
    s?.scrollIntoView({ block: 'center' });
    return s !== null;
  });
  return page.locator('section#comments');
}

/**
 * A line on the comment section for a failure message: where it is, what it holds, and how far
 * the app has got (its performance marks).
 */
export async function commentSectionState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const s = document.getElementById('comments');
    const rect = s?.getBoundingClientRect();
    const parts = s ? Array.from(s.children).map((c) => c.className || c.tagName.toLowerCase()) : [];
    const marks = performance.getEntriesByType('mark').map((m) => m.name);
    return `url ${location.pathname}${location.search}, scrollY ${Math.round(scrollY)} of ${document.documentElement.scrollHeight}, viewport ${innerHeight}, section top ${rect ? Math.round(rect.top) : 'none'}, holds [${parts.join(', ')}], marks [${marks.join(', ')}]`;
  });
}

/** Waits until a post page has rendered. */
export async function waitForPost(page: Page) {
  await expect(page.locator('main h1.post-title')).toBeVisible();
  await expect(page.locator('main .skeleton')).toHaveCount(0);
}

/**
 * `test` with an automatic check that the page raised no uncaught errors (wasm panics surface as
 * `pageerror` too). Every spec imports `test` from here.
 */
export const test = base.extend<{ pageErrors: string[]; failureNotes: void }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  // CI keeps only the text of a run, not its traces: a failed test prints what the page said
  // (console warnings and errors), the requests that did not end in 2xx/3xx with their status,
  // and the text of the comment section if there is one. Nothing is printed for a passing test.
  failureNotes: [
    async ({ page }, use, testInfo) => {
      const notes: string[] = [];
      const note = (s: string) => notes.push(s.slice(0, 300));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') note(`console ${m.type()}: ${m.text()}`);
      });
      page.on('requestfailed', (r) => note(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
      // Every answer that changed something (a comment sent, edited, deleted), and every refusal.
      page.on('response', (r) => {
        if (r.status() >= 400 || r.request().method() !== 'GET') note(`${r.request().method()} ${r.url()} → ${r.status()}`);
      });
      await use();
      if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
      const section = await page
        .locator('section#comments')
        .first()
        .innerText({ timeout: 1000 })
        .catch(() => '(no comment section)');
      console.log(
        [`--- what the page did (${testInfo.title}) ---`, ...notes.slice(-30), `comment section: ${section.replace(/\s*\n\s*/g, ' | ').slice(0, 600)}`].join('\n'),
      );
    },
    { auto: true },
  ],
});

export { expect };

/**
 * `route.fetch()` of one of the app's own files (a GET to the test's static server), once more if
 * the first attempt's connection was reset: Node reuses a kept-alive socket the server may be
 * closing at that moment (`read ECONNRESET`, seen once in a full run). A harness hiccup, not the
 * app's; nothing else is retried.
 */
export async function fetchOwn(route: Route) {
  try {
    return await route.fetch();
  } catch (e) {
    if (!String(e).includes('ECONNRESET')) throw e;
    return route.fetch();
  }
}
