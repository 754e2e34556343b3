// End-to-end and accessibility tests: the release build in dist/ served statically (SPA fallback)
// and driven with Debian's Chromium. Build first: `source scripts/env.sh && compile_content &&
// trunk build --release --offline` (scripts/test does this), then `npx playwright test`.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

// Ports and the served folder can be moved (FRONTERA_E2E_PORT, FRONTERA_E2E_ISSO_PORT, FRONTERA_E2E_DIST,
// FRONTERA_E2E_STATIC_PORT, FRONTERA_E2E_HOSTILE_PORT)
// so that two test runs, or a run beside a rebuild of dist/, do not collide.
const PORT = Number(process.env.FRONTERA_E2E_PORT || 4178);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// A real Isso for the comment tests (docs/comments-server.md), with a fresh database each run.
// The data folder is fixed so the workers (which re-read this file) can approve comments in it.
export const ISSO_PORT = Number(process.env.FRONTERA_E2E_ISSO_PORT || 4179);
export const ISSO_URL = `http://127.0.0.1:${ISSO_PORT}`;
// The same dist/ on a plain static host with no SPA fallback (tests/e2e/prerender.spec.ts).
export const STATIC_PORT = Number(process.env.FRONTERA_E2E_STATIC_PORT || PORT + 2);
// A hostile site prerendered from the injection corpus, served by tests/e2e/injection-static.spec.ts
// itself (it exists only while that suite runs).
export const HOSTILE_PORT = Number(process.env.FRONTERA_E2E_HOSTILE_PORT || PORT + 3);
// A build for a sub-path (/blog/, dist-blog/) on the same kind of host (tests/e2e/subpath.spec.ts).
export const SUBPATH_PORT = Number(process.env.FRONTERA_E2E_SUBPATH_PORT || PORT + 4);
export const ISSO_DATA = process.env.FRONTERA_E2E_ISSO_DATA || path.join(os.tmpdir(), 'frontera-e2e-isso');

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
  webServer: [
    {
      command: `node_modules/.bin/sirv ${process.env.FRONTERA_E2E_DIST || 'dist'} --single --gzip --brotli --quiet --port ${PORT} --host 127.0.0.1`,
      url: `${BASE_URL}/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `node tests/e2e/static-server.mjs ${process.env.FRONTERA_E2E_DIST || 'dist'} ${STATIC_PORT}`,
      url: `http://127.0.0.1:${STATIC_PORT}/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      // Moderation on, as in production; limits raised because every test browser is 127.0.0.1.
      // The sample threads are seeded here, once, before Isso serves: seeded from the tests, they
      // were written while other tests' comments went in through the server, and a run saw five
      // of six comments (the first pending, its replies top-level).
      // `scripts/isso run` writes the configuration and becomes Isso (exec), so the SIGTERM that
      // Playwright sends the command's process group at the end stops Isso itself; GET /config is
      // its health check. Isso logs every request; its log goes beside the data folder.
      command: `scripts/isso run --data ${ISSO_DATA} --port ${ISSO_PORT} --fresh --seed --origin ${BASE_URL} 2>${ISSO_DATA}.log`,
      url: `${ISSO_URL}/config`,
      env: { ISSO_RATELIMIT: '1000', ISSO_DIRECT_REPLY: '1000', ISSO_MODERATION: 'true' },
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      timeout: 60_000,
    },
  ],
});
