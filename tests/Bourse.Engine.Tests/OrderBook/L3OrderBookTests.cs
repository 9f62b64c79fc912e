using Bourse.Engine.OrderBook;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Tests.OrderBook;

public sealed class L3OrderBookTests
{
    private static L3OrderBook BookWithAsks()
    {
        var book = new L3OrderBook(0.5m);
        book.Place(1, Side.Sell, 100.5m, 2m);
        book.Place(2, Side.Sell, 100.5m, 3m);
        book.Place(3, Side.Sell, 101m, 4m);
        book.Place(4, Side.Buy, 99.5m, 5m);
        return book;
    }

    [Fact]
    public void Best_bid_ask_spread_mid_and_depth_follow_the_resting_orders()
    {
        var book = BookWithAsks();

        Assert.Equal(99.5m, book.BestBid);
        Assert.Equal(100.5m, book.BestAsk);
        Assert.Equal(1m, book.Spread);
        Assert.Equal(100m, book.Mid);
        Assert.Equal(5m, book.Asks.SizeAt(100.5m));
        Assert.Equal(9m, book.Asks.Depth(2));
        Assert.Equal(new BookLevel(101m, 4m), book.Asks[1]);
        Assert.Equal(4, book.OrderCount);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void Within_a_level_orders_fill_first_in_first_out()
    {
        var book = BookWithAsks();

        var fills = book.Take(Side.Buy, 4m).ToArray();

        Assert.Equal([new BookFill(1, 100.5m, 2m, 0m), new BookFill(2, 100.5m, 2m, 1m)], fills);
        Assert.Equal([new RestingOrder(2, Side.Sell, 100.5m, 1m)], book.OrdersAt(Side.Sell, 100.5m));
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_marketable_limit_order_walks_levels_up_to_its_limit_and_rests_the_rest()
    {
        var book = BookWithAsks();

        var fills = book.Place(10, Side.Buy, 100.5m, 7m).ToArray();

        Assert.Equal(5m, fills.Sum(f => f.Size));
        Assert.All(fills, f => Assert.Equal(100.5m, f.Price));
        Assert.True(book.TryGetOrder(10, out var rest));
        Assert.Equal(new RestingOrder(10, Side.Buy, 100.5m, 2m), rest);
        Assert.Equal(100.5m, book.BestBid);
        Assert.Equal(101m, book.BestAsk);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_market_order_walks_every_level_and_never_rests()
    {
        var book = BookWithAsks();

        var fills = book.Take(Side.Buy, 100m).ToArray();

        Assert.Equal([100.5m, 100.5m, 101m], fills.Select(f => f.Price));
        Assert.Equal(9m, fills.Sum(f => f.Size));
        Assert.Null(book.BestAsk);
        Assert.Equal(1, book.OrderCount);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void An_immediate_or_cancel_order_stops_at_its_limit()
    {
        var book = BookWithAsks();

        var fills = book.Take(Side.Buy, 100m, limitPrice: 100.5m).ToArray();

        Assert.Equal(5m, fills.Sum(f => f.Size));
        Assert.Equal(101m, book.BestAsk);
        Assert.False(book.TryGetOrder(0, out _));
    }

    [Fact]
    public void Cancel_removes_the_order_and_its_emptied_level()
    {
        var book = BookWithAsks();

        Assert.True(book.Cancel(3));
        Assert.False(book.Cancel(3));
        Assert.Equal(1, book.Asks.LevelCount);
        Assert.True(book.Cancel(1));
        Assert.Equal(3m, book.Asks.SizeAt(100.5m));
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_size_decrease_keeps_queue_priority()
    {
        var book = BookWithAsks();

        Assert.True(book.Modify(1, 100.5m, 1m).IsEmpty);

        Assert.Equal([1L, 2L], book.OrdersAt(Side.Sell, 100.5m).Select(o => o.OrderId));
        Assert.Equal(4m, book.Asks.SizeAt(100.5m));
        Assert.Equal(1L, book.Take(Side.Buy, 1m)[0].MakerOrderId);
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_size_increase_loses_queue_priority()
    {
        var book = BookWithAsks();

        book.Modify(1, 100.5m, 2.5m);

        Assert.Equal([2L, 1L], book.OrdersAt(Side.Sell, 100.5m).Select(o => o.OrderId));
        Assert.Equal(5.5m, book.Asks.SizeAt(100.5m));
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void A_price_change_loses_priority_and_can_match()
    {
        var book = BookWithAsks();

        book.Modify(3, 100.5m, 4m);
        Assert.Equal([1L, 2L, 3L], book.OrdersAt(Side.Sell, 100.5m).Select(o => o.OrderId));

        var fills = book.Modify(4, 100.5m, 5m).ToArray();

        Assert.Equal([1L, 2L], fills.Select(f => f.MakerOrderId));
        Assert.Equal(5m, fills.Sum(f => f.Size));
        Assert.False(book.TryGetOrder(4, out _));
        Assert.Equal([new RestingOrder(3, Side.Sell, 100.5m, 4m)], book.OrdersAt(Side.Sell, 100.5m));
        BookInvariants.AssertSound(book);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        var book = BookWithAsks();

        Assert.Throws<ArgumentException>(() => book.Place(1, Side.Buy, 90m, 1m));
        var offGrid = Assert.Throws<ArgumentException>(() => book.Place(9, Side.Buy, 90.25m, 1m));
        Assert.Contains("tick size 0.5", offGrid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Place(9, Side.Buy, 90m, 0m));
        Assert.Throws<KeyNotFoundException>(() => book.Modify(99, 90m, 1m));
        Assert.Equal(4, book.OrderCount);
    }

    [Fact]
    public void L3_deltas_add_update_and_delete_orders()
    {
        var book = new L3OrderBook(0.01m);
        var id = new InstrumentId("BTCUSDT", "BINANCE");
        var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        book.Apply(new OrderBookOrderDelta(id, BookAction.Add, 7, Side.Buy, new Price(10m), new Quantity(2m), t));
        book.Apply(new OrderBookOrderDelta(id, BookAction.Add, 8, Side.Buy, new Price(10m), new Quantity(1m), t));
        book.Apply(new OrderBookOrderDelta(id, BookAction.Update, 7, Side.Buy, new Price(10m), new Quantity(1.5m), t));
        book.Apply(new OrderBookOrderDelta(id, BookAction.Delete, 8, Side.Buy, default, default, t));
        book.Apply(new OrderBookOrderDelta(id, BookAction.Delete, 123, Side.Buy, default, default, t));

        Assert.Equal([new RestingOrder(7, Side.Buy, 10m, 1.5m)], book.OrdersAt(Side.Buy, 10m));
    }

    [Fact]
    public void Random_operations_keep_the_book_sound_and_conserve_size()
    {
        var random = new Random(20261122);
        var book = new L3OrderBook(0.01m, orderCapacity: 16, levelCapacity: 16);
        var ids = new List<long>();
        var resting = 0m;
        for (var step = 0; step < 4_000; step++)
        {
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var away = random.Next(-5, 40) / 100m; // mostly away from the mid (rests), sometimes through it (matches)
            var price = side == Side.Buy ? 100m - away : 100m + away;
            var size = random.Next(1, 50) / 10m;
            var action = random.Next(10);
            var id = ids.Count == 0 ? 0 : ids[random.Next(ids.Count)];
            if (action < 5 || ids.Count == 0)
            {
                // The new order rests what it does not match; each match also takes the same size off a resting order.
                id = step + 1L;
                ids.Add(id);
                resting += size - (2 * Matched(book.Place(id, side, price, size)));
            }
            else if (action < 7)
            {
                resting -= book.TryGetOrder(id, out var order) ? order.Size : 0m;
                book.Cancel(id);
            }
            else if (action < 9 && book.TryGetOrder(id, out var order))
            {
                resting += size - order.Size - (2 * Matched(book.Modify(id, price, size)));
            }
            else
            {
                resting -= Matched(book.Take(side, size));
            }

            Assert.Equal(resting, BookInvariants.RestingSize(book));
            if (step % 50 == 0)
            {
                BookInvariants.AssertSound(book);
            }
        }

        BookInvariants.AssertSound(book);
        Assert.True(book.OrderCount > 100, "the random walk should leave a deep book");
    }

    private static decimal Matched(ReadOnlySpan<BookFill> fills)
    {
        var total = 0m;
        foreach (var fill in fills)
        {
            total += fill.Size;
        }

        return total;
    }
}
