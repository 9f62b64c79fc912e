import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useThrottled } from './useThrottled';
import { useQuery } from '@tanstack/react-query';
import { CandlestickSeries, createChart, createSeriesMarkers, type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import { listBars } from '../../api';
import { unwrapData } from '../../ui/api';
import { ChartCredit, chartOptions } from '../../ui/chart';
import { Failure, Loading } from '../../ui/states';
import { useStream } from '../../stream/StreamContext';
import { barMarkers, colors, toCandle, upsertCandle, type BarLike, type BarMarker, type Candle, type Marker } from './runModel';

const maxLabelled = 30;

/**
 * A live candlestick chart of one of the run's instruments: the stored 1-minute bars (REST), then every bar of the
 * `bars` topic, with the run's fills and signals marked, one marker per bar and side (`barMarkers`). Its container
 * carries test hooks that change as data arrives: `data-symbol`, `data-candles`, `data-last-bar-time` (ISO open time of
 * the newest candle), `data-fill-markers` and `data-signal-markers` (fills and signals marked for the shown
 * instrument) and `data-drawn-markers` (markers drawn for them).
 */
export const RunChart = memo(function RunChart({ symbols, markers }: { symbols: string[]; markers: Marker[] }) {
  const [symbol, setSymbol] = useState(symbols[0]);
  return (
    <div className="run-chart">
      {symbols.length > 1 && (
        <div className="tabs" role="tablist">
          {symbols.map((s) => (
            <button key={s} role="tab" aria-selected={s === symbol} onClick={() => setSymbol(s)}>{s}</button>
          ))}
        </div>
      )}
      <SymbolChart key={symbol} symbol={symbol} markers={markers} />
    </div>
  );
});

function SymbolChart({ symbol, markers }: { symbol: string; markers: Marker[] }) {
  const history = useQuery({
    queryKey: ['bars', symbol],
    queryFn: () => unwrapData(listBars({ query: { symbol, limit: 300 } })),
    staleTime: Infinity,
  });
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<'Candlestick'>; markers: ISeriesMarkersPluginApi<Time> } | null>(null);
  const candles = useRef<Candle[]>([]);
  const [lastBar, setLastBar] = useThrottled<Candle | null>(null);
  const shown = useMemo(() => markers.filter((m) => m.symbol === symbol), [markers, symbol]);
  const drawn = useMemo(() => barMarkers(shown), [shown]);
  const drawnRef = useRef(drawn);
  drawnRef.current = drawn;

  useEffect(() => {
    if (!container.current || !history.data) return;
    const api = createChart(container.current, chartOptions());
    const series = api.addSeries(CandlestickSeries, { upColor: colors.buy, downColor: colors.sell, borderVisible: false, wickUpColor: colors.buy, wickDownColor: colors.sell });
    candles.current = history.data.reduce<Candle[]>((all, bar) => upsertCandle(all, toCandle(bar)), candles.current);
    series.setData(candles.current.map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    chart.current = { api, series, markers: createSeriesMarkers(series, []) };
    drawMarkers(chart.current.markers, drawnRef.current);
    setLastBar(candles.current[candles.current.length - 1] ?? null);
    return () => {
      chart.current = null;
      api.remove();
    };
  }, [history.data]);

  useEffect(() => drawMarkers(chart.current?.markers, drawn), [drawn]);

  useStream('bars', { symbol, timeframe: '1m' }, (update) => {
    const candle = toCandle(update.payload as BarLike);
    const before = candles.current.length;
    candles.current = upsertCandle(candles.current, candle);
    const last = candles.current[candles.current.length - 1];
    const trimmed = candles.current.length < before;
    if (chart.current && candle.time === last.time && !trimmed) chart.current.series.update({ ...candle, time: candle.time as UTCTimestamp });
    else chart.current?.series.setData(candles.current.map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    setLastBar(last);
  });

  return (
    <div
      className="run-candles"
      data-testid="run-chart"
      data-symbol={symbol}
      data-candles={candles.current.length}
      data-last-bar-time={lastBar ? new Date(lastBar.time * 1000).toISOString() : ''}
      data-fill-markers={shown.filter((m) => m.kind === 'fill').length}
      data-signal-markers={shown.filter((m) => m.kind === 'signal').length}
      data-drawn-markers={drawn.length}
    >
      {history.isPending && <Loading what={`${symbol} bars`} />}
      {history.isError && <Failure message={history.error.message} onRetry={() => void history.refetch()} />}
      {lastBar && (
        <div className="chart-legend">
          {symbol} · {new Date(lastBar.time * 1000).toISOString().slice(11, 16)} UTC · O {lastBar.open} H {lastBar.high} L {lastBar.low} C {lastBar.close}
        </div>
      )}
      <div ref={container} className="chart-canvas" />
      <p className="chart-attribution muted"><ChartCredit /></p>
    </div>
  );
}

/** Draws the markers; labels only while few (a market maker fills on most bars, and hundreds of labels hide the candles). */
function drawMarkers(plugin: ISeriesMarkersPluginApi<Time> | undefined, markers: BarMarker[]) {
  const labelled = markers.length <= maxLabelled;
  plugin?.setMarkers(markers.map(({ time, position, shape, color, text }) => ({ time: time as UTCTimestamp, position, shape, color, text: labelled ? text : '' })));
}
