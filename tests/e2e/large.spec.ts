// Large documents (issue 14, item 4): a plain JSON Feed can hold thousands of items in one
// document. The first screenful is built at once; the rest appears as the reader scrolls or
// presses "Show more posts" (model::batches: 20 first, then 40 at a time; lists of at most 50
// are shown whole, which covers every page the content compiler writes).
import type { Page } from '@playwright/test';
import { expect, test } from './helpers';

const FIRST = 20;
const STEP = 40;
const PER_DAY = 3;

/** A plain JSON Feed of `n` items, newest first, three a day, titled "Item 0001"…. */
function feedOf(n: number) {
  const start = Date.UTC(2026, 10, 30, 12);
  const items = Array.from({ length: n }, (_, i) => {
    const day = Math.floor(i / PER_DAY);
    const when = new Date(start - day * 86_400_000 - (i % PER_DAY) * 3_600_000);
    return {
      id: `item-${i + 1}`,
      url: `https://example.test/items/${i + 1}`,
      title: `Item ${String(i + 1).padStart(4, '0')}`,
      content_html: `<p>Body of item ${i + 1}.</p>`,
      date_published: when.toISOString().replace('.000Z', 'Z'),
    };
  });
  return { version: 'https://jsonfeed.org/version/1.1', title: 'Large', items };
}

/** Serves a feed of `n` items as the site's only feed, in place of the built config. */
async function serveLarge(page: Page, n: number) {
  const body = JSON.stringify(feedOf(n));
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { title: 'Large', feed_url: '/__large/feed.json', default_language: 'en' } }),
  );
  await page.route('**/__large/feed.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/feed+json', body }),
  );
}

const titles = (page: Page) => page.locator('main article.post h3.post-title');
const more = (page: Page) => page.locator('main .list-more button');
/** Presses "Show more posts" without scrolling to it (a scroll would also reveal a batch). */
const press = (page: Page) => more(page).evaluate((b) => (b as HTMLButtonElement).click());

/** Waits until the app shows the served feed (the prerendered page holds our own posts). */
async function shown(page: Page) {
  await expect(page.locator('header.masthead a.site-title')).toHaveText('Large');
  await expect(titles(page).first()).toHaveText('Item 0001');
}

test.describe('a feed of 1,000 items', () => {
  test('shows the first 20, then 40 per press, each item once, in order, under one header a day', async ({ page }) => {
    await serveLarge(page, 1000);
    await page.goto('/');
    await shown(page);
    await expect(titles(page)).toHaveCount(FIRST);
    await expect(more(page)).toHaveText(`Show more posts (${STEP})`);

    await press(page);
    await expect(titles(page)).toHaveCount(FIRST + STEP);
    await expect(more(page)).toHaveText(`Show more posts (${STEP})`);

    // Scrolling to the end reveals the next batch for the reader, until none is left.
    let count = FIRST + STEP;
    while (count < 1000) {
      await page.locator('main .list-more').scrollIntoViewIfNeeded();
      const next = Math.min(count + STEP, 1000);
      await expect(titles(page)).toHaveCount(next);
      count = next;
    }
    await expect(page.locator('main .list-more')).toBeHidden();

    const all = await titles(page).allInnerTexts();
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => `Item ${String(i + 1).padStart(4, '0')}`));
    // One header per day, even where a day runs on from one batch into the next (20 and 60 are
    // not multiples of three).
    const days = await page.locator('main h2.date-header time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    expect(days.length).toBe(Math.ceil(1000 / PER_DAY));
    expect(new Set(days).size).toBe(days.length);
    await expect(page.locator('section.error-view')).toHaveCount(0);
  });
});

for (const [n, first, button] of [
  [20, 20, null],
  [50, 50, null],
  [51, FIRST, 31],
] as const) {
  test(`a feed of ${n} items shows ${first} at first${button ? `, and "Show more posts (${button})"` : ', with no "Show more"'}`, async ({ page }) => {
    await serveLarge(page, n);
    await page.goto('/');
    await shown(page);
    await expect(titles(page)).toHaveCount(first);
    if (button === null) {
      await expect(page.locator('main .list-more')).toHaveCount(0);
    } else {
      await expect(more(page)).toHaveText(`Show more posts (${button})`);
      await press(page);
      await expect(titles(page)).toHaveCount(n);
      await expect(page.locator('main .list-more')).toBeHidden();
    }
  });
}
