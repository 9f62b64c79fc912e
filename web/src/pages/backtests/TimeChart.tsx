import { useEffect, useRef } from 'react';
import { AreaSeries, createChart, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { ChartCredit, chartOptions } from '../../ui/chart';
import type { SeriesPoint } from './series';

/**
 * One line of a chart: its points, colour, legend name, whether its area is filled, its pane (0 = top) and how its
 * values read (the chart's `format` when not given).
 */
export type ChartLine = { name: string; points: SeriesPoint[]; color: string; area?: boolean; pane?: number; format?: (value: number) => string };

/**
 * A time chart (TradingView's lightweight-charts) of one or more lines over UTC time, sized to its container,
 * values shown with `format` (axis and crosshair). Panes after the first are given `paneShare` of the height each.
 */
export function TimeChart({ lines, format, height = 320, label, paneShare = 0.35 }: {
  lines: ChartLine[];
  format: (value: number) => string;
  height?: number;
  label: string;
  paneShare?: number;
}) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, chartOptions());
    for (const line of lines) {
      const priceFormat = { type: 'custom' as const, formatter: line.format ?? format, minMove: 0.0001 };
      const options = { color: line.color, lineWidth: 2 as const, title: line.name, priceLineVisible: false, priceFormat };
      const series = line.area
        ? chart.addSeries(AreaSeries, { ...options, lineColor: line.color, topColor: `${line.color}10`, bottomColor: `${line.color}60`, invertFilledArea: true }, line.pane ?? 0)
        : chart.addSeries(LineSeries, options, line.pane ?? 0);
      series.setData(line.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    }
    const panes = chart.panes();
    if (panes.length > 1) panes.forEach((pane, i) => pane.setStretchFactor(i === 0 ? 1 - paneShare * (panes.length - 1) : paneShare));
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [lines, format, paneShare]);

  return (
    <figure className="time-chart">
      <div className="chart" ref={container} style={{ height }} role="img" aria-label={label} />
      <figcaption className="hint"><ChartCredit /></figcaption>
    </figure>
  );
}
