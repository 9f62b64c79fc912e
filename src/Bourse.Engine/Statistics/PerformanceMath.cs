using Bourse.Engine.Backtesting;

namespace Bourse.Engine.Statistics;

/// <summary>Performance formulas over an equity curve.</summary>
public static class PerformanceMath
{
    /// <summary>
    /// Largest peak-to-trough fall as a fraction of the running peak: max over t of (peak_t − E_t) / peak_t,
    /// where peak_t is the highest equity up to t. 0 for an empty or never-falling curve; peaks ≤ 0 are skipped.
    /// </summary>
    public static decimal MaxDrawdown(IReadOnlyList<EquityPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var peak = decimal.MinValue;
        var max = 0m;
        for (var i = 0; i < curve.Count; i++)
        {
            var equity = curve[i].Equity;
            if (equity > peak)
            {
                peak = equity;
            }
            else if (peak > 0m)
            {
                var drawdown = (peak - equity) / peak;
                if (drawdown > max)
                {
                    max = drawdown;
                }
            }
        }

        return max;
    }

    /// <summary>
    /// Annualized Sharpe ratio with a zero risk-free rate (W. F. Sharpe, "The Sharpe Ratio", Journal of Portfolio
    /// Management 21(1), 1994): mean / sample standard deviation (n − 1) of the per-sample simple returns
    /// r_i = E_i / E_(i−1) − 1, times √(samples per year), where samples per year = 365.25 days / the median spacing
    /// of the curve's timestamps (calendar time: a minute curve of a 6.5-hour equity session is therefore
    /// annualized as if it traded around the clock). 0 when there are fewer than 2 returns, the variance is zero,
    /// or a previous equity is not positive.
    /// </summary>
    public static double SharpeRatio(IReadOnlyList<EquityPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var n = curve.Count - 1;
        if (n < 2)
        {
            return 0d;
        }

        var returns = new double[n];
        var spacings = new long[n];
        for (var i = 0; i < n; i++)
        {
            var previous = curve[i].Equity;
            if (previous <= 0m)
            {
                return 0d;
            }

            returns[i] = (double)((curve[i + 1].Equity / previous) - 1m);
            spacings[i] = (curve[i + 1].Timestamp - curve[i].Timestamp).Ticks;
        }

        var mean = returns.Average();
        var variance = 0d;
        foreach (var r in returns)
        {
            variance += (r - mean) * (r - mean);
        }

        variance /= n - 1;
        if (variance <= 0d)
        {
            return 0d;
        }

        Array.Sort(spacings);
        var median = n % 2 == 1 ? spacings[n / 2] : (spacings[(n / 2) - 1] + spacings[n / 2]) / 2.0;
        if (median <= 0)
        {
            return 0d;
        }

        var samplesPerYear = TimeSpan.FromDays(365.25).Ticks / median;
        return mean / Math.Sqrt(variance) * Math.Sqrt(samplesPerYear);
    }

    /// <summary>wins / closed trades, 0 when there are none.</summary>
    public static double WinRate(int wins, int closedTrades) => closedTrades == 0 ? 0d : (double)wins / closedTrades;
}
