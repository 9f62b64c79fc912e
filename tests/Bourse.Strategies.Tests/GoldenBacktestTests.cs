using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Strategies.Tests;

/// <summary>
/// The checks every golden backtest makes: its frozen statistics (after the self-consistency checks) and determinism.
/// A derived class names the strategy, its data and its frozen result.
/// </summary>
public abstract class GoldenBacktestTests
{
    /// <summary>The built-in strategy class, run with its default parameters.</summary>
    private protected abstract Type StrategyType { get; }

    /// <summary>
    /// The frozen result. To re-record after an INTENDED behaviour change (strategy, engine, fill or fee model, data
    /// reader): set it to a deliberately wrong value, run the test, copy the "Actual" record from the failure message,
    /// and say in the commit message why the numbers moved. The self-consistency checks
    /// (<see cref="GoldenBacktest.AssertSelfConsistent"/>) must pass before a new value is frozen.
    /// </summary>
    private protected abstract GoldenStatistics Expected { get; }

    /// <summary>How many bars the data holds (guards against a changed data set or reader).</summary>
    private protected abstract int ExpectedBars { get; }

    /// <summary>The instrument and its bars, loaded once per test class.</summary>
    private protected abstract (Instrument Instrument, IReadOnlyList<Bar> Bars) Data { get; }

    [Fact]
    public void Statistics_match_the_golden_values()
    {
        var (instrument, bars) = Data;
        Assert.Equal(ExpectedBars, bars.Count);

        var report = GoldenBacktest.Run(StrategyType, instrument, bars);

        GoldenBacktest.AssertSelfConsistent(report, bars);
        GoldenBacktest.AssertTradesBothWays(report, atLeastEachWay: 20);
        Assert.Equal(Expected, GoldenBacktest.Summarize(report));
    }

    [Fact]
    public void Running_twice_gives_identical_fills_and_curve()
    {
        var (instrument, bars) = Data;

        var first = GoldenBacktest.Run(StrategyType, instrument, bars);
        var second = GoldenBacktest.Run(StrategyType, instrument, bars);

        Assert.NotEmpty(first.Fills);
        Assert.Equal(first.Fills, second.Fills);
        Assert.Equal(first.EquityCurve, second.EquityCurve);
        Assert.Equal(first.Statistics, second.Statistics);
    }
}
