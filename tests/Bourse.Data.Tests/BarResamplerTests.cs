using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class BarResamplerTests
{
    private static readonly BarPeriod FiveMinutes = new(TimeSpan.FromMinutes(5));

    [Fact]
    public void Live_resampling_of_minute_candles_gives_the_batch_resampler_s_bars_each_as_its_last_minute_arrives()
    {
        // Every minute is present in freqtrade's candles (flat minutes filled), so each 5-minute bar is complete with its fifth minute.
        var minutes = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-1m.json"));
        var expected = BarAggregator.Resample(minutes, FiveMinutes).ToList();
        var resampler = new BarResampler(FiveMinutes);
        var emitted = new List<Bar>();
        foreach (var minute in minutes)
        {
            var before = emitted.Count;
            resampler.Add(minute, emitted);
            Assert.Equal(minute.CloseTime.Minute % 5 == 0 ? before + 1 : before, emitted.Count);
            Assert.All(emitted.Skip(before), b => Assert.Equal(minute.CloseTime, b.CloseTime));
        }

        Assert.Equal(expected, emitted);
    }

    [Fact]
    public void With_empty_minutes_a_bucket_closes_with_the_next_bucket_s_first_bar_and_matches_the_batch_resampler()
    {
        // Minutes without a trade are missing here (1,091 of 3,560), so many buckets lack their last minute.
        var minutes = BarAggregator.TimeBars(FreqtradeJsonReader.ReadTrades(RepositoryPaths.Shared("freqtrade/XRP_ETH-trades.json.gz")), BarPeriod.OneMinute).ToList();
        var batch = BarAggregator.Resample(minutes, FiveMinutes).ToList();
        var resampler = new BarResampler(FiveMinutes);
        var emitted = new List<Bar>();
        foreach (var minute in minutes)
        {
            resampler.Add(minute, emitted);
        }

        // The batch resampler also yields the last (open) bucket at the end of its input; live, it is still open.
        var lastOpen = batch[^1].CloseTime > minutes[^1].CloseTime;
        Assert.Equal(lastOpen ? batch[..^1] : batch, emitted);
    }

    [Fact]
    public void Bars_out_of_order_or_longer_than_the_period_are_refused()
    {
        var minutes = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-1m.json"));
        var resampler = new BarResampler(FiveMinutes);
        resampler.Add(minutes[1], []);
        Assert.Throws<ArgumentException>(() => resampler.Add(minutes[0], []));
        var fives = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-5m.json"));
        Assert.Throws<ArgumentException>(() => new BarResampler(BarPeriod.OneMinute).Add(fives[0], []));
    }
}
