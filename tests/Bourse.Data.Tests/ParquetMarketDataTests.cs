using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Data.Storage;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class ParquetMarketDataTests
{
    [Fact]
    public async Task Bars_of_several_instruments_and_periods_round_trip_exactly()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bars.parquet");
        var bars = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy"))
            .Concat(LeanBarReader.Read(RepositoryPaths.Shared("lean/crypto/coinbase/minute/btcusd/20171217_trade.zip")))
            .Concat(FreqtradeJsonReader.ReadCandles(RepositoryPaths.Shared("freqtrade/XRP_ETH-5m.json")))
            .ToList();

        var written = await ParquetMarketData.WriteBarsAsync(path, bars);

        Assert.Equal(bars.Count, written);
        Assert.Equal(ParquetDataKind.Bars, ParquetMarketData.KindOf(path));
        Assert.Equal(bars.Count, ParquetMarketData.RowCount(path));
        Assert.Equal(bars, ParquetMarketData.ReadBars(path));
    }

    [Fact]
    public async Task Spy_trade_ticks_round_trip_across_row_groups()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "spy.parquet");
        var ticks = LeanTickReader.ReadTrades(RepositoryPaths.Shared("lean/equity/usa/tick/spy/20131007_trade.zip")).ToList();

        await ParquetMarketData.WriteTradesAsync(path, ticks);

        // 250,601 ticks fill three row groups.
        Assert.True(ticks.Count > 2 * ParquetMarketData.RowGroupSize);
        Assert.Equal(ticks, ParquetMarketData.ReadTrades(path));
        Assert.True(new FileInfo(path).Length < new FileInfo(RepositoryPaths.Shared("lean/equity/usa/tick/spy/20131007_trade.zip")).Length * 3);
    }

    [Fact]
    public async Task Quote_ticks_and_aggressor_sides_round_trip()
    {
        using var folder = new TempFolder();
        var quotes = TardisCsvReader.ReadQuotes(RepositoryPaths.Shared("nautilus/tardis/quotes.csv")).ToList();
        var trades = TardisCsvReader.ReadTrades(RepositoryPaths.Shared("nautilus/tardis/trades.csv")).ToList();
        var quotePath = Path.Combine(folder.Path, "q.parquet");
        var tradePath = Path.Combine(folder.Path, "t.parquet");

        await ParquetMarketData.WriteQuotesAsync(quotePath, quotes);
        await ParquetMarketData.WriteTradesAsync(tradePath, trades);

        Assert.Equal(quotes, ParquetMarketData.ReadQuotes(quotePath));
        Assert.Equal(trades, ParquetMarketData.ReadTrades(tradePath));
        Assert.Contains(trades, t => t.Aggressor == Bourse.Sdk.Orders.Side.Sell);
    }

    [Fact]
    public async Task Tick_bars_with_sub_microsecond_periods_round_trip()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tickbars.parquet");
        var bars = BarAggregator.TickBars(TardisCsvReader.ReadTrades(RepositoryPaths.Shared("nautilus/tardis/trades.csv")), 10).ToList();

        await ParquetMarketData.WriteBarsAsync(path, bars);

        Assert.Equal(bars, ParquetMarketData.ReadBars(path));
    }

    [Fact]
    public async Task Reading_the_wrong_kind_or_a_non_parquet_file_is_a_data_file_error()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "q.parquet");
        await ParquetMarketData.WriteQuotesAsync(path, TardisCsvReader.ReadQuotes(RepositoryPaths.Shared("nautilus/tardis/quotes.csv")).Take(10));
        var text = folder.WriteText("fake.parquet", "not parquet at all");

        Assert.Contains("holds quotes, not bars", Assert.Throws<DataFileException>(() => ParquetMarketData.ReadBars(path).ToList()).Message, StringComparison.Ordinal);
        Assert.Contains("not a Parquet file", Assert.Throws<DataFileException>(() => ParquetMarketData.KindOf(text)).Message, StringComparison.Ordinal);
    }
}
