// Issue 10: every page exists before any WebAssembly runs. The release build in dist/ on a plain
// static host with no SPA fallback (tests/e2e/static-server.mjs): every route is a real file
// with a complete head, readable and navigable with JavaScript off, and with JavaScript on the
// app takes the page over (hydration) with no error, no layout shift and no second fetch.
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATIC_PORT } from '../../playwright.config';
import { distDir, homePage, postDoc, config, archiveIndex, labelIndex, pagesIndex } from './helpers';

const origin = `http://127.0.0.1:${STATIC_PORT}`;

/** Every page the site has, from the sitemap the compiler wrote (paths under the site). */
function sitemapPaths(): string[] {
  const xml = fs.readFileSync(path.join(distDir, 'sitemap.xml'), 'utf8');
  const site = new URL(String(config().site_url));
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname.slice(site.pathname.length - 1));
}

test.describe('static pages, no SPA fallback', () => {
  test('every route is a file with one title, description and canonical, and sound text', async ({ request }) => {
    const paths = sitemapPaths();
    expect(paths.length).toBeGreaterThan(100);
    const site = String(config().site_url).replace(/\/$/, '');
    for (const p of paths) {
      const res = await request.get(origin + p);
      expect(res.status(), p).toBe(200);
      const html = await res.text();
      expect(html.match(/<title>/g)?.length, `${p}: one title`).toBe(1);
      expect(html.match(/<meta name="description"/g)?.length, `${p}: one description`).toBe(1);
      const canon = [...html.matchAll(/<link rel="canonical" href="([^"]+)"/g)];
      expect(canon.length, `${p}: one canonical`).toBe(1);
      expect(canon[0][1], p).toBe(site + p);
      expect(html, p).toContain(`data-prerendered="${p}"`);
      expect(html, p).toMatch(/<meta property="og:title" content="[^"]+"/);
      // Every link preview has a picture: the page's own, else the site's (config.json `image`).
      expect(html, p).toMatch(/<meta property="og:image" content="https?:\/\/[^"]+"/);
      for (const bad of ['undefined', 'NaN', '[object Object]']) expect(html.includes(bad), `${p} contains ${bad}`).toBe(false);
    }
  });

  test('a post page carries its Open Graph tags and JSON-LD, matching the post', async ({ request }) => {
    const item = homePage(1).items[0];
    const doc = postDoc(item._frontera!.path);
    const html = await (await request.get(origin + item._frontera!.path)).text();
    const attr = (prop: string) => [...html.matchAll(new RegExp(`<meta property="${prop}" content="([^"]*)"`, 'g'))].map((m) => m[1]);
    const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(attr('og:type')).toEqual(['article']);
    expect(attr('og:title').map(decode)).toEqual([doc.title]);
    expect(attr('article:published_time')).toEqual([doc.date_published]);
    expect(attr('article:tag').map(decode)).toEqual(doc.tags ?? []);
    const ld = html.match(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/);
    expect(ld, 'JSON-LD').not.toBeNull();
    const data = JSON.parse(ld![1]);
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe(doc.title);
    expect(data.datePublished).toBe(doc.date_published);
    expect(data.mainEntityOfPage).toBe(String(config().site_url).replace(/\/$/, '') + item._frontera!.path);
    expect(html).toContain('type="application/atom+xml"');
    // The sample posts have no picture of their own: the site's, which is served beside the
    // pages, and which JSON-LD names as the publisher's logo (not as the article's image).
    const site = String(config().site_url).replace(/\/$/, '');
    expect(attr('og:image')).toEqual([`${site}/${config().image}`]);
    expect((await request.get(`${origin}/${config().image}`)).headers()['content-type']).toContain('image/png');
    expect(data.publisher.logo.url).toBe(`${site}/${config().image}`);
    expect(data.image).toBeUndefined();
  });

  test('unknown URLs get 404.html with status 404; robots.txt names the sitemap', async ({ request }) => {
    const res = await request.get(origin + '/no/such/page/here');
    expect(res.status()).toBe(404);
    expect(await res.text()).toContain('data-error="not-found"');
    const robots = await (await request.get(origin + '/robots.txt')).text();
    expect(robots).toMatch(/Sitemap: \S+sitemap\.xml/);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader walks home → post → older page → label → archive → month → not found', async ({ page }) => {
    const first = homePage(1).items[0];
    await page.goto(origin + '/');
    await expect(page.locator('h3.post-title').first()).toHaveText(first.title!);
    await page.locator(`a[href="${first._frontera!.path}"]`).first().click();
    await expect(page.locator('h1.post-title')).toHaveText(first.title!);
    await expect(page.locator('#comments noscript')).toHaveCount(1);
    // (Playwright turns script execution off but parses as a scripting browser, so the noscript
    // text is there as raw text rather than laid out; a browser with JavaScript off shows it.)
    expect(await page.locator('#comments noscript').evaluate((n) => n.textContent)).toContain('needs JavaScript');
    await page.goto(origin + '/');
    await page.locator('a[rel="next"]').first().click();
    await expect(page).toHaveURL(/\/page\/2$/);
    await expect(page.locator('h3.post-title').first()).toHaveText(homePage(2).items[0].title!);
    const label = labelIndex().labels[0];
    await page.locator(`.labels-widget a[href="/label/${label.slug}"]`).click();
    await expect(page.locator('h1.list-heading')).toContainText(label.name);
    await page.locator('.site-footer a[href="/archive"]').click();
    await expect(page.locator('h1.list-heading')).toBeVisible();
    const y = archiveIndex().years[0];
    const m = String(y.months[0].month).padStart(2, '0');
    await page.locator(`.archive-overview a[href="/archive/${y.year}/${m}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/archive/${y.year}/${m}$`));
    await expect(page.locator('article.post').first()).toBeVisible();
    const res = await page.goto(origin + '/2020/01/not-a-post');
    expect(res?.status()).toBe(404);
    await expect(page.locator('[data-error="not-found"]')).toBeVisible();
  });
});

test.describe('corrections', () => {
  test('a post changed after publication says when, in its prerendered page and once the app has it', async ({ browser }) => {
    const items = Array.from({ length: homePage(1)._frontera!.total_pages }, (_, i) => homePage(i + 1).items).flat();
    const changed = items.filter((i) => postDoc(i._frontera!.path).date_modified);
    const unchanged = items.find((i) => !postDoc(i._frontera!.path).date_modified)!;
    expect(changed.length, 'the sample content has a corrected post').toBeGreaterThan(0);
    for (const js of [false, true]) {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const tab = await context.newPage();
      for (const item of changed) {
        await tab.goto(origin + item._frontera!.path);
        if (js) await expect(tab.locator('body')).toHaveAttribute('data-hydrated', '');
        const updated = tab.locator('main .post-date .post-updated');
        await expect(updated).toHaveText(/^Updated \w+day, \w+ \d{1,2}, \d{4}$/);
        await expect(updated.locator('time')).toHaveAttribute('datetime', postDoc(item._frontera!.path).date_modified!);
      }
      await tab.goto(origin + unchanged._frontera!.path);
      await expect(tab.locator('main .post-date time')).toHaveCount(1);
      await expect(tab.locator('main .post-updated')).toHaveCount(0);
      await context.close();
    }
  });
});

test.describe('read more', () => {
  test('a list shows a post\'s opening up to its break and links to the rest, with and without JavaScript', async ({ browser }) => {
    const items = Array.from({ length: homePage(1)._frontera!.total_pages }, (_, i) => homePage(i + 1).items);
    const page = items.findIndex((list) => list.some((i) => i._frontera!.more));
    expect(page, 'the sample content has a post with a "read more" break').toBeGreaterThanOrEqual(0);
    const item = items[page].find((i) => i._frontera!.more)!;
    const whole = postDoc(item._frontera!.path).content_html!;
    expect(whole.length).toBeGreaterThan(item.content_html!.length);
    for (const js of [false, true]) {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const tab = await context.newPage();
      await tab.goto(origin + (page === 0 ? '/' : `/page/${page + 1}`));
      if (js) await expect(tab.locator('body')).toHaveAttribute('data-hydrated', '');
      const article = tab.locator('main article.post').filter({ has: tab.locator('h3.post-title', { hasText: item.title! }) });
      await expect(article.locator('.prose p')).toHaveCount((item.content_html!.match(/<p>/g) || []).length);
      // Only posts with a break have the link, and its name says which post it continues.
      await expect(tab.locator('main .read-more')).toHaveCount(items[page].filter((i) => i._frontera!.more).length);
      const more = article.locator('.read-more a');
      const title = item.title!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await expect(more).toHaveAccessibleName(new RegExp(`^Read more » ?: ${title}$`));
      await more.click();
      await expect(tab).toHaveURL(origin + item._frontera!.path);
      await expect(tab.locator('main h1.post-title')).toHaveText(item.title!);
      await expect(tab.locator('main article.post div.prose:not(.comment-text) p')).toHaveCount((whole.match(/<p>/g) || []).length);
      await expect(tab.locator('main .read-more')).toHaveCount(0);
      await context.close();
    }
  });
});

test.describe('with JavaScript: the app takes the page over', () => {
  const problems = (page: Page) => {
    const found: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        const t = m.text();
        // Chromium's own note about preload integrity, and the absent comment server of this
        // static host, are not the app's.
        if (/integrity. attribute is currently ignored|Failed to load resource|preloaded using link preload/.test(t)) return;
        found.push(t);
      }
    });
    page.on('pageerror', (e) => found.push(e.message));
    return found;
  };
  const interactive = (page: Page) => expect(page.locator('body')).toHaveAttribute('data-hydrated', '');

  for (const kind of ['home', 'post', 'page 2', 'label', 'archive', 'month', 'standing page'] as const) {
    test(`${kind}: hydrates without an error, no layout shift, each document fetched once`, async ({ page }) => {
      const y = archiveIndex().years[0];
      const route = {
        home: '/',
        post: homePage(1).items[1]._frontera!.path,
        'page 2': '/page/2',
        label: `/label/${labelIndex().labels[0].slug}`,
        archive: '/archive',
        month: `/archive/${y.year}/${String(y.months[0].month).padStart(2, '0')}`,
        'standing page': pagesIndex().pages[0].path,
      }[kind];
      const found = problems(page);
      const fetched = new Map<string, number>();
      page.on('request', (r) => {
        if (r.url().endsWith('.json')) fetched.set(r.url(), (fetched.get(r.url()) ?? 0) + 1);
      });
      await page.addInitScript(() => {
        (window as any).__cls = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // The comment thread is asked for once the app is interactive; its answer is held until
      // the text has been compared, so the comparison does not depend on who wins that race.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/comments/**', async (r) => {
        await held;
        await r.abort();
      });
      await page.goto(origin + route);
      // Everything prerendered stays as it was. The comment section's thread and form are
      // client-only and mount as soon as the app is interactive (they add to the section's
      // end), so of that section only what the static page has is compared.
      const prerendered = async () => [
        ...(await page.locator('main > :not(#comments)').allInnerTexts()),
        ...(await page.locator('#comments > h2, #comments > .moderation-notice').allInnerTexts()),
      ];
      const before = await prerendered();
      expect(before.join('').length).toBeGreaterThan(0);
      await interactive(page);
      expect(await prerendered()).toEqual(before);
      release();
      expect(found).toEqual([]);
      for (const [url, n] of fetched) expect(n, url).toBe(1);
      expect(await page.evaluate(() => (window as any).__cls)).toBe(0);
      // Client-side navigation after hydration, with no new page load.
      await page.evaluate(() => ((window as any).__same = true));
      await page.locator('.site-footer a[href="/archive"]').click();
      await expect(page).toHaveURL(/\/archive$/);
      await expect(page.locator('h1.list-heading')).toBeVisible();
      expect(await page.evaluate(() => (window as any).__same)).toBe(true);
      expect(found).toEqual([]);
    });
  }
});
