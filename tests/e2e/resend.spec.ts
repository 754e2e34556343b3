// Issue 14, item 7: a comment whose POST ends without an answer (the connection dropped after Isso
// stored it) is not posted twice when the reader presses "Post comment" again: the app first
// looks for it in the thread (model::resend). Against a real Isso; the answer is cut by a route
// that lets the request through to Isso and then drops the connection, so nothing here waits on
// a clock.
import type { Page, Route } from '@playwright/test';
import { commentSection, expect, homePage, waitForPost } from './helpers';
import { issoCli, test } from './isso';

test.use({ bypassCSP: true }); // the test Isso is on an origin the shipped connect-src does not name

// Every request here comes from 127.0.0.1: Isso's per-address limits are not what is tested.
const GUARDS_OFF = { ISSO_RATELIMIT: '1000', ISSO_DIRECT_REPLY: '1000', ISSO_REPLY_TO_SELF: 'true' };

/** Points the app at `isso` and opens the post `uri`; returns its comment section. */
async function openPost(page: Page, uri: string, isso: string) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = { ...(await response.json()), comments: { server: `${isso}/` } };
    await route.fulfill({ response, json });
  });
  await page.goto(uri);
  await waitForPost(page);
  const section = await commentSection(page);
  await expect(section.locator('.comments-count')).toBeVisible();
  return section;
}

/** Every comment Isso publishes in thread `uri`, with replies, as typed. */
async function stored(isso: string, uri: string): Promise<string[]> {
  const res = await fetch(`${isso}/?uri=${encodeURIComponent(uri)}&plain=1`);
  if (res.status === 404) return [];
  const page = (await res.json()) as { replies: { text: string; replies: { text: string }[] }[] };
  return page.replies.flatMap((c) => [c.text, ...c.replies.map((r) => r.text)]);
}

/** Lets the first `POST /new` reach Isso, then drops its answer; counts the POSTs after it. */
async function dropFirstAnswer(page: Page, isso: string) {
  const posts = { first: false, later: 0 };
  await page.route(`${isso}/new**`, async (route: Route) => {
    if (posts.first) {
      posts.later++;
      return route.fallback();
    }
    posts.first = true;
    await route.fetch(); // Isso stores the comment...
    await route.abort('connectionreset'); // ...and the reader never hears back.
  });
  return posts;
}

test('published at once: the retry finds the comment instead of posting it again', async ({ page, ownIsso }) => {
  const isso = await ownIsso({ ...GUARDS_OFF, ISSO_MODERATION: 'false' });
  const uri = homePage(6).items[2]._frontera!.path;
  const section = await openPost(page, uri, isso.url);
  const posts = await dropFirstAnswer(page, isso.url);
  const text = 'The bridge reopened at six; the line was short.';
  await section.locator('#comment-text').fill(text);
  const submit = section.locator('.comment-form-top button[type=submit]');
  await submit.click();
  await expect(section.locator('.comment-form-status.error')).toHaveAttribute('data-error', 'network');
  await expect(section.locator('#comment-text')).toHaveValue(text);
  expect(await stored(isso.url, uri)).toEqual([text]);

  await submit.click();
  await expect(section.locator('.comment-form-status[data-status="published"]')).toBeVisible();
  await expect(section.locator('article.comment[data-number="1"] .comment-text')).toHaveText(text);
  await expect(section.locator('#comment-text')).toHaveValue('');
  expect(posts.later).toBe(0);
  expect(await stored(isso.url, uri)).toEqual([text]);
});

test('a reply: the retry finds it among the replies; other text is sent as usual', async ({ page, ownIsso }) => {
  const isso = await ownIsso({ ...GUARDS_OFF, ISSO_MODERATION: 'false' });
  const uri = homePage(6).items[3]._frontera!.path;
  const first = 'Is the night market open this week?';
  const res = await fetch(`${isso.url}/new?uri=${encodeURIComponent(uri)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.77.0.1' },
    body: JSON.stringify({ title: 'E2E thread', text: first, author: 'Rosa' }),
  });
  expect(res.status).toBe(201);
  const section = await openPost(page, uri, isso.url);
  const posts = await dropFirstAnswer(page, isso.url);
  await section.locator('article.comment[data-number="1"]').getByRole('button', { name: 'Reply' }).click();
  const form = section.locator('.comment-reply-form');
  const reply = 'Yes, from Thursday, says the vendors’ union.';
  await form.locator('textarea').fill(reply);
  await form.getByRole('button', { name: 'Post reply' }).click();
  await expect(form.locator('.comment-form-status.error')).toHaveAttribute('data-error', 'network');
  await form.getByRole('button', { name: 'Post reply' }).click();
  await expect(section.locator('article.comment[data-number="1.1"] .comment-text')).toHaveText(reply);
  expect(posts.later).toBe(0);
  expect(await stored(isso.url, uri)).toEqual([first, reply]);

  // A new comment with other text goes out as usual.
  const other = 'Thanks, see you there.';
  await section.locator('.comment-form-top textarea').fill(other);
  await section.locator('.comment-form-top button[type=submit]').click();
  await expect(section.locator('article.comment[data-number="2"] .comment-text')).toHaveText(other);
  expect(posts.later).toBe(1);
});

test('held for moderation and approved meanwhile: the retry finds it', async ({ page, ownIsso }) => {
  const isso = await ownIsso({ ...GUARDS_OFF, ISSO_MODERATION: 'true' });
  const uri = homePage(6).items[2]._frontera!.path;
  const section = await openPost(page, uri, isso.url);
  const posts = await dropFirstAnswer(page, isso.url);
  const text = 'Water is back on in the colonia since noon.';
  await section.locator('#comment-text').fill(text);
  const submit = section.locator('.comment-form-top button[type=submit]');
  await submit.click();
  await expect(section.locator('.comment-form-status.error')).toHaveAttribute('data-error', 'network');
  const pending = issoCli('pending', '--data', isso.data).trim().split('\n').map((l) => JSON.parse(l).id as number);
  expect(pending).toHaveLength(1);
  issoCli('approve', '--data', isso.data, String(pending[0]));
  await submit.click();
  await expect(section.locator('article.comment[data-number="1"] .comment-text')).toHaveText(text);
  expect(posts.later).toBe(0);
  expect(await stored(isso.url, uri)).toEqual([text]);
});
