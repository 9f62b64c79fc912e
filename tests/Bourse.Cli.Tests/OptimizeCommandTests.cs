using System.Text.Json;
using Bourse.Cli.Optimize;
using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Plugins;
using Bourse.Sdk.Identifiers;
using Bourse.Strategies;

namespace Bourse.Cli.Tests;

/// <summary><c>bourse optimize</c> on the real SPY minute bars of samples/data with small grids.</summary>
[Collection(nameof(GlobalConsoleCollection))]
public sealed class OptimizeCommandTests
{
    private static readonly RiskSettings Risk = new(AutoExecute: true, PositionSizePct: 0.1m, SignalStrengthThreshold: 0.5);

    [Fact]
    public async Task A_grid_is_ranked_best_first_and_each_trial_equals_its_own_backtest()
    {
        var folder = CliHarness.TempFolder();
        var result = await CliHarness.InvokeAsync(
            "optimize", "-s", "EMA Crossover", "-d", CliHarness.SpyMinuteFolder, "-p", "FastPeriod=5,12", "-p", "SlowPeriod=26:52:26", "--rank", "total-return", "-o", folder);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("4 trials ranked by total-return", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, OptimizationResult.JsonFile)));
        var root = json.RootElement;
        Assert.Equal(("grid", "total-return"), (root.GetProperty("search").GetString(), root.GetProperty("rank").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("out_of_sample").ValueKind);
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(4, trials.Count);
        var returns = trials.Select(t => t.GetProperty("in_sample").GetProperty("performance").GetProperty("total_return").GetDecimal()).ToList();
        Assert.Equal(returns.OrderDescending(), returns);
        Assert.Equal(
            [(5, 26), (5, 52), (12, 26), (12, 52)],
            trials.Select(t => (t.GetProperty("parameters").GetProperty("FastPeriod").GetInt32(), t.GetProperty("parameters").GetProperty("SlowPeriod").GetInt32())).Order());

        // The parallel search changes nothing: every trial is the backtest of its parameters alone.
        var (plugin, bars, settings) = Load();
        foreach (var trial in trials)
        {
            var p = trial.GetProperty("parameters");
            var alone = BacktestRunner.Run(plugin.CreateInstance(plugin.Bind(Parameters(p))), bars, settings);
            Assert.Equal(alone.Statistics.NetPnl, trial.GetProperty("in_sample").GetProperty("net_pnl").GetDecimal());
            Assert.Equal(alone.Statistics.TotalTrades, trial.GetProperty("in_sample").GetProperty("total_trades").GetInt32());
        }

        var csv = await File.ReadAllLinesAsync(Path.Combine(folder, OptimizationResult.CsvFile));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("rank,FastPeriod,SlowPeriod,in_sample_total_return,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith($"1,{Parameters(trials[0].GetProperty("parameters"))["FastPeriod"]},", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walk_forward_ranks_in_sample_and_reports_out_of_sample_figures_on_the_later_bars()
    {
        var folder = CliHarness.TempFolder();
        var result = await CliHarness.InvokeAsync(
            "optimize", "-s", "EMA Crossover", "-d", CliHarness.SpyMinuteFolder, "-p", "FastPeriod=5,12", "-p", "SlowPeriod=26,60",
            "--walk-forward", "70:30", "--rank", "sharpe", "-o", folder);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("out-of-sample", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, OptimizationResult.JsonFile)));
        var root = json.RootElement;
        var inSample = root.GetProperty("in_sample");
        var outOfSample = root.GetProperty("out_of_sample");
        var (plugin, bars, settings) = Load();
        Assert.Equal(bars.Count, inSample.GetProperty("bars").GetInt32() + outOfSample.GetProperty("bars").GetInt32());
        Assert.True(outOfSample.GetProperty("start").GetDateTime() >= inSample.GetProperty("end").GetDateTime(), "the windows overlap");

        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        var sharpe = trials.Select(t => t.GetProperty("in_sample").GetProperty("performance").GetProperty("sharpe_ratio").GetDouble()).ToList();
        Assert.Equal(sharpe.OrderDescending(), sharpe);

        // The out-of-sample figures are those of a backtest on the bars after the split only.
        var (_, later) = new WalkForwardSplit(0.7).Split(bars);
        Assert.True(later[0].OpenTime >= inSample.GetProperty("end").GetDateTime());
        foreach (var trial in trials)
        {
            var oos = trial.GetProperty("out_of_sample");
            var alone = BacktestRunner.Run(plugin.CreateInstance(plugin.Bind(Parameters(trial.GetProperty("parameters")))), later, settings);
            Assert.Equal(alone.Statistics.NetPnl, oos.GetProperty("net_pnl").GetDecimal());
            Assert.NotEqual(trial.GetProperty("in_sample").GetProperty("net_pnl").GetDecimal(), oos.GetProperty("net_pnl").GetDecimal());
        }
    }

    [Fact]
    public void Risk_statistics_rank_lowest_first_and_undefined_figures_last()
    {
        var rank = RankStatistic.Parse("max-drawdown");
        double?[] values = [0.3, null, 0.1, 0.2];
        var ranked = RankStatistic.Parse("sharpe").Rank(values, v => Performance(sharpe: v, maxDrawdown: 0m));
        Assert.Equal([0.3, 0.2, 0.1, null], ranked);
        var byDrawdown = rank.Rank([0.3m, 0.1m, 0.2m], d => Performance(sharpe: null, maxDrawdown: d));
        Assert.Equal([0.1m, 0.2m, 0.3m], byDrawdown);
    }

    [Theory]
    [InlineData("--rank", "luck", "--rank luck is not a statistic; use one of sharpe, sortino")]
    [InlineData("--walk-forward", "70", "--walk-forward 70 is not in:out")]
    [InlineData("--samples", "0", "--samples must be positive")]
    public async Task Bad_options_are_named(string option, string value, string message)
    {
        var result = await CliHarness.InvokeAsync("optimize", "-s", "EMA Crossover", "-d", CliHarness.SpyMinuteFolder, "-p", "FastPeriod=5", option, value);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameter_sets_the_strategy_rejects_are_skipped_and_counted()
    {
        var result = await CliHarness.InvokeAsync(
            "optimize", "-s", "EMA Crossover", "-d", CliHarness.SpyMinuteFolder, "-p", "FastPeriod=12,30", "-p", "SlowPeriod=26", "--samples", "5", "--seed", "3");
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Skipped 1 of 2 parameter sets", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 trials ranked by sharpe", result.Output, StringComparison.Ordinal);
    }

    private static Bourse.Engine.Statistics.PerformanceStatistics Performance(double? sharpe, decimal maxDrawdown) =>
        new(0m, null, 0d, sharpe, null, null, maxDrawdown, TimeSpan.Zero, 0d, null, 0m, 0m, 0m, 0d, 0d, 0m, 252d);

    private static Dictionary<string, string> Parameters(JsonElement parameters) =>
        parameters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());

    private static (StrategyPlugin Plugin, IReadOnlyList<Bourse.Sdk.MarketData.Bar> Bars, RunSettings Settings) Load()
    {
        var plugin = StrategyPlugin.FromType(typeof(EmaCrossover));
        var bars = BarFiles.Read(CliHarness.SpyMinuteFolder, null).ToList();
        var instruments = BarFiles.Instruments(CliHarness.SpyMinuteFolder, null);
        return (plugin, bars, new RunSettings(RunId.New(), instruments, Risk, 100_000m, "USD", 1m));
    }
}
