import { expect, test } from '../fixtures';
import type { APIRequestContext } from '@playwright/test';

/** The built-in Market Maker quotes a bid and an ask on every bar, so it fills within a few bars of the replay. */
async function marketMaker(api: APIRequestContext): Promise<string> {
  const plugins = await (await api.get('/api/v1/plugins?limit=500')).json();
  return plugins.data.plugins.find((p: { name: string }) => p.name === 'Market Maker').id;
}

test('start a strategy on the replay feed, see a candle update and a fill marker, stop it', async ({ page, api, capture }) => {
  test.setTimeout(180_000); // four screenshots of a page that redraws on every bar of the 6000x replay, on a loaded machine
  const plugin = await marketMaker(api);
  await page.goto('/runs');
  await page.getByRole('button', { name: 'Start a run…' }).click();
  const form = page.getByRole('form', { name: 'Start a run' });
  await form.getByLabel('Strategy').selectOption(plugin);
  await form.getByRole('checkbox', { name: /BTCUSD\.COINBASE/ }).check();
  await form.getByLabel('Starting cash').fill('50000');
  await form.getByRole('button', { name: 'Start run' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split('/').pop()!;
  try {
    await expect(page.getByTestId('run-status')).toHaveText('running');
    const chart = page.getByTestId('run-chart');
    await expect(chart).not.toHaveAttribute('data-last-bar-time', '');
    const first = (await chart.getAttribute('data-last-bar-time'))!;
    await expect(chart).not.toHaveAttribute('data-last-bar-time', first); // a candle from the bars topic
    await expect.poll(async () => Number(await chart.getAttribute('data-fill-markers'))).toBeGreaterThan(0);
    await expect(page.getByTestId('run-fills')).not.toHaveAttribute('data-rows', '0');
    await expect(page.getByTestId('run-orders')).not.toHaveAttribute('data-rows', '0');
    // The header counts the fills live (the Market Maker places orders itself: no signals), at least the rows listed.
    const rows = Number(await page.getByTestId('run-fills').getAttribute('data-rows'));
    const fills = page.getByTestId('run-fill-count');
    await expect.poll(async () => Number((await fills.getByTestId('run-fill-count-value').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(rows);
    await expect(fills).toContainText(/\d+ closed trades/);
    await expect(page.getByTestId('run-signal-count-value')).toHaveText('0');
    // One marker per bar and side however often the market maker fills.
    expect(Number(await chart.getAttribute('data-drawn-markers'))).toBeGreaterThan(0);
    await capture('run-view');
    await capture('run-view-phone', { phone: true });

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByTestId('run-status')).toHaveText('stopped');
    await expect(page.getByRole('button', { name: 'Start again' })).toBeVisible();

    await page.goto('/runs');
    await expect(page.locator(`tr[data-run-id="${runId}"]`)).toContainText('stopped');
    await capture('runs');
    await capture('runs-phone', { phone: true });
  } finally {
    await api.post(`/api/v1/strategies/${runId}/stop`);
  }
});

test('the kill switch halts a run after a confirmation that names what it cancels and flattens', async ({ page, api, capture }) => {
  const started = await api.post('/api/v1/strategies/start', {
    data: { plugin_id: await marketMaker(api), symbols: ['BTCUSD.COINBASE'], parameters: {}, risk: { daily_loss_limit: 100000 } },
  });
  expect(started.status(), await started.text()).toBe(201);
  const runId = (await started.json()).data.run_id;
  try {
    await page.goto('/risk');
    const card = page.locator(`[data-testid="run-risk"][data-run-id="${runId}"]`);
    await expect(card).toHaveAttribute('data-trading-state', 'active');
    await expect(card).toContainText('Daily loss limit');
    await card.getByRole('button', { name: 'Kill switch…' }).click();
    const dialog = page.getByRole('dialog', { name: /Pull the kill switch of Market Maker/ });
    await expect(dialog).toContainText(/Cancels \d+ working order\(s\)|No working order to cancel/);
    await expect(dialog).toContainText(/at market|No open position to close/);
    await capture('risk-kill-confirmation');
    await dialog.getByRole('button', { name: 'Halt, cancel and flatten' }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toHaveAttribute('data-trading-state', 'halted');
    await expect(card).toContainText('kill switch pulled by');
    await expect(page.getByTestId('risk-events')).toContainText('kill_switch');
    await capture('risk');
    await capture('risk-phone', { phone: true });
  } finally {
    await api.post(`/api/v1/strategies/${runId}/stop`);
  }
});
