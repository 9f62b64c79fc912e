import { expect, settings, submitPassword, test } from '../fixtures';

test.describe('a user without live strategies', () => {
  test.use({ signedIn: false });

  test('sees the empty overview', async ({ page, capture }) => {
    await submitPassword(page, settings.username, settings.password); // the trader has no live strategy
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(page.getByLabel('Summary')).toContainText('Active strategies0 / 0');
    await expect(page.getByText('No signals yet')).toBeVisible();
    await expect(page.getByText('No open positions.')).toBeVisible();
    await expect(page.getByText('Waiting for equity updates')).toBeVisible();
    await capture('overview-empty');
  });
});

test('the overview shows a running live strategy: figures, signals, positions and live equity', async ({ page, api, capture }) => {
  const plugins = await (await api.get('/api/v1/plugins')).json();
  const ema = plugins.data.plugins.find((p: { name: string }) => p.name === 'EMA Crossover');
  const created = await api.post('/api/v1/live-trading/strategies', {
    data: {
      name: 'overview ema', plugin_id: ema.id, symbols: ['BTCUSD.COINBASE'], check_interval: 60, auto_execute: true,
      max_position_size: 50000, max_positions: 1, daily_loss_limit: 100000, position_size_pct: 0.1,
      signal_strength_threshold: 0, parameters: { FastPeriod: 2, SlowPeriod: 3 },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const strategy = (await created.json()).data.id;
  expect((await api.post(`/api/v1/live-trading/strategies/${strategy}/start`)).ok()).toBe(true);
  try {
    await page.goto('/');
    await expect(page.getByLabel('Summary')).toContainText(/Active strategies[1-9]\d* \/ [1-9]/);
    await expect(page.getByRole('region', { name: 'Live equity' })).toContainText(/over [1-9]\d* runs?/); // the equity topic's updates
    await expect(page.getByRole('region', { name: 'Recent signals' }).getByRole('row').nth(1)).toContainText('BTCUSD.COINBASE');
    await expect(page.getByRole('region', { name: 'Open positions' })).toContainText(/overview ema|No open positions/); // flat between trades
    await capture('overview');
    await capture('overview-phone', { phone: true });
  } finally {
    await api.post(`/api/v1/live-trading/strategies/${strategy}/stop`);
  }
});
