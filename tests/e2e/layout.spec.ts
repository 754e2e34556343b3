// Layout on small screens, the loading skeleton, and layout stability while data arrives.
import type { Page } from '@playwright/test';
import { expect, homePage, test, waitForList, waitForPost, waitForSidebar } from './helpers';

async function expectNoHorizontalOverflow(page: Page, what: string) {
  const m = await page.evaluate(() => {
    const de = document.documentElement;
    // The widest offenders, to make a failure actionable.
    const wide = Array.from(document.querySelectorAll('body *'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.right > de.clientWidth + 0.5)
      .slice(0, 5)
      .map(({ el, r }) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} right=${Math.round(r.right)}`);
    return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide };
  });
  expect(m.scrollWidth, `${what} overflows horizontally: ${m.wide.join(', ')}`).toBeLessThanOrEqual(m.clientWidth);
}

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('home has no horizontal overflow', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    await waitForSidebar(page);
    await expectNoHorizontalOverflow(page, 'home');
  });

  test('every post on the first home page has no horizontal overflow', async ({ page }) => {
    for (const item of homePage(1).items) {
      await page.goto(item._frontera!.path);
      await waitForPost(page);
      await expectNoHorizontalOverflow(page, item._frontera!.path);
    }
  });

  test('the archive and a not-found page have no horizontal overflow', async ({ page }) => {
    await page.goto('/archive');
    await expect(page.locator('main .archive-overview a').first()).toBeVisible();
    await expectNoHorizontalOverflow(page, 'archive');
    await page.goto('/no/such/page/here');
    await expect(page.locator('main section.error-view')).toBeVisible();
    await expectNoHorizontalOverflow(page, 'not-found');
  });
});

test('while the home data is slow the prerendered posts are already there; the app takes over when it arrives', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/data/home/1.json', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.goto('/');
  await expect(page.locator('main article.post')).toHaveCount(homePage(1).items.length);
  await expect(page.locator('main .skeleton')).toHaveCount(0);
  expect(await page.locator('body').getAttribute('data-hydrated')).toBeNull();
  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
  await expect(page.locator('main article.post')).toHaveCount(homePage(1).items.length);
});

/** Cumulative Layout Shift as browsers report it: the worst session window of layout shifts
 *  (gaps < 1 s, windows ≤ 5 s), ignoring shifts right after input. */
const CLS_OBSERVER = () => {
  const w = window as unknown as { __shifts: { value: number; time: number; sources: string[] }[] };
  w.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as {
      value: number;
      startTime: number;
      hadRecentInput: boolean;
      sources?: { node?: Node }[];
    }[]) {
      if (e.hadRecentInput) continue;
      const sources = (e.sources ?? []).map((s) => {
        const n = s.node as Element | undefined;
        return n && n.nodeType === 1 ? `${n.tagName.toLowerCase()}.${n.className}` : String(n?.nodeName ?? '?');
      });
      w.__shifts.push({ value: e.value, time: e.startTime, sources });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

async function measureCls(page: Page) {
  // Let late shifts (fonts, widgets) land before reading.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const shifts = (window as unknown as { __shifts: { value: number; time: number; sources: string[] }[] }).__shifts;
    let worst = 0;
    let current = 0;
    let start = -Infinity;
    let prev = -Infinity;
    for (const s of shifts) {
      if (s.time - prev > 1000 || s.time - start > 5000) {
        current = 0;
        start = s.time;
      }
      current += s.value;
      prev = s.time;
      worst = Math.max(worst, current);
    }
    return { cls: worst, shifts };
  }).then((r) => {
    test.info().annotations.push({ type: 'CLS', description: `${r.cls.toFixed(4)} (${r.shifts.length} shifts)` });
    return r;
  });
}

const clsReport = (shifts: { value: number; time: number; sources: string[] }[]) =>
  shifts.map((s) => `${s.value.toFixed(4)} at ${Math.round(s.time)} ms: ${s.sources.join(', ')}`).join('\n');

test('home loads with a layout shift score below 0.1', async ({ page }) => {
  await page.addInitScript(CLS_OBSERVER);
  await page.goto('/');
  await waitForList(page);
  await waitForSidebar(page);
  const { cls, shifts } = await measureCls(page);
  expect(cls, `CLS ${cls.toFixed(4)}; shifts:\n${clsReport(shifts)}`).toBeLessThan(0.1);
});

test('home loads with a layout shift score below 0.1 when data arrives late', async ({ page }) => {
  // The skeleton is there so that slow data does not make the page jump when it lands.
  await page.route('**/data/**', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue().catch(() => {});
  });
  await page.addInitScript(CLS_OBSERVER);
  await page.goto('/');
  await waitForList(page);
  await waitForSidebar(page);
  const { cls, shifts } = await measureCls(page);
  expect(cls, `CLS ${cls.toFixed(4)}; shifts:\n${clsReport(shifts)}`).toBeLessThan(0.1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('home loads with a layout shift score below 0.1', async ({ page }) => {
    await page.addInitScript(CLS_OBSERVER);
    await page.goto('/');
    await waitForList(page);
    await waitForSidebar(page);
    const { cls, shifts } = await measureCls(page);
    expect(cls, `CLS ${cls.toFixed(4)}; shifts:\n${clsReport(shifts)}`).toBeLessThan(0.1);
  });
});

test.describe('at 200 % text on a phone', () => {
  // The reader's own larger text (WCAG 1.4.4, 1.4.10): an added style, so the page's CSP is off.
  test.use({ viewport: { width: 375, height: 812 }, bypassCSP: true });
  test('the search form and a corrected post\'s date line wrap instead of scrolling sideways', async ({ page }) => {
    // Found by a phone reader's QA pass (stop 33): the filters ran 36 px off the screen and
    // "Updated <day>" would not wrap.
    await page.addInitScript(() => localStorage.setItem('frontera.lang', 'es'));
    const corrected = Array.from({ length: homePage(1)._frontera!.total_pages }, (_, i) => homePage(i + 1).items)
      .flat()
      .find((i) => i.date_modified)!;
    for (const url of ['/search?q=agua&year=2024', corrected._frontera!.path]) {
      await page.goto(url);
      await expect(page.locator('body')).toHaveAttribute('data-hydrated', '');
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      await expect(page.locator('main h1')).toBeVisible();
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      expect(wide, url).toEqual([]);
    }
  });
});
