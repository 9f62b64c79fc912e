import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, submitPassword, test } from '../fixtures';

const sample = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples', 'strategies', 'BreakoutTrader.cs');

// A user of its own, so the sample's name is free in its catalogue whatever the other specs upload.
const user = { username: 'strategies-e2e', password: 'strategies e2e password' };

test.use({ signedIn: false });
// Two compiles on the server and a dozen page steps: more than the default minute on a loaded machine.
test.setTimeout(180_000);

test('upload the sample by drag and drop, see it in the catalogue, save a config version, break the source in the editor and see the error at its line', async ({ page, api, capture }) => {
  const registered = await api.post('/api/v1/auth/register', { data: { ...user, role: 'trader' } });
  expect(registered.status(), await registered.text()).toBe(201);
  await submitPassword(page, user.username, user.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/strategies');
  await expect(page.getByRole('heading', { name: 'Strategies' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Catalogue' }).getByRole('button', { name: /^EMA Crossover/ })).toBeVisible();

  // Drop the file on the zone, as a user drags it from a file manager.
  const source = readFileSync(sample, 'utf8');
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'BreakoutTrader.cs', { type: 'text/plain' }));
    return transfer;
  }, source);
  await page.getByTestId('upload-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByRole('status').filter({ hasText: "Plugin 'Breakout Trader' uploaded." })).toBeVisible();

  const card = page.getByRole('list', { name: 'Catalogue' }).getByRole('button', { name: /^Breakout Trader/ });
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  await expect(card).toContainText('high risk');
  await expect(card).toContainText('momentum · source · v1.0.0 · 2 parameter(s)');
  const parameters = page.locator('table.parameters');
  await expect(parameters.getByRole('row', { name: /Lookback integer 20 2 … 500/ })).toBeVisible();
  await capture('strategies');
  await capture('strategies-phone', { phone: true });

  // A config version: the form checks the range first, then the server stores version 1.
  const form = page.getByRole('form', { name: 'New config version' });
  await form.getByLabel('Config name').fill('tight');
  await form.getByLabel(/^Lookback/).fill('1');
  await form.getByRole('button', { name: 'Create version' }).click();
  await expect(form.getByText('Must be at least 2.')).toBeVisible();
  await form.getByLabel(/^Lookback/).fill('5');
  await form.getByRole('button', { name: 'Create version' }).click();
  await expect(form.getByRole('status')).toHaveText("Config 'tight' version 1 created.");
  await expect(page.getByRole('list', { name: 'Configs' }).getByRole('button', { name: 'v1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.config-version')).toContainText('Lookback5');

  // The editor: a deliberate compile error on a new last line comes back at that line, in the gutter and in the list.
  await page.getByRole('button', { name: 'Edit source' }).click();
  const editor = page.locator('.source-editor .cm-content');
  await expect(editor).toContainText('public sealed class BreakoutTrader');
  await editor.click();
  await page.keyboard.press('Control+End');
  // Enter, then insertText rather than type: typing '{' would let the editor close the bracket itself (a second error).
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('class Broken { int X => missingName; }');
  const line = source.split('\n').length + 1;
  await page.getByRole('button', { name: 'Save new version' }).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText(`line ${line}, column 25`);
  await expect(problems).toContainText('CS0103');
  await expect(problems).toContainText("The name 'missingName' does not exist");
  await expect(page.locator('.source-editor .cm-lintRange-error')).toHaveText('missingName');
  await expect(page.locator('.source-editor .cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  await page.locator('.source-editor').scrollIntoViewIfNeeded();
  await capture('strategies-editor-error');

  // Fixed: the new version is saved and the plugin keeps its id.
  await page.getByRole('button', { name: 'Revert' }).click();
  // The editor takes the stored source back asynchronously: type only once it has.
  await expect(page.locator('.source-editor .toolbar')).toContainText('as stored');
  await expect(editor).not.toContainText('missingName');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// version two');
  await expect(page.locator('.source-editor .toolbar')).toContainText('edited');
  await page.getByRole('button', { name: 'Save new version' }).click();
  await expect(page.locator('.source-editor').getByRole('status')).toContainText("Plugin 'Breakout Trader' updated");
  await expect(page.locator('.source-editor .cm-lint-marker-error')).toHaveCount(0);
});
