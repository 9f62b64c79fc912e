using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

/// <summary>Modify, cancel and cancel-all, and the commands the state machine refuses.</summary>
public class OrderCommandTests
{
    [Fact]
    public void Modified_limit_price_takes_effect_before_the_next_bar()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 2m, 90m));
        h.Ctx.ModifyOrder(id, quantity: 3m, limitPrice: 99m);
        var modified = Assert.Single(h.Sink.Orders<OrderModified>());
        Assert.Equal((3m, 99m, "modified by strategy"), (modified.Quantity.Value, modified.LimitPrice!.Value.Value, modified.Reason));
        h.Feed(Kit.Bar(1, 100m, 100m, 98m, 99m));
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((99m, 3m), (fill.FillPrice.Value, fill.FillQuantity.Value));
    }

    [Fact]
    public void Modify_of_a_filled_order_is_rejected_by_the_state_machine()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m));
        h.Feed(Kit.Flat(1, 98m));
        h.Ctx.ModifyOrder(id, limitPrice: 97m);
        Assert.Equal("cannot modify: cannot Modify an order that is Filled", Assert.Single(h.Sink.Orders<OrderModifyRejected>()).Reason);
    }

    [Fact]
    public void Commands_on_a_finished_order_are_refused_the_same_after_later_orders_retired_it()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m));
        h.Feed(Kit.Flat(1, 98m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 1m)); // moves the filled order from the open ones to the finished ones
        h.Ctx.ModifyOrder(id, limitPrice: 97m);
        h.Ctx.CancelOrder(id);
        h.Feed(Kit.Flat(2, 98m));
        Assert.Equal("cannot modify: cannot Modify an order that is Filled", Assert.Single(h.Sink.Orders<OrderModifyRejected>()).Reason);
        Assert.Equal("cannot cancel: cannot Cancel an order that is Filled", Assert.Single(h.Sink.Orders<OrderCancelRejected>()).Reason);
        Assert.Equal(2, h.Sink.Orders<OrderFilled>().Count());
    }

    [Theory]
    [InlineData(null, 99.0, "a Market order has no limit price")]
    [InlineData(0.5, null, "the new quantity 0.5 must exceed the filled quantity 1")]
    public void Modify_with_terms_the_order_cannot_take_is_rejected(double? quantity, double? limit, string reason)
    {
        var h = new Harness(Ticks.With(new(MaxBarVolumeShare: 0.001m))).Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 5m));
        h.Feed(Kit.Flat(1, 100m)); // 1 of 5 filled
        h.Ctx.ModifyOrder(id, quantity is { } q ? (decimal)q : null, limit is { } l ? (decimal)l : null);
        Assert.Equal(reason, Assert.Single(h.Sink.Orders<OrderModifyRejected>()).Reason);
    }

    [Fact]
    public void Cancel_of_a_filled_order_is_rejected_and_reaches_the_strategy()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 100m));
        h.Ctx.CancelOrder(id);
        h.Feed(Kit.Flat(2, 100m));
        var rejected = Assert.IsType<OrderCancelRejected>(Assert.Single(h.Strategy.CommandRejections));
        Assert.Equal("cannot cancel: cannot Cancel an order that is Filled", rejected.Reason);
    }

    [Fact]
    public void Cancel_all_for_one_instrument_leaves_the_others()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m), Kit.Flat(0, 40_000m, Kit.Btc));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Submit(OrderRequest.Stop(Kit.Spy, Side.Sell, 1m, 80m));
        var btc = h.Submit(OrderRequest.Limit(Kit.Btc, Side.Buy, 0.1m, 30_000m));
        h.Ctx.CancelAllOrders(Kit.Spy);
        Assert.Equal(2, h.Sink.Orders<OrderCanceled>().Count());
        Assert.Equal([btc], h.Run.OpenOrders);
        h.Ctx.CancelAllOrders();
        Assert.Empty(h.Run.OpenOrders);
    }
}
