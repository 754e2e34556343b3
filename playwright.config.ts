// End-to-end and accessibility tests: the release build in dist/ served statically (SPA fallback)
// and driven with Debian's Chromium. Build first: `source scripts/env.sh && compile_content &&
// trunk build --release --offline` (scripts/test does this), then `npx playwright test`.
import { defineConfig } from '@playwright/test';

const PORT = 4178;
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `node_modules/.bin/sirv dist --single --quiet --port ${PORT} --host 127.0.0.1`,
    url: `${BASE_URL}/config.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
