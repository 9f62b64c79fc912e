using Bourse.Engine.OrderBook;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.OrderBook;

public sealed class OrderBookMatcherTests
{
    private static readonly InstrumentId Btc = new("BTCUSDT", "BINANCE");
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ClientOrderId Ours = new("O-1");
    private static readonly ClientOrderId Second = new("O-2");

    /// <summary>Bids 100.0 x10, 99.9 x5; asks 100.1 x2, 100.2 x3.</summary>
    private static OrderBookMatcher Matcher()
    {
        var matcher = new OrderBookMatcher(new L2OrderBook(0.1m));
        matcher.Apply(new OrderBookSnapshot(Btc, T0, 1,
            [new BookLevel(100.0m, 10m), new BookLevel(99.9m, 5m)],
            [new BookLevel(100.1m, 2m), new BookLevel(100.2m, 3m)]));
        return matcher;
    }

    private static void Update(OrderBookMatcher matcher, Side side, decimal price, decimal size) =>
        matcher.Apply(new OrderBookDeltas(Btc, T0, 2, [new BookLevelChange(side, price, size)]));

    [Fact]
    public void A_market_order_walks_the_levels_at_their_average_price()
    {
        var matcher = Matcher();

        Assert.True(matcher.TryTake(Side.Buy, 4m, null, out var price, out var filled));

        Assert.Equal(4m, filled);
        Assert.Equal(((2m * 100.1m) + (2m * 100.2m)) / 4m, price);
        Assert.Equal(2m, matcher.Book.Asks.SizeAt(100.1m));
    }

    [Fact]
    public void A_marketable_limit_order_stops_at_its_limit()
    {
        var matcher = Matcher();

        Assert.True(matcher.TryTake(Side.Buy, 4m, 100.1m, out var price, out var filled));

        Assert.Equal(2m, filled);
        Assert.Equal(100.1m, price);
        Assert.False(matcher.TryTake(Side.Sell, 1m, 100.1m, out _, out _));
    }

    [Fact]
    public void Two_orders_never_fill_from_the_same_size_until_the_venue_updates_the_level()
    {
        var matcher = Matcher();
        matcher.TryTake(Side.Buy, 4m, null, out _, out _);

        Assert.True(matcher.TryTake(Side.Buy, 4m, null, out var price, out var filled));
        Assert.Equal(1m, filled);
        Assert.Equal(100.2m, price);
        Assert.False(matcher.TryTake(Side.Buy, 4m, null, out _, out _));

        Update(matcher, Side.Sell, 100.1m, 5m);

        Assert.True(matcher.TryTake(Side.Buy, 9m, null, out price, out filled));
        Assert.Equal(5m, filled);
        Assert.Equal(100.1m, price);
    }

    [Fact]
    public void A_resting_order_fills_only_after_trades_consume_the_queue_ahead()
    {
        var matcher = Matcher();
        Assert.False(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _));

        matcher.OnTrade(100.0m, 6m);
        Assert.False(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _));

        matcher.OnTrade(100.0m, 5m);
        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out var filled));
        Assert.Equal(1m, filled);

        matcher.OnTrade(100.0m, 3m);
        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 1m, out filled));
        Assert.Equal(1m, filled);
    }

    [Fact]
    public void Size_decreases_shorten_the_queue_but_never_fill()
    {
        var matcher = Matcher();
        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _);

        Update(matcher, Side.Buy, 100.0m, 3m);
        Assert.False(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _));

        matcher.OnTrade(100.0m, 4m);
        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out var filled));
        Assert.Equal(1m, filled);
    }

    [Fact]
    public void A_decrease_explained_by_trades_is_not_counted_twice()
    {
        var matcher = Matcher();
        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _);
        matcher.OnTrade(100.0m, 4m);

        Update(matcher, Side.Buy, 100.0m, 6m);
        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _);
        matcher.OnTrade(100.0m, 6m);

        Assert.False(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _));
        matcher.OnTrade(100.0m, 1m);
        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out var filled));
        Assert.Equal(1m, filled);
    }

    [Fact]
    public void A_trade_through_the_price_fills_the_whole_order()
    {
        var matcher = Matcher();
        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _);

        matcher.OnTrade(99.9m, 0.5m);

        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out var filled));
        Assert.Equal(2m, filled);
    }

    [Fact]
    public void When_the_other_side_reaches_the_price_resting_orders_share_its_size()
    {
        var matcher = Matcher();
        matcher.TryFillResting(Ours, Side.Buy, 99.9m, 2m, out _);
        matcher.TryFillResting(Second, Side.Buy, 99.9m, 2m, out _);

        Update(matcher, Side.Sell, 99.9m, 3m);

        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 99.9m, 2m, out var first));
        Assert.True(matcher.TryFillResting(Second, Side.Buy, 99.9m, 2m, out var second));
        Assert.Equal(2m, first);
        Assert.Equal(1m, second);
    }

    [Fact]
    public void A_price_change_or_size_increase_goes_to_the_back_of_the_queue()
    {
        var matcher = Matcher();
        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _);
        matcher.OnTrade(100.0m, 9m);

        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 3m, out _);
        matcher.OnTrade(100.0m, 1m);
        Assert.False(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 3m, out _));

        matcher.TryFillResting(Ours, Side.Buy, 99.9m, 3m, out _);
        matcher.OnTrade(99.9m, 5m);
        Assert.False(matcher.TryFillResting(Ours, Side.Buy, 99.9m, 3m, out _));
        matcher.OnTrade(99.9m, 3m);
        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 99.9m, 3m, out var filled));
        Assert.Equal(3m, filled);
    }

    [Fact]
    public void A_size_decrease_keeps_the_place_in_the_queue()
    {
        var matcher = Matcher();
        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 3m, out _);
        matcher.OnTrade(100.0m, 9m);

        matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out _);
        matcher.OnTrade(100.0m, 2m);

        Assert.True(matcher.TryFillResting(Ours, Side.Buy, 100.0m, 2m, out var filled));
        Assert.Equal(1m, filled);
    }
}
