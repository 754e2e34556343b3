// The comment section's own wasm module (scripts/bin/wasm-bindgen cuts it out, scripts/split.mjs
// names it by its content and records its integrity): no page asks for it before it shows
// comments, a post asks for it once per visit, and a module that does not arrive, or arrives
// changed, leaves the post readable and says so in the comment section, with a retry that works.
import * as fs from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { distDir, expect, homePage, test, waitForList, waitForPost } from './helpers';

const MODULE = /\/split_comments-[0-9a-f]{16}\.wasm$/;
const interactive = (page: Page) => expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
const form = (page: Page) => page.locator('section#comments #comment-text');

/** Counts the requests for the comment module from now on. */
function countModule(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (MODULE.test(new URL(r.url()).pathname)) n++;
  });
  return () => n;
}

test('dist has one comment module, fetched with its integrity by a link module the import map checks', () => {
  const files = fs.readdirSync(distDir);
  const modules = files.filter((f) => MODULE.test(`/${f}`));
  expect(modules).toHaveLength(1);
  const links = files.filter((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  expect(links).toHaveLength(1);
  const link = fs.readFileSync(`${distDir}/${links[0]}`, 'utf8');
  expect(link).toContain(`new URL("./${modules[0]}", import.meta.url), { integrity: "sha384-`);
  const index = fs.readFileSync(`${distDir}/index.html`, 'utf8');
  expect(index).toMatch(new RegExp(`"/${links[0].replace('.', '\\.')}":"sha384-`));
});

test('home never asks for the comment module; a post asks once, and the next post not again', async ({ page }) => {
  const requests = countModule(page);
  await page.goto('/');
  await waitForList(page);
  await interactive(page);
  // The app is running and has drawn the page; a later post link is the first to need comments.
  await page.locator('aside.sidebar .archive-widget a[href^="/archive/"]').first().waitFor();
  expect(requests()).toBe(0);

  await page.locator('main article.post h3.post-title a').first().click();
  await waitForPost(page);
  await expect(form(page)).toBeVisible();
  expect(requests()).toBe(1);

  await page.locator('nav.post-nav a').first().click();
  await waitForPost(page);
  await expect(form(page)).toBeVisible();
  expect(requests()).toBe(1);
});

const failures: [string, (route: Route) => Promise<void>][] = [
  ['does not arrive', (route) => route.abort('internetdisconnected')],
  [
    'arrives changed',
    async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length - 1] ^= 0x01;
      await route.fulfill({ response, body });
    },
  ],
];

for (const [what, fail] of failures) {
  test(`a comment module that ${what}: the post stays, the section says so, and "Try again" loads it`, async ({ page }) => {
    const post = homePage(1).items[0]._frontera!.path;
    await page.route(MODULE, fail);
    await page.goto(post);
    await waitForPost(page);
    await interactive(page);
    const section = page.locator('section#comments');
    const error = section.locator('.error-view');
    await expect(error).toHaveAttribute('data-error', 'network');
    await expect(error.getByRole('heading')).toBeVisible();
    await expect(page.locator('main h1.post-title')).toBeVisible();
    await expect(form(page)).toHaveCount(0);

    await page.unroute(MODULE);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(form(page)).toBeVisible();
    await expect(section.locator('.error-view')).toHaveCount(0);
  });
}
