// What the comment specs share (comments.spec.ts, comment-faults.spec.ts): the test Isso's address
// and data folder, pointing the app at it, posting as another reader, moderating, opening a post.
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { commentSection, expect, fetchOwn, homePage, waitForPost } from './helpers';
import { issoCli as isso } from './isso';

export const ISSO = `http://127.0.0.1:${process.env.FRONTERA_E2E_ISSO_PORT || 4179}`;
export const ISSO_DATA = process.env.FRONTERA_E2E_ISSO_DATA || path.join(os.tmpdir(), 'frontera-e2e-isso');

/** The app path of a post on home page `n` (pages 4 and later hold no seeded threads). */
export const postPath = (n: number, i: number) => homePage(n).items[i]._frontera!.path;

/** Points the app's comment section at the test Isso (and sets other config keys in `extra`). */
export async function useTestIsso(page: Page, extra: Record<string, unknown> = {}) {
  await page.route('**/config.json', async (route) => {
    const response = await fetchOwn(route);
    const json = { ...(await response.json()), ...extra };
    json.comments = { server: `${(extra.__isso as string) ?? ISSO}/`, policy_url: '/2024/03/how-we-report-safely' };
    delete json.__isso;
    await route.fulfill({ response, json });
  });
}

/** Approves every pending comment of one thread through Isso's activation endpoint. */
export function approveThread(uri: string) {
  const ids = isso('pending', '--data', ISSO_DATA)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: number; uri: string })
    .filter((c) => c.uri === uri)
    .map((c) => String(c.id));
  if (ids.length) isso('approve', '--data', ISSO_DATA, ...ids);
  return ids.length;
}

let reader = 0;
/** Posts a comment through Isso's API as another reader (its own client address). */
export async function postAsOther(uri: string, body: Record<string, unknown>): Promise<{ id: number; parent: number | null }> {
  reader++;
  const res = await fetch(`${ISSO}/new?uri=${encodeURIComponent(uri)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Forwarded-For': `10.${200 + (process.pid % 50)}.${reader % 250}.1`,
    },
    body: JSON.stringify({ title: 'E2E thread', ...body }),
  });
  expect([201, 202]).toContain(res.status);
  return res.json();
}

/**
 * Presses "Post comment" (`button`: "Post reply" in a reply form) in `scope` and waits for Isso's answer, which must have `status`. The
 * wait is the test's own (no shorter timeout): on a loaded machine Isso can take longer to answer
 * than an expectation waits, and the test should then say what came back, not that a comment
 * never showed.
 */
export async function sendComment(page: Page, scope: Locator, status = 202, button = 'Post comment') {
  const answer = page.waitForResponse((r) => r.url().startsWith(`${ISSO}/new?`) && r.request().method() === 'POST', {
    timeout: 0,
  });
  await scope.getByRole('button', { name: button }).click();
  expect((await answer).status(), 'Isso\'s answer to the new comment').toBe(status);
}

export async function openPost(page: Page, uri: string, extra: Record<string, unknown> = {}) {
  await useTestIsso(page, extra);
  await page.goto(uri);
  await waitForPost(page);
  const section = await commentSection(page);
  await expect(section.locator('.comments-count')).toBeVisible();
  return section;
}

export const byNumber = (section: Locator, n: string) => section.locator(`article.comment[data-number="${n}"]`);
