using Bourse.Sdk.Indicators;

namespace Bourse.Sdk.Tests.Indicators;

/// <summary>
/// The contract every indicator keeps, checked over all of them on real SPY minute bars: readiness flips exactly at
/// <see cref="Indicator.WarmUpPeriod"/>, values are finite, <see cref="Indicator.Reset"/> gives a clean restart,
/// invalid samples are rejected without touching the state, and an update allocates nothing.
/// </summary>
public sealed class IndicatorContractTests
{
    [Fact]
    public void The_catalog_holds_every_indicator_of_the_sdk()
    {
        var sdkIndicators = typeof(Indicator).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(Indicator)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order();

        Assert.Equal(sdkIndicators, IndicatorCatalog.All.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void Is_ready_exactly_after_the_warm_up_period(string name)
    {
        var indicator = IndicatorCatalog.All[name]();
        Assert.InRange(indicator.WarmUpPeriod, 1, 100);
        Assert.Equal(0, indicator.Samples);

        for (var i = 0; i < indicator.WarmUpPeriod; i++)
        {
            Assert.False(indicator.IsReady, $"ready after {i} of {indicator.WarmUpPeriod} samples");
            IntradayBars.Feed(indicator, IntradayBars.All[i]);
        }

        Assert.True(indicator.IsReady);
        Assert.Equal(indicator.WarmUpPeriod, indicator.Samples);
    }

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void Values_are_finite_and_reset_restarts_from_scratch(string name)
    {
        var indicator = IndicatorCatalog.All[name]();
        var first = FeedAll(indicator);
        Assert.All(first, value => Assert.True(double.IsFinite(value)));
        Assert.True(first.Distinct().Count() > 10, "the indicator hardly moves over 1,564 real bars");

        indicator.Reset();
        Assert.Equal(0, indicator.Samples);
        Assert.Equal(0, indicator.Value);
        Assert.False(indicator.IsReady);

        Assert.Equal(first, FeedAll(indicator));
        Assert.Equal(first, FeedAll(IndicatorCatalog.All[name]()));
    }

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void Invalid_samples_are_rejected_with_the_state_unchanged(string name)
    {
        var indicator = IndicatorCatalog.All[name]();
        var bars = IntradayBars.All;
        for (var i = 0; i < 50; i++)
        {
            IntradayBars.Feed(indicator, bars[i]);
        }

        var valid = bars[50];
        BarInput[] invalid = indicator is PriceIndicator
            ? [valid with { Close = double.NaN }, valid with { Close = double.PositiveInfinity }]
            : [
                valid with { Close = double.NaN },
                valid with { High = double.PositiveInfinity },
                valid with { High = valid.Low - 1 },
                valid with { Close = valid.High + 1 },
                valid with { Volume = -1 },
                valid with { Volume = double.NaN },
            ];
        foreach (var bad in invalid)
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => IntradayBars.Feed(indicator, bad));
            Assert.Contains(indicator is PriceIndicator ? "finite" : "Invalid bar", error.Message, StringComparison.Ordinal);
            Assert.Equal(50, indicator.Samples);
        }

        // The rejected samples left no trace: the next valid bar gives what an untouched twin gives.
        var twin = IndicatorCatalog.All[name]();
        for (var i = 0; i <= 50; i++)
        {
            IntradayBars.Feed(twin, bars[i]);
        }

        Assert.Equal(twin.Value, IntradayBars.Feed(indicator, valid));
    }

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void An_update_allocates_nothing(string name)
    {
        var indicator = IndicatorCatalog.All[name]();
        var bars = IntradayBars.All;
        IntradayBars.Feed(indicator, bars[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < bars.Length; i++)
        {
            IntradayBars.Feed(indicator, bars[i]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double[] FeedAll(Indicator indicator) =>
        [.. IntradayBars.All.Select(bar => IntradayBars.Feed(indicator, bar))];
}
