// The reader's place (src/platform/place.rs): back to a list lands where the reader left it, and
// a link to a part of a post (`#comments`) opens the post there, although each route draws its
// data after the address has changed. On a phone, where lists are longest.
import { expect, homePage, test, waitForList, waitForPost } from './helpers';

test.use({ viewport: { width: 375, height: 812 } });

const scrollY = (page: import('@playwright/test').Page) => page.evaluate(() => Math.round(window.scrollY));

test('back from a post returns to the place on the list the reader left', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  const items = homePage(1).items;
  const link = page.locator('main article.post h3.post-title a').nth(4);
  await expect(link).toHaveText(items[4].title!);
  await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  const left = await scrollY(page);
  expect(left).toBeGreaterThan(1000);
  await link.click();
  await waitForPost(page);
  await expect(page.locator('main h1.post-title')).toHaveText(items[4].title!);
  // A new page opens at its top.
  await expect.poll(() => scrollY(page)).toBe(0);
  await page.goBack();
  await waitForList(page);
  await expect.poll(() => scrollY(page)).toBe(left);
  await expect(link).toBeInViewport();
  // And forward again: the post, at its top (where it was left).
  await page.goForward();
  await waitForPost(page);
  await expect.poll(() => scrollY(page)).toBe(0);
});

test('a link to a post\'s comments opens the post at its comment section', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  const post = homePage(1).items[0];
  // A link inside the app, as the lists' comment counts are: the router takes it.
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'comments';
    document.querySelector('main')!.prepend(a);
    a.click();
  }, `${post._frontera!.path}#comments`);
  await waitForPost(page);
  await expect(page.locator('main h1.post-title')).toHaveText(post.title!);
  const section = page.locator('section#comments');
  // Far below the top on a phone: only scrolling there brings it into view.
  expect(await section.evaluate((s) => s.getBoundingClientRect().top + window.scrollY)).toBeGreaterThan(1200);
  await expect(section).toBeInViewport();
  expect(await scrollY(page)).toBeGreaterThan(1000);
});
