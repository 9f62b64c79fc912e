import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** Starts a backtest from the form on /backtests; returns its id once its page opened. */
async function runFromPage(page: Page, strategy: string, symbol: string, parameters: Record<string, string>): Promise<string> {
  await page.goto('/backtests');
  await page.getByLabel('Strategy').selectOption({ label: strategy });
  await page.getByLabel(symbol).check();
  for (const [name, value] of Object.entries(parameters)) await page.getByLabel(name, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/** Starts a backtest through the API and waits for its end; returns its id. */
async function runThroughApi(api: APIRequestContext, body: object): Promise<string> {
  const started = await api.post('/api/v1/backtests', { data: body });
  expect(started.status(), await started.text()).toBe(202);
  const id: string = (await started.json()).data.id;
  await expect.poll(async () => (await (await api.get(`/api/v1/backtests/${id}`)).json()).data.status).not.toBe('running');
  return id;
}

async function pluginId(api: APIRequestContext, name: string): Promise<string> {
  const plugins = await (await api.get('/api/v1/plugins?limit=500')).json();
  return plugins.data.plugins.find((p: { name: string }) => p.name === name).id;
}

test('a backtest runs from the page, is followed until it ends, then shows its report: statistics, equity and drawdown, trades', async ({ page, capture }) => {
  await page.goto('/backtests');
  await page.getByLabel('Strategy').selectOption({ label: 'EMA Crossover' });
  // The parameter form comes from the strategy's schema, with its defaults.
  await expect(page.getByLabel('FastPeriod', { exact: true })).toHaveValue('12');
  await expect(page.getByLabel('SlowPeriod', { exact: true })).toHaveValue('26');
  await page.getByLabel('BTCUSD.COINBASE').check();
  await page.getByLabel('FastPeriod', { exact: true }).fill('5');
  await capture('backtest-form');
  await capture('backtest-form-phone', { phone: true });
  await page.getByRole('button', { name: 'Run backtest' }).click();

  await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /EMA Crossover on BTCUSD\.COINBASE/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('completed'); // polled until it ended
  await expect(page.getByText('FastPeriod = 5')).toBeVisible();

  const cards = page.getByLabel('Key statistics');
  for (const figure of ['Total return', 'CAGR', 'Sharpe ratio', 'Max drawdown', 'Win rate', 'Profit factor']) await expect(cards).toContainText(figure);
  await expect(cards).toContainText('%');
  await expect(page.getByRole('table', { name: 'Statistics: Risk' })).toContainText('Sortino ratio');
  await expect(page.getByRole('table', { name: 'Statistics: Costs and activity' })).toContainText('USD');

  const chart = page.getByRole('img', { name: 'Equity and drawdown' });
  await expect(chart.locator('canvas').first()).toBeVisible();

  const trades = page.getByRole('table', { name: 'Trade list' });
  await expect(trades.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText(/Page 1 of \d+ · \d+ fills/)).toBeVisible();
  // Sorting: price descending puts the highest price first.
  await trades.getByRole('button', { name: 'Price' }).click();
  await trades.getByRole('button', { name: /Price/ }).click();
  await expect(trades.locator('th[aria-sort="descending"]')).toContainText('Price');
  const prices = await trades.locator('tbody tr td:nth-child(4)').allInnerTexts();
  const values = prices.map((p) => Number(p.replace(/,/g, '')));
  expect(values).toEqual([...values].sort((a, b) => b - a));

  await capture('backtest-report');
  await capture('backtest-report-phone', { phone: true });
});

test('two backtests compare side by side: every figure with the better one marked, both equity curves on one chart', async ({ page, api, capture }) => {
  const ema = await pluginId(api, 'EMA Crossover');
  await runThroughApi(api, { plugin_id: ema, symbols: ['SPY.NASDAQ'], parameters: { FastPeriod: 5, SlowPeriod: 20 } });
  await runFromPage(page, 'EMA Crossover', 'SPY.NASDAQ', { FastPeriod: '20', SlowPeriod: '60' });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('completed');

  // The history lists both, newest first: tick them and compare.
  await page.getByRole('link', { name: 'Backtests' }).first().click();
  const history = page.getByRole('region', { name: 'Backtest history' });
  const ticks = history.getByRole('checkbox', { name: /^Compare / });
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await history.getByRole('button', { name: 'Compare 2/2' }).click();

  await page.waitForURL(/\/backtests\/compare\?a=.+&b=.+/);
  const table = page.getByRole('table', { name: 'Statistics of both backtests' });
  await expect(table).toContainText('Total return');
  await expect(table.getByLabel('better').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Backtest A' })).toContainText('FastPeriod=20');
  await expect(page.getByRole('region', { name: 'Backtest B' })).toContainText('FastPeriod=5');
  await expect(page.getByRole('img', { name: 'Equity curves of both backtests' }).locator('canvas').first()).toBeVisible();
  await capture('backtest-compare');
  await page.getByRole('tab', { name: 'Return' }).click();
  await capture('backtest-compare-phone', { phone: true });
});

test('a failed backtest shows why, and a refused one names the field at fault', async ({ page, api, capture }) => {
  const source = `using Bourse.Sdk.MarketData;
using Bourse.Sdk.Strategies;

namespace E2E;

[Strategy("E2E Backtest Thrower")]
public sealed class Thrower : Strategy
{
    public override void OnBar(Bar bar) => throw new InvalidOperationException("thrown on purpose at " + bar.OpenTime.ToString("O"));
}
`;
  const uploaded = await api.post('/api/v1/plugins/upload', { multipart: { plugin: { name: 'e2e-thrower.cs', mimeType: 'text/plain', buffer: Buffer.from(source) } } });
  expect([201, 409], await uploaded.text()).toContain(uploaded.status()); // 409: uploaded by an earlier run on this server

  // Refused: the server's validation names the parameter.
  await page.goto('/backtests');
  await page.getByLabel('Strategy').selectOption({ label: 'EMA Crossover' });
  await page.getByLabel('SPY.NASDAQ').check();
  await page.getByLabel('FastPeriod', { exact: true }).fill('30');
  await page.getByLabel('SlowPeriod', { exact: true }).fill('20');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(page.getByRole('alert')).toContainText('parameters.FastPeriod');

  // Failed: the strategy throws on every bar until the error limit.
  await runFromPage(page, 'E2E Backtest Thrower', 'SPY.NASDAQ', {});
  await expect(page.getByRole('heading', { level: 1 })).toContainText('failed');
  await expect(page.getByRole('alert')).toContainText('thrown on purpose');
  await capture('backtest-failed');
});
