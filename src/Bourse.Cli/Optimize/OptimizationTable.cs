using System.Globalization;
using Bourse.Cli.Reports;
using Bourse.Engine.Runs;
using Spectre.Console;

namespace Bourse.Cli.Optimize;

/// <summary>Prints the best trials of an optimisation as a ranked table.</summary>
internal static class OptimizationTable
{
    /// <summary>Writes the first <paramref name="rows"/> trials of <paramref name="result"/>.</summary>
    public static void Write(IAnsiConsole console, OptimizationResult result, RankStatistic rank, int rows)
    {
        var names = result.Trials.Count == 0 ? [] : result.Trials[0].Parameters.Keys.ToList();
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(result.Strategy)}[/]: {result.Trials.Count} trials ranked by {Markup.Escape(rank.Name)}")
            .AddColumn(new TableColumn("#").RightAligned());
        foreach (var name in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        }

        var prefixes = result.OutOfSample is null ? (string[])[""] : ["IS ", "OOS "];
        foreach (var prefix in prefixes)
        {
            foreach (var column in (string[])[rank.Name, "return", "max DD", "trades"])
            {
                table.AddColumn(new TableColumn(Markup.Escape(prefix + column)).RightAligned());
            }
        }

        foreach (var (trial, i) in result.Trials.Take(rows).Select((t, i) => (t, i)))
        {
            List<string> cells = [(i + 1).ToString(CultureInfo.InvariantCulture), .. names.Select(n => Convert.ToString(trial.Parameters[n], CultureInfo.InvariantCulture) ?? "")];
            cells.AddRange(Cells(trial.InSample, rank));
            if (trial.OutOfSample is { } outOfSample)
            {
                cells.AddRange(Cells(outOfSample, rank));
            }

            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        console.Write(table);
        if (result.OutOfSample is { } window)
        {
            console.MarkupLine(Markup.Escape($"In-sample {result.InSample.Start:yyyy-MM-dd HH:mm} → {result.InSample.End:yyyy-MM-dd HH:mm} UTC ({result.InSample.Bars} bars); out-of-sample {window.Start:yyyy-MM-dd HH:mm} → {window.End:yyyy-MM-dd HH:mm} UTC ({window.Bars} bars)."));
        }
    }

    private static string[] Cells(RunStatistics s, RankStatistic rank)
    {
        var p = s.Performance;
        var value = rank.Value(p);
        return
        [
            StatisticRows.Ratio(value),
            StatisticRows.Percent(p.TotalReturn),
            StatisticRows.Percent(p.MaxDrawdown),
            s.TotalTrades.ToString(CultureInfo.InvariantCulture),
        ];
    }
}
