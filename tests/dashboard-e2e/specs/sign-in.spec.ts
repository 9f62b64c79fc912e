import { expect, settings, signInWithApiKey, submitPassword, test } from '../fixtures';

test.use({ signedIn: false });

test('a signed-out visitor of a page is sent to sign in', async ({ page, capture }) => {
  await page.goto('/runs');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await capture('sign-in');
  await capture('sign-in-phone', { phone: true });
});

test('signs in with user name and password, then signs out', async ({ page }) => {
  await submitPassword(page, settings.username, settings.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('header .user')).toHaveText(settings.username);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/); // the session is gone, not just hidden
});

test('a wrong password shows the error and stays signed out', async ({ page, capture }) => {
  await submitPassword(page, settings.username, 'not the password');
  await expect(page.getByRole('alert')).toContainText(/password/i);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await capture('sign-in-error');
});

test('signs in with an API key', async ({ page }) => {
  await signInWithApiKey(page, settings.adminKey);
  await expect(page.locator('header .user')).toHaveText('admin');
  await expect(page.locator('header .live')).toHaveText('live'); // the /ws connection authenticated with the key
});
