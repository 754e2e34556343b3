// The wasm modules of their own (components::lazy): the comment section and search.
// scripts/bin/wasm-bindgen cuts them out, scripts/split.mjs names them by content and records
// their integrity. No page asks for one before the reader needs it (a post's comment section
// within a screen of the viewport, a focused search box, the search page), each is asked for once per visit, and a module that does not
// arrive, or arrives changed, leaves the page readable and says so where it would have been,
// with a retry that works.
import * as fs from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { commentSection, distDir, expect, homePage, test, waitForList, waitForPost } from './helpers';
import { useTestIsso } from './threads';

const MODULE = /\/split_comments-[0-9a-f]{16}\.wasm$/;
const SEARCH = /\/split_search-[0-9a-f]{16}\.wasm$/;
/** Every split file: the two modules and the chunks they share. */
const SPLIT = /^\/(split_[a-z]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
const interactive = (page: Page) => expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
const form = (page: Page) => page.locator('section#comments #comment-text');

/** Counts the requests for files matching `which` from now on. */
function countModule(page: Page, which = MODULE): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (which.test(new URL(r.url()).pathname)) n++;
  });
  return () => n;
}

test('dist has one comment and one search module, each fetched with its integrity by a link module the import map checks', () => {
  const files = fs.readdirSync(distDir);
  expect(files.filter((f) => MODULE.test(`/${f}`))).toHaveLength(1);
  expect(files.filter((f) => SEARCH.test(`/${f}`))).toHaveLength(1);
  const links = files.filter((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  expect(links).toHaveLength(1);
  const link = fs.readFileSync(`${distDir}/${links[0]}`, 'utf8');
  for (const module of files.filter((f) => SPLIT.test(`/${f}`))) {
    expect(link).toContain(`new URL("./${module}", import.meta.url), { integrity: "sha384-`);
  }
  expect(link).not.toMatch(/new URL\("[^"]+\.wasm", import\.meta\.url\)\)/);
  const index = fs.readFileSync(`${distDir}/index.html`, 'utf8');
  expect(index).toMatch(new RegExp(`"/${links[0].replace('.', '\\.')}":"sha384-`));
});

test('home asks for no split module; a post asks for comments once, a focused box for search once', async ({ page }) => {
  const requests = countModule(page);
  const split = countModule(page, SPLIT);
  const search = countModule(page, SEARCH);
  await page.goto('/');
  await waitForList(page);
  await interactive(page);
  // The app is running and has drawn the page; a later post link is the first to need comments.
  await page.locator('aside.sidebar .archive-widget a[href^="/archive/"]').first().waitFor();
  expect(split()).toBe(0);

  await page.locator('main article.post h3.post-title a').first().click();
  await waitForPost(page);
  await commentSection(page);
  await expect(form(page)).toBeVisible();
  expect(requests()).toBe(1);

  await page.locator('nav.post-nav a').first().click();
  await waitForPost(page);
  await commentSection(page);
  await expect(form(page)).toBeVisible();
  expect(requests()).toBe(1);
  expect(search()).toBe(0);

  const asked = page.waitForRequest((r) => SEARCH.test(new URL(r.url()).pathname));
  await page.locator('#site-search').focus();
  await asked;
  await page.locator('#site-search').fill('Juárez');
  await page.locator('#site-search').press('Enter');
  await expect(page.locator('.search-hits li').first()).toBeVisible();
  expect(search()).toBe(1);
});

test('a post asks for its comment module only when the section comes within a screen of the viewport', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  const requests = countModule(page);
  let threads = 0;
  page.on('request', (r) => {
    if (/[?&]uri=/.test(r.url())) threads++;
  });
  const thread = () => threads;
  const post = homePage(1).items[0]._frontera!.path;
  await page.goto(post);
  await waitForPost(page);
  await interactive(page);
  const section = page.locator('section#comments');
  const screens = await section.evaluate((s) => s.getBoundingClientRect().top / innerHeight);
  expect(screens, 'the section starts more than two screens down').toBeGreaterThan(2);
  // An IntersectionObserver reports at the next rendering step after it starts watching: two
  // frames after the app took over, a section that was near would have been reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(requests(), 'no comment module for a reader who has not scrolled').toBe(0);
  expect(thread(), 'and no thread').toBe(0);
  await expect(section.locator('.moderation-notice')).toBeVisible();

  const asked = page.waitForRequest((r) => MODULE.test(new URL(r.url()).pathname));
  await section.scrollIntoViewIfNeeded();
  await asked;
  await expect(form(page)).toBeVisible();
  expect(requests()).toBe(1);
  expect(thread()).toBe(1);
});

test('a post the app renders afresh keeps the reader\'s place, and a section scrolled to meanwhile loads', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  // A config.json other than the one the page was made from: the app does not hydrate the page
  // but renders it anew (src/lib.rs), which starts from the top while its data loads.
  await useTestIsso(page);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/frontera-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(homePage(1).items[0]._frontera!.path);
  await waitForPost(page);
  // The reader scrolls to the comments while the app's code is on its way.
  await commentSection(page);
  const place = await page.evaluate(() => scrollY);
  expect(place, 'the section is more than two screens down').toBeGreaterThan(2 * 667);
  release();
  // A fresh render fetches what hydration would have been handed: its documents, then the
  // comment module and thread (a loaded CI machine gets more than the default 10 s).
  await expect(form(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('body'), 'rendered afresh, not hydrated').not.toHaveAttribute('data-hydrated', '');
  const [y, top] = await page.evaluate(() => [scrollY, document.getElementById('comments')!.getBoundingClientRect().top]);
  expect(Math.abs(y - place), `back at ${place}, not at ${y}`).toBeLessThan(2);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(667);
});

test('a post opened at its comments (a link to #comments) asks for their module as the app starts, before it hydrates', async ({ page }) => {
  const post = homePage(1).items[1]._frontera!.path;
  await page.goto(`${post}#comments`);
  await interactive(page);
  await expect(form(page)).toBeVisible();
  const [asked, hydrated] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find((e) => /\/split_comments-[0-9a-f]{16}\.wasm$/.test(e.name))?.startTime,
    performance.getEntriesByName('frontera:hydrated')[0]?.startTime,
  ]);
  expect(asked).toBeDefined();
  expect(hydrated).toBeDefined();
  expect(asked!).toBeLessThan(hydrated!);
});

test('a post asks for its thread while its comment module is still on its way, and only once', async ({ page }) => {
  const post = homePage(1).items[2]._frontera!.path;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(MODULE, async (route) => {
    await held;
    await route.continue();
  });
  const firstPage = (url: string) => /[?&]uri=/.test(url) && /[?&]offset=0&/.test(url) && /[?&]nested_limit=5/.test(url);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (firstPage(r.url())) asked.push(r.url());
  });
  const thread = page.waitForRequest((r) => firstPage(r.url()));
  await page.goto(`${post}#comments`);
  await thread;
  // The module is still held: the section is not there yet, its thread is already asked for.
  await expect(form(page)).toHaveCount(0);
  release();
  await expect(form(page)).toBeVisible();
  await expect(page.locator('section#comments .comments-count, section#comments .comments-error').first()).toBeVisible();
  expect(asked).toHaveLength(1);
});

const failures: [string, (route: Route) => Promise<void>][] = [
  ['does not arrive', (route) => route.abort('internetdisconnected')],
  [
    'arrives changed',
    async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length - 1] ^= 0x01;
      await route.fulfill({ response, body });
    },
  ],
];

for (const [what, fail] of failures) {
  test(`a search module that ${what}: the search page says so, and "Try again" searches`, async ({ page }) => {
    await page.route(SEARCH, fail);
    await page.goto('/search?q=Ju%C3%A1rez');
    await interactive(page);
    const error = page.locator('section.search-results .error-view');
    await expect(error).toHaveAttribute('data-error', 'network');
    await expect(page.locator('#search-q')).toBeVisible();

    await page.unroute(SEARCH);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('.search-hits li').first()).toBeVisible();
    await expect(page.locator('section.search-results .error-view')).toHaveCount(0);
  });

  test(`a comment module that ${what}: the post stays, the section says so, and "Try again" loads it`, async ({ page }) => {
    const post = homePage(1).items[0]._frontera!.path;
    await page.route(MODULE, fail);
    await page.goto(post);
    await waitForPost(page);
    await interactive(page);
    const section = await commentSection(page);
    const error = section.locator('.error-view');
    await expect(error).toHaveAttribute('data-error', 'network');
    await expect(error.getByRole('heading')).toBeVisible();
    await expect(page.locator('main h1.post-title')).toBeVisible();
    await expect(form(page)).toHaveCount(0);

    await page.unroute(MODULE);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(form(page)).toBeVisible();
    await expect(section.locator('.error-view')).toHaveCount(0);
  });
}

// A site published anew while a page was open: the old build's modules are gone from the host
// (their names carry their hashes), so "Try again" could never work. The page asks whether the
// file naming its build's modules is still there, and when the host says 404 it offers a reload.
const LINK = /\/__wasm_split-[0-9a-f]{16}\.js$/;
const gone = (route: Route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' });

test('a comment module gone because the site was published anew: the section says so, and its button reloads the page', async ({ page }) => {
  const post = homePage(1).items[0]._frontera!.path;
  let asked = 0;
  await page.route(MODULE, gone);
  await page.route(LINK, async (route) => {
    if (route.request().method() !== 'HEAD') return route.continue();
    asked++;
    return gone(route);
  });
  await page.goto(post);
  await waitForPost(page);
  await interactive(page);
  const section = await commentSection(page);
  const error = section.locator('.error-view');
  await expect(error).toHaveAttribute('data-error', 'outdated');
  await expect(error.getByRole('heading')).toHaveText('This site has been updated');
  await expect(error.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.locator('main h1.post-title')).toBeVisible();
  expect(asked).toBe(1);

  // The new version is what a reload gets (here: the same files, now served).
  await page.unroute(MODULE);
  await page.unroute(LINK);
  const reloaded = page.waitForEvent('framenavigated');
  await error.getByRole('button', { name: 'Reload the page' }).click();
  await reloaded;
  await waitForPost(page);
  expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type)).toBe('reload');
  await commentSection(page);
  await expect(form(page)).toBeVisible();
});

test('a search module gone because the site was published anew: the search page says so in Spanish too', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('frontera.lang', 'es'));
  await page.route(SEARCH, gone);
  await page.route(LINK, (route) => (route.request().method() === 'HEAD' ? gone(route) : route.continue()));
  await page.goto('/search?q=Ju%C3%A1rez');
  await interactive(page);
  const error = page.locator('section.search-results .error-view');
  await expect(error).toHaveAttribute('data-error', 'outdated');
  await expect(error.getByRole('heading')).toHaveText('El sitio se actualizó');
  await expect(error.getByRole('button', { name: 'Recargar la página' })).toBeVisible();
});
