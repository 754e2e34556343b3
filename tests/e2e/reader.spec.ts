// The reader features of issue 11 on the release build: the dark theme (system preference,
// remembered toggle, no flash on prerendered pages), share links with the canonical URL, related
// posts from the compiler, the print stylesheet, and relative comment times that keep time on
// one timer per page. Every page visited here raises no CSP violation and no hydration warning
// (the shipped policy applies: nothing is bypassed).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { routeIsso } from './corpus/detector';
import { commentSection, config, expect, homePage, postDoc, test, waitForList, waitForPost, type FeedItem } from './helpers';

const LIGHT_BG = 'rgb(251, 248, 243)';
const DARK_BG = 'rgb(20, 17, 14)';

/** A post's document with what the tests read of `_frontera`. */
type Doc = FeedItem & { _frontera: { path: string; related?: { title: string; path: string }[]; source?: { url?: string } } };
const doc = (path: string) => postDoc(path) as Doc;
const allPosts = () => [1, 2, 3].flatMap((n) => homePage(n).items).map((i) => doc(i._frontera!.path));
/** A post with at least three related posts. */
const relatedPost = () => allPosts().find((d) => (d._frontera.related?.length ?? 0) >= 3)!;
const canonical = (path: string) => `${String(config().site_url).replace(/\/$/, '')}${path}`;

/**
 * Watches a page from its start: CSP violations, and console errors and warnings (Leptos
 * reports hydration mismatches there). Returns what was seen.
 */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`CSP: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // Chromium's note about preloads with integrity is the browser's, not the app's.
    if (/integrity. attribute is currently ignored|preloaded using link preload/.test(m.text())) return;
    seen.push(`${m.type()}: ${m.text()}`);
  });
  return async () => [...(await page.evaluate(() => (window as any).__csp as string[]).catch(() => [])), ...seen];
}

const interactive = (page: Page) => expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
const theme = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const toggle = (page: Page) => page.locator('.masthead button.theme-toggle');

test.beforeEach(async ({ page }) => {
  // The same-origin comment server of config.json, answered here (an empty thread).
  await routeIsso(page);
});

test('the toggle switches to dark and the choice survives a reload and navigation', async ({ page }) => {
  const problems = await watch(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await waitForList(page);
  await interactive(page);
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle(page)).toHaveAccessibleName('Dark theme');
  expect(await background(page)).toBe(LIGHT_BG);

  await toggle(page).click();
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
  expect(await theme(page)).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);
  expect(await page.evaluate(() => localStorage.getItem('frontera-theme'))).toBe('dark');

  await page.reload();
  await interactive(page);
  expect(await theme(page)).toBe('dark');
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');

  // A client-side navigation keeps it (the masthead and <html> stay).
  await page.locator('main article.post h3.post-title a').first().click();
  await waitForPost(page);
  expect(await theme(page)).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);

  // Back to light, remembered too, in Spanish as well.
  await toggle(page).click();
  expect(await theme(page)).toBe('light');
  await page.locator('.masthead .lang-switch').click();
  await expect(toggle(page)).toHaveAccessibleName('Tema oscuro');
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await interactive(page);
  expect(await theme(page)).toBe('light');
  expect(await problems()).toEqual([]);
});

test('a prerendered page with the dark choice stored is dark before the app starts (no flash)', async ({ page }) => {
  const problems = await watch(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() => localStorage.setItem('frontera-theme', 'dark'));
  // The app's wasm is held: what shows is the static page and index.html's head script alone.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const post = relatedPost()._frontera.path;
  await page.goto(post, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('main h1.post-title')).toBeVisible();
  expect(await page.locator('body').getAttribute('data-hydrated')).toBeNull();
  expect(await theme(page)).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);
  // The icon already shows the sun (the way back to light), by CSS alone.
  const icon = () => toggle(page).locator('.theme-icon').evaluate((e) => getComputedStyle(e).maskImage);
  expect(await icon()).toContain('circle');
  release();
  await interactive(page);
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
  expect(await theme(page)).toBe('dark');
  expect(await problems()).toEqual([]);
});

test('with nothing stored the theme follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await interactive(page);
  expect(await theme(page)).toBeNull();
  expect(await background(page)).toBe(DARK_BG);
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(LIGHT_BG);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`colour contrast passes axe in the ${scheme} theme, home and a post`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [url, ready] of [
      ['/', waitForList],
      [relatedPost()._frontera.path, waitForPost],
    ] as const) {
      await page.goto(url);
      await ready(page);
      await interactive(page);
      expect(await background(page)).toBe(scheme === 'dark' ? DARK_BG : LIGHT_BG);
      const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      const report = results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
      expect(report, `${scheme} ${url}`).toEqual([]);
    }
  });
}

test('share links carry the canonical URL, in the static page and after hydration', async ({ page, request }) => {
  const problems = await watch(page);
  const post = relatedPost();
  const path = post._frontera.path;
  const url = canonical(path);
  const enc = encodeURIComponent(url);
  const expected = {
    WhatsApp: `https://wa.me/?text=${encodeURIComponent(`${post.title} ${url}`)}`,
    Facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc}`,
    X: `https://x.com/intent/post?url=${enc}&text=${encodeURIComponent(post.title!)}`,
    Telegram: `https://t.me/share/url?url=${enc}&text=${encodeURIComponent(post.title!)}`,
    Email: `mailto:?subject=${encodeURIComponent(post.title!)}&body=${enc}`,
  };
  // Real links in the prerendered HTML: they work without JavaScript.
  const html = await (await request.get(path)).text();
  for (const href of Object.values(expected)) expect(html).toContain(`href="${href.replace(/&/g, '&amp;')}"`);

  await page.goto(path);
  await interactive(page);
  // The same URL as the page's canonical link (components::seo).
  expect(await page.locator('link[rel=canonical]').getAttribute('href')).toBe(url);
  const links = page.locator('.share a.share-link');
  await expect(links).toHaveCount(5);
  for (const link of await links.all()) await expect(link).toBeVisible();
  // No share sheet in this browser: its button stays hidden.
  await expect(page.locator('.share button.share-native')).toBeHidden();
  for (const [service, href] of Object.entries(expected)) {
    await expect(page.locator(`.share a[data-service="${service}"]`)).toHaveAttribute('href', href);
  }
  expect(await problems()).toEqual([]);
});

test('copy link puts the canonical URL on the clipboard and says so', async ({ page }) => {
  const problems = await watch(page);
  await page.addInitScript(() => {
    (window as any).__copied = [];
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (t: string) => void (window as any).__copied.push(t) },
    });
  });
  const path = relatedPost()._frontera.path;
  await page.goto(path);
  await interactive(page);
  const status = page.locator('.share [role=status]');
  await expect(status).toHaveText('');
  await page.locator('.share button.share-copy').click();
  await expect(status).toHaveText('Link copied.');
  expect(await page.evaluate(() => (window as any).__copied)).toEqual([canonical(path)]);
  expect(await problems()).toEqual([]);
});

test('a refused copy says so; a browser with a share sheet gets its button instead of the links', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__shared = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
    Object.defineProperty(navigator, 'share', { value: async (d: unknown) => void (window as any).__shared.push(d) });
  });
  const post = relatedPost();
  await page.goto(post._frontera.path);
  await interactive(page);
  await expect(page.locator('.share button.share-native')).toBeVisible();
  for (const link of await page.locator('.share a.share-link').all()) await expect(link).toBeHidden();
  await page.locator('.share button.share-native').click();
  await expect.poll(() => page.evaluate(() => (window as any).__shared)).toEqual([{ url: canonical(post._frontera.path), title: post.title }]);
  await page.locator('.share button.share-copy').click();
  await expect(page.locator('.share [role=status]')).toHaveText(/could not be copied/);
});

test('related posts are listed under the article and share a label with it', async ({ page }) => {
  const problems = await watch(page);
  const post = relatedPost();
  const related = post._frontera.related!;
  expect(related.length).toBeGreaterThanOrEqual(3);
  expect(related.length).toBeLessThanOrEqual(5);
  await page.goto(post._frontera.path);
  await waitForPost(page);
  const links = page.locator('main section.related a');
  await expect(links).toHaveText(related.map((r) => r.title));
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(related.map((r) => r.path));
  const tags = new Set((post.tags ?? []).map((t) => t.toLowerCase()));
  for (const r of related) {
    expect(r.path).not.toBe(post._frontera.path);
    expect((doc(r.path).tags ?? []).some((t) => tags.has(t.toLowerCase())), `${r.path} shares a label`).toBe(true);
  }
  // The list is below the article, and its links route in the app.
  await interactive(page);
  await links.first().click();
  await expect(page.locator('main h1.post-title')).toHaveText(related[0].title);
  expect(page.url()).toBe(new URL(related[0].path, page.url()).href);
  expect(await problems()).toEqual([]);
});

test('printing shows the article alone, with link addresses after link text', async ({ page }) => {
  const post = allPosts().find((d) => d._frontera.source?.url)!;
  await page.goto(post._frontera.path);
  await waitForPost(page);
  await interactive(page);
  // Its own stylesheet, for print only: the first paint on a screen does not wait for it.
  await expect(page.locator('link[rel="stylesheet"][media="print"][integrity]')).toHaveCount(1);
  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.masthead', 'aside.sidebar', '.site-footer', '#comments', '.share', '.related', '.post-nav']) {
    await expect(page.locator(chrome).first(), chrome).toBeHidden();
  }
  await expect(page.locator('main article.post h1.post-title')).toBeVisible();
  await expect(page.locator('main article.post .prose')).toBeVisible();
  const source = page.locator('main article.post .source a[href^="http"]');
  const after = await source.evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toBe(`" (${post._frontera.source!.url})"`);
  // In print the page is light even for a dark-theme reader.
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  expect(await background(page)).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.masthead')).toBeVisible();
  expect(await source.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none');
});

/** Isso's answer for a thread of comments created at the given moments (seconds). */
function thread(created: number[]) {
  const replies = created.map((c, i) => ({
    id: i + 1,
    parent: null,
    text: `<p>Comment ${i + 1}.</p>`,
    author: `Vecina ${i + 1}`,
    website: null,
    mode: 1,
    created: c,
    modified: null,
    likes: 0,
    dislikes: 0,
    total_replies: 0,
    hidden_replies: 0,
    replies: [],
  }));
  return { id: null, total_replies: replies.length, hidden_replies: 0, replies };
}

test('relative comment times keep time while the page is open', async ({ page }) => {
  const problems = await watch(page);
  const t0 = Date.parse('2026-12-01T12:00:00Z');
  await page.clock.install({ time: t0 });
  await routeIsso(page, { thread: thread([t0 / 1000 - 20, t0 / 1000 - 3 * 3600]) });
  await page.goto(relatedPost()._frontera.path);
  await commentSection(page);
  const ago = page.locator('#comments article.comment .comment-ago');
  await expect(ago).toHaveText(['now', '3 hours ago']);
  // Time passes on the page's clock (Playwright's, not a wait): the text follows.
  await page.clock.fastForward('05:00');
  await expect(ago).toHaveText(['5 minutes ago', '3 hours ago']);
  await page.clock.fastForward('01:00:00');
  await expect(ago).toHaveText(['1 hour ago', '4 hours ago']);
  expect(await problems()).toEqual([]);
});

test('one timer for the whole thread, gone when the reader leaves the post', async ({ page }) => {
  await page.addInitScript(() => {
    const live = new Set<number>();
    (window as any).__timers = live;
    const set = window.setInterval.bind(window);
    const clear = window.clearInterval.bind(window);
    (window as any).setInterval = (...a: Parameters<typeof setInterval>) => {
      const id = set(...a) as unknown as number;
      live.add(id);
      return id;
    };
    (window as any).clearInterval = (id: number) => {
      live.delete(id);
      clear(id);
    };
  });
  const now = Date.now() / 1000;
  await routeIsso(page, { thread: thread([now - 60, now - 120, now - 600, now - 7200, now - 86400]) });
  const timers = () => page.evaluate(() => (window as any).__timers.size as number);
  await page.goto(relatedPost()._frontera.path);
  await commentSection(page);
  await expect(page.locator('#comments article.comment')).toHaveCount(5);
  expect(await timers()).toBe(1);
  await page.locator('.masthead a.site-title').click();
  await waitForList(page);
  await expect.poll(timers).toBe(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page follows the system theme, and the share links and related posts work', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const post = relatedPost();
    await page.goto(post._frontera.path);
    await expect(page.locator('main h1.post-title')).toBeVisible();
    expect(await background(page)).toBe(DARK_BG);
    // What needs the app is not offered (the theme, copying, the interface language); the links are.
    await expect(toggle(page)).toBeHidden();
    await expect(page.locator('.masthead button.lang-switch')).toBeHidden();
    await expect(page.locator('.share button.share-copy')).toBeHidden();
    await expect(page.locator('.share button.share-native')).toBeHidden();
    for (const link of await page.locator('.share a.share-link').all()) await expect(link).toBeVisible();
    await expect(page.locator('main section.related a')).toHaveCount(post._frontera.related!.length);
    await page.locator('main section.related a').first().click();
    await expect(page.locator('main h1.post-title')).toHaveText(post._frontera.related![0].title);
  });
});
