using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bourse.Cli.Backtest;
using Bourse.Cli.Optimize;
using Bourse.Cli.Reports;
using Bourse.Testing;
using Spectre.Console;

namespace Bourse.Cli.Tests;

/// <summary>What one <c>bourse</c> invocation printed and returned.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Everything printed (console and System.CommandLine's own output), whitespace runs collapsed to one space so that wrapped lines still match.</param>
internal sealed record CliResult(int ExitCode, string Output);

/// <summary>Runs the <c>bourse</c> command in-process and reads its JSON reports.</summary>
internal static partial class CliHarness
{
    /// <summary>The repository's SPY minute bars of 2013-10-07..11 (the five LEAN trade zips of samples/data).</summary>
    public static string SpyMinuteFolder => Path.Combine(RepositoryPaths.SampleData, "lean", "equity", "usa", "minute", "spy");

    /// <summary>The repository's Coinbase BTC-USD minute bars of 2018-04-04..06.</summary>
    public static string BtcMinuteFolder => Path.Combine(RepositoryPaths.SampleData, "lean", "crypto", "coinbase", "minute", "btcusd");

    /// <summary>The repository's sample single-file strategy.</summary>
    public static string BreakoutTraderSource => Path.Combine(RepositoryPaths.RepositoryRoot, "samples", "strategies", "BreakoutTrader.cs");

    /// <summary>A console that records plain text (no colours, no ANSI codes) on a wide line.</summary>
    public static (IAnsiConsole Console, StringWriter Text) RecordingConsole()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 200;
        return (console, text);
    }

    /// <summary>
    /// Parses and invokes <c>bourse &lt;args&gt;</c> exactly as Program.cs does, with the global Spectre console swapped for
    /// a recording one. Callers must be in <see cref="GlobalConsoleCollection"/> (the console is process-wide).
    /// </summary>
    public static async Task<CliResult> InvokeAsync(params string[] args)
    {
        var (console, text) = RecordingConsole();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = console;
        try
        {
            var root = new RootCommand("bourse") { BacktestCommand.Create(), OptimizeCommand.Create() };
            var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = text, Error = text });
            return new CliResult(exitCode, Collapse(text.ToString()));
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }

    public static string Collapse(string text) => Whitespace().Replace(text, " ");

    /// <summary>A fresh temporary folder for one test.</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "bourse-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Parses the <c>report.json</c> of a report folder.</summary>
    public static JsonDocument ReadReport(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ReportFolder.Json)));

    /// <summary>
    /// Checks that a JSON report agrees with itself: statistics against the trades, the equity curve against net P&amp;L
    /// and max drawdown. Returns the report's statistics object.
    /// </summary>
    public static JsonElement AssertReportConsistent(JsonDocument report)
    {
        var root = report.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        var stats = root.GetProperty("statistics");
        var trades = root.GetProperty("trades").EnumerateArray().ToList();
        var curve = root.GetProperty("equity_curve").EnumerateArray().ToList();
        var startingCash = root.GetProperty("starting_cash").GetDecimal();
        var feeBps = root.GetProperty("fee_bps").GetDecimal();

        Assert.Equal(stats.GetProperty("total_trades").GetInt32(), trades.Count);
        var position = new Dictionary<string, decimal>();
        var closed = 0;
        var commissions = 0m;
        foreach (var trade in trades)
        {
            var instrument = trade.GetProperty("instrument").GetString()!;
            var price = trade.GetProperty("price").GetDecimal();
            var quantity = trade.GetProperty("quantity").GetDecimal();
            var commission = trade.GetProperty("commission").GetDecimal();
            var sign = trade.GetProperty("side").GetString() switch
            {
                "buy" => 1m,
                "sell" => -1m,
                var other => throw new Xunit.Sdk.XunitException($"unexpected side {other}"),
            };
            Assert.Equal(price * quantity * feeBps / 10_000m, commission);
            var net = position.GetValueOrDefault(instrument);
            if (net != 0m && Math.Sign(net) != Math.Sign(sign))
            {
                closed++;
            }

            position[instrument] = net + (sign * quantity);
            commissions += commission;
        }

        Assert.Equal(stats.GetProperty("closed_trades").GetInt32(), closed);
        Assert.Equal(stats.GetProperty("commissions").GetDecimal(), commissions);

        Assert.NotEmpty(curve);
        var netPnl = stats.GetProperty("net_pnl").GetDecimal();
        Assert.Equal(startingCash + netPnl, curve[^1].GetProperty("equity").GetDecimal());
        var peak = curve[0].GetProperty("equity").GetDecimal();
        var maxDrawdown = 0m;
        DateTime? previous = null;
        foreach (var point in curve)
        {
            var timestamp = point.GetProperty("timestamp").GetDateTime();
            Assert.True(previous is null || timestamp > previous, $"equity curve out of order at {timestamp:O}");
            previous = timestamp;
            var equity = point.GetProperty("equity").GetDecimal();
            peak = Math.Max(peak, equity);
            maxDrawdown = Math.Max(maxDrawdown, (peak - equity) / peak);
        }

        Assert.Equal(maxDrawdown, stats.GetProperty("performance").GetProperty("max_drawdown").GetDecimal());
        return stats;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>Tests that swap <see cref="AnsiConsole.Console"/> run one at a time.</summary>
[CollectionDefinition(nameof(GlobalConsoleCollection), DisableParallelization = true)]
public sealed class GlobalConsoleCollection;
