import { useEffect, useRef, useState } from 'react';
import { ColorType, LineSeries, createChart, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useStream } from '../../stream/StreamContext';
import { Empty } from '../../ui/states';
import { money } from '../../ui/format';
import { EquityLine, type AccountUpdate } from './equityLine';

/**
 * A line of the summed equity of the caller's runs, fed by the `equity` WebSocket topic (every run's account_update)
 * from the moment the page opens; empty until the first update.
 */
export function LiveEquity() {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Line'> | null>(null);
  const line = useRef(new EquityLine());
  const [last, setLast] = useState<{ value: number; runs: number } | null>(null);

  useEffect(() => {
    const chart = createChart(container.current!, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#8b96a3', attributionLogo: false },
      grid: { vertLines: { color: '#2a323c' }, horzLines: { color: '#2a323c' } },
      rightPriceScale: { borderColor: '#2a323c' },
      timeScale: { borderColor: '#2a323c', timeVisible: true, secondsVisible: true },
    });
    series.current = chart.addSeries(LineSeries, { color: '#3b82f6', lineWidth: 2 });
    return () => {
      series.current = null;
      chart.remove();
    };
  }, []);

  useStream('equity', {}, (update) => {
    const point = line.current.apply(update.payload as AccountUpdate, update.ts);
    if (!point || !series.current) return;
    series.current.update({ time: point.time as UTCTimestamp, value: point.value });
    setLast({ value: point.value, runs: line.current.runs });
  });

  return (
    <div className="live-equity">
      <p className="live-equity-figure" aria-live="polite">
        {last ? `${money(last.value)} over ${last.runs} run${last.runs === 1 ? '' : 's'}` : ''}
      </p>
      {!last && <Empty>Waiting for equity updates: they stream while a strategy runs.</Empty>}
      <div ref={container} className="live-equity-chart" data-testid="equity-chart" />
    </div>
  );
}
