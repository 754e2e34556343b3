// A reader's journey through the blog: home → older page → post → neighbours → archive month →
// label → history → deep links → unknown URLs.
import {
  archiveIndex,
  blogTitle,
  config,
  dayGroups,
  dayHeader,
  expect,
  homePage,
  labelIndex,
  labelPage,
  monthHeading,
  monthPage,
  norm,
  postDoc,
  re,
  test,
  waitForList,
  waitForPost,
  waitForSidebar,
} from './helpers';
import type { Page } from '@playwright/test';

const cssString = (s: string) => s.replace(/["\\]/g, '\\$&');
const titlesIn = (page: Page) => page.locator('main article.post h3.post-title a');

async function expectListMatches(page: Page, items: { title?: string; _frontera?: { path: string } }[]) {
  await expect(titlesIn(page)).toHaveText(items.map((i) => i.title ?? ''), { useInnerText: true });
  for (const [i, item] of items.entries()) {
    await expect(titlesIn(page).nth(i)).toHaveAttribute('href', item._frontera!.path);
  }
}

test('home, paging, post, neighbours, archive, label and history', async ({ page }) => {
  const blog = blogTitle();
  const home1 = homePage(1);
  const home2 = homePage(2);

  await test.step('home shows page 1 grouped under day headers, in order', async () => {
    await page.goto('/');
    await waitForList(page);
    await expect(page).toHaveTitle(blog);
    await expectListMatches(page, home1.items);
    const groups = dayGroups(home1.items);
    const sections = page.locator('main section.day');
    await expect(sections).toHaveCount(groups.length);
    for (const [i, g] of groups.entries()) {
      await expect(sections.nth(i).locator('h2.date-header')).toHaveText(dayHeader(g.items[0].date_published!, 'en'));
      await expect(sections.nth(i).locator('h2.date-header time')).toHaveAttribute('datetime', g.day);
      await expect(sections.nth(i).locator('article.post')).toHaveCount(g.items.length);
    }
    // Byline "<pen name> for <blog>".
    const first = home1.items[0];
    if (first._frontera?.byline) {
      await expect(page.locator('main article.post').first().locator('.byline')).toContainText(
        `${first._frontera.byline} for ${blog}`,
      );
    }
    // Page 1 has no "Newer posts"; it has "Older posts" when there is a page 2.
    await expect(page.locator('nav.pager a[rel="prev"]')).toHaveCount(0);
    await expect(page.locator('nav.pager a[rel="next"]')).toHaveText(/Older posts/);
  });

  await test.step('"Older posts" goes to /page/2', async () => {
    await page.locator('nav.pager a[rel="next"]').click();
    await expect(page).toHaveURL('/page/2');
    await expect(titlesIn(page).first()).toHaveText(home2.items[0].title!);
    await expectListMatches(page, home2.items);
    await expect(page.locator('nav.pager a[rel="prev"]')).toHaveText(/Newer posts/);
    await expect(page.locator('nav.pager a[rel="prev"]')).toHaveAttribute('href', '/');
    await expect(page).toHaveTitle(new RegExp(`Page 2 · ${re(blog)}$`));
    // The previous page's posts are gone.
    await expect(page.getByRole('link', { name: home1.items[0].title!, exact: true })).toHaveCount(0);
  });

  // A post on page 2 with both neighbours, so both links can be followed.
  const target = home2.items.find((i) => i._frontera?.newer && i._frontera?.older) ?? home2.items[0];
  const targetPath = target._frontera!.path;
  const doc = postDoc(targetPath);

  await test.step('a post title opens the post page', async () => {
    await page.locator(`main h3.post-title a[href="${targetPath}"]`).click();
    await expect(page).toHaveURL(targetPath);
    await waitForPost(page);
    await expect(page.locator('main h1.post-title')).toHaveText(target.title!);
    await expect(page.locator('main h1')).toHaveCount(1);
    await expect(page).toHaveTitle(`${target.title} · ${blog}`);
    // The crawlers' tags describe the page first opened only: gone after a client navigation.
    await expect(page.locator('head meta[property="og:title"]')).toHaveCount(0);
    if (doc.summary) {
      await expect(page.locator(`head meta[name="description"][content="${cssString(doc.summary)}"]`)).toHaveCount(1);
    }
    await expect(page.locator('section#comments')).toContainText('Comments are moderated.');
  });

  await test.step('newer and older post links', async () => {
    const fr = doc._frontera!;
    if (fr.older) {
      const older = page.locator('nav.post-nav a[rel="next"]');
      await expect(older).toHaveAttribute('href', fr.older.path);
      await expect(older).toContainText(fr.older.title);
      await older.click();
      await expect(page).toHaveURL(fr.older.path);
      await expect(page.locator('main h1.post-title')).toHaveText(fr.older.title);
      await expect(page).toHaveTitle(`${fr.older.title} · ${blog}`);
      // And back again through the older post's "Newer post" link.
      const newer = page.locator('nav.post-nav a[rel="prev"]');
      await expect(newer).toHaveAttribute('href', targetPath);
      await newer.click();
      await expect(page).toHaveURL(targetPath);
      await expect(page.locator('main h1.post-title')).toHaveText(target.title!);
    }
    if (fr.newer) {
      await page.locator('nav.post-nav a[rel="prev"]').click();
      await expect(page).toHaveURL(fr.newer.path);
      await expect(page.locator('main h1.post-title')).toHaveText(fr.newer.title);
    }
  });

  const idx = archiveIndex();
  const year = idx.years[0];
  const month = year.months[0];
  const monthPath = `/archive/${year.year}/${String(month.month).padStart(2, '0')}`;

  await test.step('archive widget month link shows that month', async () => {
    await waitForSidebar(page);
    const link = page.locator(`aside .archive-widget a[href="${monthPath}"]`);
    await expect(link).toBeVisible(); // the newest year is open
    await link.click();
    await expect(page).toHaveURL(monthPath);
    await expect(page.locator('main h1.list-heading')).toHaveText(`Posts from ${monthHeading(year.year, month.month)}`);
    await waitForList(page);
    if (month.count <= config().page_size) {
      await expect(page.locator('main article.post')).toHaveCount(month.count);
    }
    await expectListMatches(page, monthPage(year.year, month.month).items);
  });

  const label = labelIndex().labels[0];
  await test.step('a label link shows the label page', async () => {
    await page.locator(`aside .labels-widget a[href="/label/${label.slug}"]`).click();
    await expect(page).toHaveURL(`/label/${label.slug}`);
    await expect(page.locator('main h1.list-heading')).toContainText(label.name);
    await waitForList(page);
    await expectListMatches(page, labelPage(label.slug).items);
    await expect(page).toHaveTitle(new RegExp(`${re(label.name)}.* · ${re(blog)}$`));
  });

  await test.step('back and forward restore URLs and content', async () => {
    await page.goBack();
    await expect(page).toHaveURL(monthPath);
    await expect(page.locator('main h1.list-heading')).toContainText(monthHeading(year.year, month.month));
    await expectListMatches(page, monthPage(year.year, month.month).items);

    await page.goBack();
    const before = doc._frontera!.newer?.path ?? targetPath;
    await expect(page).toHaveURL(before);
    await expect(page.locator('main h1.post-title')).toBeVisible();

    await page.goForward();
    await expect(page).toHaveURL(monthPath);
    await expectListMatches(page, monthPage(year.year, month.month).items);

    await page.goForward();
    await expect(page).toHaveURL(`/label/${label.slug}`);
    await expect(page.locator('main h1.list-heading')).toContainText(label.name);
    await expectListMatches(page, labelPage(label.slug).items);

    // All the way back to the first page: every entry restores its URL and its content.
    const visited = [
      { url: '/', h: home1.items[0].title! },
      { url: '/page/2', h: home2.items[0].title! },
      { url: targetPath, h: target.title! },
      ...(doc._frontera!.older
        ? [
            { url: doc._frontera!.older.path, h: doc._frontera!.older.title },
            { url: targetPath, h: target.title! },
          ]
        : []),
      ...(doc._frontera!.newer ? [{ url: doc._frontera!.newer.path, h: doc._frontera!.newer.title }] : []),
    ];
    await page.goBack(); // label -> month
    for (const entry of visited.reverse()) {
      await page.goBack();
      await expect(page).toHaveURL(entry.url);
      const heading = entry.url === '/' || entry.url.startsWith('/page/')
        ? titlesIn(page).first()
        : page.locator('main h1.post-title');
      await expect(heading).toHaveText(entry.h);
    }
  });

  await test.step('the site title returns home', async () => {
    await page.goForward();
    await expect(page).toHaveURL('/page/2');
    await expect(titlesIn(page).first()).toHaveText(home2.items[0].title!);
    await page.locator('header.masthead a.site-title').click();
    await expect(page).toHaveURL('/');
    await waitForList(page);
    await expectListMatches(page, home1.items);
  });
});

test.describe('deep links render directly on load and reload', () => {
  test('a post URL', async ({ page }) => {
    const item = homePage(1).items[1];
    const p = item._frontera!.path;
    await page.goto(p);
    await waitForPost(page);
    await expect(page.locator('main h1.post-title')).toHaveText(item.title!);
    await page.reload();
    await waitForPost(page);
    await expect(page).toHaveURL(p);
    await expect(page.locator('main h1.post-title')).toHaveText(item.title!);
    await expect(page).toHaveTitle(`${item.title} · ${blogTitle()}`);
  });

  test('/page/2', async ({ page }) => {
    await page.goto('/page/2');
    await waitForList(page);
    await expect(titlesIn(page)).toHaveText(homePage(2).items.map((i) => i.title!));
    await page.reload();
    await waitForList(page);
    await expect(titlesIn(page)).toHaveText(homePage(2).items.map((i) => i.title!));
  });

  test('a label page 2', async ({ page }) => {
    const label = labelIndex().labels.find((l) => l.pages >= 2);
    test.skip(!label, 'no label has a second page in the current content');
    const url = `/label/${label!.slug}/page/2`;
    await page.goto(url);
    await waitForList(page);
    await expect(page.locator('main h1.list-heading')).toContainText(label!.name);
    await expect(page.locator('main h1.list-heading')).toContainText('Page 2');
    await expect(titlesIn(page)).toHaveText(labelPage(label!.slug, 2).items.map((i) => i.title!));
    await page.reload();
    await waitForList(page);
    await expect(titlesIn(page)).toHaveText(labelPage(label!.slug, 2).items.map((i) => i.title!));
    await expect(page.locator('nav.pager a[rel="prev"]')).toHaveAttribute('href', `/label/${label!.slug}`);
  });

  test('a month page and the archive overview', async ({ page }) => {
    const idx = archiveIndex();
    await page.goto('/archive');
    await expect(page.locator('main h1')).toHaveText('Blog archive');
    await expect(page.locator('main section.archive-year')).toHaveCount(idx.years.length);
    const months = idx.years.flatMap((y) => y.months);
    await expect(page.locator('main .archive-overview a')).toHaveCount(months.length);
    const last = idx.years[idx.years.length - 1];
    const m = last.months[last.months.length - 1];
    const url = `/archive/${last.year}/${String(m.month).padStart(2, '0')}`;
    await page.goto(url);
    await waitForList(page);
    await expect(titlesIn(page)).toHaveText(monthPage(last.year, m.month).items.map((i) => i.title!));
  });
});

test('a post page has exactly one meta description, its own', async ({ page }) => {
  // index.html ships a site-wide <meta name="description">; on a post page it must be replaced by
  // the post's summary, not left beside it (crawlers and link previews take the first one).
  const item = homePage(1).items.find((i) => i.summary)!;
  await page.goto(item._frontera!.path);
  await waitForPost(page);
  const metas = page.locator('head meta[name="description"]');
  await expect(metas).toHaveCount(1);
  await expect(metas).toHaveAttribute('content', item.summary!);
  await expect(page.locator('head meta[property="og:description"]')).toHaveAttribute('content', item.summary!);
});

test.describe('unknown URLs show the not-found page', () => {
  // The first four are no route (frontera_wire::layout::Route::parse rejects them all); the others
  // are routes with no document (no such label, month, page of the home list, post or standing
  // page). Each must get the same not-found page as any other unknown address, not a list or post
  // heading over an error.
  for (const url of ['/no/such/page/here', '/2024/13/bad', '/page/0', '/label/Bad_Slug', '/label/nonexistent', '/archive/1999/01', '/page/99', '/2024/01/does-not-exist', '/p/nothing-here']) {
    test(url, async ({ page }) => {
      await page.goto(url);
      const view = page.locator('main section.error-view[data-error="not-found"]');
      await expect(view).toBeVisible();
      await expect(view.getByRole('button')).toHaveCount(0);
      await expect(view.getByRole('link', { name: /home page/i })).toHaveAttribute('href', '/');
      await expect(page).toHaveURL(url);
      // One h1 naming the problem, a matching document title, and noindex.
      await expect(page.locator('main h1')).toHaveText(['Page not found']);
      await expect(page).toHaveTitle(`Page not found · ${blogTitle()}`);
      await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', 'noindex');
      // The rest of the app still works.
      await page.locator('header.masthead a.site-title').click();
      await expect(page).toHaveURL('/');
      await waitForList(page);
    });
  }
});
