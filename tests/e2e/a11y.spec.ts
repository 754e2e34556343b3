// Automated accessibility checks (axe-core) on every kind of screen. Zero violations allowed;
// failures list each rule, the elements it flagged and how to fix it.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  archiveIndex,
  expect,
  homePage,
  labelIndex,
  test,
  waitForList,
  waitForPost,
  waitForSidebar,
} from './helpers';

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const report = results.violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
  expect(results.violations.length, `axe violations on ${what}:\n${report}`).toBe(0);
}

const month = () => {
  const y = archiveIndex().years[0];
  return `/archive/${y.year}/${String(y.months[0].month).padStart(2, '0')}`;
};

const screens: { name: string; url: () => string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'home', url: () => '/', ready: waitForList },
  { name: 'home page 2', url: () => '/page/2', ready: waitForList },
  { name: 'a post', url: () => homePage(1).items[0]._frontera!.path, ready: waitForPost },
  {
    name: 'the archive',
    url: () => '/archive',
    ready: async (page) => {
      await expect(page.locator('main .archive-overview a').first()).toBeVisible();
    },
  },
  { name: 'a month', url: month, ready: waitForList },
  { name: 'a label', url: () => `/label/${labelIndex().labels[0].slug}`, ready: waitForList },
  {
    name: 'search results',
    url: () => '/search?q=garita',
    ready: async (page) => {
      await expect(page.locator('main .search-hit mark').first()).toBeVisible();
    },
  },
  {
    name: 'a search with no results',
    url: () => '/search?q=zzzzqqq',
    ready: async (page) => {
      await expect(page.locator('main .search-state[role=status]')).toBeVisible();
    },
  },
  {
    name: 'the not-found page',
    url: () => '/no/such/page/here',
    ready: async (page) => {
      await expect(page.locator('main section.error-view[data-error="not-found"]')).toBeVisible();
    },
  },
  {
    name: 'a missing post',
    url: () => '/2024/01/does-not-exist',
    ready: async (page) => {
      await expect(page.locator('main section.error-view[data-error="not-found"]')).toBeVisible();
    },
  },
];

for (const s of screens) {
  test(`no axe violations: ${s.name}`, async ({ page }) => {
    await page.goto(s.url());
    await s.ready(page);
    await waitForSidebar(page);
    await expectNoViolations(page, s.name);
  });
}

test('no axe violations: an error view (network failure on home)', async ({ page }) => {
  await page.route('**/data/home/1.json', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.locator('main section.error-view[data-error="network"]')).toBeVisible();
  await waitForSidebar(page);
  await expectNoViolations(page, 'the network error view');
});

test('no axe violations: an error view on a post (server error)', async ({ page }) => {
  await page.route('**/data/posts/**', (route) => route.fulfill({ status: 500, body: 'no' }));
  await page.goto(homePage(1).items[0]._frontera!.path);
  await expect(page.locator('main section.error-view[data-error="server"]')).toBeVisible();
  await waitForSidebar(page);
  await expectNoViolations(page, 'the server error view on a post');
});

test('no axe violations: Spanish home', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('frontera.lang', 'es'));
  await page.goto('/');
  await waitForList(page);
  await waitForSidebar(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectNoViolations(page, 'the Spanish home page');
});

test.describe('narrow screen', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('no axe violations: home at 375 px', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    await waitForSidebar(page);
    await expectNoViolations(page, 'home at 375 px');
  });
});

test('the skip link takes keyboard users past the masthead into the main content', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  // As in any static page: focus moves to <main> (tabindex=-1), so the next Tab lands on the first
  // link inside it, not back on the masthead.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => {
    const a = document.activeElement;
    return { inMain: !!a?.closest('main'), what: a?.outerHTML.slice(0, 80) ?? '' };
  });
  expect(inMain.inMain, `focus after skip link + Tab went to ${inMain.what}`).toBe(true);
});
