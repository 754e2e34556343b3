// Issue 10: the injection corpus through the prerendered HTML. Hostile titles and content must be
// as inert in the static pages as in the app (tests/e2e/injection.spec.ts), and there they meet
// another sanitiser (ammonia, in the prerenderer) and other escaping (Leptos' server rendering,
// the crawlers' head with its JSON-LD).
//
// Before the tests, a hostile site is made in a temporary folder: the built app from dist/ with
// data documents that carry every payload in every field the app renders
// (tests/e2e/corpus/hostile-site.ts), and the real prerenderer is run on it. The result is served
// by the plain static host (tests/e2e/static-server.mjs) and every page is loaded in Chromium
// with JavaScript on, the app's own code blocked (so what runs can only be what the HTML itself
// holds) and the page's Content-Security-Policy bypassed (so escaping and sanitising alone are
// proved). Then the injection suite's detector (tests/e2e/corpus/detector.ts) provokes and audits
// each page. The HTML source itself is also read: its only scripts are the app's, and the JSON-LD
// holds the hostile post intact. Last, with the app loading normally, the hostile pages hydrate
// and still nothing runs.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { HOSTILE_PORT } from '../../playwright.config';
import { xssPayloads } from './corpus/xss-payloads';
import { fill, FIELDS, joined, N } from './corpus/documents';
import { expectAppIntact, expectNothingGotThrough, provoke, routeIsso, watch, type Arena } from './corpus/detector';
import { BODY_POST, bodyLinks, CHUNKS, LABEL, PAGES, TEXT_POST, writeHostileSite } from './corpus/hostile-site';
import { commentSection, distDir, expect, re, repoRoot, test } from './helpers';

const origin = `http://127.0.0.1:${HOSTILE_PORT}`;

test.use({ bypassCSP: true });
// One hostile site and one server for the file: its tests run in order, in one worker.
test.describe.configure({ mode: 'default' });

/** The prerendered comment placeholder's `<noscript>` (src/pages/post.rs), the app's own. */
const OWN = 'section#comments > noscript';

let site = '';
let server: ChildProcess | undefined;

/** Runs a command in the repository; rejects with its output when it fails. */
function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${out}`))));
  });
}

test.beforeAll(async () => {
  // The prerenderer's dev build exists after scripts/test's native tests and release build;
  // if it had to be compiled here, that alone would take minutes.
  test.setTimeout(120_000);
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-hostile-'));
  writeHostileSite(distDir, site);
  const log = await run('cargo', ['run', '--offline', '--quiet', '--profile', 'dev', '-p', 'frontera-prerender', '--', '--dist', site]);
  // Every route, the search page (its document is the labels index, whose names it lists as
  // filters), and 404.html.
  expect(log, 'the prerenderer rendered every page').toContain(`${PAGES.length + 2} pages`);
  // A file only this run has: the server that answers for it serves this site (not a stale one).
  const token = `hostile-${process.pid}.txt`;
  fs.writeFileSync(path.join(site, token), 'ours');
  server = spawn(process.execPath, [path.join(repoRoot, 'tests/e2e/static-server.mjs'), site, String(HOSTILE_PORT)], { stdio: 'ignore' });
  await expect
    .poll(() => fetch(`${origin}/${token}`).then((r) => r.status, () => 0), { message: `the static server on ${origin}`, timeout: 10_000 })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

interface Visit {
  page: Page;
  arena: Arena;
  errors: string[];
}

/**
 * A new page of `context` for the hostile site, watched by the detector. With `app` false the
 * app's JavaScript and WebAssembly are blocked: a page is its HTML alone.
 */
async function prepare(context: BrowserContext, app: boolean): Promise<Visit> {
  const page = await context.newPage();
  const arena = await watch(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  // Broken media (`<img src=x>`) fail at once, rather than with the site's not-found page.
  await page.route(
    (u) => u.origin === origin,
    (r) => (['image', 'media'].includes(r.request().resourceType()) ? r.fulfill({ status: 404, body: '' }) : r.fallback()),
  );
  if (app) await routeIsso(page);
  else await page.route((u) => u.origin === origin && /\.(js|wasm)$/.test(u.pathname), (r) => r.abort('blockedbyclient'));
  return { page, arena, errors };
}

/** Loads `route` of the hostile site into the page of `v`. */
async function go({ page, arena }: Visit, route: string) {
  arena.allowed.add(origin + route);
  const res = await page.goto(origin + route);
  expect(res?.status(), route).toBe(route.startsWith('/no/') ? 404 : 200);
}

/**
 * Loads each of `routes` and runs `check` on it, in `lanes` pages side by side (each page goes
 * from route to route: pages wait on images and settling as much as on the CPU).
 */
async function visitAll(context: BrowserContext, routes: readonly string[], lanes: number, app: boolean, check: (v: Visit, route: string) => Promise<void>) {
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const v = await prepare(context, app);
      for (const route of routes.filter((_, i) => i % lanes === lane)) {
        await go(v, route);
        await check(v, route);
      }
      await v.page.close();
    }),
  );
}

/** Provokes and audits a loaded page. `content`: it shows content (not the not-found view). */
async function expectInert({ page, arena, errors }: Visit, label: string, content = true) {
  await provoke(page);
  await expectNothingGotThrough(page, arena, label, OWN);
  if (content) await expectAppIntact(page);
  else await expect(page.locator('header.masthead a.site-title')).toBeVisible();
  expect(errors, `${label}: uncaught errors`).toEqual([]);
}

const marker = (field: keyof typeof FIELDS) => `__xss(${FIELDS[field] * 1000})`;
/** A string as the HTML parser gives it back from an attribute: NUL becomes U+FFFD. */
const parsed = (s: string) => s.replaceAll('\0', '\uFFFD');
const scriptPlain = xssPayloads.findIndex((p) => p.name === 'script-plain');

/** What every page of the hostile site shows around its content. */
async function expectFrame(page: Page) {
  await expect(page.locator('header.masthead .site-title')).toContainText(marker('blog_title'));
  await expect(page.locator('header.masthead .tagline')).toContainText(marker('blog_tagline'));
  await expect(page.locator('aside .labels-widget li')).toHaveCount(N + 1);
  await expect(page.locator('aside .labels-widget li').first()).toContainText(marker('label_index_name'));
}

test('every page of the hostile site was prerendered from its documents', () => {
  for (const { path: p } of PAGES) {
    const file = path.join(site, p, 'index.html');
    expect(fs.existsSync(file), `${p} is a file`).toBe(true);
    const html = fs.readFileSync(file, 'utf8');
    // For this route only (index.html, read as the shell, was the built site's home page) …
    expect(html.match(/ data-prerendered="[^"]*"/g), p).toEqual([` data-prerendered="${p}"`]);
    // … and from the hostile documents.
    expect(html, p).toContain(marker('blog_title'));
  }
  expect(fs.existsSync(path.join(site, '404.html'))).toBe(true);
});

test('lists, HTML alone: every payload in the fields of an item, the blog title, the labels', async ({ context }) => {
  test.setTimeout(90_000); // four lists, one with an item per payload, on a shared 2-core machine
  const lists = PAGES.filter((p) => p.kind === 'list');
  await visitAll(context, lists.map((p) => p.path), 2, false, async (v, route) => {
    const items = lists.find((p) => p.path === route)!.items!;
    const posts = v.page.locator('main article.post');
    await expect(posts).toHaveCount(items.length);
    await expect(posts.locator('.prose')).toHaveCount(items.length);
    await expect(posts.locator('.post-labels a[rel="tag"]')).toHaveCount(2 * items.length);
    // A source is a link to an http(s) URL only; an item's path is its link only when it is a
    // post route (none of the payloads is), else the item's route comes from its date and slug.
    const http = items.filter((i) => /^\s*https?:\/\//i.test(fill(xssPayloads[i], i, 'source_url')));
    await expect(posts.locator('.source a')).toHaveCount(http.length);
    const hrefs = await posts.locator('h3.post-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs, `${route}: title links`).toEqual(items.map((i) => `/2024/03/xss-${i}`));
    // Text stays text: the title of a <script> payload is shown literally.
    const plain = items.indexOf(scriptPlain);
    if (plain >= 0) await expect(posts.nth(plain).locator('h3.post-title a')).toHaveText(fill(xssPayloads[scriptPlain], scriptPlain, 'title'));
    await expectFrame(v.page);
    if (route.startsWith('/label/')) await expect(v.page.locator('main h1.list-heading')).toContainText(marker('label_index_name'));
    if (route.startsWith('/archive/')) await expect(v.page.locator('main h1.list-heading')).toHaveText('Posts from March 2024');
    await expectInert(v, route);
  });
});

test('archive and not-found pages, HTML alone: the hostile frame around them', async ({ context }) => {
  await visitAll(context, ['/archive', '/no/such/page'], 1, false, async (v, route) => {
    if (route === '/archive') await expect(v.page.locator('main .archive-overview a[href="/archive/2024/03"]')).toBeVisible();
    else await expect(v.page.locator('[data-error="not-found"]')).toBeVisible();
    await expectFrame(v.page);
    await expectInert(v, route, route === '/archive');
  });
});

test('post page, HTML alone: every payload in every text field and in the head', async ({ context }) => {
  const v = await prepare(context, false);
  await go(v, TEXT_POST);
  const { page } = v;
  await expect(page.locator('main h1.post-title')).toContainText(marker('title'));
  await expect(page.locator('main .post-labels a[rel="tag"]')).toHaveCount(N + 1);
  await expect(page.locator('main .byline .author')).toContainText(marker('byline'));
  await expect(page.locator('main .source')).toContainText(marker('source_name'));
  await expect(page.locator('main nav.post-nav a')).toHaveCount(2);
  await expect(page.locator('main nav.post-nav a').first()).toContainText(marker('nav_title'));
  // Attributes hold the hostile strings whole (the app decodes entities in a summary once).
  await expect(page.locator('main time[datetime]')).toHaveAttribute('datetime', parsed(joined('date_published')));
  await expect(page.locator('main h1.post-title')).toHaveAttribute('lang', parsed(joined('language')));
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute('content', new RegExp(re(marker('summary'))));
  await expect(page.locator('head meta[property="og:title"]')).toHaveAttribute('content', parsed(joined('title')));
  await expect(page.locator('section#comments noscript')).toHaveCount(1);
  expect(await page.title()).toContain(marker('title'));
  await expectFrame(page);
  await expectInert(v, TEXT_POST);
});

test('post pages, HTML alone: the corpus in chunks of bodies, URL-like payloads in the links', async ({ context }) => {
  test.setTimeout(90_000); // six pages, on a shared 2-core machine
  const seen = new Set<number>();
  await visitAll(context, CHUNKS.map((_, k) => BODY_POST(k)), 2, false, async (v, route) => {
    const k = Number(route.slice(BODY_POST(0).length - 1));
    const c = CHUNKS[k];
    await expect(v.page.locator('main h1.post-title')).toHaveText(`xss-body-${k}`);
    // A neighbour whose path is no post route of this blog is no link; the source is a link
    // only to an http(s) URL, and then holds it whole in its href.
    await expect(v.page.locator('main nav.post-nav a')).toHaveCount(0);
    await expect(v.page.locator('main .source')).toContainText('Port log');
    const source = bodyLinks(k).source.trim();
    const http = /^https?:\/\//i.test(source);
    await expect(v.page.locator('main .source a')).toHaveCount(http ? 1 : 0);
    if (http) await expect(v.page.locator('main .source a')).toHaveAttribute('href', parsed(source));
    const sync = v.page.locator('main .prose p[title^="sync-"]');
    await expect(sync.first()).toHaveAttribute('title', `sync-${c[0]}`);
    for (const t of await sync.evaluateAll((ps) => ps.map((p) => p.getAttribute('title')!))) seen.add(Number(t.slice(5)));
    await expectInert(v, route);
  });
  // A payload may swallow the ones after it in a body (some are made to); each of them is also
  // sanitised on its own in a list item of the home page, above.
  expect(seen.size, 'payloads parsed on their own in the post bodies').toBeGreaterThan(N / 2);
});

/** A script element as DOMParser found it. */
interface Script {
  type: string;
  in: string;
  text: string;
}
const isLd = (s: Script) => s.type === 'application/ld+json';

/**
 * The JSON-LD of a post page's source: it ends at the first `</script` after it, where the
 * parser ended it, and holds nothing that would move the parser's end (after `<!--`, a `<script`
 * keeps `</script>` from ending the element): hostile strings can neither close it early nor
 * make it swallow the page. It reads back as JSON, the hostile strings intact.
 */
function expectJsonLd(route: string, html: string, ld: Script, description: string | undefined) {
  const start = /<script type="application\/ld\+json"[^>]*>/.exec(html)!;
  const rest = html.slice(start.index + start[0].length);
  const raw = rest.slice(0, rest.search(/<\/script/i));
  expect(raw, `${route}: JSON-LD`).not.toMatch(/<!--|<script/i);
  expect(ld.text, `${route}: where the parser ends the JSON-LD`).toBe(raw);
  const data = JSON.parse(raw);
  expect(data['@type']).toBe('NewsArticle');
  expect(data.publisher.name, `${route}: the blog's title`).toBe(joined('blog_title'));
  if (route !== TEXT_POST) return;
  expect(data.headline).toBe(joined('title'));
  // The page's own description, as the app wrote it (entities in a summary decoded once).
  expect(parsed(data.description)).toBe(description);
  expect(data.description).toContain(marker('summary'));
  expect(data.author.name).toBe(joined('byline'));
  expect(data.datePublished).toBe(joined('date_published'));
  expect(data.inLanguage).toBe(joined('language'));
}

test("the HTML source: no script but the app's own; the JSON-LD holds the hostile post intact", async ({ page, request }) => {
  // The source as a browser parses it, without running it (DOMParser: scripting off, so a
  // <noscript>'s content is parsed as markup too).
  await page.goto(`${origin}/config.json`);
  const parse = (html: string) =>
    page.evaluate((src) => {
      const d = new DOMParser().parseFromString(src, 'text/html');
      const scripts = [...d.querySelectorAll('script')].map((s) => ({
        type: s.getAttribute('type') ?? '',
        in: s.parentElement?.tagName.toLowerCase() ?? '',
        text: s.textContent ?? '',
      }));
      return { scripts, description: d.querySelector('meta[name="description"]')?.getAttribute('content') ?? undefined };
    }, html);
  // The shell's scripts: the theme's (index.html: sets <html data-theme> before the first paint,
  // src/components/theme.rs), the import map and the loader (scripts/postbuild.mjs).
  const own = (await parse(fs.readFileSync(path.join(distDir, 'index.html'), 'utf8'))).scripts.filter((s) => !isLd(s));
  expect(own.map((s) => `${s.type} in ${s.in}`)).toEqual([' in head', 'importmap in head', 'module in head']);
  expect(own[0].text).toContain('frontera-theme');
  for (const route of [...PAGES.map((p) => p.path), '/search', '/no/such/page']) {
    const html = await (await request.get(origin + route)).text();
    const { scripts, description } = await parse(html);
    expect(scripts.filter((s) => !isLd(s)), `${route}: scripts other than the app's own`).toEqual(own);
    const post = route.startsWith('/2024/');
    expect(scripts.filter(isLd).map((s) => s.in), `${route}: JSON-LD`).toEqual(post ? ['head'] : []);
    if (post) expectJsonLd(route, html, scripts.find(isLd)!, description);
    // Nothing hostile opened a second title or description (the not-found page has none).
    expect(html.match(/<title>/g)?.length, `${route}: one title`).toBe(1);
    expect(html.match(/<meta name="description"/g)?.length ?? 0, `${route}: descriptions`).toBe(route === '/no/such/page' ? 0 : 1);
  }
});

test('with the app: the hostile pages hydrate and still nothing runs', async ({ context }) => {
  test.setTimeout(90_000); // the app's start and a list of every payload, on a shared 2-core machine
  await visitAll(context, ['/', TEXT_POST, BODY_POST(0)], 2, true, async (v, route) => {
    await expect(v.page.locator('body')).toHaveAttribute('data-hydrated', '');
    await expectFrame(v.page);
    // Interactive: on a post the comment form took the placeholder's place.
    if (route.startsWith('/2024/')) await expect((await commentSection(v.page)).locator('textarea#comment-text')).toBeVisible();
    else await expect(v.page.locator('main article.post')).toHaveCount(N);
    await expectInert(v, `${route}, hydrated`);
  });
});
