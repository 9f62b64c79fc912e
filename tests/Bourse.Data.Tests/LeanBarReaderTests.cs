using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class LeanBarReaderTests
{
    private static readonly InstrumentId Spy = InstrumentId.Parse("SPY.NASDAQ");
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Spy_2013_10_08_closing_minute_is_the_official_close()
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131008_trade.zip"));

        // 15:59 EDT = 19:59 UTC; row 57540000,1656500,1656600,1653600,1654800,3196604
        var last = Assert.Single(bars, b => b.OpenTime == Utc(2013, 10, 8, 19, 59));
        Assert.Equal(Spy, last.Instrument);
        Assert.Equal(BarPeriod.OneMinute, last.Period);
        Assert.Equal(165.65m, last.Open.Value);
        Assert.Equal(165.66m, last.High.Value);
        Assert.Equal(165.36m, last.Low.Value);
        Assert.Equal(165.48m, last.Close.Value);
        Assert.Equal(3196604m, last.Volume.Value);
        Assert.Equal(Utc(2013, 10, 8, 20, 0), last.CloseTime);
    }

    [Fact]
    public void Equity_minute_times_are_new_york_converted_to_utc_with_dst()
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131008_trade.zip"));

        // First row 14400000 = 04:00 EDT = 08:00 UTC; the 09:30 open (34200000) is 13:30 UTC.
        Assert.Equal(Utc(2013, 10, 8, 8, 0), bars[0].OpenTime);
        Assert.Equal(DateTimeKind.Utc, bars[0].OpenTime.Kind);
        Assert.Equal(167.42m, bars[0].Close.Value);
        var open = Assert.Single(bars, b => b.OpenTime == Utc(2013, 10, 8, 13, 30));
        Assert.Equal(167.45m, open.Open.Value);

        // In winter (EST, UTC-5) the hour bar labelled 09:00 ET opens at 14:00 UTC; in October (EDT) at 13:00 UTC.
        var hours = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/hour/spy.zip"));
        Assert.Equal(Utc(1998, 1, 2, 14, 0), hours[0].OpenTime);
        Assert.Contains(hours, b => b.OpenTime == Utc(2013, 10, 8, 13, 0));

        // Across the 2013-11-03 fall-back: Friday 11-01 still EDT, Monday 11-04 EST.
        Assert.Contains(hours, b => b.OpenTime == Utc(2013, 11, 1, 13, 0));
        Assert.DoesNotContain(hours, b => b.OpenTime == Utc(2013, 11, 4, 13, 0));
        Assert.Contains(hours, b => b.OpenTime == Utc(2013, 11, 4, 14, 0));
    }

    [Theory]
    [InlineData("lean/equity/usa/minute/spy/20131007_trade.zip", 828)]
    [InlineData("lean/equity/usa/minute/spy/20131008_trade.zip", 828)]
    [InlineData("lean/equity/usa/minute/spy/20131009_trade.zip", 813)]
    [InlineData("lean/equity/usa/minute/spy/20131010_trade.zip", 883)]
    [InlineData("lean/equity/usa/minute/spy/20131011_trade.zip", 776)]
    [InlineData("lean/crypto/coinbase/minute/btcusd/20180404_trade.zip", 1007)]
    [InlineData("lean/crypto/coinbase/minute/btcusd/20180405_trade.zip", 1440)]
    [InlineData("lean/crypto/coinbase/minute/btcusd/20180406_trade.zip", 1440)]
    [InlineData("lean/crypto/binance/minute/btcbusd/20221213_trade.zip", 1440)]
    [InlineData("lean/equity/usa/hour/spy.zip", 40832)]
    [InlineData("lean/equity/usa/daily/spy.zip", 5849)]
    [InlineData("lean/crypto/coinbase/daily/btcusd_trade.zip", 1318)]
    [InlineData("lean/crypto/binance/hour/btcusdt_trade.zip", 120)]
    public void Bar_counts_per_file(string file, int count)
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared(file));

        Assert.Equal(count, bars.Count);
        Assert.All(bars.Zip(bars.Skip(1)), p => Assert.True(p.First.OpenTime < p.Second.OpenTime));
    }

    [Fact]
    public void Crypto_minute_prices_are_plain_decimals_in_utc()
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared("lean/crypto/coinbase/minute/btcusd/20180404_trade.zip"));

        // 0,7424.91,7424.91,7422,7422,7.14319709
        var first = bars[0];
        Assert.Equal(Btc, first.Instrument);
        Assert.Equal(Utc(2018, 4, 4, 0, 0), first.OpenTime);
        Assert.Equal(7424.91m, first.Open.Value);
        Assert.Equal(7422m, first.Low.Value);
        Assert.Equal(7.14319709m, first.Volume.Value);

        // 60420000,6894.01,... = 16:47 UTC, the last bar of the day
        Assert.Equal(Utc(2018, 4, 4, 16, 47), bars[^1].OpenTime);
        Assert.Equal(0.0373333m, bars[^1].Volume.Value);
    }

    [Fact]
    public void Daily_bars_equity_raw_prices_at_new_york_midnight_and_crypto_at_utc_midnight()
    {
        var spy = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/daily/spy.zip"));
        // 20131008 00:00,1674500,1676200,1653700,1654800,153859703
        var day = Assert.Single(spy, b => b.OpenTime == Utc(2013, 10, 8, 4, 0));
        Assert.Equal(BarPeriod.OneDay, day.Period);
        Assert.Equal(167.45m, day.Open.Value);
        Assert.Equal(165.37m, day.Low.Value);
        Assert.Equal(165.48m, day.Close.Value);
        Assert.Equal(153859703m, day.Volume.Value);
        Assert.Equal(Utc(1998, 1, 2, 5, 0), spy[0].OpenTime); // EST in January

        var btc = BarFiles.Read(RepositoryPaths.Shared("lean/crypto/coinbase/daily/btcusd_trade.zip"));
        // 20141203 00:00,377.9,378,377.01,378,0.54660842
        Assert.Equal(Utc(2014, 12, 3, 0, 0), btc[2].OpenTime);
        Assert.Equal(377.9m, btc[2].Open.Value);
        Assert.Equal(0.54660842m, btc[2].Volume.Value);
        Assert.Equal(InstrumentId.Parse("BTCUSD.COINBASE"), btc[2].Instrument);
    }

    [Fact]
    public void Hour_bars_keep_the_label_as_open_time()
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/hour/spy.zip"));

        // 20131008 15:00,1659100,1662500,1653700,1654800,37217103 — the last hour closes at 16:00 EDT = 20:00 UTC.
        var last = Assert.Single(bars, b => b.OpenTime == Utc(2013, 10, 8, 19, 0));
        Assert.Equal(BarPeriod.OneHour, last.Period);
        Assert.Equal(165.48m, last.Close.Value);
        Assert.Equal(Utc(2013, 10, 8, 20, 0), last.CloseTime);
        Assert.Equal(7, bars.Count(b => b.OpenTime.Date == new DateTime(2013, 10, 8)));

        var btc = BarFiles.Read(RepositoryPaths.Shared("lean/crypto/binance/hour/btcusdt_trade.zip"));
        Assert.Equal(InstrumentId.Parse("BTCUSDT.BINANCE"), btc[0].Instrument);
        Assert.Equal(Utc(2018, 5, 1, 0, 0), btc[0].OpenTime);
        Assert.Equal(9246.01m, btc[0].Open.Value);
        Assert.Equal(5263.799551m, btc[0].Volume.Value);
    }

    [Fact]
    public void Winter_minute_file_uses_est()
    {
        using var temp = new TempFolder();
        var file = temp.WriteZip("equity/usa/minute/spy/20140106_trade.zip", "20140106_spy_minute_trade.csv", "34200000,1800000,1801000,1799000,1800500,100");

        var bar = Assert.Single(BarFiles.Read(file));

        Assert.Equal(Utc(2014, 1, 6, 14, 30), bar.OpenTime);
        Assert.Equal(180.05m, bar.Close.Value);
    }
}
