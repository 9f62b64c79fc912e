using Bourse.Cli.Backtest;
using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Engine.Runs;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Cli.Tests;

/// <summary><c>bourse backtest --ticks</c> on the real SPY trade ticks of 2013-10-07 (LEAN, 250 601 rows).</summary>
[Collection(nameof(GlobalConsoleCollection))]
public sealed class TickBacktestCommandTests
{
    private static readonly string Day = RepositoryPaths.Shared("lean/equity/usa/tick/spy/20131007_trade.zip");

    [Fact]
    public async Task The_ema_crossover_runs_on_bars_built_from_the_ticks_and_fills_on_the_next_tick()
    {
        var output = CliHarness.TempFolder();

        var result = await CliHarness.InvokeAsync(
            "backtest", "-s", "EMA Crossover", "-d", Day, "--ticks", "--bar-period", "1m", "--signal-threshold", "0", "-o", output);

        Assert.True(result.ExitCode == 0, result.Output);
        var ticks = LeanTickReader.ReadTrades(Day).ToList();
        var bars = BarAggregator.TimeBars(ticks, BarPeriod.OneMinute).ToList();
        Assert.Contains($"Ticks (fills on ticks) │ {ticks.Count:N0} │", result.Output, StringComparison.Ordinal);
        using var report = CliHarness.ReadReport(output);
        var root = report.RootElement;
        Assert.Equal(bars.Count, root.GetProperty("bars").GetInt32());
        CliHarness.AssertReportConsistent(report);

        // Every order is sent at a bar's close (the strategy trades on bars) and fills on the first trade at or after it,
        // at that trade's price: tick fills, not the next bar's open.
        var fills = root.GetProperty("trades").EnumerateArray().Select(t => (Time: t.GetProperty("timestamp").GetDateTime(), Price: t.GetProperty("price").GetDecimal())).ToList();
        Assert.True(fills.Count >= 10, $"only {fills.Count} fills");
        var closes = bars.Select(b => b.CloseTime).ToHashSet();
        foreach (var (time, price) in fills)
        {
            var sentAt = closes.Where(c => c <= time).Max();
            var tick = ticks.First(t => t.Timestamp >= sentAt);
            Assert.Equal((tick.Timestamp, tick.Price.Value), (time, price));
        }

        Assert.Contains(fills, f => !closes.Contains(f.Time));
    }

    [Fact]
    public async Task A_bad_bar_period_and_a_bar_file_are_named()
    {
        var badPeriod = await CliHarness.InvokeAsync("backtest", "-s", "EMA Crossover", "-d", Day, "--ticks", "--bar-period", "7x");
        Assert.Equal(1, badPeriod.ExitCode);
        Assert.Contains("'7x' is not a bar period", badPeriod.Output, StringComparison.Ordinal);

        var bars = await CliHarness.InvokeAsync("backtest", "-s", "EMA Crossover", "-d", RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_trade.zip"), "--ticks");
        Assert.Equal(1, bars.ExitCode);
        Assert.Contains("not trade ticks", bars.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tick_request_fills_with_the_tick_model()
    {
        var request = BacktestRequest.LoadTicks("EMA Crossover", Day, [], 100_000m, 1m, BarPeriod.OneMinute);

        Assert.Equal(Bourse.Engine.Execution.FillModelKind.Tick, request.Settings(RiskSettings.Default).Execution!.FillModel);
        Assert.Equal(request.Ticks!.Count + request.Bars.Count, TickReplay.Items(request).Count);
    }
}
