import { expect, test } from '../fixtures';

test('the overview opens signed in', async ({ page, capture }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await capture('overview');
});
