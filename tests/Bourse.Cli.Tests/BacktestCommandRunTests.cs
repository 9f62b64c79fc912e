using System.Globalization;
using Bourse.Cli.Backtest;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;

namespace Bourse.Cli.Tests;

/// <summary>Successful backtests through <see cref="BacktestCommand.RunAsync"/>, each with its own recording console.</summary>
public sealed class BacktestCommandRunTests
{
    private static readonly RiskSettings CliDefaultRisk = new(AutoExecute: true, PositionSizePct: 0.1m, SignalStrengthThreshold: 0.5);

    private static readonly Dictionary<string, string> NoParameters = [];

    [Fact]
    public async Task Built_in_strategy_by_name_prints_the_statistics_and_writes_a_self_consistent_report()
    {
        var (console, text) = CliHarness.RecordingConsole();
        var output = Path.Combine(CliHarness.TempFolder(), "nested");

        var exitCode = await BacktestCommand.RunAsync(
            console, "EMA Crossover", CliHarness.SpyMinuteFolder, [], NoParameters, 100_000m, 1m, CliDefaultRisk, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        using var report = CliHarness.ReadReport(output);
        var stats = CliHarness.AssertReportConsistent(report);
        var root = report.RootElement;
        Assert.Equal("EMA Crossover", root.GetProperty("strategy").GetString());
        Assert.Equal(["SPY.NASDAQ"], root.GetProperty("instruments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4_128, root.GetProperty("bars").GetInt32());
        Assert.Equal(root.GetProperty("bars").GetInt32(), root.GetProperty("equity_curve").GetArrayLength());
        Assert.Equal(12, root.GetProperty("parameters").GetProperty("FastPeriod").GetInt32());
        Assert.Equal(26, root.GetProperty("parameters").GetProperty("SlowPeriod").GetInt32());
        var trades = root.GetProperty("trades").EnumerateArray().ToList();
        Assert.Contains(trades, t => t.GetProperty("side").GetString() == "buy");
        Assert.Contains(trades, t => t.GetProperty("side").GetString() == "sell");

        // Same data, strategy and settings as the golden backtest of tests/Bourse.Strategies.Tests: the CLI must not change the run.
        Assert.Equal(138, stats.GetProperty("total_trades").GetInt32());
        Assert.Equal(69, stats.GetProperty("closed_trades").GetInt32());
        Assert.Equal(-58.928660m, stats.GetProperty("net_pnl").GetDecimal());

        var summary = CliHarness.Collapse(text.ToString());
        Assert.Contains("EMA Crossover on SPY.NASDAQ", summary, StringComparison.Ordinal);
        Assert.Contains("Bars │ 4,128 │", summary, StringComparison.Ordinal);
        Assert.Contains("Status │ completed │", summary, StringComparison.Ordinal);
        Assert.Contains($"Net P&L │ {Usd(stats.GetProperty("net_pnl").GetDecimal())} │", summary, StringComparison.Ordinal);
        Assert.Contains($"Commissions │ {Usd(stats.GetProperty("commissions").GetDecimal())} │", summary, StringComparison.Ordinal);
        Assert.Contains($"Max drawdown │ {stats.GetProperty("performance").GetProperty("max_drawdown").GetDecimal().ToString("P2", CultureInfo.InvariantCulture)} │", summary, StringComparison.Ordinal);
        Assert.Contains($"Trades (fills) │ {stats.GetProperty("total_trades").GetInt32()} │", summary, StringComparison.Ordinal);
        Assert.Contains($"Closed trades │ {stats.GetProperty("closed_trades").GetInt32()} │", summary, StringComparison.Ordinal);
        Assert.Contains(
            $"Signals (executed) │ {stats.GetProperty("total_signals").GetInt32()} ({stats.GetProperty("executed_signals").GetInt32()}) │",
            summary,
            StringComparison.Ordinal);
        Assert.Contains("Reports written to", summary, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(output), summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cs_strategy_file_is_compiled_and_backtested()
    {
        var (console, text) = CliHarness.RecordingConsole();
        var output = CliHarness.TempFolder();

        var exitCode = await BacktestCommand.RunAsync(
            console, CliHarness.BreakoutTraderSource, CliHarness.BtcMinuteFolder, [], new Dictionary<string, string> { ["Quantity"] = "0.5" },
            100_000m, 1m, CliDefaultRisk, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        using var report = CliHarness.ReadReport(output);
        var stats = CliHarness.AssertReportConsistent(report);
        var root = report.RootElement;
        Assert.Equal("Breakout Trader", root.GetProperty("strategy").GetString());
        Assert.Equal(20, root.GetProperty("parameters").GetProperty("Lookback").GetInt32());
        Assert.Equal(0.5m, root.GetProperty("parameters").GetProperty("Quantity").GetDecimal());
        Assert.Equal(["BTCUSD.COINBASE"], root.GetProperty("instruments").EnumerateArray().Select(e => e.GetString()));
        Assert.True(stats.GetProperty("total_trades").GetInt32() > 0, "the breakout strategy never traded");
        Assert.Equal(0, stats.GetProperty("error_count").GetInt32());
        Assert.Contains("Breakout Trader on BTCUSD.COINBASE", CliHarness.Collapse(text.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_param_overrides_the_default_and_is_recorded_in_the_report()
    {
        var folder = CliHarness.TempFolder();
        var defaults = Path.Combine(folder, "defaults");
        var fast5 = Path.Combine(folder, "fast5");

        Assert.Equal(0, await BacktestCommand.RunAsync(
            CliHarness.RecordingConsole().Console, "EmaCrossover", CliHarness.SpyMinuteFolder, [], NoParameters,
            100_000m, 1m, CliDefaultRisk, defaults, CancellationToken.None));
        Assert.Equal(0, await BacktestCommand.RunAsync(
            CliHarness.RecordingConsole().Console, "EmaCrossover", CliHarness.SpyMinuteFolder, [],
            BacktestCommand.ParseParameters(["FastPeriod=5"]), 100_000m, 1m, CliDefaultRisk, fast5, CancellationToken.None));

        using var defaultReport = CliHarness.ReadReport(defaults);
        using var fastReport = CliHarness.ReadReport(fast5);
        var parameters = fastReport.RootElement.GetProperty("parameters");
        Assert.Equal(5, parameters.GetProperty("FastPeriod").GetInt32());
        Assert.Equal(26, parameters.GetProperty("SlowPeriod").GetInt32());
        var fastStats = CliHarness.AssertReportConsistent(fastReport);

        // A 5-bar fast EMA crosses the 26-bar one more often than a 12-bar one does: the parameter reached the strategy.
        Assert.True(
            fastStats.GetProperty("total_signals").GetInt32() > defaultReport.RootElement.GetProperty("statistics").GetProperty("total_signals").GetInt32(),
            "FastPeriod=5 did not change the number of crosses");
    }

    [Fact]
    public async Task Symbol_selects_the_instrument_of_a_single_csv_without_one_in_its_name()
    {
        var folder = CliHarness.TempFolder();
        var csv = Path.Combine(folder, "bars.csv");
        await WriteRiseAndFallCsvAsync(csv);
        var output = Path.Combine(folder, "out");

        var exitCode = await BacktestCommand.RunAsync(
            CliHarness.RecordingConsole().Console, "EMA Crossover", csv, [InstrumentId.Parse("ETHUSD.COINBASE")], NoParameters,
            100_000m, 1m, CliDefaultRisk, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        using var report = CliHarness.ReadReport(output);
        Assert.Equal(["ETHUSD.COINBASE"], report.RootElement.GetProperty("instruments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(120, report.RootElement.GetProperty("bars").GetInt32());
        CliHarness.AssertReportConsistent(report);
    }

    [Fact]
    public async Task A_usdt_pair_is_backtested_with_a_usdt_account()
    {
        var folder = CliHarness.TempFolder();
        var csv = Path.Combine(folder, "BTCUSDT.BINANCE.csv");
        await WriteRiseAndFallCsvAsync(csv);
        var (console, text) = CliHarness.RecordingConsole();

        var exitCode = await BacktestCommand.RunAsync(
            console, "EMA Crossover", csv, [], NoParameters, 100_000m, 1m, CliDefaultRisk, null, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("100,000.00 USDT", CliHarness.Collapse(text.ToString()), StringComparison.Ordinal);
    }

    private static string Usd(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " USD";

    /// <summary>Writes 120 one-minute bars that rise then fall, so the fast EMA crosses above, then below.</summary>
    private static Task WriteRiseAndFallCsvAsync(string path)
    {
        var lines = new List<string> { "time,open,high,low,close,volume" };
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 120; i++)
        {
            var close = 100m + (i < 60 ? i : 120 - i);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{start.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ},{close},{close + 1},{close - 1},{close},10"));
        }

        return File.WriteAllLinesAsync(path, lines);
    }
}
