using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in EMA Crossover (default parameters 12/26) on real SPY minute trade bars of
/// 2013-10-07..11 (5 sessions, 04:00–20:00 ET), 100,000 USD, 1 bp fee, auto-execute at 10 % of equity per signal.
/// </summary>
public sealed class EmaCrossoverGoldenTests
{
    /// <summary>
    /// The frozen result. To re-record after an INTENDED behaviour change (strategy, engine, fill or fee model, data
    /// reader): set <c>Expected</c> to a deliberately wrong value, run this test, copy the "Actual" record from the failure
    /// message here, and say in the commit message why the numbers moved. The self-consistency checks
    /// (<see cref="GoldenBacktest.AssertSelfConsistent"/>) must pass before a new value is frozen.
    /// </summary>
    private static readonly GoldenStatistics Expected = new(
        Trades: 138,
        ClosedTrades: 69,
        NetPnl: -58.928660m,
        MaxDrawdown: 0.0025059549219826823688406207m,
        FinalEquity: 99_941.071340m,
        Signals: 138);

    private static readonly Lazy<(Instrument Instrument, IReadOnlyList<Bar> Bars)> Data = new(() => GoldenBacktest.Load(
        "lean/equity/usa/minute/spy/20131007_trade.zip",
        "lean/equity/usa/minute/spy/20131008_trade.zip",
        "lean/equity/usa/minute/spy/20131009_trade.zip",
        "lean/equity/usa/minute/spy/20131010_trade.zip",
        "lean/equity/usa/minute/spy/20131011_trade.zip"));

    [Fact]
    public void Statistics_match_the_golden_values()
    {
        var (instrument, bars) = Data.Value;
        Assert.Equal(4_128, bars.Count);

        var report = GoldenBacktest.Run(typeof(EmaCrossover), instrument, bars);

        GoldenBacktest.AssertSelfConsistent(report, bars);
        GoldenBacktest.AssertTradesBothWays(report, atLeastEachWay: 20);
        Assert.Equal(Expected, GoldenBacktest.Summarize(report));
    }

    [Fact]
    public void Running_twice_gives_identical_fills_and_curve()
    {
        var (instrument, bars) = Data.Value;

        var first = GoldenBacktest.Run(typeof(EmaCrossover), instrument, bars);
        var second = GoldenBacktest.Run(typeof(EmaCrossover), instrument, bars);

        Assert.NotEmpty(first.Fills);
        Assert.Equal(first.Fills, second.Fills);
        Assert.Equal(first.EquityCurve, second.EquityCurve);
        Assert.Equal(first.Statistics, second.Statistics);
    }
}
