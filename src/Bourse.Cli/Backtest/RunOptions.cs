using System.CommandLine;
using Bourse.Data.Files;
using Bourse.Engine.Runs;
using Bourse.Plugins;
using Bourse.Sdk.Identifiers;
using Spectre.Console;

namespace Bourse.Cli.Backtest;

/// <summary>
/// The options <c>bourse backtest</c> and <c>bourse optimize</c> share: strategy, data, instruments, cash, fees and
/// the signal risk settings, with their validation, plus the one error handler both commands use.
/// </summary>
internal sealed class RunOptions
{
    public Option<string> Strategy { get; } = new("--strategy", "-s")
    {
        Description = "A built-in strategy name (\"EMA Crossover\", \"RSI Mean Reversion\"), a C# source file (.cs) or a compiled strategy (.dll).",
        Required = true,
    };

    public Option<string> Data { get; } = new("--data", "-d")
    {
        Description = "A bar file (LEAN zip or OHLCV CSV) or a folder of them.",
        Required = true,
    };

    public Option<string[]> Symbols { get; } = new("--symbol")
    {
        Description = "Instrument to trade, SYMBOL.VENUE (repeatable; default: every instrument in the data).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<decimal> Cash { get; } = new("--cash") { Description = "Starting cash, in the instruments' quote currency (USD for SPY or BTCUSD).", DefaultValueFactory = _ => 100_000m };

    public Option<decimal> FeeBps { get; } = new("--fee-bps") { Description = "Commission in basis points of fill notional.", DefaultValueFactory = _ => 1m };

    public Option<decimal> PositionSizePct { get; } = new("--position-size-pct") { Description = "Share of equity (0..1] a signal order spends.", DefaultValueFactory = _ => 0.1m };

    public Option<decimal?> MaxPositionSize { get; } = new("--max-position-size") { Description = "Largest position value per instrument, in the quote currency (default: none)." };

    public Option<double> Threshold { get; } = new("--signal-threshold") { Description = "Minimum signal strength (0..1) that becomes an order.", DefaultValueFactory = _ => 0.5 };

    public Option<bool> NoAutoExecute { get; } = new("--no-auto-execute") { Description = "Record signals without turning them into orders." };

    /// <summary>Adds the options, with their rules, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Require(Cash, v => v > 0m, "must be positive");
        Require(FeeBps, v => v >= 0m, "must not be negative");
        Require(PositionSizePct, v => v is > 0m and <= 1m, "must be within (0, 1]");
        Require(MaxPositionSize, v => v is null or > 0m, "must be positive");
        Require(Threshold, v => v is >= 0 and <= 1, "must be within [0, 1]");
        foreach (var option in (Option[])[Strategy, Data, Symbols, Cash, FeeBps, PositionSizePct, MaxPositionSize, Threshold, NoAutoExecute])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The risk settings given: signals auto-execute unless <c>--no-auto-execute</c>.</summary>
    public RiskSettings Risk(ParseResult parse) => new(
        MaxPositionSize: parse.GetValue(MaxPositionSize),
        PositionSizePct: parse.GetValue(PositionSizePct),
        AutoExecute: !parse.GetValue(NoAutoExecute),
        SignalStrengthThreshold: parse.GetValue(Threshold));

    /// <summary>The instruments named with <c>--symbol</c> (empty: every instrument in the data).</summary>
    /// <exception cref="FormatException">A symbol is not SYMBOL.VENUE.</exception>
    public IReadOnlyList<InstrumentId> Instruments(ParseResult parse) => [.. (parse.GetValue(Symbols) ?? []).Select(InstrumentId.Parse)];

    /// <summary>Runs <paramref name="action"/>; bad input (file, line or parameter at fault) prints "error: …" and exits with 1.</summary>
    public static async Task<int> Guard(IAnsiConsole console, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is PluginException or DataFileException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or FormatException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
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
}
