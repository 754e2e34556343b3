// Issue 16: every reply is reachable. One thread in the real Isso (started by playwright.config.ts)
// holds top-level comments with 5, 6, 8, 10, 11, 17 and 28 replies; under each sort every reply
// is shown, in creation order, numbered t.1 … t.n, and each "Show more replies (k)" adds exactly
// k. A second thread checks "Load more comments (k)" the same way. Seeded once for the file.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { commentSection, expect, homePage, repoRoot, test, waitForPost } from './helpers';

const ISSO = `http://127.0.0.1:${process.env.FRONTERA_E2E_ISSO_PORT || 4179}`;
const ISSO_DATA = process.env.FRONTERA_E2E_ISSO_DATA || path.join(os.tmpdir(), 'frontera-e2e-isso');

test.use({ bypassCSP: true }); // the test Isso is on another origin (see comments.spec.ts)
// Seeded once: the tests run one after the other in one worker.
test.describe.configure({ mode: 'serial' });

/** Threads of their own: no other spec comments on these posts. */
const repliesUri = () => homePage(6).items[4]._frontera!.path;
const pagesUri = () => homePage(6).items[5]._frontera!.path;
const REPLIES = [5, 6, 8, 10, 11, 17, 28];
const TOP_LEVEL = 23;

let address = 0;
/** Posts a comment as its own reader: its own client address (Isso keys its guard on the /24). */
async function post(uri: string, body: Record<string, unknown>): Promise<number> {
  address++;
  const res = await fetch(`${ISSO}/new?uri=${encodeURIComponent(uri)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Forwarded-For': `10.${150 + (process.pid % 50)}.${address}.1`,
    },
    body: JSON.stringify({ title: 'Replies thread', ...body }),
  });
  expect(res.status).toBe(202);
  return (await res.json()).id;
}

/** A vote from another address (Isso counts one per address, never the author's). */
async function like(id: number, voter: number) {
  const res = await fetch(`${ISSO}/id/${id}/like`, { method: 'POST', headers: { 'X-Forwarded-For': `10.99.${voter}.1` } });
  expect(res.status).toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const ids: number[] = [];
  // Created one after the other, so numbered 1, 2, … by creation.
  const tops: number[] = [];
  for (const [t, n] of REPLIES.entries()) tops.push(await post(repliesUri(), { text: `Thread ${t + 1}, with ${n} replies.` }));
  ids.push(...tops);
  // Each thread's replies one after the other (their order is their creation order).
  const replies = await Promise.all(
    REPLIES.map(async (n, t) => {
      const mine: number[] = [];
      for (let k = 1; k <= n; k++) mine.push(await post(repliesUri(), { text: `Reply ${k} to thread ${t + 1}.`, parent: tops[t] }));
      return mine;
    }),
  );
  ids.push(...replies.flat());
  for (let i = 1; i <= TOP_LEVEL; i++) ids.push(await post(pagesUri(), { text: `Top-level comment ${i}.` }));
  execFileSync(path.join(repoRoot, 'scripts/isso'), ['approve', '--data', ISSO_DATA, ...ids.map(String)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // "Top": thread 3 first (two votes), then thread 6 (one). A vote on a reply does not move it:
  // replies stay oldest first under every sort.
  await like(tops[2], 1);
  await like(tops[2], 2);
  await like(tops[5], 1);
  await like(replies[5][8], 1);
});

async function open(page: Page, uri: string) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), comments: { server: `${ISSO}/` } } });
  });
  await page.goto(uri);
  await waitForPost(page);
  return commentSection(page);
}

for (const [sort, first] of [
  ['oldest', ['1', '2']],
  ['newest', ['7', '6']],
  ['top', ['3', '6']],
] as const) {
  test(`under "${sort}", every reply is reachable, in order and numbered`, async ({ page }) => {
    const section = await open(page, `${repliesUri()}?sort=${sort}`);
    const total = REPLIES.length + REPLIES.reduce((a, b) => a + b, 0);
    await expect(section.locator('.comments-count')).toHaveText(`${total} comments`);
    const tops = section.locator('.comment-list > li > article.comment');
    await expect(tops).toHaveCount(REPLIES.length);
    expect((await tops.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')))).slice(0, 2)).toEqual(first);
    await expect(section.locator('button.load-more')).toHaveCount(0);

    for (const [i, n] of REPLIES.entries()) {
      const t = i + 1;
      const thread = section.locator('.comment-list > li').filter({ has: page.locator(`article.comment[data-number="${t}"]`) });
      const replies = thread.locator('.comment-replies article.comment');
      await expect(replies).toHaveCount(Math.min(n, 5));
      let shown = Math.min(n, 5);
      const more = thread.locator('.replies-more button');
      const before = shown;
      while (shown < n) {
        const adds = Math.min(20, n - shown);
        await expect(more).toHaveText(`Show more replies (${adds})`);
        await more.click();
        shown += adds;
        await expect(replies).toHaveCount(shown);
      }
      await expect(more).toHaveCount(0);
      // The last press took the button away: the focus is on the first reply it brought.
      if (n > before) await expect.poll(() => focusedComment(page)).toBe(`${t}.${n - ((n - before) % 20 || 20) + 1}`);
      await expect(replies.locator('.comment-text')).toHaveText(Array.from({ length: n }, (_, k) => `Reply ${k + 1} to thread ${t}.`));
      const numbers = await replies.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
      expect(numbers).toEqual(Array.from({ length: n }, (_, k) => `${t}.${k + 1}`));
    }
  });
}

test('"Load more comments (k)" adds k top-level comments, and goes when none are left', async ({ page }) => {
  const section = await open(page, pagesUri());
  const tops = section.locator('.comment-list > li > article.comment');
  await expect(tops).toHaveCount(20);
  const more = section.locator('button.load-more');
  await expect(more).toHaveText(`Load more comments (${TOP_LEVEL - 20})`);
  await more.click();
  await expect(tops).toHaveCount(TOP_LEVEL);
  await expect(more).toHaveCount(0);
  const numbers = await tops.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-number'))));
  expect(numbers).toEqual(Array.from({ length: TOP_LEVEL }, (_, i) => i + 1));
  // The button went with the last page, and the focus did not fall to the page: it is on the
  // first comment that page brought, where a keyboard reader goes on.
  await expect.poll(() => focusedComment(page)).toBe('21');
});

/** The number of the comment that holds the focus, if any. */
const focusedComment = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('article.comment')?.getAttribute('data-number') ?? null);

/**
 * Scrolls straight to `button` (as a fast reader, or Playwright, does), presses it, lets the
 * browser render two frames, and releases it where it was pressed. The browser clicks only if the
 * button is still under the pointer: a thread that moves after a scroll (comments laid out only
 * once they come near the screen) turned the press into a click on the list around it.
 */
async function pressAfterScroll(page: Page, button: Locator) {
  const before = await button.evaluate((b) => {
    b.scrollIntoView({ block: 'center' });
    const r = b.getBoundingClientRect();
    return { x: r.x, y: r.y };
  });
  await page.mouse.move(before.x + 8, before.y + 8);
  await page.mouse.down();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const after = await button.evaluate((b) => {
    const r = b.getBoundingClientRect();
    return { x: r.x, y: r.y };
  });
  await page.mouse.up();
  expect(after, 'the button moved between press and release').toEqual(before);
}

test('a button stays where it was pressed: the thread does not move after a scroll', async ({ page }) => {
  const section = await open(page, pagesUri());
  const tops = section.locator('.comment-list > li > article.comment');
  await expect(tops).toHaveCount(20);
  const more = section.locator('button.load-more');
  await expect(more).toHaveText(`Load more comments (${TOP_LEVEL - 20})`);
  await pressAfterScroll(page, more);
  await expect(tops).toHaveCount(TOP_LEVEL);

  // The last thread's replies, appended under the others, then its button below them.
  await page.goto(`${repliesUri()}?sort=oldest`);
  await waitForPost(page);
  const last = section.locator('.comment-list > li').filter({ has: page.locator(`article.comment[data-number="${REPLIES.length}"]`) });
  const replies = last.locator('.comment-replies article.comment');
  const showMore = last.locator('.replies-more button');
  await expect(showMore).toHaveText('Show more replies (20)');
  await pressAfterScroll(page, showMore);
  await expect(replies).toHaveCount(25);
  await expect(showMore).toHaveText('Show more replies (3)');
  await pressAfterScroll(page, showMore);
  await expect(replies).toHaveCount(28);
});
