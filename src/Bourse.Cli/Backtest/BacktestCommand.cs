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
/// [--param name=value ...] [--cash 100000] [--fee-bps 1] [--output folder]</c>: runs a backtest (with a progress
/// bar on a terminal), prints a summary table and optionally writes the report files of <see cref="ReportFolder"/>.
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
        var command = new Command("backtest", "Backtest a strategy on historical bars.");
        options.AddTo(command);
        command.Options.Add(parameters);
        command.Options.Add(output);
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
            cancellationToken)));
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
        CancellationToken cancellationToken)
    {
        var plugin = StrategySource.Resolve(strategyArgument);
        var bound = plugin.Bind(parameters);
        var request = BacktestRequest.Load(plugin.Metadata.Name, dataPath, symbols, cash, feeBps);

        var stopwatch = Stopwatch.StartNew();
        var report = await TerminalProgress.RunAsync(
            console,
            "Backtesting",
            request.Bars.Count,
            advance => Task.FromResult(BacktestRunner.Run(plugin.CreateInstance(bound), Counted(request.Bars, advance), request.Settings(risk))));
        stopwatch.Stop();

        SummaryTable.Write(console, request, report, stopwatch.Elapsed);
        if (outputFolder is not null)
        {
            await ReportFolder.WriteAsync(outputFolder, request, bound.Values, report, cancellationToken);
            console.MarkupLine($"Reports written to [bold]{Markup.Escape(Path.GetFullPath(outputFolder))}[/]");
        }

        return 0;
    }

    /// <summary>Enumerates <paramref name="bars"/>, reporting every 4096 bars to <paramref name="advance"/>.</summary>
    private static IEnumerable<Bar> Counted(IReadOnlyList<Bar> bars, Action<double> advance)
    {
        const int step = 4096;
        for (var i = 0; i < bars.Count; i++)
        {
            if (i > 0 && i % step == 0)
            {
                advance(step);
            }

            yield return bars[i];
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
