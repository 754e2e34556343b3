// Injection corpus (issue 4, suite 1), the comment fields: every payload of
// tests/e2e/corpus/xss-payloads.ts in the comment text, author and website as a compromised Isso
// would send them, in the reader's own comments kept in localStorage, and in Isso's Markdown
// preview. How payloads are placed and detected: injection.spec.ts and corpus/detector.ts.
import { xssPayloads } from './corpus/xss-payloads';
import { chunkHtml, fill, N } from './corpus/documents';
import { audit, expectAppIntact, expectClean, expectNothingGotThrough, provoke, SANITISED } from './corpus/detector';
import { commentSection, expect, test } from './helpers';
import { POST_PATH, harmlessPost, comment, REPLIES, thread, arm, visit } from './corpus/pages';

// The suite proves the sanitiser alone. A Content-Security-Policy is being added separately
// (tests/e2e/csp.spec.ts); it would block inline handlers and javascript: URLs by itself and so
// mask a sanitiser failure here.
test.use({ bypassCSP: true });

// ── the tests ────────────────────────────────────────────────────────────────────────────────

test('comments from a compromised Isso: every payload in the comment text', async ({ page }) => {
  test.setTimeout(60_000); // a page of every payload, on a shared 2-core machine
  // The post itself is harmless: only the comments carry payloads.
  const arena = await arm(page, { data: { [`posts${POST_PATH}.json`]: harmlessPost() }, thread: thread({ text: 'comment_text' }) });
  await visit(page, arena, POST_PATH);
  const section = await commentSection(page);
  await expect(section.locator('.comment-list > li > article.comment')).toHaveCount(N);
  await expect(section.locator('article.comment .comment-text')).toHaveCount(N + REPLIES);
  await expect(section.locator('textarea#comment-text')).toBeVisible();
  await provoke(page);
  await expectNothingGotThrough(page, arena, 'comment text');
  await expectAppIntact(page);
});

test('comments from a compromised Isso: every payload in the author and the website', async ({ page }) => {
  test.setTimeout(60_000); // a page of every payload, on a shared 2-core machine
  const arena = await arm(page, {
    data: { [`posts${POST_PATH}.json`]: harmlessPost() },
    thread: thread({ author: 'comment_author', website: 'comment_website' }),
  });
  await visit(page, arena, POST_PATH);
  const section = await commentSection(page);
  await expect(section.locator('article.comment .comment-author')).toHaveCount(N + REPLIES);
  const i = xssPayloads.findIndex((p) => p.name === 'script-plain');
  await expect(section.locator(`#comment-${i + 1} .comment-author`)).toHaveText(fill(xssPayloads[i], i, 'comment_author'));
  await provoke(page);
  await expectNothingGotThrough(page, arena, 'comment author and website');
  await expectAppIntact(page);
});

test("comments: the reader's own stored comments carry every payload", async ({ page }) => {
  // Isso's answer to a new comment is kept in localStorage and shown from there until Isso lists
  // it; a compromised server controls what is kept.
  test.setTimeout(60_000); // every payload as a pending comment, half with edit controls
  const own = xssPayloads.map((p, i) => ({
    comment: comment(50_000 + i, null, {
      mode: 2,
      text: fill(p, i, 'own_comment_text'),
      author: fill(p, i, 'own_comment_author'),
      website: fill(p, i, 'own_comment_website'),
    }),
    saved_at: 0,
    editable_until: null as number | null,
  }));
  const arena = await arm(page, { data: { [`posts${POST_PATH}.json`]: harmlessPost() } });
  await page.addInitScript(
    ([key, own]) => {
      if (window !== window.top) return;
      const now = Date.now() / 1000;
      const list = (own as any[]).map((o, i) => ({ ...o, saved_at: now, editable_until: i % 2 ? now + 900 : null }));
      localStorage.setItem(key as string, JSON.stringify(list));
    },
    [`frontera.comments.own:${POST_PATH}`, own] as const,
  );
  await visit(page, arena, POST_PATH);
  const section = await commentSection(page);
  await expect(section.locator('article.comment.pending')).toHaveCount(N);
  await expect(section.locator('article.comment.pending .comment-edit')).toHaveCount(Math.floor(N / 2));
  await provoke(page);
  await expectNothingGotThrough(page, arena, 'own comments');
  await expectAppIntact(page);
});

test("comments: Isso's Markdown preview, in chunks, carries every payload", async ({ page }) => {
  // The preview is Isso's HTML: asked for again and again with new text, a chunk of the corpus
  // each time (then, alone, each payload whose sync paragraph did not come out of its chunk).
  // About 25 round trips: allow for a loaded CI machine.
  test.setTimeout(90_000);
  const CHUNK = 12;
  const arena = await arm(page, {
    data: { [`posts${POST_PATH}.json`]: harmlessPost() },
    preview: (text) => {
      const [, kind, n] = /(chunk|solo) (\d+)/.exec(text) ?? ['', 'solo', '0'];
      const from = Number(n);
      const indices = kind === 'solo' ? [from] : xssPayloads.slice(from, from + CHUNK).map((_, k) => from + k);
      return chunkHtml('comment_preview', indices);
    },
  });
  await visit(page, arena, POST_PATH);
  const section = await commentSection(page);
  await expect(section.locator('.comments-count')).toBeVisible();
  const sync = section.locator('.comment-preview p[title^="sync-"]');
  const preview = async (request: string, first: number) => {
    await section.locator('textarea#comment-text').fill(`Preview ${request}, please.`);
    await section.getByRole('button', { name: 'Preview' }).click();
    await expect(sync.first()).toHaveAttribute('title', `sync-${first}`);
    await page.evaluate((s) => (window as any).__fronteraPoke(s), SANITISED);
    expectClean(await audit(page, '.comment-preview'), `preview of ${request}`);
    return (await sync.evaluateAll((ps) => ps.map((p) => p.getAttribute('title')!))).map((t) => Number(t.slice(5)));
  };
  const parsed = new Set<number>();
  for (let from = 0; from < N; from += CHUNK) (await preview(`chunk ${from}`, from)).forEach((i) => parsed.add(i));
  const alone = xssPayloads.map((_, i) => i).filter((i) => !parsed.has(i));
  for (const i of alone) {
    expect(await preview(`solo ${i}`, i), `payload ${i} parsed on its own`).toContain(i);
  }
  await provoke(page);
  await expectNothingGotThrough(page, arena, 'preview');
  await expectAppIntact(page);
});
