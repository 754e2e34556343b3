// Issue 12: a Blogger blog moved with `frontera-compile import-blogger`, end to end. Before the
// tests, the fixture export (crates/frontera-compile/tests/fixtures/blogger/export.xml) is imported,
// compiled with its redirects and prerendered into a copy of the built app in a temporary folder;
// its comments go into a fresh Isso through `scripts/isso import`. The site is served three times: by
// the plain static host (tests/e2e/static-server.mjs: no rules, as a bucket serves files) and by
// a small host of this file's own that applies `_redirects` (as Netlify or Cloudflare Pages do) in
// front of it; and by sirv, which looks for `/x.html` before `/x/index.html`. Ports:
// FRONTERA_E2E_PORT + 5, + 6 and + 7 (playwright.config.ts uses + 2 … + 4); Isso on a free port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { commentSection, distDir, expect, repoRoot, test } from './helpers';
import { freePort, issoCli } from './isso';

const BASE = Number(process.env.FRONTERA_E2E_PORT || 4178);
const STATIC_PORT = BASE + 5;
const RULES_PORT = BASE + 6;
const site = `http://127.0.0.1:${STATIC_PORT}`;
const withRules = `http://127.0.0.1:${RULES_PORT}`;
const HTML_FIRST_PORT = BASE + 7;
const htmlFirst = `http://127.0.0.1:${HTML_FIRST_PORT}`;
const FIXTURE = path.join(repoRoot, 'crates/frontera-compile/tests/fixtures/blogger/export.xml');
const POST = '/2019/05/night-market-opens-on-calle-aduana';

// The comment server is on another origin than the test site, which the shipped policy's
// connect-src does not name (comments.spec.ts does the same; csp.spec.ts checks the real policy).
test.use({ bypassCSP: true });
test.describe.configure({ mode: 'default' });

let tmp = '';
let issoData = '';
let children: ChildProcess[] = [];
let rules: http.Server | undefined;

function cargo(...args: string[]) {
  return execFileSync('cargo', ['run', '--offline', '--quiet', '--profile', 'dev', ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a long-running child and waits until `url` answers. */
async function serve(cmd: string, args: string[], url: string, log: string) {
  const out = fs.openSync(log, 'a');
  const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  children.push(child);
  const deadline = Date.now() + 30_000;
  while ((await fetch(url).then((r) => r.status, () => 0)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${cmd} did not serve ${url}:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A host that applies `_redirects` (path match, 301, query kept) and serves the rest from `to`. */
function rulesHost(file: string, to: string): http.Server {
  const table = new Map<string, string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [from, target, status] = line.split(' ');
    if (!line.startsWith('#') && status === '301') table.set(decodeURIComponent(from), target);
  }
  return http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const target = table.get(decodeURIComponent(url.pathname));
    if (target) {
      res.writeHead(301, { location: target + url.search });
      res.end();
      return;
    }
    const upstream = await fetch(to + req.url, { redirect: 'manual' });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') || 'application/octet-stream' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
}

test.beforeAll(async () => {
  // Import, compile and prerender take about a second each once the tools are built (scripts/test
  // builds them before Playwright runs).
  test.setTimeout(180_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-blogger-'));
  const [content, www, root] = ['content', 'www', 'site-root'].map((d) => path.join(tmp, d));
  issoData = path.join(tmp, 'isso');
  const report = cargo('-p', 'frontera-compile', '--', 'import-blogger', FIXTURE, '--into', content);
  expect(report).toContain('3 posts, 1 pages, 5 labels, 5 comments (2 replies) in 2 threads');
  // The built app, without its own pages and data.
  fs.mkdirSync(www);
  for (const e of fs.readdirSync(distDir, { withFileTypes: true })) {
    const from = path.join(distDir, e.name);
    if (e.isDirectory() && e.name === 'snippets') fs.cpSync(from, path.join(www, e.name), { recursive: true });
    else if (e.isFile() && (e.name === 'index.html' || /\.(js|wasm|css|svg|ico|png)$/.test(e.name))) fs.copyFileSync(from, path.join(www, e.name));
  }
  const issoPort = await freePort();
  const config = JSON.parse(fs.readFileSync(path.join(distDir, 'config.json'), 'utf8'));
  Object.assign(config, { site_url: `${site}/`, title: 'Crónica de la Línea (Blogger)', comments: { server: `http://127.0.0.1:${issoPort}/`, policy_url: null } });
  fs.writeFileSync(path.join(www, 'config.json'), JSON.stringify(config));
  cargo('-p', 'frontera-compile', '--', '--config', path.join(www, 'config.json'), '--content', path.join(content, 'posts'), '--out', path.join(www, 'data'), '--site-root', root, '--redirects', path.join(content, 'redirects.json'));
  fs.cpSync(root, www, { recursive: true });
  cargo('-p', 'frontera-prerender', '--', '--dist', www); // throws if any page fails
  // The comments, into a fresh Isso, which then serves them.
  execFileSync(path.join(repoRoot, 'scripts/isso'), ['import', '--data', issoData, path.join(content, 'blogger/comments.wxr.xml')], { stdio: 'pipe' });
  const isso = path.join(repoRoot, 'scripts/isso');
  await serve(isso, ['run', '--data', issoData, '--port', String(issoPort), '--origin', site], `http://127.0.0.1:${issoPort}/config`, path.join(tmp, 'isso.log'));
  await serve('node', ['tests/e2e/static-server.mjs', www, String(STATIC_PORT)], `${site}/config.json`, path.join(tmp, 'static.log'));
  await serve(path.join(repoRoot, 'node_modules/.bin/sirv'), [www, '--port', String(HTML_FIRST_PORT), '--host', '127.0.0.1', '--quiet'], `${htmlFirst}/config.json`, path.join(tmp, 'sirv.log'));
  rules = rulesHost(path.join(www, '_redirects'), site);
  await new Promise<void>((r) => rules!.listen(RULES_PORT, '127.0.0.1', r));
});

test.afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  children = [];
  await new Promise((r) => (rules ? rules.close(r) : r(null)));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('an imported post: text, picture, links, no script', async ({ page }) => {
  await page.goto(site + POST);
  await expect(page.locator('h1.post-title')).toHaveText('Night market opens on Calle Aduana');
  const body = page.locator('div.prose:not(.comment-text)').first();
  await expect(body).toContainText('Forty stalls opened on Calle Aduana on Saturday night');
  await expect(body.locator('img[src="https://blogger.example/img/market.jpg"]')).toHaveAttribute('alt', 'Stalls under string lights');
  await expect(body.locator('a[href="https://www.youtube.example/embed/mercado01"]')).toBeVisible();
  await expect(body.locator('iframe, script')).toHaveCount(0);
  expect(await page.title()).not.toContain('pwned');
});

test('Blogger\'s jump break: the home page shows the opening and "Read more", the post all of it', async ({ page }) => {
  await page.goto(`${site}/`);
  const article = page.locator('main article.post').filter({ has: page.locator('h3.post-title', { hasText: 'Night market opens on Calle Aduana' }) });
  await expect(article.locator('.prose')).toContainText('Forty stalls opened');
  await expect(article.locator('.prose')).not.toContainText('Vendors from Ocaso Wells');
  await article.locator('.read-more a').click();
  await expect(page).toHaveURL(site + POST);
  await expect(page.locator('div.prose:not(.comment-text)').first()).toContainText('Vendors from Ocaso Wells');
  await expect(page.locator('main .read-more')).toHaveCount(0);
});

test('the archive counts the imported posts, and not the page', async ({ page }) => {
  await page.goto(`${site}/archive`);
  await expect(page.locator('section.archive-year h2')).toHaveText([/^2020\D+1\b/, /^2019\D+2\b/]);
});

test('labels, and the page at /p/ from the masthead, in no list', async ({ page }) => {
  await page.goto(`${site}/label/educacion`);
  await expect(page.locator('h1.list-heading')).toContainText('Educación');
  await expect(page.locator('h3.post-title')).toHaveText(['Ocaso Wells school board adds a bilingual bus route', 'Se desborda el arroyo El Tecolote']);
  await expect(page.locator('aside .labels-widget')).not.toContainText('Pages');
  await page.goto(`${site}/`);
  await expect(page.locator('h3.post-title')).toHaveCount(3);
  await expect(page.locator('main')).not.toContainText('Quiénes somos');
  await page.locator('nav.pages-nav a', { hasText: 'About us / Quiénes somos' }).click();
  await page.waitForURL(`${site}/p/about`);
  await expect(page.locator('h1.post-title')).toHaveText('About us / Quiénes somos');
  await expect(page.locator('main')).toContainText('We report from both sides of the line.');
});

test('old addresses land on the new pages, on a host without rules', async ({ page }) => {
  // A post's or page's old address is the page itself (the prerenderer puts it over the
  // compiler's redirect), canonical to the new one, and the app takes it over in place.
  for (const [old, now] of [
    [`${POST}.html?m=1`, POST],
    ['/2019/07/se-desborda-el-arroyo.html?showComment=1564412400000#c3006', '/2019/07/se-desborda-el-arroyo'],
    ['/p/about.html', '/p/about'],
  ]) {
    const res = await page.goto(site + old);
    expect(res!.status()).toBe(200);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', site + now);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expect(page.locator('h1.post-title')).toBeVisible();
  }
  // Other old addresses are redirect pages.
  for (const [old, now] of [
    ['/search/label/Educaci%C3%B3n?max-results=20', '/label/educacion'],
    ['/2019/07/', '/archive/2019/07'],
  ]) {
    await page.goto(site + old);
    await page.waitForURL(site + now);
    await expect(page.locator('h1.list-heading')).toBeVisible();
  }
});

test('a host that serves slug.html for /slug (sirv, GitHub Pages) shows each imported post at its address', async ({ page }) => {
  // sirv, as the README serves dist/, looks for `/x.html` before `/x/index.html`; so do GitHub
  // Pages and Cloudflare Pages. A redirect page at the old address would answer the new one too.
  // The comment server answers the test site's origin only: its refusals here are not the page's.
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && !/CORS|Failed to load resource/.test(m.text()) && errors.push(m.text()));
  for (const path of [POST, '/2019/07/se-desborda-el-arroyo', '/p/about']) {
    const html = await (await fetch(htmlFirst + path)).text();
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain(`data-prerendered="${path}"`);
    await page.goto(htmlFirst + path);
    expect(page.url()).toBe(htmlFirst + path);
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expect(page.locator('h1.post-title')).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('old addresses are 301s on a host that applies _redirects', async ({ page }) => {
  const res = await fetch(`${withRules}/2019/07/se-desborda-el-arroyo.html?m=1`, { redirect: 'manual' });
  expect(res.status).toBe(301);
  expect(res.headers.get('location')).toBe('/2019/07/se-desborda-el-arroyo?m=1');
  const feed = await fetch(`${withRules}/feeds/posts/default?alt=rss`, { redirect: 'manual' });
  expect(feed.headers.get('location')).toBe('/atom.xml?alt=rss');
  await page.goto(`${withRules}/search/label/Lluvias%20y%20crecidas`);
  await page.waitForURL(`${withRules}/label/lluvias-y-crecidas`);
  await expect(page.locator('h3.post-title')).toHaveText(['Se desborda el arroyo El Tecolote']);
});

test('the imported comment thread, replies and all, from Isso', async ({ page }) => {
  await page.goto(site + POST);
  const section = await commentSection(page);
  await expect(section.locator('.comments-count')).toHaveText('4 comments');
  const comments = section.locator('article.comment');
  await expect(comments).toHaveCount(4);
  const numbers = await comments.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
  expect(numbers).toEqual(['1', '1.1', '1.2', '2']);
  await expect(comments.locator('.comment-author')).toHaveText(['Lupita Ibarra', 'Anonymous', 'Don Chema', 'Anonymous']);
  await expect(comments.nth(0).locator('a.comment-author')).toHaveAttribute('href', 'https://lupita.example/');
  await expect(comments.nth(0).locator('.comment-text strong')).toHaveText('best');
  await expect(comments.nth(2).locator('.comment-text a')).toHaveAttribute('href', 'https://example.org/market-rules');
  // Isso's Markdown knows `~sub~` and `^sup`: a Blogger comment's tildes stay tildes.
  await expect(comments.nth(1).locator('.comment-text')).toContainText('¿Hasta qué hora abren el domingo? ~ironía~ 2^10');
  await expect(comments.nth(1).locator('.comment-text :is(sub, sup)')).toHaveCount(0);
  await expect(comments.nth(0).locator('time')).toHaveAttribute('datetime', /^2019-05-12T17:00:00/);
  await expect(section).not.toContainText('removed by the author');
});

test('a new reply joins the imported thread', async ({ page }) => {
  await page.goto(site + POST);
  const section = await commentSection(page);
  const first = section.locator('article.comment[data-number="1"]');
  await first.getByRole('button', { name: 'Reply' }).click();
  const form = section.locator('.comment-reply-form form');
  await form.locator('textarea').fill('Still open on Sundays in 2026, and the elotes are as good.');
  await form.getByLabel(/^Name/).fill('Beto');
  await form.getByRole('button', { name: 'Post reply' }).click();
  await expect(form.locator('[data-status="pending"]')).toBeVisible();
  const ids = issoCli('pending', '--data', issoData).trim().split('\n').map((l) => String(JSON.parse(l).id));
  expect(ids).toHaveLength(1);
  issoCli('approve', '--data', issoData, ...ids);
  await page.reload();
  await expect(section.locator('.comments-count')).toHaveText('5 comments');
  await expect(section.locator('article.comment[data-number="1.3"] .comment-author')).toHaveText('Beto');
});
