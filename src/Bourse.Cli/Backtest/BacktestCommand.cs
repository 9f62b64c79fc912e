using System.CommandLine;
using System.Diagnostics;
using Bourse.Cli.Reports;
using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Plugins;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Spectre.Console;

namespace Bourse.Cli.Backtest;

/// <summary>
/// <c>bourse backtest --strategy &lt;name | file.cs | file.dll&gt; --data &lt;file or folder&gt; [--symbol ...]
/// [--param name=value ...] [--cash 100000] [--fee-bps 1] [--ticks [--bar-period 1m]] [--output folder]</c>: runs a
/// backtest (with a progress bar on a terminal), prints a summary table and optionally writes the report files of
/// <see cref="ReportFolder"/>. With <c>--ticks</c> the data is read as trade ticks: orders fill on them with the tick
/// fill model, and bars of <c>--bar-period</c> built from them drive the strategy's OnBar and the equity curve
/// (<see cref="TickReplay"/>).
/// Exit code 0 on success, 1 on bad input (the message names the file, line or parameter at fault).
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new RunOptions();
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A strategy parameter, name=value (repeatable).",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write report.json, trades.csv, equity.png and report.html into this folder." };
        var ticks = new Option<bool>("--ticks")
        {
            Description = "Backtest on the trade ticks in --data (LEAN tick zips, Tardis, freqtrade or CSV trades): orders fill on the ticks (tick fill model) and bars of --bar-period built from them drive OnBar.",
        };
        var barPeriod = new Option<string>("--bar-period")
        {
            Description = "With --ticks: the period of the bars built from the ticks (30s, 1m, 5m, 1h…).",
            DefaultValueFactory = _ => "1m",
        };
        var command = new Command("backtest", "Backtest a strategy on historical bars.");
        options.AddTo(command);
        command.Options.Add(parameters);
        command.Options.Add(output);
        command.Options.Add(ticks);
        command.Options.Add(barPeriod);
        command.SetAction((parse, cancellationToken) => RunOptions.Guard(AnsiConsole.Console, () => RunAsync(
            AnsiConsole.Console,
            parse.GetValue(options.Strategy)!,
            parse.GetValue(options.Data)!,
            options.Instruments(parse),
            ParseParameters(parse.GetValue(parameters) ?? []),
            parse.GetValue(options.Cash),
            parse.GetValue(options.FeeBps),
            options.Risk(parse),
            parse.GetValue(output),
            cancellationToken,
            parse.GetValue(ticks) ? BarPeriod.Parse(parse.GetValue(barPeriod)!) : null)));
        return command;
    }

    /// <summary>Runs the backtest and prints it; returns the exit code.</summary>
    internal static async Task<int> RunAsync(
        IAnsiConsole console,
        string strategyArgument,
        string dataPath,
        IReadOnlyList<InstrumentId> symbols,
        IReadOnlyDictionary<string, string> parameters,
        decimal cash,
        decimal feeBps,
        RiskSettings risk,
        string? outputFolder,
        CancellationToken cancellationToken,
        BarPeriod? tickBarPeriod = null)
    {
        var plugin = StrategySource.Resolve(strategyArgument);
        var bound = plugin.Bind(parameters);
        var request = tickBarPeriod is { } period
            ? BacktestRequest.LoadTicks(plugin.Metadata.Name, dataPath, symbols, cash, feeBps, period)
            : BacktestRequest.Load(plugin.Metadata.Name, dataPath, symbols, cash, feeBps);

        var stopwatch = Stopwatch.StartNew();
        var items = request.Ticks is null ? null : TickReplay.Items(request);
        var report = await TerminalProgress.RunAsync(
            console,
            "Backtesting",
            items?.Count ?? request.Bars.Count,
            advance => Task.FromResult(items is null
                ? BacktestRunner.Run(plugin.CreateInstance(bound), Counted(request.Bars, advance), request.Settings(risk))
                : BacktestRunner.Replay(plugin.CreateInstance(bound), Counted(items, advance), static i => i.Time, TickReplay.Deliver, request.Settings(risk))));
        stopwatch.Stop();

        SummaryTable.Write(console, request, report, stopwatch.Elapsed);
        if (outputFolder is not null)
        {
            await ReportFolder.WriteAsync(outputFolder, request, bound.Values, report, cancellationToken);
            console.MarkupLine($"Reports written to [bold]{Markup.Escape(Path.GetFullPath(outputFolder))}[/]");
        }

        return 0;
    }

    /// <summary>Enumerates <paramref name="items"/> (bars, or ticks and bars), reporting every 4096 items to <paramref name="advance"/>.</summary>
    private static IEnumerable<T> Counted<T>(IReadOnlyList<T> items, Action<double> advance)
    {
        const int step = 4096;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0 && i % step == 0)
            {
                advance(step);
            }

            yield return items[i];
        }
    }

    /// <summary>Parses <c>name=value</c> pairs.</summary>
    /// <exception cref="ArgumentException">A pair has no '=' or an empty name, or a name repeats.</exception>
    internal static IReadOnlyDictionary<string, string> ParseParameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--param '{pair}' is not of the form name=value.");
            }

            if (!result.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
            {
                throw new ArgumentException($"--param {pair[..eq].Trim()} is given twice.");
            }
        }

        return result;
    }
}
