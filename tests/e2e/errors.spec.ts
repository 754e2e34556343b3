// Every way a data request can fail gets its own error view; retry works where it can help, and
// the app keeps working afterwards. The `test` fixture also fails any test with an uncaught page
// error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page, Route } from '@playwright/test';
import { blogTitle, dataDir, expect, homePage, postDoc, re, test, waitForList, waitForPost } from './helpers';

const errorView = (page: Page, kind?: string) =>
  page.locator(kind ? `main section.error-view[data-error="${kind}"]` : 'main section.error-view');
const retryButton = (page: Page) => errorView(page).getByRole('button', { name: 'Try again' });

const firstPost = () => homePage(1).items[0];

async function expectAppStillWorks(page: Page) {
  await page.locator('header.masthead a.site-title').click();
  await expect(page).toHaveURL('/');
  await waitForList(page);
  await expect(errorView(page)).toHaveCount(0);
  await expect(page.locator('main h3.post-title a').first()).toHaveText(firstPost().title!);
}

test('network failure shows the offline view; Try again recovers', async ({ page }) => {
  let requests = 0;
  await page.route('**/data/home/1.json', (route) => {
    requests++;
    return route.abort('internetdisconnected');
  });
  await page.goto('/');
  await expect(errorView(page, 'network')).toBeVisible();
  await expect(errorView(page, 'network')).toHaveAttribute('role', 'alert');
  await expect(errorView(page, 'network').locator('.error-title')).toHaveText('You seem to be offline');
  await expect(retryButton(page)).toBeVisible();
  await expect(page.locator('main article.post')).toHaveCount(0);

  await page.unroute('**/data/home/1.json');
  const before = requests;
  await retryButton(page).click();
  await waitForList(page);
  await expect(errorView(page)).toHaveCount(0);
  await expect(page.locator('main h3.post-title a')).toHaveText(homePage(1).items.map((i) => i.title!));
  expect(before).toBeGreaterThan(0);
});

test('retry that fails again still shows the error, then recovers', async ({ page }) => {
  // Failing until told otherwise: the preload and the takeover's read of it fail too, so the
  // number of failed requests before the app shows its error is not the test's business.
  let failing = true;
  let retried = 0;
  await page.route('**/data/home/1.json', (route) =>
    failing ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
  );
  await page.goto('/');
  await expect(errorView(page, 'server')).toBeVisible();
  page.on('request', (r) => {
    if (r.url().endsWith('/data/home/1.json')) retried++;
  });
  await retryButton(page).click();
  await expect.poll(() => retried).toBe(1);
  await expect(errorView(page, 'server')).toBeVisible();
  failing = false;
  await retryButton(page).click();
  await waitForList(page);
  await expect(errorView(page)).toHaveCount(0);
});

test('HTTP 500 on a post shows the server error view', async ({ page }) => {
  const post = firstPost();
  await page.route('**/data/posts/**', (route) =>
    route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' }),
  );
  await page.goto(post._frontera!.path);
  await expect(errorView(page, 'server')).toBeVisible();
  await expect(errorView(page, 'server').locator('.error-title')).toHaveText('The server had a problem');
  await expect(retryButton(page)).toBeVisible();
  await expect(errorView(page, 'server').locator('details.error-detail code')).toHaveText(/500/);
  await page.unroute('**/data/posts/**');
  await retryButton(page).click();
  await waitForPost(page);
  await expect(page.locator('main h1.post-title')).toHaveText(post.title!);
});

const malformedBodies: { name: string; contentType: string; body: () => string }[] = [
  {
    name: 'truncated JSON',
    contentType: 'application/json',
    body: () => {
      const full = fs.readFileSync(path.join(dataDir, 'posts', `${firstPost()._frontera!.path}.json`), 'utf8');
      return full.slice(0, Math.floor(full.length / 2));
    },
  },
  {
    name: 'an HTML error page served with 200',
    contentType: 'text/html',
    body: () => '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
  },
  { name: 'an empty body', contentType: 'application/json', body: () => '' },
  { name: 'a JSON array', contentType: 'application/json', body: () => '[]' },
];

for (const m of malformedBodies) {
  test(`${m.name} on a post shows the damaged-data view`, async ({ page }) => {
    const body = m.body();
    await page.route('**/data/posts/**', (route) => route.fulfill({ status: 200, contentType: m.contentType, body }));
    await page.goto(firstPost()._frontera!.path);
    await expect(errorView(page, 'malformed')).toBeVisible();
    await expect(errorView(page, 'malformed').locator('.error-title')).toHaveText('We received damaged data');
    await expect(retryButton(page)).toBeVisible();
    await expect(page.locator('main h1.post-title')).toHaveCount(0);
    await expectAppStillWorks(page);
  });
}

test('malformed home page data shows the damaged-data view', async ({ page }) => {
  await page.route('**/data/home/1.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"items": [' }),
  );
  await page.goto('/');
  await expect(errorView(page, 'malformed')).toBeVisible();
  // The sidebar is independent of the main list and still loads.
  await expect(page.locator('aside .archive-widget a[href^="/archive/"]').first()).toBeVisible();
  await expect(page.locator('aside .error-view')).toHaveCount(0);
});

test('a missing post shows not-found without a retry button', async ({ page }) => {
  await page.goto('/2024/01/does-not-exist');
  const view = errorView(page, 'not-found');
  await expect(view).toBeVisible();
  await expect(view.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(view.getByRole('link', { name: /home page/i })).toHaveAttribute('href', '/');
  await expectAppStillWorks(page);
});

test('navigating from a post to a missing post does not keep the old post title', async ({ page }) => {
  const post = firstPost();
  await page.goto(post._frontera!.path);
  await waitForPost(page);
  await expect(page).toHaveTitle(`${post.title} · ${blogTitle()}`);
  // Client-side navigation (no reload) to a post that does not exist.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/2024/01/does-not-exist';
    a.textContent = 'x';
    document.querySelector('main')!.appendChild(a);
    a.click();
  });
  await expect(page).toHaveURL('/2024/01/does-not-exist');
  await expect(errorView(page, 'not-found')).toBeVisible();
  await expect(page).not.toHaveTitle(new RegExp(re(post.title!)));
  // …and the tab still says whose site this is.
  await expect(page).toHaveTitle(new RegExp(re(blogTitle())));
});

test('a post shown after a post leaves no stale title for a later post that is still loading', async ({ page }) => {
  // leptos_meta's <Title>, rebuilt with a post after a post (the same route), kept each title in
  // its stack: a later post still loading showed a stale one (docs/benchmarks.md, section 5).
  const blog = blogTitle();
  const first = firstPost();
  const older = postDoc(first._frontera!.path)._frontera!.older!;
  const later = homePage(2).items[0];
  const go = (href: string) =>
    page.evaluate((h) => {
      const a = document.createElement('a');
      a.href = h;
      document.querySelector('main')!.appendChild(a);
      a.click();
    }, href);
  await page.goto(first._frontera!.path);
  await waitForPost(page);
  await go(older.path);
  await expect(page.locator('main h1.post-title')).toHaveText(older.title);
  await expect(page).toHaveTitle(`${older.title} · ${blog}`);
  await go('/archive');
  await expect(page.locator('main .archive-overview')).toBeVisible();
  // The next post's document is held until the title has been checked.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/data/posts/**', async (route: Route) => {
    await held;
    await route.continue();
  });
  await go(later._frontera!.path);
  await expect(page.locator('main .skeleton')).toBeVisible();
  await expect(page).toHaveTitle(blog);
  release();
  await expect(page.locator('main h1.post-title')).toHaveText(later.title!);
  await expect(page).toHaveTitle(`${later.title} · ${blog}`);
});

test('error views on a post keep a document title and an h1', async ({ page }) => {
  // A post route that fails has no post title to show, but the document must still be titled
  // (WCAG 2.4.2) and have a top-level heading.
  await page.route('**/data/posts/**', (route) => route.fulfill({ status: 500, body: 'no' }));
  await page.goto(firstPost()._frontera!.path);
  await expect(errorView(page, 'server')).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(re(blogTitle())));
  await expect(page.locator('main h1')).toHaveCount(1);
});

test('a data request slower than request_timeout_ms shows the timeout view', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const res = await route.fetch();
    const cfg = await res.json();
    await route.fulfill({ response: res, json: { ...cfg, request_timeout_ms: 1500 } });
  });
  let delayed = true;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/data/home/1.json', async (route: Route) => {
    if (!delayed) return route.continue();
    await held;
    // The app has given up by now and aborted the request; fulfilling may fail, which is fine.
    await route.continue().catch(() => {});
  });
  await page.goto('/');
  // Shown while every answer is still held back: the app gave up on its own timer.
  await expect(errorView(page, 'timeout')).toBeVisible();
  await expect(errorView(page, 'timeout').locator('.error-title')).toHaveText('This is taking too long');
  release();
  await expect(retryButton(page)).toBeVisible();
  delayed = false;
  await retryButton(page).click();
  await waitForList(page);
  await expect(errorView(page)).toHaveCount(0);
});

test('a failing sidebar widget does not take the page down', async ({ page }) => {
  await page.route('**/data/labels/index.json', (route) => route.fulfill({ status: 502, body: 'bad gateway' }));
  await page.goto('/');
  await waitForList(page);
  await expect(errorView(page)).toHaveCount(0);
  const widgetError = page.locator('aside .labels-widget .error-view');
  await expect(widgetError).toHaveAttribute('data-error', 'server');
  await expect(page.locator('aside .archive-widget a[href^="/archive/"]').first()).toBeVisible();
  await page.unroute('**/data/labels/index.json');
  await widgetError.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('aside .labels-widget a[href^="/label/"]').first()).toBeVisible();
});

test('an error on one route does not stick to the next route', async ({ page }) => {
  await page.route('**/data/home/2.json', (route) => route.fulfill({ status: 500, body: 'no' }));
  await page.goto('/');
  await waitForList(page);
  await page.locator('nav.pager a[rel="next"]').click();
  await expect(page).toHaveURL('/page/2');
  await expect(errorView(page, 'server')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL('/');
  await waitForList(page);
  await expect(errorView(page)).toHaveCount(0);
  // A post from there loads normally.
  await page.locator('main h3.post-title a').first().click();
  await waitForPost(page);
  await expect(errorView(page)).toHaveCount(0);
});
