using Bourse.Engine.OrderBook;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.OrderBook;

public sealed class L2OrderBookTests
{
    private static readonly InstrumentId Btc = new("BTCUSDT", "BINANCE");
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Setting_levels_orders_them_best_first_and_size_zero_removes()
    {
        var book = new L2OrderBook(0.1m);
        book.Set(Side.Buy, 100.0m, 1m);
        book.Set(Side.Buy, 100.2m, 2m);
        book.Set(Side.Buy, 99.9m, 3m);
        book.Set(Side.Sell, 100.5m, 4m);
        book.Set(Side.Sell, 100.3m, 5m);

        Assert.Equal([100.2m, 100.0m, 99.9m], Enumerable.Range(0, book.Bids.LevelCount).Select(r => book.Bids[r].Price.Value));
        Assert.Equal(0.1m, book.Spread);
        Assert.Equal(100.25m, book.Mid);
        Assert.Equal(6m, book.Bids.Depth(3));
        var top = new BookLevel[5];
        Assert.Equal(2, book.Asks.CopyLevels(top));
        Assert.Equal([new BookLevel(100.3m, 5m), new BookLevel(100.5m, 4m)], top[..2]);

        book.Set(Side.Buy, 100.2m, 0m);
        book.Set(Side.Buy, 100.0m, 7m);
        book.Set(Side.Sell, 123.4m, 0m);

        Assert.Equal(100.0m, book.BestBid);
        Assert.Equal(7m, book.Bids.SizeAt(100.0m));
        Assert.Equal(2, book.Asks.LevelCount);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_level_set_through_the_other_side_removes_the_stale_levels_it_crosses()
    {
        var book = new L2OrderBook(0.1m);
        book.Set(Side.Sell, 100.3m, 5m);
        book.Set(Side.Sell, 100.5m, 4m);
        book.Set(Side.Buy, 100.0m, 1m);

        book.Set(Side.Buy, 100.3m, 2m);

        Assert.Equal(100.3m, book.BestBid);
        Assert.Equal(100.5m, book.BestAsk);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_snapshot_replaces_the_book_and_deltas_change_it()
    {
        var book = new L2OrderBook(0.1m);
        book.Set(Side.Buy, 50m, 1m);
        book.Apply(new OrderBookSnapshot(Btc, T0, 10, [new BookLevel(100m, 1m), new BookLevel(99.9m, 2m)], [new BookLevel(100.1m, 3m)]));

        Assert.Equal(0m, book.Bids.SizeAt(50m));
        Assert.Equal(100m, book.BestBid);
        Assert.Equal(10, book.LastSequence);

        book.Apply(new OrderBookDeltas(Btc, T0.AddSeconds(1), 11,
            [new BookLevelChange(Side.Buy, 100m, 0m), new BookLevelChange(Side.Sell, 100.2m, 1m)]));

        Assert.Equal(99.9m, book.BestBid);
        Assert.Equal(100.1m, book.BestAsk);
        Assert.Equal(4m, book.Asks.Depth(10));
        Assert.Equal(T0.AddSeconds(1), book.LastUpdate);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void Off_grid_prices_and_negative_sizes_are_refused()
    {
        var book = new L2OrderBook(0.1m);

        Assert.Throws<ArgumentException>(() => book.Set(Side.Buy, 100.05m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Set(Side.Buy, 100m, -1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L2OrderBook(0m));
        Assert.True(book.Bids.IsEmpty);
    }

    [Fact]
    public void The_price_grid_is_exact_for_tick_sizes_without_an_exact_inverse()
    {
        var grid = new PriceGrid(0.003m);

        Assert.Equal(41L, grid.ToTicks(0.123m));
        Assert.Equal(0.123m, grid.ToPrice(41));
        Assert.Throws<ArgumentException>(() => grid.ToTicks(0.124m));
    }
}
