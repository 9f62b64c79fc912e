using Bourse.Engine.Backtesting;

namespace Bourse.Engine.Statistics;

/// <summary>
/// The performance figures of a run, computed from its equity curve (starting equity first, then one point per bar
/// close time), its closed trades and its traded notional. Ratios are fractions (0.05 = 5 %); money in the account
/// currency. Annualised figures use <see cref="PeriodsPerYear"/> (the run's <see cref="Calendars.ITradingCalendar"/>). Null marks a
/// figure that is undefined for this run (see each formula in <see cref="PerformanceMath"/> and <see cref="ClosedTrades"/>).
/// </summary>
/// <param name="TotalReturn">(Final equity − starting equity) / starting equity.</param>
/// <param name="Cagr">Compound annual growth rate (<see cref="PerformanceMath.Cagr"/>).</param>
/// <param name="AnnualizedVolatility">Standard deviation of the per-bar returns, annualised (<see cref="PerformanceMath.AnnualizedVolatility"/>).</param>
/// <param name="SharpeRatio">Annualised Sharpe ratio, risk-free rate 0 (<see cref="PerformanceMath.SharpeRatio"/>).</param>
/// <param name="SortinoRatio">Annualised Sortino ratio, target return 0 (<see cref="PerformanceMath.SortinoRatio"/>).</param>
/// <param name="CalmarRatio">CAGR / max drawdown (<see cref="PerformanceMath.CalmarRatio"/>).</param>
/// <param name="MaxDrawdown">Largest peak-to-trough fall as a fraction of the peak (<see cref="PerformanceMath.MaxDrawdown"/>).</param>
/// <param name="MaxDrawdownDuration">Longest time below a previous peak (<see cref="PerformanceMath.MaxDrawdownDuration"/>).</param>
/// <param name="WinRate">Winning / closed trades (<see cref="ClosedTrades.WinRate"/>).</param>
/// <param name="ProfitFactor">Gross profit / gross loss (<see cref="ClosedTrades.ProfitFactor"/>).</param>
/// <param name="Expectancy">Mean P&amp;L per closed trade (<see cref="ClosedTrades.Expectancy"/>).</param>
/// <param name="AverageWin">Mean P&amp;L of winning trades (≥ 0).</param>
/// <param name="AverageLoss">Mean P&amp;L of losing trades (≤ 0).</param>
/// <param name="Exposure">Share of the bar close times at which at least one position was open (0..1).</param>
/// <param name="Turnover">Traded notional (Σ |fill price × quantity|) / mean equity: 2 means the capital was bought and sold once.</param>
/// <param name="TradedNotional">Σ |fill price × quantity| over every fill, account currency.</param>
/// <param name="PeriodsPerYear">The annualisation factor used (e.g. 98 280 for 1-minute equity bars).</param>
public sealed record PerformanceStatistics(
    decimal TotalReturn,
    double? Cagr,
    double AnnualizedVolatility,
    double? SharpeRatio,
    double? SortinoRatio,
    double? CalmarRatio,
    decimal MaxDrawdown,
    TimeSpan MaxDrawdownDuration,
    double WinRate,
    double? ProfitFactor,
    decimal Expectancy,
    decimal AverageWin,
    decimal AverageLoss,
    double Exposure,
    double Turnover,
    decimal TradedNotional,
    double PeriodsPerYear)
{
    /// <summary>Computes the figures.</summary>
    /// <param name="series">Equity E_0 (the starting equity at the start time) followed by one point per bar close time.</param>
    /// <param name="inMarketSamples">How many points after E_0 had at least one open position.</param>
    /// <param name="trades">The run's closed trades.</param>
    /// <param name="tradedNotional">Σ |fill price × quantity|, account currency.</param>
    /// <param name="periodsPerYear">Bar periods per year (<see cref="Calendars.ITradingCalendar.PeriodsPerYear"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerYear"/> is not positive.</exception>
    public static PerformanceStatistics Compute(IReadOnlyList<EquityPoint> series, int inMarketSamples, ClosedTrades trades, decimal tradedNotional, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodsPerYear);
        var returns = PerformanceMath.Returns(series);
        var start = series.Count > 0 ? series[0].Equity : 0m;
        var totalReturn = start > 0m ? (series[^1].Equity - start) / start : 0m;
        var cagr = PerformanceMath.Cagr(totalReturn, returns.Length, periodsPerYear);
        var maxDrawdown = PerformanceMath.MaxDrawdown(series);
        var meanEquity = series.Count > 0 ? series.Average(p => p.Equity) : 0m;
        return new PerformanceStatistics(
            totalReturn,
            cagr,
            PerformanceMath.AnnualizedVolatility(returns, periodsPerYear),
            PerformanceMath.SharpeRatio(returns, periodsPerYear),
            PerformanceMath.SortinoRatio(returns, periodsPerYear),
            PerformanceMath.CalmarRatio(cagr, maxDrawdown),
            maxDrawdown,
            PerformanceMath.MaxDrawdownDuration(series),
            trades.WinRate,
            trades.ProfitFactor,
            trades.Expectancy,
            trades.AverageWin,
            trades.AverageLoss,
            returns.Length == 0 ? 0d : (double)inMarketSamples / returns.Length,
            meanEquity > 0m ? (double)(tradedNotional / meanEquity) : 0d,
            tradedNotional,
            periodsPerYear);
    }
}
