import { defineConfig } from '@playwright/test';
import { screenshotFolder, settings } from './fixtures';

// Run by tests/Bourse.Server.Tests/Dashboard/DashboardEndToEndTests.cs against a server it starts (BOURSE_URL & co., see
// fixtures.ts). One browser (Debian's Chromium, never a download), one worker: the specs share one server and its replay feed.
export default defineConfig({
  testDir: 'specs',
  outputDir: `${screenshotFolder}/../e2e-results`,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: settings.url,
    viewport: { width: 1366, height: 860 },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: settings.chromium },
  },
});
