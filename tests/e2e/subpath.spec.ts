// Sub-path deployment (issue 10): the same site built with `trunk build --public-url /blog/`
// (scripts/test writes it to dist-blog/) on a plain static host that serves that folder under
// /blog/ only, with no rewrite rules. Every link, asset and data request stays under /blog/,
// pages read with JavaScript off, and with JavaScript on the app hydrates and navigates there.
import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SUBPATH_PORT } from '../../playwright.config';
import { expect, homePage, labelIndex, archiveIndex, repoRoot, test } from './helpers';

const dir = path.resolve(repoRoot, process.env.FRONTERA_E2E_SUBPATH_DIST || 'dist-blog');
const origin = `http://127.0.0.1:${SUBPATH_PORT}`;
const blog = `${origin}/blog`;
let server: ChildProcess;

// One server on one port: the file's tests run in one worker, in order.
test.describe.configure({ mode: 'default' });

test.beforeAll(async () => {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir} is missing: build it with trunk build --release --offline --public-url /blog/ --dist ${dir}`);
  }
  server = spawn(process.execPath, [path.join(repoRoot, 'tests/e2e/static-server.mjs'), dir, String(SUBPATH_PORT), '/blog/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Ready when the server says it listens (it prints one line then).
  await new Promise<void>((resolve, reject) => {
    server.stdout!.once('data', () => resolve());
    server.once('exit', (code) => reject(new Error(`the static server exited (${code})`)));
  });
});
test.afterAll(() => server?.kill());

/** Every request the page makes, with its status; every one must be under /blog/ and succeed. */
function requests(page: Page) {
  const seen: { url: string; status: number }[] = [];
  page.on('response', (r) => seen.push({ url: r.url(), status: r.status() }));
  return seen;
}
// The comment server is where config.json's `comments.server` says (`/comments/` on the domain,
// beside the blog, in the sample configuration): a setting, not part of the site's own files.
const outside = (seen: { url: string; status: number }[]) =>
  seen
    .filter((r) => r.url.startsWith(origin) && !r.url.startsWith(`${blog}/`) && !r.url.startsWith(`${origin}/comments/`))
    .map((r) => r.url);
const failed = (seen: { url: string; status: number }[], allowed: string[] = []) =>
  seen.filter((r) => r.status >= 400 && !allowed.some((a) => r.url.endsWith(a))).map((r) => `${r.status} ${r.url}`);

/** The hrefs of every same-site link on the page. */
const links = (page: Page) =>
  page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href).filter((h) => h.startsWith(location.origin)));

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader walks the site under /blog/; every link, asset and page stays there', async ({ page }) => {
    const seen = requests(page);
    const first = homePage(1).items[0];
    await page.goto(`${blog}/`);
    await expect(page.locator('h3.post-title').first()).toHaveText(first.title!);
    // The stylesheet applied: the masthead is laid out, not unstyled.
    expect(await page.locator('link[rel="stylesheet"]').count()).toBeGreaterThan(0);
    for (const href of await links(page)) expect(href, 'a link leaves /blog/').toMatch(new RegExp(`^${blog}/`));
    await page.locator(`a[href="/blog${first._frontera!.path}"]`).first().click();
    await expect(page).toHaveURL(`${blog}${first._frontera!.path}`);
    await expect(page.locator('h1.post-title')).toHaveText(first.title!);
    await page.goto(`${blog}/`);
    await page.locator('a[rel="next"]').first().click();
    await expect(page).toHaveURL(`${blog}/page/2`);
    await expect(page.locator('h3.post-title').first()).toHaveText(homePage(2).items[0].title!);
    const label = labelIndex().labels[0];
    await page.locator(`.labels-widget a[href="/blog/label/${label.slug}"]`).click();
    await expect(page.locator('h1.list-heading')).toContainText(label.name);
    await page.locator('.site-footer a[href="/blog/archive"]').click();
    const y = archiveIndex().years[0];
    const m = String(y.months[0].month).padStart(2, '0');
    await page.locator(`.archive-overview a[href="/blog/archive/${y.year}/${m}"]`).click();
    await expect(page.locator('article.post').first()).toBeVisible();
    for (const href of await links(page)) expect(href, 'a link leaves /blog/').toMatch(new RegExp(`^${blog}/`));
    expect(outside(seen)).toEqual([]);
    expect(failed(seen)).toEqual([]);
  });

  test('canonical URLs, the sitemap and the feeds point under /blog/ too', async ({ request }) => {
    // scripts/test builds dist-blog for its own address (FRONTERA_SITE_URL).
    const site = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).site_url as string;
    expect(new URL(site).pathname).toBe('/blog/');
    const under = (url: string) => expect(url.startsWith(site), `${url} is not under ${site}`).toBe(true);
    const first = homePage(1).items[0];
    const html = await (await request.get(`${blog}${first._frontera!.path}`)).text();
    const canonical = html.match(/<link rel="canonical" href="([^"]+)"/)![1];
    expect(canonical).toBe(site.replace(/\/$/, '') + first._frontera!.path);
    expect(html).toContain(`<meta property="og:url" content="${canonical}"`);
    const locs = [...(await (await request.get(`${blog}/sitemap.xml`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.length).toBeGreaterThan(50);
    locs.forEach(under);
    const atom = await (await request.get(`${blog}/atom.xml`)).text();
    const hrefs = [...atom.matchAll(/<link [^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(2);
    hrefs.forEach(under);
    expect(await (await request.get(`${blog}/robots.txt`)).text()).toContain(`Sitemap: ${site}sitemap.xml`);
  });

  test('an unknown URL under /blog/ is the not-found page, status 404, styled from /blog/', async ({ page }) => {
    const seen = requests(page);
    const res = await page.goto(`${blog}/2020/01/not-a-post`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('[data-error="not-found"]')).toBeVisible();
    expect(outside(seen)).toEqual([]);
    expect(failed(seen, ['/2020/01/not-a-post'])).toEqual([]);
    // The page at the site root is not this site.
    expect((await page.request.get(`${origin}/`)).status()).toBe(404);
  });
});

test.describe('with JavaScript', () => {
  test('a post hydrates under /blog/, then client navigation stays under /blog/', async ({ page }) => {
    const seen = requests(page);
    // The comment server is not on this static host; its requests are answered as absent.
    await page.route('**/comments/**', (r) => r.fulfill({ status: 404, body: '' }));
    const post = homePage(1).items[1]._frontera!.path;
    await page.goto(`${blog}${post}`);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expect(page.locator('h1.post-title')).toBeVisible();
    await page.evaluate(() => ((window as any).__same = true));
    await page.locator('.site-footer a[href="/blog/archive"]').click();
    await expect(page).toHaveURL(`${blog}/archive`);
    await expect(page.locator('h1.list-heading')).toBeVisible();
    const label = labelIndex().labels[0];
    await page.locator(`.labels-widget a[href="/blog/label/${label.slug}"]`).click();
    await expect(page).toHaveURL(`${blog}/label/${label.slug}`);
    await expect(page.locator('h1.list-heading')).toContainText(label.name);
    await page.goBack();
    await expect(page).toHaveURL(`${blog}/archive`);
    expect(await page.evaluate(() => (window as any).__same)).toBe(true);
    for (const href of await links(page)) expect(href, 'a link leaves /blog/').toMatch(new RegExp(`^${blog}/`));
    expect(outside(seen)).toEqual([]);
    expect(failed(seen.filter((r) => !r.url.includes('/comments/')))).toEqual([]);
  });

  test('a post linking another post keeps /blog/ in the link', async ({ page }) => {
    await page.route('**/comments/**', (r) => r.fulfill({ status: 404, body: '' }));
    // The posts of this build whose text links another post: the compiler put /blog/ before it.
    const docs = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docs(path.join(d, e.name)) : [path.join(d, e.name)]));
    const linking = docs(path.join(dir, 'data/posts'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')))
      .filter((item) => /href="\/blog\/\d{4}\/\d{2}\//.test(item.content_html ?? ''));
    expect(linking.length, 'a sample post links another post').toBeGreaterThan(0);
    const item = linking[0];
    const target = /href="\/blog(\/\d{4}\/\d{2}\/[^"]+)"/.exec(item.content_html)![1];
    expect(fs.existsSync(path.join(dir, target, 'index.html')), `${target} is a page of the site`).toBe(true);
    // Relative links of a post resolve against its address (config.json's site_url, under /blog/).
    const site = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).site_url as string;
    const want = new URL(`blog${target}`, new URL('/', site)).href;
    await page.goto(`${blog}${item._frontera.path}`);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expect(page.locator(`main .prose a[href="${want}"]`)).toHaveCount(1);
  });

  test('the home page hydrates and its data comes from /blog/data/', async ({ page }) => {
    const seen = requests(page);
    await page.goto(`${blog}/`);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expect(page.locator('h3.post-title').first()).toHaveText(homePage(1).items[0].title!);
    const data = seen.filter((r) => r.url.endsWith('.json')).map((r) => new URL(r.url).pathname);
    expect(data.length).toBeGreaterThan(0);
    for (const p of data) expect(p).toMatch(/^\/blog\/(config\.json|data\/)/);
    expect(outside(seen)).toEqual([]);
  });

  // dist-blog's index comes in bundles of 10 posts (scripts/test), so this search merges several.
  test('search runs under /blog/: its index from /blog/pagefind/, its results link under /blog/', async ({ page }) => {
    const seen = requests(page);
    await page.goto(`${blog}/`);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await page.locator('#site-search').fill('Juarez');
    await page.locator('#site-search').press('Enter');
    await expect(page).toHaveURL(`${blog}/search?q=Juarez`);
    const first = page.locator('main .search-hit h2 a').first();
    await expect(first).toHaveAttribute('href', /^\/blog\/\d{4}\/\d{2}\//);
    const index = seen.filter((r) => r.url.includes('/pagefind/')).map((r) => new URL(r.url).pathname);
    expect(index.length).toBeGreaterThan(0);
    for (const p of index) expect(p).toMatch(/^\/blog\/pagefind\//);
    // Every post that mentions the word is found, whichever bundle holds it.
    const bundles = fs.readdirSync(path.join(dir, 'pagefind')).filter((d) => /^[a-z]{2,3}(-\d+)?$/.test(d));
    expect(bundles.length, 'bundles in dist-blog').toBeGreaterThan(2);
    const posts = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? posts(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
    const mentions = posts(path.join(dir, 'data', 'posts')).filter((f) => {
      const post = JSON.parse(fs.readFileSync(f, 'utf8'));
      return /ju[aá]rez/i.test(`${post.title} ${post.content_html}`);
    }).length;
    expect(mentions).toBeGreaterThan(1);
    await expect(page.locator('main .search-hit')).toHaveCount(mentions);
    await first.click();
    await expect(page.locator('h1.post-title')).toBeVisible();
    expect(outside(seen)).toEqual([]);
    expect(failed(seen.filter((r) => !r.url.includes('/comments/')))).toEqual([]);
  });
});
