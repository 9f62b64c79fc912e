using System.Globalization;
using Bourse.Engine.Backtesting;
using Spectre.Console;

namespace Bourse.Cli.Backtest;

/// <summary>Prints a backtest's statistics as a two-column table.</summary>
internal static class SummaryTable
{
    /// <summary>Writes the summary of <paramref name="report"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, BacktestRequest request, BacktestReport report, TimeSpan elapsed)
    {
        var s = report.Statistics;
        var p = s.Performance;
        var table = new Table().Title($"[bold]{Markup.Escape(request.StrategyName)}[/] on {Markup.Escape(string.Join(", ", request.Instruments.Select(i => i.Id)))}")
            .AddColumn("Statistic")
            .AddColumn(new TableColumn("Value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("Bars", request.Bars.Count.ToString("N0", CultureInfo.InvariantCulture));
        Row("Period", $"{request.Bars[0].OpenTime:yyyy-MM-dd HH:mm} → {request.Bars[^1].CloseTime:yyyy-MM-dd HH:mm} UTC");
        Row("Status", report.Status.ToString().ToLowerInvariant());
        string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + request.Currency;

        Row("Starting cash", Money(request.StartingCash));
        Row("Net P&L", Money(s.NetPnl));
        Row("Total return", Percent(p.TotalReturn));
        Row("Max drawdown", Percent(p.MaxDrawdown));
        Row("Sharpe ratio", p.SharpeRatio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a");
        Row("Trades (fills)", s.TotalTrades.ToString(CultureInfo.InvariantCulture));
        Row("Closed trades", s.ClosedTrades.ToString(CultureInfo.InvariantCulture));
        Row("Win rate", p.WinRate.ToString("P1", CultureInfo.InvariantCulture));
        Row("Commissions", Money(s.Commissions));
        Row("Signals (executed)", $"{s.TotalSignals} ({s.ExecutedSignals})");
        Row("Orders filled / rejected", $"{s.FilledOrders} / {s.RejectedOrders}");
        Row("Strategy errors", s.ErrorCount.ToString(CultureInfo.InvariantCulture));
        Row("Elapsed", $"{elapsed.TotalMilliseconds:0} ms");
        console.Write(table);
    }

    private static string Percent(decimal fraction) => fraction.ToString("P2", CultureInfo.InvariantCulture);
}
