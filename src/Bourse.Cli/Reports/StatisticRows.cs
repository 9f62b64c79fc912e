using System.Globalization;
using Bourse.Cli.Backtest;
using Bourse.Engine.Backtesting;

namespace Bourse.Cli.Reports;

/// <summary>One labelled figure of a backtest, formatted for people (the console table and the HTML report).</summary>
internal readonly record struct StatisticRow(string Label, string Value);

/// <summary>The figures of a backtest, in reading order, formatted with the invariant culture.</summary>
internal static class StatisticRows
{
    /// <summary>The rows of <paramref name="report"/>: run, P&amp;L, return and risk, trades, activity.</summary>
    public static IReadOnlyList<StatisticRow> Of(BacktestRequest request, BacktestReport report)
    {
        var s = report.Statistics;
        var p = s.Performance;
        string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + request.Currency;
        StatisticRow[] ticks = request.Ticks is { } t ? [new("Ticks (fills on ticks)", t.Count.ToString("N0", CultureInfo.InvariantCulture))] : [];
        return
        [
            .. ticks,
            new("Bars", request.Bars.Count.ToString("N0", CultureInfo.InvariantCulture)),
            new("Period", $"{request.Bars[0].OpenTime:yyyy-MM-dd HH:mm} → {request.Bars[^1].CloseTime:yyyy-MM-dd HH:mm} UTC"),
            new("Status", report.Status.ToString().ToLowerInvariant()),
            new("Starting cash", Money(request.StartingCash)),
            new("Final equity", Money(request.StartingCash + s.NetPnl)),
            new("Net P&L", Money(s.NetPnl)),
            new("Total return", Percent(p.TotalReturn)),
            new("CAGR", Percent(p.Cagr)),
            new("Annualised volatility", Percent(p.AnnualizedVolatility)),
            new("Sharpe ratio", Ratio(p.SharpeRatio)),
            new("Sortino ratio", Ratio(p.SortinoRatio)),
            new("Calmar ratio", Ratio(p.CalmarRatio)),
            new("Max drawdown", Percent(p.MaxDrawdown)),
            new("Max drawdown duration", Duration(p.MaxDrawdownDuration)),
            new("Trades (fills)", s.TotalTrades.ToString(CultureInfo.InvariantCulture)),
            new("Closed trades", s.ClosedTrades.ToString(CultureInfo.InvariantCulture)),
            new("Win rate", p.WinRate.ToString("P1", CultureInfo.InvariantCulture)),
            new("Profit factor", Ratio(p.ProfitFactor)),
            new("Expectancy", Money(p.Expectancy)),
            new("Average win", Money(p.AverageWin)),
            new("Average loss", Money(p.AverageLoss)),
            new("Exposure", Percent(p.Exposure)),
            new("Turnover", Ratio(p.Turnover)),
            new("Commissions", Money(s.Commissions)),
            new("Signals (executed)", $"{s.TotalSignals} ({s.ExecutedSignals})"),
            new("Orders filled / rejected", $"{s.FilledOrders} / {s.RejectedOrders}"),
            new("Strategy errors", s.ErrorCount.ToString(CultureInfo.InvariantCulture)),
            new("Periods per year", p.PeriodsPerYear.ToString("#,##0.##", CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>A fraction as a percentage with two decimals (0.0123 → "1.23%"); "n/a" when undefined.</summary>
    public static string Percent(decimal fraction) => fraction.ToString("P2", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Percent(decimal)"/>
    public static string Percent(double? fraction) => fraction?.ToString("P2", CultureInfo.InvariantCulture) ?? "n/a";

    /// <summary>A ratio with two decimals; "n/a" when undefined.</summary>
    public static string Ratio(double? ratio) => ratio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a";

    /// <summary>A duration as days, hours and minutes ("2d 03h 15m").</summary>
    public static string Duration(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours:00}h {span.Minutes:00}m");
}
