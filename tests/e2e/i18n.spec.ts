// The interface speaks English and Spanish: chosen by the reader (remembered), else the browser's
// language, else the site default. Dates are formatted per language.
import {
  archiveIndex,
  dayGroups,
  dayHeader,
  expect,
  homePage,
  monthHeading,
  test,
  waitForList,
  waitForSidebar,
} from './helpers';

const home1 = () => homePage(1);

test.describe('English browser (en-US)', () => {
  test.use({ locale: 'en-US' });

  test('starts in English', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('header .lang-switch')).toHaveText('Español');
    await expect(page.locator('nav.pager a[rel="next"]')).toContainText('Older posts');
    const first = dayGroups(home1().items)[0].items[0];
    await expect(page.locator('h2.date-header').first()).toHaveText(dayHeader(first.date_published!, 'en'));
    await expect(page.locator('aside .tips .widget-title')).toHaveText(/Send us a tip/i);
  });

  test('switching to Spanish translates the interface and persists across reloads', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    await waitForSidebar(page);
    await page.locator('header .lang-switch').click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('header .lang-switch')).toHaveText('English');
    await expect(page.locator('header .lang-switch')).toHaveAttribute('lang', 'en');
    await expect(page.locator('nav.pager a[rel="next"]')).toContainText('Entradas antiguas');
    await expect(page.locator('nav.pager a[rel="next"]')).not.toContainText('Older posts');

    // Day headers in Spanish, e.g. "Martes, 17 de noviembre de 2026".
    const groups = dayGroups(home1().items);
    const headers = page.locator('main h2.date-header');
    await expect(headers).toHaveText(groups.map((g) => dayHeader(g.items[0].date_published!, 'es')));
    await expect(headers.first()).toHaveText(/^(Lunes|Martes|Miércoles|Jueves|Viernes|Sábado|Domingo), \d{1,2} de [a-z]+ de \d{4}$/);

    // Sidebar and bylines too.
    await expect(page.locator('aside .archive-widget .widget-title')).toHaveText(/Archivo del blog/i);
    await expect(page.locator('aside .labels-widget .widget-title')).toHaveText(/Etiquetas/i);
    const year = archiveIndex().years[0];
    await expect(page.locator('aside .archive-widget details[open] .archive-months a').first()).toHaveText(
      // Month names as a heading word: "Noviembre".
      new RegExp(
        `^${new Intl.DateTimeFormat('es', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, year.months[0].month - 1, 1)))}$`,
        'i',
      ),
    );
    // Its name carries the year, as a sentence writes it ("noviembre de 2026"): a screen
    // reader's list of links would otherwise read the same month once per year.
    await expect(page.locator('aside .archive-widget details[open] .archive-months a').first()).toHaveAccessibleName(
      monthHeading(year.year, year.months[0].month, 'es'),
    );
    await expect(page.locator('main article.post .byline').first()).toContainText(' para ');

    expect(await page.evaluate(() => localStorage.getItem('frontera.lang'))).toBe('es');

    await page.reload();
    await waitForList(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('nav.pager a[rel="next"]')).toContainText('Entradas antiguas');
    await expect(page.locator('header .lang-switch')).toHaveText('English');

    // Spanish carries over to other routes, e.g. a month heading and a post page.
    await page.locator('aside .archive-widget details[open] .archive-months a').first().click();
    await expect(page.locator('main h1.list-heading')).toHaveText(
      `Entradas de ${monthHeading(year.year, year.months[0].month, 'es')}`,
    );
    await page.locator('main h3.post-title a').first().click();
    await expect(page.locator('section#comments')).toContainText('Los comentarios se moderan.');

    // And back to English.
    await page.locator('header .lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('section#comments')).toContainText('Comments are moderated.');
    expect(await page.evaluate(() => localStorage.getItem('frontera.lang'))).toBe('en');
  });

  test('error views are translated too', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('frontera.lang', 'es'));
    await page.route('**/data/home/1.json', (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    const view = page.locator('main section.error-view[data-error="network"]');
    await expect(view.locator('.error-title')).toHaveText('Parece que no tienes conexión');
    await expect(view.getByRole('button')).toHaveText('Reintentar');
  });

  test('the not-found page is translated', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('frontera.lang', 'es'));
    await page.goto('/no/such/page/here');
    await expect(page.locator('main h1')).toHaveText('Página no encontrada');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  });
});

test.describe('Spanish browser (es-MX)', () => {
  test.use({ locale: 'es-MX' });

  test('starts in Spanish without any saved choice', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    expect(await page.evaluate(() => localStorage.getItem('frontera.lang'))).toBeNull();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('header .lang-switch')).toHaveText('English');
    await expect(page.locator('nav.pager a[rel="next"]')).toContainText('Entradas antiguas');
    const first = dayGroups(home1().items)[0].items[0];
    await expect(page.locator('h2.date-header').first()).toHaveText(dayHeader(first.date_published!, 'es'));
  });

  test('a saved English choice wins over the browser language', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('frontera.lang', 'en');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await page.goto('/');
    await waitForList(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('nav.pager a[rel="next"]')).toContainText('Older posts');
  });
});

test.describe('browser language the interface lacks (fr-FR)', () => {
  test.use({ locale: 'fr-FR' });

  test('falls back to the site default language', async ({ page }) => {
    // Make the site default Spanish so the fallback is visible (English is the last resort anyway).
    await page.route('**/config.json', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), default_language: 'es' } });
    });
    await page.goto('/');
    await waitForList(page);
    expect(await page.evaluate(() => navigator.languages.join(','))).not.toMatch(/\b(en|es)\b/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('nav.pager a[rel="next"]')).toContainText('Entradas antiguas');
  });
});

test.describe('day headers do not depend on the reader’s time zone', () => {
  for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    test.describe(tz, () => {
      test.use({ timezoneId: tz });
      test(`headers show the author's calendar day in ${tz}`, async ({ page }) => {
        await page.goto('/');
        await waitForList(page);
        const groups = dayGroups(home1().items);
        await expect(page.locator('main h2.date-header')).toHaveText(
          groups.map((g) => dayHeader(g.items[0].date_published!, 'en')),
        );
      });
    });
  }
});
