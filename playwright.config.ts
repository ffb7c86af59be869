import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against the real server on a fresh embedded database.
 * Debian's Chromium is used as installed; no browser is ever downloaded.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

const port = Number(process.env.E2E_PORT ?? 3100);
const results = resolve('.test-results');

// The config is loaded again in every worker: only the first (main) process picks
// and prepares the data folder, and workers inherit its choice through the env.
if (!process.env.E2E_DATA_DIR) {
  mkdirSync(results, { recursive: true });
  for (const old of readdirSync(results).filter((n) => n.startsWith('e2e-data-'))) {
    rmSync(join(results, old), { recursive: true, force: true });
  }
  process.env.E2E_DATA_DIR = join(results, `e2e-data-${Date.now()}`);
  mkdirSync(process.env.E2E_DATA_DIR, { recursive: true });
  mkdirSync(join(results, 'screenshots'), { recursive: true });
  if (!hasChromium) console.warn(`Browser tests will be skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: '.test-results/playwright-output',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'America/Chicago',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
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
  },
  // Without Chromium every spec skips itself with a message; starting the server would be wasted time.
  webServer: hasChromium
    ? {
        // The real thing: the production build of the web app, served by the real server on a fresh
        // embedded database (DATABASE_URL emptied so a developer's PostgreSQL is never touched).
        command: 'npm run build:web --silent && node bin/offerline.js serve --seed-demo',
        env: { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
        url: `http://127.0.0.1:${port}/api/health`,
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'ignore',
        stderr: 'pipe',
      }
    : undefined,
});
