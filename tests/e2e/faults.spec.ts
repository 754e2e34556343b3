// Suite 3 of issue 4: the fault matrix. Every fault below is produced at the network level by a
// small fault proxy (fault-proxy.ts: a Node http server started by each test) in front of the real server: the
// static server for post data, the real Isso that playwright.config.ts starts for comments.
// Post data reaches the proxy through page.route(...).continue({ url }), so the browser still sees
// its own origin; the comment server in config.json is the proxy itself (cross-origin, CORS and
// credentials answered by Isso). "Down" is the proxy closed (connection refused), "offline" is
// context.setOffline (for post data the page is opened offline, its own files served from outside
// the browser as from a cached shell), "drop" is a real answer cut after its headers and half its
// body, "slow" answers after request_timeout_ms (lowered in a routed config.json).
//
// Posts (home list, post, archive, label) × every fault: the translated error view of the right
// kind with "Try again", which recovers once the fault is removed.
// Comments, loading the thread × every fault: the translated message with "Try again", which
// recovers once the fault is removed.
// Comments, sending a comment × every fault: the translated message, the draft still in the box
// and after a reload, and once the fault is removed the comment reaches Isso exactly once (read
// from Isso's own database with scripts/isso pending). Where Isso did store the comment before
// the fault hit its answer (a cut answer; a late answer), the reader's retry must not create a
// second one either. Two more tests: a double click on send, and two submits in one task.
//
// errors.spec.ts and comment-faults.spec.ts cover single faults in more depth (retry twice, the
// sidebar, 413, Isso's real rate limit, Isso really stopped); this spec is the full matrix.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { commentSection, commentSectionState, expect, homePage, labelIndex, repoRoot, waitForList, waitForPost } from './helpers';
import { ISSO, ISSO_DATA, SLOW_MS, FaultProxy, test, FAULTS, applyFault, removeFault, routeConfig, openWhileOffline, runCells, faultOrder } from './fault-proxy';
import type { Mode, FaultName, Fault } from './fault-proxy';

// ------------------------------------------------------------------------------------------------
// Posts: area × fault, one page per area.

interface Area {
  name: string;
  route: () => string;
  doc: () => string;
  good: (page: Page) => Promise<void>;
}
const firstPost = () => homePage(1).items[0];
const label = () => labelIndex().labels[0];
const POST_AREAS: Area[] = [
  {
    name: 'home list',
    route: () => '/',
    doc: () => 'data/home/1.json',
    good: async (page) => {
      await waitForList(page);
      await expect(page.locator('main h3.post-title a')).toHaveText(homePage(1).items.map((i) => i.title!));
    },
  },
  {
    name: 'post',
    route: () => firstPost()._frontera!.path,
    doc: () => `data/posts${firstPost()._frontera!.path}.json`,
    good: async (page) => {
      await waitForPost(page);
      await expect(page.locator('main h1.post-title')).toHaveText(firstPost().title!);
    },
  },
  {
    name: 'archive',
    route: () => '/archive',
    doc: () => 'data/archive/index.json',
    good: async (page) => {
      await expect(page.locator('main .archive-overview a[href^="/archive/"]').first()).toBeVisible();
    },
  },
  {
    name: 'label',
    route: () => `/label/${label().slug}`,
    doc: () => `data/labels/${label().slug}/1.json`,
    good: async (page) => {
      await waitForList(page);
      await expect(page.locator('main h1.list-heading')).toContainText(label().name);
    },
  },
];

for (const area of POST_AREAS) {
  test(`posts: ${area.name} × ${FAULTS.length} faults (${FAULTS.map((f) => f.name).join(', ')})`, async ({
    page,
    context,
    baseURL,
    faultProxy,
  }) => {
    test.setTimeout(30_000 + FAULTS.length * 15_000);
    const proxy = await faultProxy(baseURL!);
    await routeConfig(page, () => null);
    const doc = area.doc();
    await page.route(`**/${doc}`, (route) => route.continue({ url: `${proxy.url}/${doc}` }).catch(() => {}));

    await runCells(
      faultOrder,
      (fault) => `${area.name} × ${fault.name}: ${fault.what}`,
      async (fault) => {
        const before = proxy.seen.length;
        if (fault.name === 'offline') await openWhileOffline(page, (u) => u.pathname === `/${doc}`);
        await applyFault(fault.name, proxy, context);
        await page.goto(area.route());
        const view = page.locator(`main section.error-view[data-error="${fault.post.kind}"]`);
        await expect(view).toBeVisible();
        if (fault.name === 'slow') {
          // The app gave up on its own timer: the slow answer to its last request has not been
          // sent yet. (A prerendered page's preload and the takeover's read of it were slow
          // first; their answers may have come while the app asked again.)
          const faulted = proxy.seen.slice(before).filter((s) => s.faulted);
          expect(faulted.length).toBeGreaterThan(0);
          expect(faulted[faulted.length - 1].answered).toBe(false);
        }
        if (!['down', 'offline'].includes(fault.name)) {
          expect(proxy.seen.slice(before).some((s) => s.faulted && s.path === `/${doc}`), 'the fault hit the request').toBe(true);
        }
        await expect(view).toHaveAttribute('role', 'alert');
        await expect(view.locator('.error-title')).toHaveText(fault.post.title);
        await expect(view.locator('details.error-detail code')).toHaveText(fault.post.detail);
        await expect(page.locator('main article.post')).toHaveCount(0);

        await removeFault(proxy, context);
        await view.getByRole('button', { name: 'Try again' }).click();
        await area.good(page);
        await expect(page.locator('main section.error-view')).toHaveCount(0);
        await expect(page.locator('[data-error="crash"]')).toHaveCount(0);
      },
      () => removeFault(proxy, context),
    );
  });
}

// ------------------------------------------------------------------------------------------------
// Comments, against the real Isso behind the fault proxy. The comment server is the proxy's own
// origin, so the app talks to it cross-origin (credentials, CORS answered by Isso itself).
test.describe('comments', () => {
  // The proxy is another origin than the production comment server that the Content-Security-
  // Policy (tests/e2e/csp.spec.ts) allows in connect-src.
  test.use({ bypassCSP: true });

  /** Posts whose threads no other spec writes to (home pages 7 and 8). */
  const threadPosts = () => [...homePage(7).items, ...homePage(8).items].map((i) => i._frontera!.path);
  const threadFor = (n: number) => threadPosts()[n % threadPosts().length];

  /** Comments awaiting moderation in the test Isso's database for one thread with exactly this text. */
  function inIsso(uri: string, text: string): number {
    const out = execFileSync(path.join(repoRoot, 'scripts/isso'), ['pending', '--data', ISSO_DATA], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { uri: string; text: string })
      .filter((c) => c.uri === uri && c.text.trim() === text).length;
  }

  const isThreadGet = (method: string, p: string) => method === 'GET' && /^\/\?uri=/.test(p);
  const isNewComment = (method: string, p: string) => method === 'POST' && p.startsWith('/new?');
  // Said once: every message before it already says to try again.
  const DRAFT_KEPT = 'Your text is kept on this device.';
  const form = (page: Page) => page.locator('section#comments .comment-form-top');

  async function setUp(page: Page, proxy: FaultProxy) {
    await routeConfig(page, () => `${proxy.url}/`);
  }

  async function openThread(page: Page, uri: string) {
    await page.goto(uri);
    await waitForPost(page);
    return commentSection(page);
  }

  test(`comments: load thread × ${FAULTS.length} faults (${FAULTS.map((f) => f.name).join(', ')})`, async ({
    page,
    context,
    faultProxy,
  }) => {
    test.setTimeout(30_000 + FAULTS.length * 15_000);
    const proxy = await faultProxy(ISSO);
    proxy.applies = isThreadGet;
    await setUp(page, proxy);
    await runCells(
      faultOrder,
      (fault) => `load thread × ${fault.name}: ${fault.what}`,
      async (fault) => {
        const before = proxy.seen.length;
        const uri = threadFor(FAULTS.indexOf(fault));
        let section;
        if (fault.name === 'offline') {
          // A page opened offline cannot reach another origin even once back online (Chromium),
          // so the reader opens the post, then goes offline and asks for the thread again by
          // changing its order.
          section = await openThread(page, uri);
          await expect(section.locator('.comments-count')).toBeVisible();
          await applyFault(fault.name, proxy, context);
          await section.locator('.comments-sort a[data-sort="newest"]').click();
          await expect(page).toHaveURL(/\?sort=newest$/);
        } else {
          await applyFault(fault.name, proxy, context);
          section = await openThread(page, uri);
        }
        const error = section.locator('.comments-error');
        await expect(error).toHaveAttribute('data-error', fault.comment.kind);
        await expect(error).toHaveAttribute('role', 'alert');
        await expect(error).toContainText('Comments could not be loaded.');
        await expect(error).toContainText(fault.comment.message);
        if (fault.name === 'slow') expect(proxy.seen.slice(before).filter((s) => s.faulted && s.answered)).toEqual([]);
        // The form stays usable under a failed thread.
        await expect(section.locator('#comment-text')).toBeEditable();

        await removeFault(proxy, context);
        await error.getByRole('button', { name: 'Try again' }).click();
        await expect(section.locator('.comments-count')).toHaveText(/^\d+ comments?$/);
        await expect(section.locator('.comments-error')).toHaveCount(0);
      },
      () => removeFault(proxy, context),
      () => commentSectionState(page),
    );
  });

  /** Sends the draft once the fault is gone, and checks it reached Isso exactly once. */
  async function sendAfterFault(page: Page, uri: string, text: string) {
    const section = await commentSection(page);
    if (await section.locator('.comments-error').isVisible()) {
      await section.locator('.comments-error').getByRole('button', { name: 'Try again' }).click();
      await expect(section.locator('.comments-count')).toBeVisible();
    }
    await form(page).locator('button[type=submit]').click();
    await expect(form(page).locator('.comment-form-status[data-status="pending"]')).toBeVisible();
    await expect(section.locator('#comment-text')).toHaveValue('');
    expect(inIsso(uri, text), 'comments with this text in Isso').toBe(1);
  }

  /**
   * A fault that hits the request before Isso has it: the message, the draft in the box and
   * after a reload, then sent exactly once. Slow is a gateway holding the request, which never
   * reaches Isso once the browser gives up.
   */
  async function sendUnderFault(page: Page, context: BrowserContext, proxy: FaultProxy, fault: Fault, uri: string) {
    const text = `Sent through a ${fault.name} fault, ${Date.now().toString(36)}.`;
    const section = await openThread(page, uri);
    await expect(section.locator('.comments-count')).toBeVisible();
    const textarea = section.locator('#comment-text');
    await textarea.fill(text);
    await applyFault(fault.name, proxy, context, { kind: 'slow-queue' });
    await form(page).locator('button[type=submit]').click();
    if (fault.name === 'slow') {
      // A comment is not abandoned at request_timeout_ms (giving up cannot take it back from a
      // server that may have it): the form says it is still sending, keeps the text and the
      // button disabled, and the comment arrives once when the gateway lets it through.
      const sending = form(page).locator('.comment-form-status[data-status="sending"]');
      await expect(sending).toContainText('Still sending');
      await expect(textarea).toHaveValue(text);
      await expect(form(page).locator('button[type=submit]')).toBeDisabled();
      await expect(form(page).locator('.comment-form-status[data-status="pending"]')).toBeVisible({ timeout: SLOW_MS + 5000 });
      await expect(textarea).toHaveValue('');
      await removeFault(proxy, context);
      expect(inIsso(uri, text), 'comments with this text in Isso').toBe(1);
      return;
    }
    const status = form(page).locator('.comment-form-status.error');
    await expect(status).toHaveAttribute('data-error', fault.comment.kind);
    await expect(status).toContainText(fault.comment.message);
    await expect(status).toContainText(DRAFT_KEPT);
    await expect(textarea).toHaveValue(text);
    // The draft survives a reload (online: a page cannot be reloaded offline).
    if (fault.name === 'offline') await context.setOffline(false);
    await page.reload();
    await waitForPost(page);
    await expect(textarea).toHaveValue(text);
    await removeFault(proxy, context);
    await sendAfterFault(page, uri, text);
  }

  /**
   * Isso stored the comment, and only its answer was lost (cut mid-body, or too late). The text
   * must never be lost and never be sent twice: still in the box while the app cannot know,
   * and a reader who sends what is still in the box after a reload must not make a second one.
   */
  async function sendAfterIssoStoredIt(page: Page, context: BrowserContext, proxy: FaultProxy, mode: Mode, uri: string) {
    const text = `Stored by Isso, answer lost (${mode.kind}), ${Date.now().toString(36)}.`;
    const section = await openThread(page, uri);
    await expect(section.locator('.comments-count')).toBeVisible();
    const textarea = section.locator('#comment-text');
    await textarea.fill(text);
    const before = proxy.seen.length;
    proxy.mode = mode;
    await form(page).locator('button[type=submit]').click();
    await expect(form(page).locator('.comment-form-status')).toBeVisible({ timeout: SLOW_MS + 5000 });
    if (await form(page).locator('.comment-form-status.error').isVisible()) {
      await expect(form(page).locator('.comment-form-status.error')).toContainText(DRAFT_KEPT);
      await expect(textarea).toHaveValue(text);
    }
    await expect.poll(() => inIsso(uri, text), { message: 'Isso stored it' }).toBe(1);
    // The (late or cut) answer has been sent to the browser.
    await expect.poll(() => proxy.seen.slice(before).filter((s) => s.faulted && s.answered).length, { timeout: SLOW_MS + 5000 }).toBe(1);
    await page.waitForTimeout(300);
    await page.reload();
    await waitForPost(page);
    await removeFault(proxy, context);
    if ((await textarea.inputValue()) === text) {
      await form(page).locator('button[type=submit]').click();
      await expect(form(page).locator('.comment-form-status')).toBeVisible();
      await page.waitForTimeout(300);
    }
    expect(inIsso(uri, text), 'comments with this text in Isso').toBe(1);
  }

  const SEND_BATCHES: FaultName[][] = [
    ['down', 'slow', '500', '502'],
    ['503', '403', '429', 'offline'],
    ['malformed', 'drop'],
  ];
  SEND_BATCHES.forEach((names, b) => {
    test(`comments: send × ${names.join(', ')}${names.includes('drop') ? ' (drop: after Isso stored it), slow after Isso stored it' : ''}`, async ({
      page,
      context,
      faultProxy,
    }) => {
      test.setTimeout(30_000 + (names.length + 1) * 20_000);
      const proxy = await faultProxy(ISSO);
      proxy.applies = isNewComment;
      await setUp(page, proxy);
      type Cell = { name: string; run: () => Promise<void> };
      const cells: Cell[] = names.map((name, i) => {
        const fault = FAULTS.find((f) => f.name === name)!;
        const uri = threadFor(b * 4 + i + 1);
        return name === 'drop'
          ? { name: `send × drop: ${fault.what}, after Isso stored it`, run: () => sendAfterIssoStoredIt(page, context, proxy, { kind: 'drop' }, uri) }
          : { name: `send × ${name}: ${fault.what}`, run: () => sendUnderFault(page, context, proxy, fault, uri) };
      });
      if (names.includes('drop')) {
        cells.push({
          name: 'send × slow: Isso stored it, its answer comes after the timeout',
          run: () => sendAfterIssoStoredIt(page, context, proxy, { kind: 'slow-answer' }, threadFor(13)),
        });
      }
      await runCells(cells, (c) => c.name, (c) => c.run(), () => removeFault(proxy, context), () => commentSectionState(page));
    });
  });

  test('comments: after a failed send, a double click on send posts the comment once', async ({ page, context, faultProxy }) => {
    const proxy = await faultProxy(ISSO);
    proxy.applies = isNewComment;
    await setUp(page, proxy);
    const uri = threadFor(14);
    const text = `Double click after a 503, ${Date.now().toString(36)}.`;
    const section = await openThread(page, uri);
    await expect(section.locator('.comments-count')).toBeVisible();
    await section.locator('#comment-text').fill(text);
    await applyFault('503', proxy, context);
    const submit = form(page).locator('button[type=submit]');
    await submit.click();
    await expect(form(page).locator('.comment-form-status.error')).toHaveAttribute('data-error', 'server');
    // Fault gone, but Isso's answer takes a moment: the second click lands while the first is on its way.
    proxy.mode = { kind: 'delay', ms: 800 };
    const before = proxy.seen.length;
    await submit.dblclick();
    await expect(form(page).locator('.comment-form-status[data-status="pending"]')).toBeVisible();
    await page.waitForTimeout(1000);
    expect(proxy.seen.slice(before).filter((s) => isNewComment(s.method, s.path)).length, 'POST /new after the fault').toBe(1);
    expect(inIsso(uri, text)).toBe(1);
  });

  test('comments: two submits in the same task (before the button can disable) post once', async ({ page, faultProxy }) => {
    const proxy = await faultProxy(ISSO);
    await setUp(page, proxy);
    const uri = threadFor(15);
    const text = `Two submits in one task, ${Date.now().toString(36)}.`;
    const section = await openThread(page, uri);
    await expect(section.locator('.comments-count')).toBeVisible();
    await section.locator('#comment-text').fill(text);
    await form(page)
      .locator('form')
      .evaluate((f: HTMLFormElement) => {
        f.requestSubmit();
        f.requestSubmit();
      });
    await expect(form(page).locator('.comment-form-status[data-status="pending"]')).toBeVisible();
    await page.waitForTimeout(800);
    expect(proxy.seen.filter((s) => isNewComment(s.method, s.path)).length, 'POST /new requests').toBe(1);
    expect(inIsso(uri, text)).toBe(1);
  });
});
