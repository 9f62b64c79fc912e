import { ColorType, type ChartOptions, type DeepPartial } from 'lightweight-charts';

/**
 * The dashboard's look for lightweight-charts: colours from the page's CSS variables, sized to the container, a UTC time
 * axis to the minute, and no logo (it injects an inline <style>, which the dashboard's CSP refuses: show
 * `<ChartCredit/>` beside the chart instead).
 */
export function chartOptions(): DeepPartial<ChartOptions> {
  const styles = getComputedStyle(document.documentElement);
  const color = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: color('--muted', '#8b96a3'), attributionLogo: false },
    grid: { vertLines: { color: color('--line', '#2a323c') }, horzLines: { color: color('--line', '#2a323c') } },
    timeScale: { timeVisible: true, secondsVisible: false },
    rightPriceScale: { borderVisible: false },
  };
}

/** The credit TradingView's licence asks for, in text (in place of the logo). */
export function ChartCredit() {
  return (
    <>Charts by <a href="https://www.tradingview.com/lightweight-charts/" target="_blank" rel="noreferrer">TradingView Lightweight Charts™</a></>
  );
}
