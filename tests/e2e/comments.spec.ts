// The comment section against a real Isso 0.14 (started by playwright.config.ts, moderation on,
// fresh database). The app reaches it cross-origin: each test rewrites config.json so that
// `comments.server` is the test Isso. Every test uses its own post, so its own thread. What goes
// wrong on the way (a server down, refusals, limits) is comment-faults.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { commentSection, expect, homePage, re, waitForPost } from './helpers';
import { APP_ORIGIN, issoCli as isso, test } from './isso';
import { ISSO, ISSO_DATA, approveThread, byNumber, openPost, postAsOther, postPath, sendComment, useTestIsso } from './threads';

// These tests point the app at the test Isso on another origin, which the shipped policy's
// connect-src does not name (it names the production comment server): csp.spec.ts runs a comment
// journey under the real policy through the same-origin /comments/ path instead.
test.use({ bypassCSP: true });

test('anonymous comment: pending (also after reload), approved, then published and numbered', async ({ page }) => {
  const uri = postPath(4, 0);
  const section = await openPost(page, uri);
  await expect(section.locator('.comments-count')).toHaveText('0 comments');
  await expect(section.locator('.moderation-notice')).toContainText('Comments are moderated.');
  await expect(section.locator('.moderation-notice a')).toHaveAttribute('href', '/2024/03/how-we-report-safely');

  const text = 'First! The express lane saved me forty minutes this morning.';
  await section.locator('#comment-text').fill('First! The express lane saved me *forty minutes* this morning.');
  // Isso renders the Markdown preview; it goes away when the text changes.
  await section.getByRole('button', { name: 'Preview' }).click();
  await expect(section.locator('.comment-preview em')).toHaveText('forty minutes');
  await section.locator('#comment-text').press('End');
  await section.locator('#comment-text').press('Space');
  await expect(section.locator('.comment-preview')).toHaveCount(0);
  await section.locator('#comment-text').press('Backspace');
  await sendComment(page, section);
  await expect(section.locator('.comment-form-status[data-status="pending"]')).toBeVisible();
  const pending = section.locator('article.comment.pending');
  await expect(pending).toHaveCount(1);
  await expect(pending.locator('.comment-pending')).toHaveText('Awaiting moderation');
  await expect(pending.locator('.comment-author')).toHaveText('Anonymous');
  await expect(pending.locator('.comment-text')).toHaveText(text);
  await expect(section.locator('#comment-text')).toHaveValue('');

  await page.reload();
  await waitForPost(page);
  await expect(section.locator('article.comment.pending')).toHaveCount(1);
  await expect(section.locator('#comment-text')).toHaveValue('');
  await expect(section.locator('.comments-count')).toHaveText('0 comments');

  expect(approveThread(uri)).toBe(1);
  await page.reload();
  await waitForPost(page);
  await expect(byNumber(section, '1').locator('.comment-text')).toHaveText(text);
  await expect(section.locator('article.comment.pending')).toHaveCount(0);
  await expect(section.locator('.comments-count')).toHaveText('1 comment');
  // Published, and still the reader's to edit inside Isso's window.
  await expect(byNumber(section, '1').getByRole('button', { name: 'Edit' })).toBeVisible();
});

test('a reply is numbered 1.1 under its comment', async ({ page }) => {
  const uri = postPath(4, 1);
  await postAsOther(uri, { text: 'Who is headlining on Saturday?', author: 'Rosa' });
  await postAsOther(uri, { text: 'The lineup looks thin this year.' });
  approveThread(uri);
  const section = await openPost(page, uri);
  await expect(byNumber(section, '1').locator('.comment-author')).toHaveText('Rosa');
  await expect(byNumber(section, '2').locator('.comment-author')).toHaveText('Anonymous');

  await byNumber(section, '1').getByRole('button', { name: 'Reply' }).click();
  const form = section.locator('.comment-reply-form form');
  await expect(form).toBeVisible();
  await form.locator('textarea').fill('Los Cardenales del Norte, according to the poster.');
  await form.getByLabel(/^Name/).fill('Beto');
  await sendComment(page, form, 202, 'Post reply');
  await expect(form.locator('[data-status="pending"]')).toBeVisible();
  const parentThread = section.locator('.comment-list > li').first();
  await expect(parentThread.locator('.comment-replies article.comment.pending .comment-author')).toHaveText('Beto');

  approveThread(uri);
  await page.reload();
  await waitForPost(page);
  await expect(byNumber(section, '1.1').locator('.comment-author')).toHaveText('Beto');
  await expect(section.locator('.comments-count')).toHaveText('3 comments');

  // Numbers follow creation order whatever the sort.
  await section.locator('.comments-sort a[data-sort="newest"]').click();
  await expect(page).toHaveURL(/\?sort=newest$/);
  await expect(section.locator('.comment-list > li > article.comment').first()).toHaveAttribute('data-number', '2');
  await expect(byNumber(section, '1.1')).toBeVisible();
});

test('hostile text, author and website stay inert', async ({ page }) => {
  const uri = postPath(4, 4);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    return d.dismiss();
  });
  await postAsOther(uri, {
    text: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> [click](javascript:window.__pwned=1) <a href="javascript:alert(1)">a</a>',
    author: '<img src=x onerror="window.__pwned=1">Eve',
    website: 'https://example.org/?q="><script>window.__pwned=1</script>',
  });
  approveThread(uri);
  const section = await openPost(page, uri);
  const c = byNumber(section, '1');
  await expect(c).toBeVisible();
  await expect(c.locator('.comment-author')).toHaveText('<img src=x onerror="window.__pwned=1">Eve');
  await expect(c.locator('.comment-author')).toHaveAttribute('href', /^https:\/\/example\.org\//);
  await expect(c.locator('script, img, [onerror]')).toHaveCount(0);
  await expect(section.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(c.locator('.comment-text')).toContainText('<script>');
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();

  // The form refuses a javascript: website through Isso, and nothing runs.
  await section.locator('#comment-text').fill('Trying a bad link.');
  await section.locator('#comment-website').fill('javascript:alert(1)');
  await section.getByRole('button', { name: 'Post comment' }).click();
  await expect(section.locator('.comment-form-status.error')).toHaveAttribute('data-error', 'bad-website');
  expect(dialogs).toBe(0);
});

test('a thread of 1,000 comments shows 20, then "Load more" adds 200 at a time, and keeps its numbers under every sort', async ({ page }) => {
  test.setTimeout(180_000);
  const uri = postPath(4, 5);
  // Seeded through Isso's API, 25 readers at a time, then approved through its activation endpoint.
  const total = 1000;
  for (let start = 1; start <= total; start += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, total - start + 1) }, (_, k) =>
        postAsOther(uri, { text: `Comment number ${start + k} in a long thread.` }),
      ),
    );
  }
  approveThread(uri);
  const limits: number[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${ISSO}/?`)) limits.push(Number(new URL(r.url()).searchParams.get('limit')));
  });
  const section = await openPost(page, uri);
  await expect(section.locator('.comments-count')).toHaveText('1,000 comments');
  const top = section.locator('.comment-list > li > article.comment');
  await expect(top).toHaveCount(20);
  await expect(top.last()).toHaveAttribute('data-number', '20');
  // The button says what a click adds: the next page, fetched ahead or not. A reader who asks
  // for more gets 200 at a time (built 50 a task), so the thread takes few requests.
  await expect(section.locator('button.load-more')).toHaveText('Load more comments (200)');
  await section.getByRole('button', { name: 'Load more comments' }).click();
  await expect(top).toHaveCount(220);
  await section.getByRole('button', { name: 'Load more comments' }).click();
  await expect(top).toHaveCount(420);
  const numbers = await top.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-number'))));
  expect(numbers).toEqual(Array.from({ length: 420 }, (_, i) => i + 1));
  // The first page, the two shown and the one fetched ahead of the next click.
  expect(limits).toEqual([20, 200, 200, 200]);

  // Newest first: the first is number 1,000, and the numbers do not move.
  await section.locator('.comments-sort a[data-sort="newest"]').click();
  await expect(top.first()).toHaveAttribute('data-number', '1000');
  // Sent 25 at a time, the last batch arrives in any order: the newest is one of them.
  await expect(top.first().locator('.comment-text')).toHaveText(/^Comment number (97[6-9]|9[89]\d|1000) in a long thread\.$/);
  await expect(top).toHaveCount(20);

  // Under "top" a page says nothing about creation order: a long thread's numbers come from one
  // list of all its top-level comments, so each comment keeps the number "oldest" gives it.
  const all = await (await fetch(`${ISSO}/?uri=${encodeURIComponent(uri)}&sort=oldest&nested_limit=0&plain=1`)).json();
  const rank = new Map<number, number>(all.replies.map((c: { id: number }, i: number) => [c.id, i + 1]));
  const [fifth, seventh] = [all.replies[499].id, all.replies[729].id];
  for (const [id, voter] of [[fifth, 1], [fifth, 2], [seventh, 3]]) {
    const res = await fetch(`${ISSO}/id/${id}/like`, { method: 'POST', headers: { 'X-Forwarded-For': `10.98.${voter}.1` } });
    expect(res.status).toBe(200);
  }
  limits.length = 0;
  await section.locator('.comments-sort a[data-sort="top"]').click();
  await expect(top.first()).toHaveAttribute('data-id', String(fifth));
  await expect(top.first()).toHaveAttribute('data-number', '500');
  await expect(top.nth(1)).toHaveAttribute('data-number', '730');
  await expect(top).toHaveCount(20);
  const shown = await top.evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-id')), e.getAttribute('data-number')]));
  expect(shown.map(([id, n]) => [id, n])).toEqual(shown.map(([id]) => [id, String(rank.get(id as number))]));
  // The first page and the list of ranks (no limit): two requests; and the next page, when the
  // button is within a screen of the viewport (a reader about to press it).
  expect(limits.filter((l) => l !== 200)).toEqual([20, 0]);
});

test('"Load more" fetches its page once the reader scrolls near it, so pressing it asks for nothing more', async ({ page }) => {
  const uri = postPath(6, 2);
  for (let start = 1; start <= 25; start += 5) {
    const text = (n: number) => `Early comment ${n}.\n\nA second paragraph, as readers write.\n\nAnd a third one.`;
    await Promise.all(Array.from({ length: 5 }, (_, k) => postAsOther(uri, { text: text(start + k) })));
  }
  approveThread(uri);
  // Every thread page asked for, by offset; the second page's answer is held until released.
  const offsets: number[] = [];
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(
    (url) => url.href.startsWith(`${ISSO}/?`),
    async (route) => {
      const offset = Number(new URL(route.request().url()).searchParams.get('offset'));
      offsets.push(offset);
      if (offset === 20) await held;
      await route.continue();
    },
  );
  const section = await openPost(page, uri);
  const top = section.locator('.comment-list > li > article.comment');
  await expect(top).toHaveCount(20);
  const more = section.locator('button.load-more');
  await expect(more).toHaveText('Load more comments (5)');
  // Twenty comments of three paragraphs below the section's heading: the button is more than a
  // screen below the viewport, out of the app's reach.
  expect(await more.evaluate((b) => b.getBoundingClientRect().top > 2.2 * innerHeight)).toBe(true);
  expect(offsets).toEqual([0]);
  await more.scrollIntoViewIfNeeded();
  await expect.poll(() => offsets).toEqual([0, 20]);
  // Asked for ahead of the reader, not shown, and not an error of theirs to see.
  await expect(more).toBeEnabled();
  await expect(top).toHaveCount(20);
  release();
  await more.click();
  await expect(top).toHaveCount(25);
  await expect(top.last()).toHaveAttribute('data-number', '25');
  await expect(more).toHaveCount(0);
  expect(offsets).toEqual([0, 20]);
});

test('an empty or too short comment is not sent: the form says why and keeps the focus in the text', async ({ page }) => {
  const uri = postPath(6, 3);
  const sent: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().startsWith(`${ISSO}/new`) && sent.push(r.url()));
  const section = await openPost(page, uri);
  const form = section.locator('form.comment-form').first();
  const text = form.locator('textarea[name="text"]');
  const error = form.locator('.comment-form-status.error[data-error="too-short"]');
  for (const typed of ['', '  a ']) {
    await text.fill(typed);
    await form.getByRole('button', { name: 'Post comment' }).click();
    await expect(error).toHaveText('The comment is too short: write at least 3 characters.');
    await expect(text).toBeFocused();
    await expect(text).toHaveAttribute('aria-invalid', 'true');
    await expect(text).toHaveAccessibleDescription(/^Markdown works: .+ The comment is too short: write at least 3 characters\.$/);
  }
  // Nothing was sent, so nothing is said about a draft kept on this device.
  await expect(error).not.toContainText('kept');
  await text.fill('Long enough now.');
  await expect(error).toHaveCount(0);
  await expect(text).not.toHaveAttribute('aria-invalid', 'true');
  await expect(text).toHaveAccessibleDescription(/^Markdown works: /);
  expect(sent).toEqual([]);
});

test('a comment published at once (201) appears in place with its number', async ({ page }) => {
  const uri = postPath(5, 3);
  await postAsOther(uri, { text: 'An earlier comment by someone else.' });
  approveThread(uri);
  const section = await openPost(page, uri);
  await expect(byNumber(section, '1')).toBeVisible();
  // This Isso moderates; imitate one that does not: let the comment through, publish it, and
  // answer 201 as Isso would with moderation off.
  await page.route(`${ISSO}/new**`, async (route) => {
    const response = await route.fetch();
    approveThread(uri);
    await route.fulfill({ response, status: 201 });
  });
  await section.locator('#comment-text').fill('Published straight away.');
  await section.getByRole('button', { name: 'Post comment' }).click();
  await expect(section.locator('.comment-form-status[data-status="published"]')).toBeVisible();
  await expect(byNumber(section, '2').locator('.comment-text')).toHaveText('Published straight away.');
  await expect(section.locator('article.comment.pending')).toHaveCount(0);
  await expect(section.locator('.comments-count')).toHaveText('2 comments');
});

test('the seeded sample thread renders numbered, with replies, likes and sorts', async ({ page }) => {
  // The test Isso is seeded once before it starts (playwright.config.ts: `run --seed`).
  const section = await openPost(page, '/2026/11/ocaso-wells-elects-mayor');
  await expect(section.locator('.comments-count')).toHaveText('6 comments');
  const numbers = await section.locator('article.comment').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
  expect(numbers).toEqual(['1', '1.1', '1.2', '2', '3', '4']);
  await expect(byNumber(section, '1.1').locator('.comment-author')).toHaveText('Memo R.');
  await expect(byNumber(section, '2').locator('.comment-author')).toHaveText('Dolores Vance');
  await expect(byNumber(section, '1').locator('.comment-likes')).toContainText('4');
  await expect(byNumber(section, '1').locator('.comment-text em')).toHaveCount(0);
  await expect(byNumber(section, '1.1').locator('.comment-text em')).toHaveText('most');

  await section.locator('.comments-sort a[data-sort="top"]').click();
  await expect(page).toHaveURL(/\?sort=top$/);
  await expect(section.locator('.comment-list > li > article.comment').first()).toHaveAttribute('data-number', '1');
  await section.locator('.comments-sort a[data-sort="newest"]').click();
  await expect(section.locator('.comment-list > li > article.comment').first()).toHaveAttribute('data-number', '4');
});

test('post lists show comment counts from one batched request per page', async ({ page }) => {
  const uri = postPath(5, 0);
  await postAsOther(uri, { text: 'The power was out until midnight on our street.' });
  await postAsOther(uri, { text: 'Ours came back at nine.' });
  approveThread(uri);
  let counts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url() === `${ISSO}/count`) counts++;
  });
  await useTestIsso(page);
  await page.goto('/page/5');
  const link = page.locator(`main article.post .comment-count a[href="${uri}#comments"]`);
  await expect(link).toHaveText(/^2 comments/);
  // Each list's "N comments" link names its post, for a screen reader's list of links.
  const title = homePage(5).items.find((i) => i._frontera?.path === uri)!.title;
  // (The hidden part is positioned apart, so the name has a space before its colon.)
  await expect(link).toHaveAccessibleName(new RegExp(`^2 comments ?: ${re(title!)}$`));
  await expect(page.locator('main article.post .comment-count')).toHaveCount(homePage(5).items.length);
  expect(counts).toBe(1);
  await link.click();
  await waitForPost(page);
  await expect(page.locator('section#comments .comments-count')).toHaveText('2 comments');
});

test('own comment: edit inside the window with a countdown, also after approval; a 403 ends it', async ({ page }) => {
  const uri = postPath(5, 1);
  const section = await openPost(page, uri);
  await section.locator('#comment-text').fill('Drop-off is at the pedestrian line, 9 to 5.');
  await sendComment(page, section);
  const mine = section.locator('article.comment.pending');
  await expect(mine.locator('.countdown')).toHaveText(/^1[45]:\d\d$/);
  await mine.getByRole('button', { name: 'Edit' }).click();
  const editor = mine.locator('form.comment-editor textarea');
  await expect(editor).toHaveValue('Drop-off is at the pedestrian line, 9 to 5.');
  await editor.fill('Drop-off is at the pedestrian line, *9 to 6*.');
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine.locator('.comment-text')).toHaveText('Drop-off is at the pedestrian line, 9 to 6.');
  await expect(mine.locator('.comment-text em')).toHaveText('9 to 6');
  await expect(mine.locator('form.comment-editor')).toHaveCount(0);

  // Approved and reloaded: published, numbered, still editable from this browser.
  approveThread(uri);
  await page.reload();
  await waitForPost(page);
  const published = byNumber(section, '1');
  await expect(published.locator('.comment-text')).toHaveText('Drop-off is at the pedestrian line, 9 to 6.');
  await expect(published.getByRole('button', { name: 'Edit' })).toBeVisible();

  // Isso says the window is over (403): a message, and the buttons go away.
  await page.route(`${ISSO}/id/**`, (route) =>
    route.fulfill({
      status: 403,
      contentType: 'text/html',
      headers: { 'Access-Control-Allow-Origin': APP_ORIGIN, 'Access-Control-Allow-Credentials': 'true' },
      body: '<!doctype html><title>403 Forbidden</title><p>Forbidden</p>',
    }),
  );
  await published.getByRole('button', { name: 'Edit' }).click();
  await expect(published.locator('.comment-own-error')).toContainText('The time to edit or delete this comment is over.');
  await expect(published.locator('.comment-edit, .comment-delete, .countdown')).toHaveCount(0);
});

test('own comment: delete inside the window', async ({ page }) => {
  const uri = postPath(5, 2);
  const section = await openPost(page, uri);
  await section.locator('#comment-text').fill('Wrong post, sorry.');
  await sendComment(page, section);
  const mine = section.locator('article.comment.pending');
  await expect(mine).toHaveCount(1);
  page.once('dialog', (d) => d.accept());
  await mine.getByRole('button', { name: 'Delete' }).click();
  await expect(section.locator('article.comment')).toHaveCount(0);
  await page.reload();
  await waitForPost(page);
  await expect(section.locator('.comments-count')).toHaveText('0 comments');
  await expect(section.locator('article.comment')).toHaveCount(0);
  expect(isso('pending', '--data', ISSO_DATA)).not.toContain(uri);
});

test('a live thread with a pending comment and an open reply form has no axe violations', async ({ page }) => {
  const uri = postPath(6, 1);
  await postAsOther(uri, { text: 'Good tips, thank you.', author: 'Marisol', website: 'https://example.org/marisol' });
  await postAsOther(uri, { text: 'Bring water, the line does not move at noon.' });
  approveThread(uri);
  const section = await openPost(page, uri);
  await section.locator('#comment-text').fill('The *pedestrian* line was faster than the car lanes.');
  await section.getByRole('button', { name: 'Preview' }).click();
  await expect(section.locator('.comment-preview em')).toBeVisible();
  await sendComment(page, section);
  await expect(section.locator('article.comment.pending')).toHaveCount(1);
  await byNumber(section, '1').getByRole('button', { name: 'Reply' }).click();
  await expect(section.locator('.comment-reply-form form')).toBeVisible();
  await section.locator('#comment-text').fill('ab');
  await section.locator('.comment-form-top button[type=submit]').click();
  await expect(section.locator('.comment-form-top .comment-form-status.error')).toBeVisible();
  const results = await new AxeBuilder({ page })
    .include('section#comments')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const report = results.violations
    .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'))
    .join('\n');
  expect(results.violations.length, `axe violations in the comment section:\n${report}`).toBe(0);
});
