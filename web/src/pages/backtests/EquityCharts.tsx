import { money, percent } from '../../ui/format';
import { useMemo } from 'react';
import type { EquityPoint } from './model';
import { drawdownSeries, equitySeries } from './series';

import { TimeChart, type ChartLine } from './TimeChart';

const equityColor = '#3b82f6';
const drawdownColor = '#dc2626';

/** The equity curve (top pane, account currency) and its drawdown below it (% under the running peak). */
export function EquityCharts({ curve, currency }: { curve: EquityPoint[]; currency: string }) {
  const lines = useMemo<ChartLine[]>(() => {
    const equity = equitySeries(curve);
    return [
      { name: `Equity (${currency})`, points: equity, color: equityColor },
      { name: 'Drawdown', points: drawdownSeries(equity), color: drawdownColor, area: true, pane: 1, format: percent },
    ];
  }, [curve, currency]);
  return <TimeChart lines={lines} format={money} height={420} label="Equity and drawdown" />;
}
