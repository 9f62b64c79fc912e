using Bourse.Cli.Backtest;
using Bourse.Engine.Backtesting;
using Spectre.Console;

namespace Bourse.Cli.Reports;

/// <summary>Prints a backtest's statistics as a two-column table.</summary>
internal static class SummaryTable
{
    /// <summary>Writes the summary of <paramref name="report"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, BacktestRequest request, BacktestReport report, TimeSpan elapsed)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(request.StrategyName)}[/] on {Markup.Escape(string.Join(", ", request.Instruments.Select(i => i.Id)))}")
            .AddColumn("Statistic")
            .AddColumn(new TableColumn("Value").RightAligned());
        foreach (var row in StatisticRows.Of(request, report))
        {
            table.AddRow(Markup.Escape(row.Label), Markup.Escape(row.Value));
        }

        table.AddRow("Elapsed", $"{elapsed.TotalMilliseconds:0} ms");
        console.Write(table);
    }
}
