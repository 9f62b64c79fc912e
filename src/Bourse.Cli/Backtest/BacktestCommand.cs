using System.CommandLine;
using System.Diagnostics;
using Bourse.Cli.Reports;
using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Plugins;
using Bourse.Sdk.Identifiers;
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
        var strategy = new Option<string>("--strategy", "-s")
        {
            Description = "A built-in strategy name (\"EMA Crossover\", \"RSI Mean Reversion\"), a C# source file (.cs) or a compiled strategy (.dll).",
            Required = true,
        };
        var data = new Option<string>("--data", "-d")
        {
            Description = "A bar file (LEAN zip or OHLCV CSV) or a folder of them.",
            Required = true,
        };
        var symbols = new Option<string[]>("--symbol")
        {
            Description = "Instrument to trade, SYMBOL.VENUE (repeatable; default: every instrument in the data).",
            AllowMultipleArgumentsPerToken = true,
        };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A strategy parameter, name=value (repeatable).",
        };
        var cash = new Option<decimal>("--cash") { Description = "Starting cash, in the instruments' quote currency (USD for SPY or BTCUSD).", DefaultValueFactory = _ => 100_000m };
        var feeBps = new Option<decimal>("--fee-bps") { Description = "Commission in basis points of fill notional.", DefaultValueFactory = _ => 1m };
        var positionSizePct = new Option<decimal>("--position-size-pct") { Description = "Share of equity (0..1] a signal order spends.", DefaultValueFactory = _ => 0.1m };
        var maxPositionSize = new Option<decimal?>("--max-position-size") { Description = "Largest position value per instrument, in the quote currency (default: none)." };
        var threshold = new Option<double>("--signal-threshold") { Description = "Minimum signal strength (0..1) that becomes an order.", DefaultValueFactory = _ => 0.5 };
        var noAutoExecute = new Option<bool>("--no-auto-execute") { Description = "Record signals without turning them into orders." };
        var output = new Option<string?>("--output", "-o") { Description = "Write report.json, trades.csv, equity.png and report.html into this folder." };

        Require(cash, v => v > 0m, "must be positive");
        Require(feeBps, v => v >= 0m, "must not be negative");
        Require(positionSizePct, v => v is > 0m and <= 1m, "must be within (0, 1]");
        Require(maxPositionSize, v => v is null or > 0m, "must be positive");
        Require(threshold, v => v is >= 0 and <= 1, "must be within [0, 1]");

        var command = new Command("backtest", "Backtest a strategy on historical bars.")
        {
            strategy, data, symbols, parameters, cash, feeBps, positionSizePct, maxPositionSize, threshold, noAutoExecute, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            try
            {
                var risk = new RiskSettings(
                    MaxPositionSize: parse.GetValue(maxPositionSize),
                    PositionSizePct: parse.GetValue(positionSizePct),
                    AutoExecute: !parse.GetValue(noAutoExecute),
                    SignalStrengthThreshold: parse.GetValue(threshold));
                return await RunAsync(
                    console,
                    parse.GetValue(strategy)!,
                    parse.GetValue(data)!,
                    [.. (parse.GetValue(symbols) ?? []).Select(InstrumentId.Parse)],
                    ParseParameters(parse.GetValue(parameters) ?? []),
                    parse.GetValue(cash),
                    parse.GetValue(feeBps),
                    risk,
                    parse.GetValue(output),
                    cancellationToken);
            }
            catch (Exception e) when (e is PluginException or DataFileException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException)
            {
                console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                return 1;
            }
        });
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
        var report = BacktestProgress.Run(console, "Backtesting", request.Bars, bars => BacktestRunner.Run(plugin.CreateInstance(bound), bars, request.Settings(risk)));
        stopwatch.Stop();

        SummaryTable.Write(console, request, report, stopwatch.Elapsed);
        if (outputFolder is not null)
        {
            await ReportFolder.WriteAsync(outputFolder, request, bound.Values, report, cancellationToken);
            console.MarkupLine($"Reports written to [bold]{Markup.Escape(Path.GetFullPath(outputFolder))}[/]");
        }

        return 0;
    }

    /// <summary>Adds a validator that fails the parse with "--name (value) must ..." when the value breaks the rule.</summary>
    private static void Require<T>(Option<T> option, Func<T, bool> rule, string requirement) =>
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!rule(value))
            {
                result.AddError($"{option.Name} ({value}) {requirement}.");
            }
        });

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
