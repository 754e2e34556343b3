// Standing pages (About, Send us a tip…): outside the chronology, linked from the masthead with
// ordinary links in both interface languages, reachable with and without JavaScript, and in no
// list. The pages and their titles are read from the built pages index (data/pages.json).
import { type Page } from '@playwright/test';
import { STATIC_PORT } from '../../playwright.config';
import { test, expect, pagesIndex, archiveIndex, homePage, norm } from './helpers';

const staticOrigin = `http://127.0.0.1:${STATIC_PORT}`;
const nav = (page: Page) => page.locator('header.masthead nav.pages-nav');

test('the sample site has standing pages to link to', () => {
  expect(pagesIndex().pages.length).toBeGreaterThanOrEqual(2);
});

/** No list shows a standing page: not the home page, the archive, nor the newest month. */
async function absentFromLists(page: Page, origin: string) {
  const { pages } = pagesIndex();
  const y = archiveIndex().years[0];
  for (const route of ['/', '/archive', `/archive/${y.year}/${String(y.months[0].month).padStart(2, '0')}`]) {
    await page.goto(origin + route);
    const main = norm(await page.locator('main').innerText());
    expect(main.length, route).toBeGreaterThan(0);
    for (const p of pages) {
      await expect(page.locator(`main a[href="${p.path}"]`), `${route} links to ${p.path}`).toHaveCount(0);
      expect(main.includes(p.title), `${route} shows ${p.title}`).toBe(false);
    }
  }
}

test.describe('with JavaScript', () => {
  test('the masthead lists every page; a click opens it in the app, without comments', async ({ page }) => {
    const { pages } = pagesIndex();
    await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expect(nav(page).locator('a')).toHaveText(pages.map((p) => p.title));
    await expect(nav(page)).toHaveAttribute('aria-label', 'Blog pages');
    await page.evaluate(() => ((window as any).__same = true));
    const target = pages[pages.length - 1];
    await nav(page).locator(`a[href="${target.path}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${target.path}$`));
    await expect(page.locator('main h1.post-title')).toHaveText(target.title);
    await expect(page).toHaveTitle(new RegExp(`^${target.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
    await expect(nav(page).locator(`a[href="${target.path}"]`)).toHaveAttribute('aria-current', 'page');
    // Client-side: the same document, no reload.
    expect(await page.evaluate(() => (window as any).__same)).toBe(true);
    // A page is not a dated post: no date, byline, labels, neighbours, share links or comments.
    for (const absent of ['.post-date', '.byline', '.post-labels', '.post-nav', '.share', '#comments']) {
      await expect(page.locator(`main ${absent}`), absent).toHaveCount(0);
    }
  });

  test('the pages links are labelled in Spanish when the reader reads in Spanish', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await page.locator('header .lang-switch').click();
    await expect(nav(page)).toHaveAttribute('aria-label', 'Páginas del blog');
    await expect(nav(page).locator('a')).toHaveText(pagesIndex().pages.map((p) => p.title));
  });

  test('pages are in no list', async ({ page }) => {
    await absentFromLists(page, '');
    // Nor in the home list's documents: what the app would show on later pages too.
    const paths = new Set(pagesIndex().pages.map((p) => p.path));
    expect(homePage(1).items.filter((i) => paths.has(i._frontera!.path))).toEqual([]);
  });

  test('on a phone the pages links wrap inside the masthead', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/');
    const box = await nav(page).boundingBox();
    expect(box).not.toBeNull();
    for (const a of await nav(page).locator('a').all()) {
      const b = (await a.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(375);
      expect(b.height).toBeGreaterThanOrEqual(24);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every page is reachable from the masthead of the static home page', async ({ page }) => {
    for (const p of pagesIndex().pages) {
      await page.goto(staticOrigin + '/');
      await nav(page).locator(`a[href="${p.path}"]`).click();
      await expect(page).toHaveURL(staticOrigin + p.path);
      await expect(page.locator('main h1.post-title')).toHaveText(p.title);
      await expect(page.locator('main .prose')).not.toBeEmpty();
      await expect(page.locator('#comments')).toHaveCount(0);
    }
  });

  test('pages are in no static list', async ({ page }) => {
    await absentFromLists(page, staticOrigin);
  });
});
