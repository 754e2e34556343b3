// Issue 14, comments: an answer of the real Isso (started by playwright.config.ts, which seeds the
// sample thread), made odd on its way to the app, is shown as far as it can be. The feed side of
// the same rule is in the malformed corpus (tests/fixtures/malformed, entries 13-16, 39-41,
// 56-57, 66-67, 69), run by malformed.spec.ts.
import { commentSection, expect, test, waitForPost } from './helpers';

const ISSO = `http://127.0.0.1:${process.env.FRONTERA_E2E_ISSO_PORT || 4179}`;
const SAMPLE = '/2026/11/ocaso-wells-elects-mayor';

// The test Isso is on another origin than the shipped policy's connect-src names (as in
// comments.spec.ts).
test.use({ bypassCSP: true });

interface Comment {
  text: string;
  author: unknown;
  likes: unknown;
  created: unknown;
  replies: unknown[];
}

test('a lone surrogate, a reply that is not one and wrong types: the rest of the thread shows', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = { ...(await response.json()), comments: { server: `${ISSO}/`, policy_url: null } };
    await route.fulfill({ response, json });
  });
  let changed = 0;
  await page.route(
    (url) => url.origin === ISSO && url.pathname === '/' && url.searchParams.has('uri'),
    async (route) => {
      const response = await route.fetch();
      const thread = (await response.json()) as { replies: (Comment | null)[] };
      const [first, second] = thread.replies as Comment[];
      // A comment cut in the middle of an emoji: JSON.stringify writes the lone surrogate as the
      // escape \ud83d, which serde_json alone refuses.
      first.text = first.text.replace(/<\/p>\s*$/, ' \ud83d</p>');
      first.replies[0] = 'not a reply';
      Object.assign(second, { author: 42, likes: 'many', created: 'yesterday' });
      thread.replies[2] = null;
      changed++;
      await route.fulfill({ response, body: JSON.stringify(thread) });
    },
  );
  await page.goto(SAMPLE);
  await waitForPost(page);
  const section = await commentSection(page);
  await expect(section.locator('.comments-count')).toHaveText('6 comments');
  const numbers = () => section.locator('article.comment').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
  // 1.1 and 3 are left out; the others keep the numbers of their places in Isso's list.
  await expect.poll(numbers).toEqual(['1', '1.2', '2', '4']);
  expect(changed).toBeGreaterThan(0);
  const first = section.locator('article.comment[data-number="1"] .comment-text');
  await expect(first).toContainText('\ufffd');
  await expect(section.locator('article.comment[data-number="2"] .comment-author')).toHaveText('42');
  await expect(section.locator('section.error-view')).toHaveCount(0);
});
