using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class TardisAndFreqtradeReaderTests
{
    private static readonly InstrumentId BtcUsdt = InstrumentId.Parse("BTCUSDT.BINANCE-FUTURES");

    [Fact]
    public void Tardis_trades_carry_the_aggressor_and_microsecond_times()
    {
        var ticks = TardisCsvReader.ReadTrades(RepositoryPaths.Shared("nautilus/tardis/trades.csv")).ToList();

        Assert.Equal(9_999, ticks.Count);

        // binance-futures,BTCUSDT,1582329602111000,…,42377944,buy,9682,0.132
        Assert.Equal(BtcUsdt, ticks[0].Instrument);
        Assert.Equal(DateTime.UnixEpoch.AddTicks(1582329602111000 * 10), ticks[0].Timestamp);
        Assert.Equal((9682m, 0.132m, Side.Buy), (ticks[0].Price.Value, ticks[0].Size.Value, ticks[0].Aggressor));

        // Last row: …,1582337147728000,…,sell,9666.84,0.07
        Assert.Equal((9666.84m, 0.07m, Side.Sell), (ticks[^1].Price.Value, ticks[^1].Size.Value, ticks[^1].Aggressor));
    }

    [Fact]
    public void Tardis_quotes_map_ask_first_columns_to_bid_and_ask()
    {
        var quotes = TardisCsvReader.ReadQuotes(RepositoryPaths.Shared("nautilus/tardis/quotes.csv")).ToList();

        Assert.Equal(9_999, quotes.Count);

        // ask_amount,ask_price,bid_price,bid_amount = 0.84,9682,9681.92,0.67
        var first = quotes[0];
        Assert.Equal(new DateTime(2020, 2, 22, 0, 0, 1, 96, DateTimeKind.Utc), first.Timestamp);
        Assert.Equal((9681.92m, 0.67m, 9682m, 0.84m), (first.Bid.Value, first.BidSize.Value, first.Ask.Value, first.AskSize.Value));
        Assert.All(quotes, q => Assert.True(q.Bid <= q.Ask));
    }

    [Fact]
    public void A_malformed_tardis_row_names_the_line()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("trades.csv", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
            + "binance-futures,BTCUSDT,1582329602111000,1582329602418379,42377944,buy,9682,0.132\n"
            + "binance-futures,BTCUSDT,1582329602116000,1582329602418420,42377945,buy,9682,-1\n");

        var error = Assert.Throws<DataFileException>(() => TardisCsvReader.ReadTrades(path).ToList());

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("amount -1 is negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Freqtrade_trades_and_candles_read_with_exact_decimals()
    {
        var xrp = InstrumentId.Parse("XRPETH.FREQTRADE");
        var trades = FreqtradeJsonReader.ReadTrades(RepositoryPaths.Shared("freqtrade/XRP_ETH-trades.json.gz"));

        Assert.Equal(12_477, trades.Count);
        Assert.Equal(xrp, trades[0].Instrument);

        // [1570752011620,"13519807",null,"sell",0.00141342,23.0,0.03250866]
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1570752011620).UtcDateTime, trades[0].Timestamp);
        Assert.Equal((0.00141342m, 23m, Side.Sell), (trades[0].Price.Value, trades[0].Size.Value, trades[0].Aggressor));

        var candles = FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-5m.json"));
        Assert.Equal(712, candles.Count);
        Assert.Equal(new BarPeriod(TimeSpan.FromMinutes(5)), candles[0].Period);
        Assert.Equal(new DateTime(2019, 10, 11, 0, 0, 0, DateTimeKind.Utc), candles[0].OpenTime);
    }

    [Fact]
    public void Freqtrade_pandas_columns_candles_need_an_instrument_and_infer_the_period()
    {
        var path = RepositoryPaths.Shared("freqtrade/orderflow/candles.json");
        Assert.Throws<DataFileException>(() => FreqtradeJsonReader.ReadCandles(path));

        var bars = FreqtradeJsonReader.ReadCandles(path, InstrumentId.Parse("BTCUSDT.BINANCE"));

        Assert.Equal(10_999, bars.Count);
        Assert.Equal(new BarPeriod(TimeSpan.FromMinutes(5)), bars[0].Period);
        Assert.Equal(new DateTime(2023, 1, 2, 16, 45, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(new DateTime(2023, 2, 9, 21, 15, 0, DateTimeKind.Utc), bars[^1].OpenTime);
    }

    [Fact]
    public void A_malformed_freqtrade_row_names_line_and_row()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("binance/XRP_ETH-1m.json", "[\n[1570752000000,0.00141342,0.00141557,0.00141266,0.00141418,1482.0],\n[1570752060000,\"x\",0.00141658,0.00141597,0.00141658,522.0]\n]");

        var error = Assert.Throws<DataFileException>(() => FreqtradeJsonReader.ReadCandles(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("row 1: open is not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(InstrumentId.Parse("XRPETH.BINANCE"), FreqtradeJsonReader.InstrumentFromFileName(path));
    }
}
