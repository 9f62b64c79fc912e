using Bourse.Engine.Execution;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class OrderListTests
{
    private static OrderList Bracket(decimal quantity) => OrderList.Bracket(
        OrderRequest.Market(Kit.Spy, Side.Buy, quantity),
        OrderRequest.Limit(Kit.Spy, Side.Sell, quantity, 105m),
        OrderRequest.Stop(Kit.Spy, Side.Sell, quantity, 95m));

    [Fact]
    public void Bracket_holds_its_exits_until_the_entry_fills_then_they_cancel_each_other()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var ids = h.Ctx.SubmitOrderList(Bracket(10m));
        Assert.Equal(["OrderHeld"], h.Kinds(ids[1]));
        Assert.Equal(3, h.Run.OpenOrders.Count);

        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal(100m, Assert.Single(h.Fills(ids[0])).FillPrice.Value);
        Assert.Equal(["OrderHeld", "OrderSubmitted", "OrderAccepted"], h.Kinds(ids[2]));

        h.Feed(Kit.Bar(2, 100m, 106m, 99m, 105.5m));
        Assert.Equal(105m, Assert.Single(h.Fills(ids[1])).FillPrice.Value);
        Assert.Equal($"OCO: {ids[1]} filled", h.Sink.Orders<OrderCanceled>().Single(c => c.OrderId == ids[2]).Reason);
        Assert.Equal(0m, h.Run.Portfolio.Position(Kit.Spy).NetQuantity);
        Assert.Empty(h.Run.OpenOrders);
    }

    [Fact]
    public void Bracket_exits_are_sized_to_each_partial_fill_of_the_entry()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(MaxBarVolumeShare: 0.004m))).Feed(Kit.Flat(0, 100m)); // 4 per bar
        var ids = h.Ctx.SubmitOrderList(Bracket(10m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal(4m, h.Sink.Orders<OrderSubmitted>().Single(s => s.OrderId == ids[1]).Request.Quantity.Value);
        h.Feed(Kit.Flat(2, 100m));
        var resized = h.Sink.Orders<OrderModified>().Where(m => m.OrderId == ids[2]).Select(m => m.Quantity.Value);
        Assert.Equal([8m], resized);
        h.Feed(Kit.Bar(3, 100m, 100m, 94m, 94.5m)); // entry fills its last 2, then the stop fires: 4 of the 10 per bar
        Assert.Equal(10m, h.Fills(ids[0]).Sum(f => f.FillQuantity.Value));
        Assert.Equal(4m, Assert.Single(h.Fills(ids[2])).FillQuantity.Value);
        Assert.Equal(6m, h.Sink.Orders<OrderModified>().Last(m => m.OrderId == ids[1]).Quantity.Value); // take-profit: 10 − 4 sold
    }

    [Fact]
    public void Held_exits_are_canceled_when_the_entry_is_canceled_without_a_fill()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var ids = h.Ctx.SubmitOrderList(OrderList.Bracket(
            OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m),
            OrderRequest.Limit(Kit.Spy, Side.Sell, 1m, 105m),
            OrderRequest.Stop(Kit.Spy, Side.Sell, 1m, 85m)));
        h.Ctx.CancelOrder(ids[0]);
        Assert.Equal($"parent {ids[0]} canceled without a fill", h.Sink.Orders<OrderCanceled>().Single(c => c.OrderId == ids[1]).Reason);
        Assert.Empty(h.Run.OpenOrders);
    }

    [Fact]
    public void Oco_fill_of_one_cancels_the_other()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var ids = h.Ctx.SubmitOrderList(OrderList.Oco(
            OrderRequest.Limit(Kit.Spy, Side.Buy, 2m, 98m),
            OrderRequest.Limit(Kit.Spy, Side.Buy, 2m, 95m)));
        h.Feed(Kit.Bar(1, 100m, 100m, 94m, 94.5m));
        Assert.Single(h.Fills(ids[0]));
        Assert.Empty(h.Fills(ids[1]));
        Assert.Equal(["OrderSubmitted", "OrderAccepted", "OrderCanceled"], h.Kinds(ids[1]));
    }

    [Fact]
    public void Oto_releases_its_child_when_the_parent_fills()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var ids = h.Ctx.SubmitOrderList(OrderList.Oto(
            OrderRequest.Limit(Kit.Spy, Side.Buy, 3m, 99m),
            OrderRequest.Limit(Kit.Spy, Side.Sell, 3m, 101m)));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal(["OrderHeld"], h.Kinds(ids[1]));
        h.Feed(Kit.Bar(2, 100m, 100m, 98m, 99.5m));
        h.Feed(Kit.Bar(3, 100m, 102m, 99.8m, 101.5m));
        Assert.Equal(101m, Assert.Single(h.Fills(ids[1])).FillPrice.Value);
    }

    [Fact]
    public void Malformed_list_rejects_every_order_with_the_reason()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var ids = h.Ctx.SubmitOrderList(OrderList.Bracket(
            OrderRequest.Market(Kit.Spy, Side.Buy, 1m),
            OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 105m),
            OrderRequest.Stop(Kit.Spy, Side.Sell, 1m, 95m)));
        Assert.Equal(3, ids.Count);
        Assert.All(h.Sink.Orders<OrderRejected>(), r => Assert.Equal("malformed order list: the take-profit and stop-loss must be on the side opposite the entry", r.Reason));
        Assert.Equal(3, h.Sink.Orders<OrderRejected>().Count());
    }
}
