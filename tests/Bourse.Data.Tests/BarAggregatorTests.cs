using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class BarAggregatorTests
{
    private static readonly BarPeriod FiveMinutes = new(TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData("freqtrade/XRP_ETH-1m.json", 1, 3_560)]
    [InlineData("freqtrade/XRP_ETH-5m.json", 5, 712)]
    public void Freqtrade_trades_aggregate_to_exactly_its_candles(string candleFile, int minutes, int count)
    {
        // freqtrade computed these candles from the trades file; empty minutes are flat at the previous close.
        var trades = FreqtradeJsonReader.ReadTrades(RepositoryPaths.Shared("freqtrade/XRP_ETH-trades.json.gz"));
        var expected = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared(candleFile));

        var bars = BarAggregator.TimeBars(trades, new BarPeriod(TimeSpan.FromMinutes(minutes)), empty: EmptyPeriods.FillWithPreviousClose).ToList();

        Assert.Equal(count, expected.Count);
        Assert.Equal(expected, bars);
    }

    [Fact]
    public void Skipping_empty_periods_leaves_only_minutes_with_trades()
    {
        var trades = FreqtradeJsonReader.ReadTrades(RepositoryPaths.Shared("freqtrade/XRP_ETH-trades.json.gz"));
        var filled = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-1m.json"));

        var bars = BarAggregator.TimeBars(trades, BarPeriod.OneMinute).ToList();

        // The data README: 1,091 of the 3,560 minutes had no trade.
        Assert.Equal(3_560 - 1_091, bars.Count);
        Assert.Equal(filled.Where(b => b.Volume.Value > 0m), bars);
    }

    [Fact]
    public void Spy_minute_bars_resample_to_leans_own_hour_and_daily_bars_in_new_york_session_time()
    {
        var days = new[] { "20131007", "20131008", "20131009", "20131010", "20131011" };
        var session = new BarBuckets(LeanBarReader.NewYork);
        var minutes = days
            .SelectMany(d => LeanBarReader.Read(RepositoryPaths.Shared($"lean/equity/usa/minute/spy/{d}_trade.zip")))
            .Where(b => IsRegularSession(b.OpenTime))
            .ToList();
        var window = (From: minutes[0].OpenTime.Date, To: minutes[^1].OpenTime.Date.AddDays(1));
        var leanHours = LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/hour/spy.zip"))
            .Where(b => b.OpenTime >= window.From && b.OpenTime < window.To).ToList();
        var leanDays = LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/daily/spy.zip"))
            .Where(b => b.OpenTime >= window.From.AddHours(-12) && b.OpenTime < window.To).ToList();

        var hours = BarAggregator.Resample(minutes, BarPeriod.OneHour, session).ToList();
        var daily = BarAggregator.Resample(minutes, BarPeriod.OneDay, session).ToList();

        // LEAN's hour bar labelled 09:00 ET covers 09:30–10:00: the same bucket as New York-aligned hours. LEAN builds its
        // hour and daily files from ticks with its own sale-condition filter, not from its minute bars: buckets and volumes
        // agree exactly, closes to within a few cents, but a minute bar may hold a print the hour bar left out
        // (2013-10-07 15:00: minute high 167.51, hour high 166.25).
        Assert.Equal(5 * 7, leanHours.Count);
        Assert.Equal(5, leanDays.Count);
        foreach (var (expected, actual) in leanHours.Zip(hours).Concat(leanDays.Zip(daily)))
        {
            Assert.Equal((expected.OpenTime, expected.Period, expected.Volume), (actual.OpenTime, actual.Period, actual.Volume));
            Assert.InRange(Math.Abs(expected.Close.Value - actual.Close.Value), 0m, 0.05m);
        }

        Assert.Equal(leanHours.Count, hours.Count);
        Assert.Equal(leanDays.Count, daily.Count);
    }

    [Fact]
    public void Utc_resampling_of_crypto_minutes_sums_volume_and_keeps_extremes()
    {
        var minutes = LeanBarReader.Read(RepositoryPaths.Shared("lean/crypto/coinbase/minute/btcusd/20171217_trade.zip"));

        var fives = BarAggregator.Resample(minutes, FiveMinutes).ToList();
        var day = Assert.Single(BarAggregator.Resample(fives, BarPeriod.OneDay));

        Assert.All(fives, b => Assert.Equal(0, b.OpenTime.Minute % 5));
        Assert.Equal(minutes.Sum(b => b.Volume.Value), fives.Sum(b => b.Volume.Value));
        Assert.Equal((minutes[0].Open, minutes.Max(b => b.High), minutes.Min(b => b.Low), minutes[^1].Close), (day.Open, day.High, day.Low, day.Close));
        Assert.Equal(new DateTime(2017, 12, 17, 0, 0, 0, DateTimeKind.Utc), day.OpenTime);
        Assert.Throws<ArgumentException>(() => BarAggregator.Resample(fives, new BarPeriod(TimeSpan.FromMinutes(7))).ToList());
    }

    [Fact]
    public void Tick_and_volume_bars_partition_the_trades()
    {
        var trades = TardisCsvReader.ReadTrades(RepositoryPaths.Shared("nautilus/tardis/trades.csv")).ToList();

        var tickBars = BarAggregator.TickBars(trades, 100).ToList();
        var volumeBars = BarAggregator.VolumeBars(trades, 50m).ToList();

        // 9,999 trades: 99 full bars of 100 and a last one of 99.
        Assert.Equal(100, tickBars.Count);
        Assert.Equal(trades[0].Timestamp, tickBars[0].OpenTime);
        Assert.Equal(trades[99].Timestamp.AddTicks(1), tickBars[0].CloseTime);
        Assert.Equal(trades[100].Price, tickBars[1].Open);
        Assert.Equal(trades[^1].Price, tickBars[^1].Close);
        Assert.Equal(trades.Sum(t => t.Size.Value), tickBars.Sum(b => b.Volume.Value));

        Assert.Equal(trades.Sum(t => t.Size.Value), volumeBars.Sum(b => b.Volume.Value));
        Assert.All(volumeBars.SkipLast(1), b => Assert.True(b.Volume.Value >= 50m));
        Assert.All(volumeBars, b => Assert.True(b.Low <= b.Open && b.Open <= b.High && b.Low <= b.Close && b.Close <= b.High));
    }

    [Fact]
    public void Interleaved_instruments_are_aggregated_separately_and_out_of_order_ticks_are_refused()
    {
        var tardis = TardisCsvReader.ReadTrades(RepositoryPaths.Shared("nautilus/tardis/trades.csv")).Take(500).ToList();
        var other = InstrumentId.Parse("BTCUSDT.OTHER");
        var mixed = tardis.SelectMany(t => new[] { t, t with { Instrument = other } }).ToList();

        var bars = BarAggregator.TimeBars(mixed, BarPeriod.OneMinute).ToList();

        var mine = BarAggregator.TimeBars(tardis, BarPeriod.OneMinute).ToList();
        Assert.Equal(mine, bars.Where(b => b.Instrument == tardis[0].Instrument));
        Assert.Equal(mine.Select(b => b with { Instrument = other }), bars.Where(b => b.Instrument == other));

        var reversed = Enumerable.Reverse(tardis).ToList();
        Assert.Throws<ArgumentException>(() => BarAggregator.TimeBars(reversed, BarPeriod.OneMinute).ToList());
    }

    private static bool IsRegularSession(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, LeanBarReader.NewYork).TimeOfDay;
        return local >= new TimeSpan(9, 30, 0) && local < new TimeSpan(16, 0, 0);
    }
}
