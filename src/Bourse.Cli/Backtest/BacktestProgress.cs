using Bourse.Sdk.MarketData;
using Spectre.Console;

namespace Bourse.Cli.Backtest;

/// <summary>
/// Runs work over a list of bars under a Spectre.Console progress bar when the console is an interactive ANSI
/// terminal; without one (output redirected, CI, tests) the work runs silently.
/// </summary>
internal static class BacktestProgress
{
    /// <summary>Bars between two updates of the bar.</summary>
    private const int Step = 4096;

    /// <summary>Calls <paramref name="run"/> with <paramref name="bars"/>, advancing a progress bar as it enumerates them.</summary>
    public static T Run<T>(IAnsiConsole console, string description, IReadOnlyList<Bar> bars, Func<IEnumerable<Bar>, T> run)
    {
        if (console.Profile.Capabilities is not { Interactive: true, Ansi: true })
        {
            return run(bars);
        }

        return console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask(Markup.Escape(description), maxValue: bars.Count);
            var result = run(Counted(bars, n => task.Value = n));
            task.Value = bars.Count;
            return result;
        });
    }

    private static IEnumerable<Bar> Counted(IReadOnlyList<Bar> bars, Action<int> report)
    {
        for (var i = 0; i < bars.Count; i++)
        {
            if (i % Step == 0)
            {
                report(i);
            }

            yield return bars[i];
        }
    }
}
