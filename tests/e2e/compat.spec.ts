// Third-party JSON Feeds (WordPress, Eleventy, Jekyll, Publii, micro.blog, a custom script) from
// the shared, read-only folder ../shared/feeds/real. Each is served as the site's only feed, with
// no Frontera data folder: the app must render it, sanitise it and never run anything in it.
// The feeds' text is read at test time and never copied into this repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { expect, norm, repoRoot, test } from './helpers';

// FRONTERA_FEEDS_DIR overrides the folder (e.g. to check the skip path with a missing folder).
const feedsDir = process.env.FRONTERA_FEEDS_DIR
  ? path.resolve(process.env.FRONTERA_FEEDS_DIR)
  : path.resolve(repoRoot, '..', 'shared', 'feeds', 'real');
const feedsPresent = fs.existsSync(feedsDir);
const feedFiles = feedsPresent ? fs.readdirSync(feedsDir).filter((f) => f.endsWith('.json')).sort() : [];

if (!feedsPresent) {
  // Say it plainly in the run's output, not only in the report's skip list.
  console.warn(`\n*** compat.spec: SKIPPED — shared feeds folder ${feedsDir} is absent ***\n`);
}

/** The few HTML entities generators put into text fields, decoded, for lenient title matching. */
function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", hellip: '…', nbsp: '\u00a0' };
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (m, n) => named[n.toLowerCase()] ?? m);
}

interface JsonFeedItem {
  id: string;
  url?: string;
  title?: string;
}

async function serveFeed(page: Page, file: string) {
  const body = fs.readFileSync(path.join(feedsDir, file));
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: { title: 'Compat', feed_url: `/__shared/${file}`, default_language: 'en' },
    }),
  );
  await page.route('**/__shared/*', (route) => {
    const requested = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
    if (requested !== file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: 'application/feed+json', body });
  });
}

/** Blocks every request that leaves the test server and records it. */
async function isolate(page: Page): Promise<Request[]> {
  const outside: Request[] = [];
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      outside.push(route.request());
      return route.abort('blockedbyclient');
    },
  );
  return outside;
}

test.describe('third-party JSON Feeds', () => {
  test.skip(!feedsPresent, 'shared feeds folder ../shared/feeds/real is absent');

  test('the shared folder has feeds to test', () => {
    expect(feedFiles.length).toBeGreaterThan(0);
  });

  for (const file of feedFiles) {
    test(file, async ({ page }) => {
      const feed = JSON.parse(fs.readFileSync(path.join(feedsDir, file), 'utf8')) as { items: JsonFeedItem[] };
      const outside = await isolate(page);
      // Anything that executes would most likely show up as a dialog or a global; catch both.
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await serveFeed(page, file);

      await page.goto('/');
      // The prerendered home page (our own posts) shows first; the app then renders the feed.
      await expect(page.locator('header.masthead a.site-title')).toHaveText('Compat');
      const posts = page.locator('main article.post');
      await expect(posts.first()).toBeVisible();
      await expect(page.locator('main .skeleton')).toHaveCount(0);
      expect(await posts.count()).toBeGreaterThanOrEqual(1);

      await test.step('no error view, no archive or labels widgets', async () => {
        await expect(page.locator('section.error-view')).toHaveCount(0);
        await expect(page.locator('.archive-widget')).toHaveCount(0);
        await expect(page.locator('.labels-widget')).toHaveCount(0);
        await expect(page.locator('header.masthead a.site-title')).toHaveText('Compat');
      });

      await test.step('every titled item shows its title', async () => {
        const shown = (await page.locator('main article.post h3.post-title').allInnerTexts()).map(norm);
        const missing = feed.items
          .filter((i) => i.title && i.title.trim())
          .map((i) => norm(i.title!))
          .filter((t) => !shown.includes(t) && !shown.includes(norm(decodeEntities(t))));
        expect(missing, `titles not shown; shown were:\n${shown.join('\n')}`).toEqual([]);
        // No raw markup leaks into titles.
        for (const t of shown) expect(t).not.toMatch(/<\/?[a-z][^>]*>/i);
      });

      await test.step('bodies are sanitised: no scripts, frames, handlers or script URLs', async () => {
        const prose = page.locator('main .prose');
        await expect(prose.locator('script')).toHaveCount(0);
        await expect(prose.locator('iframe')).toHaveCount(0);
        await expect(prose.locator('object, embed, frame, frameset, form, input, button, style, link, meta, base')).toHaveCount(0);
        const bad = await page.evaluate(() => {
          const out: string[] = [];
          for (const el of document.querySelectorAll('main .prose *')) {
            for (const a of Array.from(el.attributes)) {
              const v = a.value.trim().toLowerCase();
              if (a.name.startsWith('on') || a.name === 'style' || a.name === 'srcdoc') out.push(`${el.tagName} ${a.name}`);
              if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) && /^(javascript|vbscript|data:text\/html)/.test(v)) {
                out.push(`${el.tagName} ${a.name}=${a.value}`);
              }
            }
          }
          return out;
        });
        expect(bad).toEqual([]);
        const scriptsOutside = outside.filter((r) => r.resourceType() === 'script').map((r) => r.url());
        expect(scriptsOutside, 'scripts requested from other origins').toEqual([]);
        expect(dialogs).toEqual([]);
        // Only the app's own scripts are in the document.
        const scripts = await page.evaluate(() => Array.from(document.scripts).map((s) => s.src || '(inline) ' + s.text.slice(0, 40)));
        for (const s of scripts) expect(s).not.toMatch(/twitter|widgets\.js|platform\./);
      });

      await page.screenshot({
        path: path.join(repoRoot, 'test-results', 'screenshots', `compat-${file.replace(/\.json$/, '')}.png`),
        animations: 'disabled',
      });

      await test.step("the first post's title opens its post page", async () => {
        const link = page.locator('main article.post h3.post-title a').first();
        const title = norm(await link.innerText());
        const href = await link.getAttribute('href');
        expect(href).toMatch(/^\/\d{4}\/\d{2}\/[a-z0-9-]+$/);
        await link.click();
        await expect(page).toHaveURL(href!);
        await expect(page.locator('main h1.post-title')).toHaveText(title);
        await expect(page.locator('main section.error-view')).toHaveCount(0);
        await expect(page.locator('main .prose script, main .prose iframe')).toHaveCount(0);
        // A post from another site links to its original page.
        const item = feed.items.find((i) => [i.title, decodeEntities(i.title ?? '')].map((t) => norm(t ?? '')).includes(title));
        if (item?.url && /^https?:\/\//.test(item.url)) {
          await expect(page.locator('main article.post .external a')).toHaveAttribute('href', item.url);
        }
        // Reloading the post URL finds the post again from the feed.
        await page.reload();
        await expect(page.locator('main h1.post-title')).toHaveText(title);
      });
    });
  }
});

// Issue 14: relative URLs in a feed's HTML resolve against the item's URL, else the feed's
// home_page_url (JSON Feed 1.1), not against the app page that shows them. Our own fixture,
// tests/fixtures/feeds/relative-urls.json, so this runs without the shared folder.
test('relative image and link URLs resolve against the item, else the feed', async ({ page }) => {
  const body = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/feeds/relative-urls.json'));
  const outside = await isolate(page);
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { title: 'Relative', feed_url: '/__fixture/relative-urls.json', default_language: 'en' } }),
  );
  await page.route('**/__fixture/relative-urls.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/feed+json', body }),
  );
  await page.goto('/');
  const garden = page.locator('main article.post', { hasText: 'Relative links: the garden' }).locator('.prose');
  const img = garden.locator('img');
  await expect(img).toHaveAttribute('src', 'https://feeds.example/blog/2024/05/garden/img/beds.png');
  await expect(img).toHaveAttribute(
    'srcset',
    'https://feeds.example/blog/2024/05/garden/img/beds.png 1x, https://feeds.example/blog/2024/img/beds-2x.png 2x',
  );
  const hrefs = await garden.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual([
    'https://feeds.example/blog/2024/05/april/',
    'https://feeds.example/about',
    'https://cdn.feeds.example/map.pdf',
    'https://seeds.example/catalogue',
    'https://feeds.example/blog/2024/05/garden/#harvest',
    'mailto:garden@feeds.example',
  ]);
  // An item without a URL: the feed's home page is the base.
  const notes = page.locator('main article.post', { hasText: 'without a URL' }).locator('.prose');
  await expect(notes.locator('img')).toHaveAttribute('src', 'https://feeds.example/blog/img/notes.png');
  await expect(notes.locator('a')).toHaveAttribute('href', 'https://feeds.example/blog/notes/');
  // The images were asked of the feed's site, not of this one.
  await expect.poll(() => outside.map((r) => r.url()).filter((u) => u.endsWith('.png')).sort()).toEqual(
    expect.arrayContaining(['https://feeds.example/blog/2024/05/garden/img/beds.png']),
  );
});
