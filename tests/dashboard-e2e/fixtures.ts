import { test as base, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the end-to-end specs share. The xUnit test that runs them (DashboardEndToEndTests) starts a Bourse server and
 * passes: BOURSE_URL (its address), BOURSE_ADMIN_KEY (the first admin's API key), BOURSE_USERNAME / BOURSE_PASSWORD
 * (a trader it registered), BOURSE_SCREENSHOTS (where screenshots go) and CHROMIUM (the browser binary).
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these specs through DashboardEndToEndTests (dotnet test tests/Bourse.Server.Tests --filter DashboardEndToEnd).`);
  return value;
}

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const settings = {
  url: process.env.BOURSE_URL ?? 'http://localhost:8081',
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  get adminKey() { return required('BOURSE_ADMIN_KEY'); },
  get username() { return required('BOURSE_USERNAME'); },
  get password() { return required('BOURSE_PASSWORD'); },
};

/** artifacts/screenshots under the repository (gitignored), or BOURSE_SCREENSHOTS. */
export const screenshotFolder = process.env.BOURSE_SCREENSHOTS ?? join(repository, 'artifacts', 'screenshots');

/** The phone width every page is also shot at (`capture(name, { phone: true })`). */
export const phone = { width: 375, height: 812 };

/** Signs in through the sign-in page with an API key (`bk_….secret`) and waits for the overview. */
export async function signInWithApiKey(page: Page, key: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: 'API key' }).click();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Signs in through the sign-in page with a user name and password (without waiting: a wrong one shows an error). */
export async function submitPassword(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: 'Password' }).click();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The admin's signed-in session as the app keeps it (sessionStorage 'bourse.session'), made once per worker through the UI. */
async function signInOnce(browser: Browser): Promise<string> {
  const page = await browser.newPage({ baseURL: settings.url });
  try {
    await signInWithApiKey(page, settings.adminKey);
    return (await page.evaluate(() => sessionStorage.getItem('bourse.session')))!;
  } finally {
    await page.close();
  }
}

type Fixtures = {
  /** The REST API as the admin (bearer API key), to set up what a spec shows: `await api.post('/api/v1/…', { data })`. */
  api: APIRequestContext;
  /** false: the page starts signed out (`test.use({ signedIn: false })`); true by default (the admin, by API key). */
  signedIn: boolean;
  /** Saves a full-page PNG of the page as `<screenshots>/<name>.png` (also at 375 px with `phone: true`); returns its path. */
  capture: (name: string, options?: { phone?: boolean }) => Promise<string>;
  /** Browser console errors and uncaught exceptions of the test's page; the test fails when any remain at its end. */
  consoleErrors: string[];
};

export const test = base.extend<Fixtures, { session: () => Promise<string> }>({
  // Once per worker, and only when a signed-in test asks for it.
  session: [
    async ({ browser }, use) => {
      let once: Promise<string> | undefined;
      await use(() => (once ??= signInOnce(browser)));
    },
    { scope: 'worker' },
  ],
  signedIn: [true, { option: true }],

  context: async ({ context, signedIn, session }, use) => {
    if (signedIn) {
      // sessionStorage is per tab and not part of Playwright's storage state: put the session into each new page (so a
      // spec that signs out and reloads is signed in again: such specs use `test.use({ signedIn: false })`).
      await context.addInitScript((stored) => {
        if (!sessionStorage.getItem('bourse.session')) sessionStorage.setItem('bourse.session', stored);
      }, await session());
    }
    await use(context);
  },

  api: async ({ playwright }, use) => {
    const api = await playwright.request.newContext({ baseURL: settings.url, extraHTTPHeaders: { Authorization: `Bearer ${settings.adminKey}` } });
    await use(api);
    await api.dispose();
  },

  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        // A 4xx answer the app handles (a wrong password's 401) is logged by Chromium; CSP violations and script errors are not allowed.
        if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
          errors.push(message.text());
        }
      });
      await use(errors);
      expect(errors, 'the browser console has errors').toEqual([]);
    },
    { auto: true },
  ],

  capture: async ({ page }, use) => {
    mkdirSync(screenshotFolder, { recursive: true });
    await use(async (name, options) => {
      const path = join(screenshotFolder, `${name}.png`);
      const viewport = page.viewportSize();
      if (options?.phone) await page.setViewportSize(phone);
      try {
        await expect(page.locator('.state-loading'), `${name}: still loading`).toHaveCount(0); // <Loading/> of web/src/ui/states.tsx
        await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      } finally {
        if (options?.phone && viewport) await page.setViewportSize(viewport);
      }
      return path;
    });
  },
});

export { expect };
