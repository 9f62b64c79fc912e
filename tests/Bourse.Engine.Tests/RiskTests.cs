using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Tests;

public class RiskTests
{
    private static Harness WithRisk(RiskSettings risk) => new Harness(Kit.Settings(risk)).Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq));

    private static string Denied(Harness h, OrderRequest request)
    {
        var id = h.Submit(request);
        var rejection = h.LastRejection();
        Assert.Equal(id, rejection.OrderId);
        Assert.Equal("risk", rejection.Source);
        Assert.DoesNotContain(id, h.Run.OpenOrders);
        return rejection.Reason;
    }

    [Fact]
    public void Malformed_request_is_rejected()
    {
        var h = WithRisk(RiskSettings.Default);
        Assert.Contains("a limit order needs a limit price", Denied(h, new OrderRequest(Kit.Spy, Side.Buy, OrderType.Limit, 1m)), StringComparison.Ordinal);
        Assert.Contains("quantity must be positive", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 0m)), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_instrument_is_rejected()
    {
        var reason = Denied(WithRisk(RiskSettings.Default), OrderRequest.Market(InstrumentId.Parse("AAPL.NASDAQ"), Side.Buy, 1m));
        Assert.StartsWith("unknown instrument AAPL.NASDAQ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Market_order_without_a_price_is_rejected()
    {
        var h = new Harness();
        Assert.Contains("no market price yet", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 1m)), StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_order_before_any_bar_uses_its_limit_price()
    {
        var h = new Harness();
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void Max_order_quantity()
    {
        var reason = Denied(WithRisk(new RiskSettings(MaxOrderQuantity: 10m)), OrderRequest.Market(Kit.Spy, Side.Buy, 12m));
        Assert.Equal("max order quantity 10 exceeded (requested 12)", reason);
    }

    [Fact]
    public void Max_order_notional_uses_the_limit_or_last_price()
    {
        var h = WithRisk(new RiskSettings(MaxOrderNotional: 1_000m));
        Assert.Equal("max order notional 1000 USD exceeded (order notional 1100 USD)", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 11m)));
        Assert.Equal("max order notional 1000 USD exceeded (order notional 1050 USD)", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 10m, 105m)));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void Max_position_size_denies_only_orders_that_increase_exposure()
    {
        var h = WithRisk(new RiskSettings(MaxPositionSize: 1_500m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal("max position size 1500 USD exceeded (resulting position value 1600 USD)", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 6m)));
        var reduce = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 4m));
        Assert.Contains(reduce, h.Run.OpenOrders);
        Assert.Contains("max position size", Denied(h, OrderRequest.Market(Kit.Spy, Side.Sell, 26m)), StringComparison.Ordinal);
    }

    [Fact]
    public void Max_positions_denies_a_new_position_but_not_adding_to_an_open_one()
    {
        var h = WithRisk(new RiskSettings(MaxPositions: 1));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal("max positions 1 reached (1 open): cannot open a position in QQQ.NASDAQ", Denied(h, OrderRequest.Market(Kit.Qqq, Side.Buy, 1m)));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void Daily_loss_limit_halts_exposure_increase_until_the_next_utc_day()
    {
        var day1 = new DateTime(2024, 1, 2, 20, 0, 0, DateTimeKind.Utc);
        var day2 = new DateTime(2024, 1, 3, 14, 30, 0, DateTimeKind.Utc);
        var h = new Harness(Kit.Settings(new RiskSettings(DailyLossLimit: 500m)));
        h.Feed(Kit.Flat(0, 100m, start: day1), Kit.Flat(0, 50m, Kit.Qqq, start: day1));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 100m));
        h.Feed(Kit.Flat(1, 100m, start: day1)); // bought 100 @ 100
        h.Feed(Kit.Flat(2, 96m, start: day1)); // -400: still allowed
        h.Submit(OrderRequest.Market(Kit.Qqq, Side.Buy, 1m));
        Assert.Empty(h.Sink.Orders<OrderRejected>());
        h.Feed(Kit.Flat(3, 95m, start: day1)); // -500: halted

        var halt = Assert.Single(h.Sink.Of<LogWritten>(), l => l.Source == "risk");
        Assert.Equal(StrategyLogLevel.Warning, halt.Level);
        Assert.Contains("daily loss limit 500 USD reached", halt.Message, StringComparison.Ordinal);
        Assert.Contains("daily loss limit 500 USD reached (loss today 500 USD)", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 1m)), StringComparison.Ordinal);
        Denied(h, OrderRequest.Market(Kit.Qqq, Side.Sell, 5m));
        var reduce = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 10m)); // reducing is allowed
        Assert.Contains(reduce, h.Run.OpenOrders);
        h.Feed(Kit.Flat(4, 94m, start: day1));
        Assert.Single(h.Sink.Of<LogWritten>(), l => l.Source == "risk"); // logged once

        h.Feed(Kit.Flat(0, 94m, start: day2));
        var next = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        Assert.Contains(next, h.Run.OpenOrders);
    }

    [Fact]
    public void Rejected_orders_are_counted_and_reach_the_strategy()
    {
        var h = WithRisk(new RiskSettings(MaxOrderQuantity: 1m));
        h.Strategy.OnBarAction = (s, _) => s.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 2m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Single(h.Strategy.Rejections);
        var stats = h.Run.Statistics();
        Assert.Equal(1, stats.TotalOrders);
        Assert.Equal(1, stats.RejectedOrders);
    }
}
