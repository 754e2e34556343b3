// The comment section when things go wrong, against a real Isso 0.14 (as comments.spec.ts): the
// server unreachable or stopped, each of its refusals, a comment too large, a server error, a
// timeout, offline, its real rate limit. Each time a clear message, and the draft is never lost.
import type { Page } from '@playwright/test';
import { expect, homePage, waitForPost } from './helpers';
import { APP_ORIGIN, issoCli as isso, test } from './isso';
import { ISSO, ISSO_DATA, approveThread, byNumber, openPost, postAsOther, postPath, useTestIsso } from './threads';

// These tests point the app at the test Isso on another origin, which the shipped policy's
// connect-src does not name (it names the production comment server): csp.spec.ts runs a comment
// journey under the real policy through the same-origin /comments/ path instead.
test.use({ bypassCSP: true });

test('Isso unreachable: a clear message, the draft kept across a reload, sent once it is back', async ({ page }) => {
  const uri = postPath(4, 2);
  const section = await openPost(page, uri);
  const text = 'Las flores llegaron frescas, gracias por el reportaje.';
  await page.route(`${ISSO}/new**`, (route) => route.abort('connectionrefused'));
  await section.locator('#comment-text').fill(text);
  await section.getByRole('button', { name: 'Post comment' }).click();
  const error = section.locator('.comment-form-status.error');
  await expect(error).toHaveAttribute('data-error', 'network');
  await expect(error).toContainText('The comment server cannot be reached');
  await expect(error).toContainText('Your text is kept');
  await expect(section.locator('#comment-text')).toHaveValue(text);

  await page.reload();
  await waitForPost(page);
  await expect(section.locator('#comment-text')).toHaveValue(text);

  // Back: a double click sends one comment.
  await page.unroute(`${ISSO}/new**`);
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().startsWith(`${ISSO}/new`)) posts++;
  });
  await section.getByRole('button', { name: 'Post comment' }).dblclick();
  await expect(section.locator('.comment-form-status[data-status="pending"]')).toBeVisible();
  await expect(section.locator('article.comment.pending')).toHaveCount(1);
  expect(posts).toBe(1);
  await page.reload();
  await waitForPost(page);
  await expect(section.locator('#comment-text')).toHaveValue('');
});

test('each refusal of Isso gets its own message and keeps the draft', async ({ page }) => {
  const uri = postPath(4, 3);
  const section = await openPost(page, uri);
  const textarea = section.locator('#comment-text');
  const submit = section.getByRole('button', { name: 'Post comment' });
  const error = section.locator('.comment-form-status.error');

  // Real Isso answers: too short (400) and a javascript: website (400).
  await textarea.fill('ab');
  await submit.click();
  await expect(error).toHaveAttribute('data-error', 'too-short');
  await expect(error).toContainText('at least 3 characters');
  await textarea.fill('A proper comment this time.');
  await section.locator('#comment-website').fill('javascript:alert(1)');
  await submit.click();
  await expect(error).toHaveAttribute('data-error', 'bad-website');

  // Isso's rate-limit answer (403), as it words it.
  await section.locator('#comment-website').fill('');
  await page.route(`${ISSO}/new**`, (route) =>
    route.fulfill({
      status: 403,
      contentType: 'text/html',
      headers: { 'Access-Control-Allow-Origin': APP_ORIGIN, 'Access-Control-Allow-Credentials': 'true' },
      body: '<!doctype html><title>403 Forbidden</title><h1>Forbidden</h1><p>127.0.0.1: ratelimit exceeded (1, 2)</p>',
    }),
  );
  await submit.click();
  await expect(error).toHaveAttribute('data-error', 'rate-limited');
  await expect(error).toContainText('too fast');
  await page.reload();
  await waitForPost(page);
  await expect(textarea).toHaveValue('A proper comment this time.');
});

test('too large, server error, timeout and offline each get their own message; the draft stays', async ({ page }) => {
  const uri = postPath(5, 4);
  const section = await openPost(page, uri, { request_timeout_ms: 3000 });
  const textarea = section.locator('#comment-text');
  const submit = section.locator('.comment-form-top button[type=submit]');
  const error = section.locator('.comment-form-status.error');
  const cors = { 'Access-Control-Allow-Origin': APP_ORIGIN, 'Access-Control-Allow-Credentials': 'true' };
  await textarea.fill('Power came back at 11 on our block.');

  let answer: { status: number; body: string } | 'hang' = { status: 413, body: '<p>Request Entity Too Large</p>' };
  await page.route(`${ISSO}/new**`, async (route) => {
    if (answer === 'hang') return; // never answered: the app's own timeout has to end it
    await route.fulfill({ status: answer.status, contentType: 'text/html', headers: cors, body: answer.body });
  });
  await submit.click();
  await expect(error).toHaveAttribute('data-error', 'too-large');
  await expect(error).toContainText('too large');

  answer = { status: 502, body: '<html>Bad Gateway</html>' };
  await submit.click();
  await expect(error).toHaveAttribute('data-error', 'server');
  await expect(error).toContainText('The comment server had a problem');

  // Never answered: past request_timeout_ms the form says it is still sending (giving up cannot
  // take a comment back from a server that may have it); it gives up after 5 timeouts (15 s).
  test.setTimeout(60_000);
  answer = 'hang';
  await submit.click();
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveText('Sending…');
  await expect(section.locator('.comment-form-status[data-status="sending"]')).toContainText('Still sending', { timeout: 8000 });
  await expect(error).toHaveAttribute('data-error', 'timeout', { timeout: 20_000 });
  await expect(error).toContainText('did not answer in time');

  await page.unroute(`${ISSO}/new**`);
  await page.context().setOffline(true);
  await submit.click();
  await expect(error).toHaveAttribute('data-error', 'offline');
  await expect(error).toContainText('You are offline');
  await page.context().setOffline(false);
  await expect(textarea).toHaveValue('Power came back at 11 on our block.');
  await submit.click();
  await expect(section.locator('.comment-form-status[data-status="pending"]')).toBeVisible();
});

test("Isso's real rate limit: a clear message and the draft kept", async ({ page, ownIsso }) => {
  // Its own Isso with the default limit of 2 comments a minute (the shared one has it raised).
  const { url } = await ownIsso({ ISSO_RATELIMIT: '2' });
  const section = await openPost(page, postPath(5, 5), { __isso: url });
  const textarea = section.locator('#comment-text');
  const submit = section.locator('.comment-form-top button[type=submit]');
  for (const n of [1, 2]) {
    await textarea.fill(`Comment ${n} of three, sent within a minute.`);
    await submit.click();
    await expect(section.locator('article.comment.pending')).toHaveCount(n);
  }
  await textarea.fill('Comment 3 of three, sent within a minute.');
  await submit.click();
  const error = section.locator('.comment-form-status.error');
  await expect(error).toHaveAttribute('data-error', 'rate-limited');
  await expect(error).toContainText('You are commenting too fast');
  await page.reload();
  await waitForPost(page);
  await expect(textarea).toHaveValue('Comment 3 of three, sent within a minute.');
});

test('Isso really stopped: a clear message, the draft kept after a reload, sent once Isso is back', async ({ page, ownIsso }) => {
  const isso = await ownIsso();
  const section = await openPost(page, postPath(6, 0), { __isso: isso.url });
  await expect(section.locator('.comments-count')).toHaveText('0 comments');
  await isso.stop();
  const textarea = section.locator('#comment-text');
  await textarea.fill('Written while the comment server was down.');
  await section.getByRole('button', { name: 'Post comment' }).click();
  const error = section.locator('.comment-form-status.error');
  await expect(error).toHaveAttribute('data-error', 'network');
  await expect(error).toContainText('cannot be reached');

  await page.reload();
  await waitForPost(page);
  await expect(section.locator('.comments-error')).toBeVisible();
  await expect(textarea).toHaveValue('Written while the comment server was down.');

  await isso.start();
  await section.locator('.comments-error').getByRole('button', { name: 'Try again' }).click();
  await expect(section.locator('.comments-count')).toHaveText('0 comments');
  await section.getByRole('button', { name: 'Post comment' }).click();
  await expect(section.locator('article.comment.pending .comment-text')).toHaveText('Written while the comment server was down.');
  await expect(textarea).toHaveValue('');
});
