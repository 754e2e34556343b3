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

test('after a link followed with the keyboard, the focus is where the new page begins', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  const items = homePage(1).items;
  await page.locator('main article.post h3.post-title a').nth(1).focus();
  await page.keyboard.press('Enter');
  await waitForPost(page);
  const heading = page.locator('main h1.post-title');
  await expect(heading).toHaveText(items[1].title!);
  // On the new page's heading (a screen reader reads it), not left on the page or the old link.
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  // The next Tab goes on inside the article, not from the sidebar.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);

  // "← Newer post" at the foot of a post: the next post's heading, not its own "← Newer post".
  const newer = page.locator('main nav.post-nav a[rel="prev"]');
  await newer.focus();
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText(items[0].title!);
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
});

test('an address ending in index.html keeps its page', async ({ page }) => {
  const post = homePage(1).items[2];
  for (const [at, heading, title] of [
    ['/index.html', 'main h3.post-title', homePage(1).items[0].title!],
    [`${post._frontera!.path}/index.html`, 'main h1.post-title', post.title!],
  ] as const) {
    await page.goto(at);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    // The address loses its `index.html` (the route table knows the folder) and the page stays.
    await expect(page).toHaveURL(new RegExp(`${at.replace('index.html', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await expect(page.locator(heading).first()).toHaveText(title);
    await expect(page.locator('main [data-error="not-found"]')).toHaveCount(0);
  }
});
