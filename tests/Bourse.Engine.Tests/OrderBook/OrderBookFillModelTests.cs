using Bourse.Engine.Execution;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Tests.OrderBook;

/// <summary>The order-book fill model selected through <see cref="ExecutionSettings"/> and driven by a run's book messages and trades.</summary>
public sealed class OrderBookFillModelTests
{
    private static RunSettings Settings(params Instrument[] instruments) =>
        new(Kit.Run, instruments.Length == 0 ? [Instrument.Crypto(Kit.Btc)] : instruments, RiskSettings.Default, 1_000_000m, "USD", 0m,
            Execution: new ExecutionSettings(FillModel: FillModelKind.OrderBook));

    private static Harness Run()
    {
        var h = new Harness(Settings());
        Book(h, 0, new OrderBookSnapshot(Kit.Btc, Kit.T0, 1,
            [new BookLevel(99.99m, 5m), new BookLevel(99.98m, 5m)],
            [new BookLevel(100.00m, 1m), new BookLevel(100.01m, 2m), new BookLevel(100.02m, 5m)]));
        return h;
    }

    private static void Book(Harness h, int second, OrderBookMessage message)
    {
        h.Clock.SetUtcNow(Kit.T0.AddSeconds(second));
        h.Run.OnOrderBook(message with { Timestamp = Kit.T0.AddSeconds(second) });
    }

    private static void Level(Harness h, int second, Side side, decimal price, decimal size) =>
        Book(h, second, new OrderBookDeltas(Kit.Btc, Kit.T0, second + 1, [new BookLevelChange(side, price, size)]));

    private static void Trade(Harness h, int second, decimal price, decimal size)
    {
        h.Clock.SetUtcNow(Kit.T0.AddSeconds(second));
        h.Run.OnTrade(new TradeTick(Kit.Btc, price, size, Side.Sell, Kit.T0.AddSeconds(second)));
    }

    [Fact]
    public void A_market_order_walks_the_ask_levels_at_their_average_price_as_taker()
    {
        var h = Run();
        h.Submit(OrderRequest.Market(Kit.Btc, Side.Buy, 2m));

        Level(h, 1, Side.Buy, 99.98m, 6m);

        var fill = Assert.Single(h.Sink.Orders<OrderFilled>());
        Assert.Equal(2m, fill.FillQuantity.Value);
        Assert.Equal((100.00m + 100.01m) / 2m, fill.FillPrice.Value);
        Assert.False(fill.IsMaker);
    }

    [Fact]
    public void The_book_mid_drives_the_circuit_breaker()
    {
        var settings = Settings() with { Risk = new RiskSettings { CircuitBreaker = new CircuitBreakerLimit(0.05m, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)) } };
        var h = new Harness(settings);
        Book(h, 0, new OrderBookSnapshot(Kit.Btc, Kit.T0, 1, [new BookLevel(99m, 1m)], [new BookLevel(101m, 1m)]));
        Assert.Empty(h.Sink.Of<CircuitBreakerTripped>());

        Book(h, 10, new OrderBookSnapshot(Kit.Btc, Kit.T0, 2, [new BookLevel(89m, 1m)], [new BookLevel(91m, 1m)]));

        var trip = Assert.Single(h.Sink.Of<CircuitBreakerTripped>());
        Assert.Equal(Kit.Btc, trip.Instrument);
        Assert.Equal(90m, trip.Price);
    }

    [Fact]
    public void Two_orders_never_fill_from_the_same_size()
    {
        var h = Run();
        var first = h.Submit(OrderRequest.Limit(Kit.Btc, Side.Buy, 1m, 100.00m));
        var second = h.Submit(OrderRequest.Limit(Kit.Btc, Side.Buy, 1m, 100.00m));

        Level(h, 1, Side.Buy, 99.98m, 6m);
        Assert.Equal([first], h.Sink.Orders<OrderFilled>().Select(f => f.OrderId));

        Level(h, 2, Side.Buy, 99.98m, 7m);
        Assert.Single(h.Sink.Orders<OrderFilled>());

        Level(h, 3, Side.Sell, 100.00m, 4m);
        Assert.Equal([first, second], h.Sink.Orders<OrderFilled>().Select(f => f.OrderId));
        Assert.True(h.Sink.Orders<OrderFilled>().Last().IsMaker);
    }

    [Fact]
    public void A_resting_limit_order_fills_only_after_trades_consume_the_size_ahead_of_it()
    {
        var h = Run();
        h.Submit(OrderRequest.Limit(Kit.Btc, Side.Buy, 1m, 99.99m));
        Level(h, 1, Side.Buy, 99.98m, 6m);

        Trade(h, 2, 99.99m, 3m);
        Level(h, 3, Side.Buy, 99.99m, 2m);
        Trade(h, 4, 99.99m, 2m);
        Level(h, 5, Side.Buy, 99.99m, 0.5m);
        Assert.Empty(h.Sink.Orders<OrderFilled>());

        Trade(h, 6, 99.99m, 1m);
        Level(h, 7, Side.Buy, 99.98m, 7m);

        var fill = Assert.Single(h.Sink.Orders<OrderFilled>());
        Assert.Equal(99.99m, fill.FillPrice.Value);
        Assert.Equal(1m, fill.FillQuantity.Value);
        Assert.True(fill.IsMaker);
    }

    [Fact]
    public void The_order_book_model_follows_exactly_one_instrument()
    {
        var settings = Settings(Instrument.Crypto(Kit.Btc), Instrument.Equity(Kit.Spy));

        var error = Assert.Throws<ArgumentException>(() => new Harness(settings));
        Assert.Contains("one instrument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_fill_models_ignore_book_messages()
    {
        var h = new Harness(Kit.Settings());
        h.Submit(OrderRequest.Market(Kit.Btc, Side.Buy, 1m));

        h.Run.OnOrderBook(new OrderBookSnapshot(Kit.Btc, Kit.T0, 1, [new BookLevel(99m, 1m)], [new BookLevel(100m, 1m)]));

        Assert.Empty(h.Sink.Orders<OrderFilled>());
    }
}
