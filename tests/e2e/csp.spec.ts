// The production Content-Security-Policy, subresource integrity and preloads written by
// scripts/postbuild.mjs (docs/security.md), checked on the release build in dist/:
// - the policy is strict (no 'unsafe-inline', no 'unsafe-eval'; 'wasm-unsafe-eval' only) and the
//   same in the <meta> and in _headers, and it is enforced (an extra inline script is refused);
// - a whole reader's journey, comments included, raises zero CSP violations;
// - a wasm, bindings or snippet file that does not match its recorded hash is refused, and the
//   reader gets a message with a reload link instead of a blank page;
// - the first screen's data documents are preloaded and each is fetched exactly once.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import {
  commentSection,
  distDir,
  expect,
  homePage,
  archiveIndex,
  labelIndex,
  test,
  waitForList,
  waitForPost,
  waitForSidebar,
} from './helpers';

const ISSO = `http://127.0.0.1:${process.env.FRONTERA_E2E_ISSO_PORT || 4179}`;
const indexHtml = () => fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
const metaPolicy = () => {
  const m = indexHtml().match(/<meta http-equiv=Content-Security-Policy content="([^"]+)">/);
  if (!m) throw new Error('no CSP <meta> in dist/index.html');
  return m[1];
};
const directives = (policy: string) =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

/** Records CSP violations (the DOM event, which also covers report-only misses) from page start. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as any).__csp as string[])), ...console];
}

test('the policy is strict, identical in <meta> and _headers, and adds frame-ancestors there', () => {
  const policy = metaPolicy();
  const d = directives(policy);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain("'unsafe-eval'");
  expect(d.get('script-src')).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
  // Only hashes besides 'self' and 'wasm-unsafe-eval': no hosts, no wildcards, no nonces.
  expect(d.get('script-src')!.filter((v) => !["'self'", "'wasm-unsafe-eval'"].includes(v)).every((v) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(v))).toBe(true);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'self'"]);
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('style-src')).toEqual(["'self'"]);
  // Trusted Types (issue 14): named policies only, no 'allow-duplicates' (js/trusted-html.js).
  expect(d.get('require-trusted-types-for')).toEqual(["'script'"]);
  expect(d.get('trusted-types')).toEqual(['frontera', 'dompurify', 'frontera-check', 'default']);

  // Every inline script in index.html is covered by a hash, and nothing else is.
  const inline = [...indexHtml().matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`,
  );
  expect(inline.length).toBeGreaterThan(0);
  expect(d.get('script-src')!.filter((v) => v.startsWith("'sha256-")).sort()).toEqual(inline.sort());

  const headers = fs.readFileSync(path.join(distDir, '_headers'), 'utf8');
  expect(headers).toContain(`Content-Security-Policy: ${policy}; frame-ancestors 'none'`);
  expect(headers).toMatch(/\/\*\.wasm\n\s+Cache-Control: public, max-age=31536000, immutable/);
  expect(headers).toMatch(/\/config\.json\n\s+Cache-Control: no-cache/);
});

test('the policy is enforced: an inline script that is not in the policy does not run', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<body([^>]*)>/, '<body$1><script>window.__injected = 1</script>');
    await route.fulfill({ response, body });
  });
  await page.goto('/');
  await waitForList(page);
  expect(await page.evaluate(() => (window as any).__injected)).toBeUndefined();
  expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
});

test('Trusted Types are enforced: a string in innerHTML is refused, posts still render', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  await waitForList(page);
  // A client-side visit renders the post body in the browser, through DOMPurify's policy.
  await page.locator('main article.post h3.post-title a').first().click();
  await waitForPost(page);
  await expect(page.locator('main article.post .prose').first()).not.toBeEmpty();
  expect(await violations()).toEqual([]);
  // A string with script in it, in any HTML sink, is refused (the "default" policy lets through
  // only what DOMPurify would keep whole: Leptos' own templates); harmless HTML is not.
  const outcome = await page.evaluate(() => {
    const el = document.createElement('div');
    const attempt = (html: string) => {
      try {
        el.innerHTML = html;
        return 'assigned';
      } catch (e) {
        return (e as Error).name;
      }
    };
    return [attempt('<img src=x onerror="window.__tt = 1">'), attempt('<p class="note">Plain <em>text</em></p>')];
  });
  expect(outcome).toEqual(['TypeError', 'assigned']);
  expect(await page.evaluate(() => (window as any).__tt)).toBeUndefined();
  expect((await violations()).some((v) => v.startsWith('require-trusted-types-for'))).toBe(true);
});

test('a whole journey, comments included, raises zero CSP violations', async ({ page }) => {
  const violations = await watchViolations(page);
  // The production config serves comments on the app's own origin (/comments/, proxied to Isso):
  // do the same here, forwarding to the test Isso, so the shipped connect-src is what is tested.
  await page.route('**/comments/**', async (route) => {
    const url = new URL(route.request().url());
    const target = ISSO + url.pathname.replace(/^\/comments/, '') + url.search;
    const response = await route.fetch({ url: target });
    await route.fulfill({ response });
  });
  await page.goto('/');
  await waitForList(page);
  await waitForSidebar(page);
  await page.locator('main article.post h3.post-title a').first().click();
  await waitForPost(page);
  const section = await commentSection(page);
  await expect(section.locator('.comments-count')).toBeVisible();
  await section.locator('#comment-text').fill('Checking that the policy lets a comment through.');
  await section.getByRole('button', { name: 'Preview' }).click();
  await expect(section.locator('.comment-preview')).toContainText('Checking that the policy');
  await section.getByRole('button', { name: 'Post comment' }).click();
  await expect(section.locator('.comment-form-status[data-status="pending"]')).toBeVisible();

  await page.getByRole('button', { name: 'Leer en español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.goto(monthRoute());
  await waitForList(page);
  const label = labelIndex().labels[0];
  await page.locator(`aside.sidebar a[href="/label/${label.slug}"]`).first().click();
  await waitForList(page);
  await page.goto('/archive');
  await expect(page.locator('main h1, main h2').first()).toBeVisible();
  await page.goto('/no/such/page/here');
  await expect(page.locator('main')).toBeVisible();
  expect(await violations()).toEqual([]);
});

const tampered: [string, RegExp, (b: Buffer) => Buffer][] = [
  ['the wasm', /_bg\.wasm$/, (b) => { const c = Buffer.from(b); c[c.length - 1] ^= 0x01; return c; }],
  ['the bindings', /\/frontera-[0-9a-f]+\.js$/, (b) => Buffer.concat([b, Buffer.from('\n;window.__tampered = 1;\n')])],
  ['the DOMPurify snippet', /purify\.js$/, (b) => Buffer.concat([b, Buffer.from('\n;window.__tampered = 1;\n')])],
];

for (const [what, pattern, change] of tampered) {
  test(`a modified ${what.replace(/^the /, '')} is refused and the reader is told, not left on a blank page`, async ({ page }) => {
    let served = false;
    await page.route(pattern, async (route) => {
      const response = await route.fetch();
      served = true;
      // Drop any precompressed encoding: the body is re-sent as the plain, modified bytes.
      const headers = { ...response.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: 200, headers, body: change(await response.body()) });
    });
    await page.goto('/');
    const boot = page.locator('#boot[role="alert"]');
    await expect(boot).toContainText('The blog could not start');
    await expect(boot).toContainText('El blog no pudo iniciar');
    await expect(boot.getByRole('link', { name: 'Reload · Recargar' })).toBeVisible();
    expect(served).toBe(true);
    // The prerendered page stays readable under the notice; the app never took it over.
    await expect(page.locator('header.masthead')).toHaveCount(1);
    expect(await page.locator('body').getAttribute('data-prerendered')).toBe('/');
    expect(await page.evaluate(() => (window as any).__tampered)).toBeUndefined();
  });
}

test('the integrity recorded in index.html is the hash of the files shipped', () => {
  const html = indexHtml();
  const map = JSON.parse(html.match(/<script type=importmap>([\s\S]*?)<\/script>/)![1]) as { integrity: Record<string, string> };
  const sha384 = (rel: string) => `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(distDir, rel))).digest('base64')}`;
  const modules = Object.keys(map.integrity);
  expect(modules.some((u) => /\/frontera-[0-9a-f]+\.js$/.test(u))).toBe(true);
  expect(modules.some((u) => /purify\.js$/.test(u))).toBe(true);
  for (const [url, hash] of Object.entries(map.integrity)) expect(hash, url).toBe(sha384(url.replace(/^\//, '')));
  const wasm = html.match(/fetch\("([^"]+_bg\.wasm)",\{integrity:"([^"]+)"\}/)!;
  expect(wasm[2]).toBe(sha384(wasm[1].replace(/^\//, '')));
});

test('assets are served precompressed', async ({ request }) => {
  const wasm = indexHtml().match(/fetch\("([^"]+_bg\.wasm)"/)![1];
  const response = await request.get(wasm, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(response.headers()['content-encoding']).toBe('br');
  expect(fs.existsSync(path.join(distDir, wasm.replace(/^\//, '') + '.gz'))).toBe(true);
});

/** The app route of the newest archive month. */
function monthRoute(): string {
  const year = archiveIndex().years[0];
  return `/archive/${year.year}/${String(year.months[0].month).padStart(2, '0')}`;
}

/** Resource entries (incl. preloads) for URLs under /data/ or config.json, by path. */
async function dataFetches(page: Page): Promise<Map<string, number>> {
  const names = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  const counts = new Map<string, number>();
  for (const n of names) {
    const p = new URL(n).pathname;
    if (p.startsWith('/data/') || p === '/config.json') counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

test('the first screen preloads its documents and fetches each exactly once', async ({ page }) => {
  const home = homePage(1);
  const post = home.items[0]._frontera!.path;
  const month = monthRoute();
  const label = labelIndex().labels[0];
  const routes: [string, string][] = [
    ['/', '/data/home/1.json'],
    ['/page/2', '/data/home/2.json'],
    [post, `/data/posts${post}.json`],
    [month, `/data${month}/1.json`],
    [`/label/${label.slug}`, `/data/labels/${label.slug}/1.json`],
  ];
  for (const [route, doc] of routes) {
    await page.goto(route);
    if (doc.includes('/posts/')) await waitForPost(page);
    else await waitForList(page);
    await waitForSidebar(page);
    const preloaded = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => new URL((l as HTMLLinkElement).href).pathname),
    );
    expect(preloaded, route).toEqual(expect.arrayContaining(['/config.json', '/data/archive/index.json', '/data/labels/index.json', doc]));
    const fetched = await dataFetches(page);
    for (const p of ['/config.json', '/data/archive/index.json', '/data/labels/index.json', doc]) {
      expect(fetched.get(p), `${route}: ${p} fetched once (the preload was used)`).toBe(1);
    }
  }
});
