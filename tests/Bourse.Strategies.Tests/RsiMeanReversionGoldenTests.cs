using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in RSI Mean Reversion (default parameters 14, 30/70) on real Coinbase BTC-USD minute trade bars of
/// 2018-04-04..06 (UTC), 100,000 USD, 1 bp fee, auto-execute at 10 % of equity per signal.
/// </summary>
public sealed class RsiMeanReversionGoldenTests
{
    /// <summary>
    /// The frozen result. To re-record after an INTENDED behaviour change (strategy, engine, fill or fee model, data
    /// reader): set <c>Expected</c> to a deliberately wrong value, run this test, copy the "Actual" record from the failure
    /// message here, and say in the commit message why the numbers moved. The self-consistency checks
    /// (<see cref="GoldenBacktest.AssertSelfConsistent"/>) must pass before a new value is frozen.
    /// </summary>
    private static readonly GoldenStatistics Expected = new(
        Trades: 102,
        ClosedTrades: 25,
        NetPnl: 607.23886144324239m,
        MaxDrawdown: 0.0204784544096829293814744791m,
        FinalEquity: 100_607.23886144324239m,
        Signals: 130);

    private static readonly Lazy<(Instrument Instrument, IReadOnlyList<Bar> Bars)> Data = new(() => GoldenBacktest.Load(
        "lean/crypto/coinbase/minute/btcusd/20180404_trade.zip",
        "lean/crypto/coinbase/minute/btcusd/20180405_trade.zip",
        "lean/crypto/coinbase/minute/btcusd/20180406_trade.zip"));

    [Fact]
    public void Statistics_match_the_golden_values()
    {
        var (instrument, bars) = Data.Value;
        Assert.Equal(3_887, bars.Count);

        var report = GoldenBacktest.Run(typeof(RsiMeanReversion), instrument, bars);

        GoldenBacktest.AssertSelfConsistent(report, bars);
        GoldenBacktest.AssertTradesBothWays(report, atLeastEachWay: 20);
        Assert.Equal(Expected, GoldenBacktest.Summarize(report));
    }

    [Fact]
    public void Running_twice_gives_identical_fills_and_curve()
    {
        var (instrument, bars) = Data.Value;

        var first = GoldenBacktest.Run(typeof(RsiMeanReversion), instrument, bars);
        var second = GoldenBacktest.Run(typeof(RsiMeanReversion), instrument, bars);

        Assert.NotEmpty(first.Fills);
        Assert.Equal(first.Fills, second.Fills);
        Assert.Equal(first.EquityCurve, second.EquityCurve);
        Assert.Equal(first.Statistics, second.Statistics);
    }
}
