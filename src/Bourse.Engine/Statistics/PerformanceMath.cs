using Bourse.Engine.Backtesting;

namespace Bourse.Engine.Statistics;

/// <summary>
/// Performance formulas over an equity series E_0, E_1, …, E_n (E_0 the starting equity) and its per-period simple
/// returns r_i = E_i / E_(i−1) − 1. Annualised figures take the periods per year of the run's trading calendar (<see cref="Calendars.ITradingCalendar.PeriodsPerYear"/>).
/// A ratio that is undefined (too few returns, zero deviation, no drawdown) is null, never ±∞ or NaN.
/// </summary>
public static class PerformanceMath
{
    /// <summary>
    /// The simple returns r_i = E_i / E_(i−1) − 1 of consecutive points (n points give n − 1 returns). A return after a
    /// non-positive equity (an account wiped out) is undefined and counts as 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static double[] Returns(IReadOnlyList<EquityPoint> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < 2)
        {
            return [];
        }

        var returns = new double[series.Count - 1];
        for (var i = 1; i < series.Count; i++)
        {
            var previous = series[i - 1].Equity;
            returns[i - 1] = previous > 0m ? (double)((series[i].Equity / previous) - 1m) : 0d;
        }

        return returns;
    }

    /// <summary>
    /// Compound annual growth rate: (1 + total return)^(1 / years) − 1 with years = periods / periods per year
    /// (the geometric annualised return, e.g. C. Bacon, "Practical Portfolio Performance Measurement and
    /// Attribution", 2nd ed., Wiley 2008, §2.4). −1 when the equity ended at or below zero; null when there are no
    /// periods or the result overflows a double (a large return over a few bars).
    /// </summary>
    public static double? Cagr(decimal totalReturn, int periods, double periodsPerYear)
    {
        if (periods <= 0 || periodsPerYear <= 0d)
        {
            return null;
        }

        var growth = 1d + (double)totalReturn;
        if (growth <= 0d)
        {
            return -1d;
        }

        var cagr = Math.Pow(growth, periodsPerYear / periods) - 1d;
        return double.IsFinite(cagr) ? cagr : null;
    }

    /// <summary>
    /// Annualised volatility: the sample standard deviation (n − 1) of the returns × √(periods per year), the
    /// square-root-of-time rule for independent returns (A. W. Lo, "The Statistics of Sharpe Ratios", Financial
    /// Analysts Journal 58(4), 2002). 0 with fewer than 2 returns.
    /// </summary>
    public static double AnnualizedVolatility(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        return returns.Count < 2 ? 0d : SampleStandardDeviation(returns) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>
    /// Annualised Sharpe ratio with a zero risk-free rate: mean(r) / sample standard deviation (n − 1) of r ×
    /// √(periods per year) (W. F. Sharpe, "Mutual Fund Performance", Journal of Business 39(1), 1966, and "The Sharpe
    /// Ratio", Journal of Portfolio Management 21(1), 1994; annualised by √q as in Lo 2002). Null with fewer than 2
    /// returns or a zero standard deviation.
    /// </summary>
    public static double? SharpeRatio(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count < 2)
        {
            return null;
        }

        var deviation = SampleStandardDeviation(returns);
        return deviation > 0d ? Mean(returns) / deviation * Math.Sqrt(periodsPerYear) : null;
    }

    /// <summary>
    /// Annualised Sortino ratio with a minimum acceptable return of 0: mean(r) / downside deviation ×
    /// √(periods per year), where downside deviation = √(Σ min(r_i, 0)² / n) over all n returns (F. A. Sortino and
    /// R. van der Meer, "Downside Risk", Journal of Portfolio Management 17(4), 1991; the full-sample denominator as
    /// in F. A. Sortino and L. N. Price, "Performance Measurement in a Downside Risk Framework", Journal of Investing
    /// 3(3), 1994). Null with fewer than 2 returns or no negative return.
    /// </summary>
    public static double? SortinoRatio(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count < 2)
        {
            return null;
        }

        var downside = 0d;
        foreach (var r in returns)
        {
            if (r < 0d)
            {
                downside += r * r;
            }
        }

        var deviation = Math.Sqrt(downside / returns.Count);
        return deviation > 0d ? Mean(returns) / deviation * Math.Sqrt(periodsPerYear) : null;
    }

    /// <summary>
    /// Calmar ratio: CAGR / maximum drawdown (T. W. Young, "Calmar Ratio: A Smoother Tool", Futures 20(1), 1991; Young
    /// used the last 36 months, here the whole run). Null when either is undefined or the drawdown is 0.
    /// </summary>
    public static double? CalmarRatio(double? cagr, decimal maxDrawdown) =>
        cagr is { } c && maxDrawdown > 0m ? c / (double)maxDrawdown : null;

    /// <summary>
    /// The drawdown at every point: (peak_t − E_t) / peak_t, where peak_t is the highest equity up to t; 0 at a new
    /// peak and while the peak is not positive.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static decimal[] Drawdowns(IReadOnlyList<EquityPoint> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var drawdowns = new decimal[series.Count];
        var peak = decimal.MinValue;
        for (var i = 0; i < series.Count; i++)
        {
            var equity = series[i].Equity;
            peak = Math.Max(peak, equity);
            drawdowns[i] = peak > 0m ? (peak - equity) / peak : 0m;
        }

        return drawdowns;
    }

    /// <summary>
    /// Maximum drawdown: the largest peak-to-trough fall as a fraction of the running peak, max over t of
    /// (peak_t − E_t) / peak_t (0.1 = 10 %); 0 for an empty or never-falling series.
    /// </summary>
    public static decimal MaxDrawdown(IReadOnlyList<EquityPoint> series)
    {
        var max = 0m;
        foreach (var drawdown in Drawdowns(series))
        {
            max = Math.Max(max, drawdown);
        }

        return max;
    }

    /// <summary>
    /// Maximum drawdown duration: the longest time from a peak to the first point back at or above it (to the last
    /// point when it never recovers), whether or not that is the deepest drawdown.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static TimeSpan MaxDrawdownDuration(IReadOnlyList<EquityPoint> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var peak = series[0];
        var underwater = false;
        var longest = TimeSpan.Zero;
        foreach (var point in series)
        {
            if (point.Equity >= peak.Equity)
            {
                if (underwater)
                {
                    longest = Max(longest, point.Timestamp - peak.Timestamp);
                }

                peak = point;
                underwater = false;
            }
            else
            {
                underwater = true;
            }
        }

        return underwater ? Max(longest, series[^1].Timestamp - peak.Timestamp) : longest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;

    private static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0d;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    private static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var sum = 0d;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Count - 1));
    }
}
