// Issue 11: search every post in both languages (Pagefind, built by scripts/search-index.mjs).
// The release build in dist/, as every other suite; the index is the one the build wrote from the
// sample posts, so what a query must find is read from the post documents, not written here.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, distDir, postDoc, repoRoot, type FeedItem } from './helpers';
import type { Page } from '@playwright/test';

/** Every post document of the build. */
function allPosts(): FeedItem[] {
  const root = path.join(distDir, 'data', 'posts');
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
  return walk(root).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
}
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Titles of the posts whose title or text holds `word` (accents ignored): what a search must find. */
const titlesWith = (word: string) =>
  allPosts()
    .filter((p) => fold(`${p.title} ${p.content_html}`).includes(fold(word)))
    .map((p) => p.title!);

const hits = (page: Page) => page.locator('main .search-hit h2');
const pagefindRequests = (page: Page) => {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pagefind/')) seen.push(r.url());
  });
  return seen;
};
/** Waits until the results shown are those of the URL's search (earlier ones stay on screen
 * while a new search runs, so the page does not flicker as the reader types). */
async function settled(page: Page) {
  const href = new URL(page.url()).pathname + new URL(page.url()).search;
  await expect(page.locator('main .search-found')).toHaveAttribute('data-for', href.replace(/%20/g, '+'));
}
async function searchFor(page: Page, words: string) {
  await page.goto('/search?q=' + encodeURIComponent(words));
  await settled(page);
}

/** Posts per language in the bundles of `dir/pagefind`, from Pagefind's own entry files. */
function indexed(dir: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', 'languages.json'), 'utf8'));
  const counts: Record<string, number> = {};
  for (const b of manifest.bundles as { dir: string; language: string }[]) {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', b.dir, 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages), b.dir).toEqual([b.language]);
    counts[b.language] = (counts[b.language] ?? 0) + entry.languages[b.language].page_count;
  }
  return { manifest, counts };
}
const postsByLanguage = () => {
  const byLang: Record<string, number> = {};
  for (const p of allPosts()) byLang[p.language!] = (byLang[p.language!] ?? 0) + 1;
  return byLang;
};

test('the build writes one index per language, holding every post of it', () => {
  const { manifest, counts } = indexed(distDir);
  expect(manifest.languages).toEqual(Object.keys(postsByLanguage()).sort());
  expect(counts).toEqual(postsByLanguage());
});

test('a language with more posts than a bundle holds gets several bundles, every post in one', () => {
  // The index builder on a copy of the built site's posts, with bundles of at most 10 posts.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-shards-'));
  try {
    fs.copyFileSync(path.join(distDir, 'config.json'), path.join(dir, 'config.json'));
    fs.cpSync(path.join(distDir, 'data'), path.join(dir, 'data'), { recursive: true, filter: (f) => !/\.(br|gz)$/.test(f) });
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'search-index.mjs'), dir], {
      env: { ...process.env, FRONTERA_SEARCH_SHARD: '10' },
    });
    const { manifest, counts } = indexed(dir);
    expect(counts).toEqual(postsByLanguage());
    const en = manifest.bundles.filter((b: { language: string }) => b.language === 'en').map((b: { dir: string }) => b.dir);
    expect(en).toEqual(Array.from({ length: Math.ceil(postsByLanguage().en / 10) }, (_, k) => (k ? `en-${k + 1}` : 'en')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing of search loads until the reader asks; focusing the box starts it', async ({ page }) => {
  const seen = pagefindRequests(page);
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  const post = page.locator('main article.post h3.post-title a').first();
  await post.click();
  await expect(page.locator('main h1.post-title')).toBeVisible();
  expect(seen).toEqual([]);
  const code = page.waitForRequest((r) => /\/pagefind\/[a-z]+\/pagefind\.js/.test(r.url()));
  await page.locator('#site-search').focus();
  await code;
});

test('English and Spanish, with and without accents, whatever the interface language', async ({ page }) => {
  const cases: [query: string, word: string][] = [
    ['Juarez', 'Juárez'],
    ['narcoticos', 'narcóticos'],
    ['ninos', 'niños'],
    ['niños', 'niños'],
  ];
  for (const [query, word] of cases) {
    const expected = titlesWith(word);
    expect(expected.length, `the sample posts mention ${word}`).toBeGreaterThan(0);
    await searchFor(page, query);
    const found = await hits(page).allInnerTexts();
    for (const title of expected) expect(found, `${query} finds “${title}”`).toContain(title);
    // The passage shows the match, marked.
    await expect(page.locator('main .search-hit .hit-excerpt mark').first()).toBeVisible();
  }
  // Both languages at once: "Juarez" finds the English post and the Spanish ones.
  await searchFor(page, 'Juarez');
  const langs = new Set(
    (await hits(page).allInnerTexts()).map((t) => allPosts().find((p) => p.title === t)?.language),
  );
  expect([...langs].sort()).toEqual(['en', 'es']);
});

test('Spanish posts are stemmed as Spanish: "cruzo" finds "cruzaron"', async ({ page }) => {
  const expected = titlesWith('cruzaron');
  expect(expected.length).toBeGreaterThan(0);
  await searchFor(page, 'cruzo');
  const found = await hits(page).allInnerTexts();
  for (const title of expected.filter((t) => allPosts().find((p) => p.title === t)?.language === 'es')) {
    expect(found).toContain(title);
  }
});

test('typing searches, and the URL keeps the search across reload, back and forward', async ({ page }) => {
  await page.goto('/search');
  await expect(page.locator('main .search-state')).toContainText(/Type a town/);
  const box = page.locator('#search-q');
  await box.fill('garita');
  await expect(page).toHaveURL(/\/search\?q=garita$/);
  await settled(page);
  const first = await hits(page).allInnerTexts();
  await page.reload();
  await expect(box).toHaveValue('garita');
  await settled(page);
  expect(await hits(page).allInnerTexts()).toEqual(first);
  // Typing a new search after one the reader arrived at makes a new history entry once the URL
  // follows (it never overwrites that search); back returns to it.
  await box.fill('ninos');
  await expect(page).toHaveURL(/\?q=ninos$/);
  await expect(hits(page).first()).not.toHaveText(first[0]);
  await page.goBack();
  await expect(page).toHaveURL(/\?q=garita$/);
  await expect(box).toHaveValue('garita');
  await expect(hits(page).first()).toHaveText(first[0]);
  await page.goForward();
  await expect(box).toHaveValue('ninos');
  // A submitted search is a new entry too, whether the URL followed the typing first or not;
  // back returns to the search before it.
  await box.fill('juarez');
  await box.press('Enter');
  await expect(page).toHaveURL(/\?q=juarez$/);
  await page.goBack();
  await expect(page).toHaveURL(/\?q=ninos$/);
  await expect(box).toHaveValue('ninos');
});

test('typing waits for the search that is running instead of queueing one per pause', async ({ page }) => {
  // Every URL the app moves to, as it moves (the router's history calls).
  await page.addInitScript(() => {
    const w = window as unknown as { __searched: (string | null)[] };
    w.__searched = [];
    for (const m of ['pushState', 'replaceState'] as const) {
      const own = history[m].bind(history);
      history[m] = (state, unused, url) => {
        if (url) w.__searched.push(new URL(String(url), location.href).searchParams.get('q'));
        return own(state, unused, url);
      };
    }
  });
  const searched = () => page.evaluate(() => (window as unknown as { __searched: string[] }).__searched);
  // Pagefind's files wait until the test lets them through: the first search runs until then.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/pagefind/**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/search');
  await expect(page.locator('main .search-state')).toContainText(/Type a town/);
  const box = page.locator('#search-q');
  await box.fill('garita');
  await expect(page).toHaveURL(/\?q=garita$/);
  await expect(page.locator('main section.search-results')).toHaveAttribute('aria-busy', 'true');
  // Typed a key at a time, each pause longer than the app's: every pause comes while the first
  // search still runs, so none may start another.
  await box.pressSequentially(' cruce', { delay: 300 });
  expect(await searched()).toEqual(['garita']);
  release();
  await expect(page).toHaveURL(/\?q=garita\+cruce$/);
  await settled(page);
  await expect(page.locator('main section.search-results')).not.toHaveAttribute('aria-busy', 'true');
  expect(await searched()).toEqual(['garita', 'garita cruce']);
});

test('the masthead box searches from any page', async ({ page }) => {
  await page.goto('/archive');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  await page.locator('#site-search').fill('Juarez');
  await page.locator('#site-search').press('Enter');
  await expect(page).toHaveURL(/\/search\?q=Juarez$/);
  await expect(hits(page).first()).toBeVisible();
  await expect(page.locator('#search-q')).toHaveValue('Juarez');
});

test('filters by label and by year, in the URL; no results offers to drop them', async ({ page }) => {
  await searchFor(page, 'garita');
  const all = await page.locator('main .search-count').innerText();
  await page.locator('main select[name=label]').selectOption('Garita Vieja');
  await expect(page).toHaveURL(/label=Garita\+Vieja/);
  await settled(page);
  await expect(page.locator('main .search-count')).not.toHaveText(all);
  for (const labels of await page.locator('main .search-hit .hit-labels').allInnerTexts()) expect(labels).toContain('Garita Vieja');
  await page.locator('main select[name=year]').selectOption('2023');
  await expect(page).toHaveURL(/year=2023/);
  await settled(page);
  for (const d of await page.locator('main .search-hit time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')))) {
    expect(d).toMatch(/^2023-/);
  }
  // Reloaded (or opened from a shared link), the filters show what the URL chose: the options
  // arrive after the page has read the URL (found by a reader's QA pass, stop 33).
  await page.reload();
  await settled(page);
  await expect(page.locator('main select[name=label]')).toHaveValue('Garita Vieja');
  await expect(page.locator('main select[name=year]')).toHaveValue('2023');
  // Back and forward: the filters follow the URL, also back to "any".
  await page.goBack();
  await expect(page).not.toHaveURL(/year=/);
  await expect(page.locator('main select[name=year]')).toHaveValue('');
  await expect(page.locator('main select[name=label]')).toHaveValue('Garita Vieja');
  await page.goBack();
  await expect(page).not.toHaveURL(/label=/);
  await expect(page.locator('main select[name=label]')).toHaveValue('');
  await page.goForward();
  await expect(page.locator('main select[name=label]')).toHaveValue('Garita Vieja');
  // A search that finds nothing under its filters says so and links to the search without them.
  await page.goto('/search?q=narcoticos&year=2023');
  await settled(page);
  await expect(page.locator('main .search-state[role=status]')).toContainText('No posts match “narcoticos”');
  await page.locator('main .search-state a').click();
  await expect(page).toHaveURL(/\/search\?q=narcoticos$/);
  await settled(page);
  await expect(hits(page).first()).toBeVisible();
});

test('results come ten at a time, with "More results" for the rest', async ({ page }) => {
  await searchFor(page, 'the');
  const total = Number((await page.locator('main .search-count').innerText()).match(/\d+/)![0]);
  expect(total, 'a common word matches more than a page of posts').toBeGreaterThan(10);
  await expect(hits(page)).toHaveCount(10);
  await page.locator('main .more-results').click();
  await expect(hits(page)).toHaveCount(Math.min(20, total));
  const titles = await hits(page).allInnerTexts();
  expect(new Set(titles).size, 'no result twice').toBe(titles.length);
});

test('a search index that fails to load gets the error view, and "Try again" recovers', async ({ page }) => {
  await page.route('**/pagefind/**', (r) => r.abort());
  await page.goto('/search?q=garita');
  const error = page.locator('main .error-view');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-error', 'network');
  await page.unroute('**/pagefind/**');
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(hits(page).first()).toBeVisible();
});

test('the search worker and its wasm run under the CSP and Trusted Types: no violation', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted Type|falling back to main thread/i.test(m.text())) warnings.push(m.text());
  });
  const worker = page.waitForEvent('worker');
  await searchFor(page, 'Juarez');
  expect((await worker).url()).toMatch(/\/pagefind\/[a-z]+\/pagefind-worker\.js$/);
  expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
  expect(warnings).toEqual([]);
});

test('a search page loaded directly hydrates without a warning, then searches', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !/integrity. attribute is currently ignored/.test(m.text())) problems.push(m.text());
  });
  await page.goto('/search?q=ninos');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  await expect(page.locator('#search-q')).toHaveValue('ninos');
  await expect(hits(page).first()).toBeVisible();
  await expect(page).toHaveTitle(/Search “ninos”/);
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the masthead box submits to /search, which says search needs JavaScript', async ({ page, request }) => {
    await page.goto('/');
    await page.locator('#site-search').fill('Juarez');
    await page.locator('#site-search').press('Enter');
    await expect(page).toHaveURL(/\/search\?q=Juarez$/);
    await expect(page.locator('main h1')).toHaveText('Search');
    await expect(page.locator('main form.search-form')).toHaveAttribute('method', 'get');
    // In a <noscript>, which a browser without scripts shows (Playwright's switch only stops
    // scripts running; its parser still reads <noscript> as text), so read from the HTML itself.
    const html = await (await request.get('/search?q=Juarez')).text();
    expect(html).toMatch(/<noscript><p class="search-state">Search needs JavaScript\./);
  });
});

test('a result links to its post', async ({ page }) => {
  await searchFor(page, 'narcoticos');
  const first = hits(page).first().locator('a');
  const href = await first.getAttribute('href');
  await first.click();
  await expect(page.locator('main h1.post-title')).toHaveText(postDoc(href!).title!);
});
