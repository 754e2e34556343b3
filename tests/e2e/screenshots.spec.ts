// Screenshots for people to look at (not compared against baselines): every kind of screen, wide
// and narrow, English and Spanish. Written to test-results/screenshots/ (gitignored).
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { archiveIndex, expect, homePage, labelIndex, repoRoot, test, waitForList, waitForPost, waitForSidebar } from './helpers';

const dir = path.join(repoRoot, 'test-results', 'screenshots');

async function shoot(page: Page, name: string) {
  // Fonts and images settled; animations (skeleton shimmer) off for stable pictures.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
  // What the reader sees first, for a quick look without scrolling a very tall image.
  await page.screenshot({ path: path.join(dir, `${name}-top.png`), animations: 'disabled' });
}

const month = () => {
  const y = archiveIndex().years[0];
  return `/archive/${y.year}/${String(y.months[0].month).padStart(2, '0')}`;
};

for (const width of [1280, 375]) {
  test.describe(`${width} px`, () => {
    test.use({ viewport: { width, height: width > 800 ? 900 : 812 } });

    test(`home, post, archive, month, label at ${width}`, async ({ page }) => {
      await page.goto('/');
      await waitForList(page);
      await waitForSidebar(page);
      await shoot(page, `home-${width}`);

      await page.goto(homePage(1).items[0]._frontera!.path);
      await waitForPost(page);
      await waitForSidebar(page);
      await shoot(page, `post-${width}`);

      await page.goto('/archive');
      await expect(page.locator('main .archive-overview a').first()).toBeVisible();
      await waitForSidebar(page);
      await shoot(page, `archive-${width}`);

      await page.goto(month());
      await waitForList(page);
      await shoot(page, `month-${width}`);

      await page.goto(`/label/${labelIndex().labels[0].slug}`);
      await waitForList(page);
      await waitForSidebar(page);
      await shoot(page, `label-${width}`);
    });

    test(`not-found, error and skeleton at ${width}`, async ({ page }) => {
      await page.goto('/no/such/page/here');
      await expect(page.locator('main section.error-view')).toBeVisible();
      await waitForSidebar(page);
      await shoot(page, `not-found-${width}`);

      await page.route('**/data/home/1.json', (route) => route.abort('internetdisconnected'));
      await page.goto('/');
      await expect(page.locator('main section.error-view[data-error="network"]')).toBeVisible();
      await waitForSidebar(page);
      await shoot(page, `error-network-${width}`);
      await page.unroute('**/data/home/1.json');

      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/data/**', async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      // A prerendered page never shows a skeleton; a page that is not a file (this test host
      // answers it with index.html, a page made for another URL) is rendered afresh and waits.
      await page.goto('/page/999');
      await expect(page.locator('main .skeleton')).toBeVisible();
      await shoot(page, `skeleton-${width}`);
      release();
      await expect(page.locator('main section.error-view')).toBeVisible();
    });

    test(`Spanish home at ${width}`, async ({ page }) => {
      await page.addInitScript(() => localStorage.setItem('frontera.lang', 'es'));
      await page.goto('/');
      await waitForList(page);
      await waitForSidebar(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await shoot(page, `home-es-${width}`);
    });
  });
}
