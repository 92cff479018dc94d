import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets two checkouts on one machine run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Browser tests run against the static export (out/, from `next build`) in Debian's Chromium.
// No browser is downloaded: never run `npx playwright install`.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  // A lab flow (solve, grade, export, reload, grade again) is long: a busy 2-core machine needs the room.
  timeout: 60_000,
  // The simulator starts in a Web Worker; on a busy machine its first answer can take seconds.
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    // The site installs a service worker; the tests of pages run without it (the deploy-*.spec.ts
    // tests of offline use and updates allow it).
    serviceWorkers: 'block',
  },
  webServer: {
    command: `node cli/serve-static.mjs out --port ${PORT}`,
    url: `${BASE_URL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
