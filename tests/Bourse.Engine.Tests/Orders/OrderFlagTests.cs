using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class OrderFlagTests
{
    [Fact]
    public void Post_only_order_that_would_take_liquidity_is_rejected_by_the_venue()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 100m) with { PostOnly = true });
        var rejected = h.LastRejection();
        Assert.Equal("venue", rejected.Source);
        Assert.StartsWith("post-only", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Post_only_order_rests_and_fills_as_maker_even_on_a_gap()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m) with { PostOnly = true });
        h.Feed(Kit.Flat(1, 98m));
        var fill = Assert.Single(h.Fills(id));
        Assert.True(fill.IsMaker);
    }

    [Fact]
    public void Reduce_only_order_without_a_position_to_reduce_is_rejected()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 5m) with { ReduceOnly = true });
        Assert.StartsWith("reduce-only", h.LastRejection().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reduce_only_fill_is_clipped_to_the_position_and_the_rest_canceled()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m));
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 15m) with { ReduceOnly = true });
        h.Feed(Kit.Flat(2, 101m));
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((10m, 5m), (fill.FillQuantity.Value, fill.LeavesQuantity.Value));
        Assert.Equal("reduce-only: the position is closed", h.Sink.Orders<OrderCanceled>().Single(c => c.OrderId == id).Reason);
        Assert.Equal(0m, h.Run.Portfolio.Position(Kit.Spy).NetQuantity);
    }
}
