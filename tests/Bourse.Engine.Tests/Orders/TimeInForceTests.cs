using Bourse.Engine.Execution;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class TimeInForceTests
{
    [Fact]
    public void Fok_that_cannot_fill_completely_at_once_is_canceled_without_a_fill()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(MaxBarVolumeShare: 0.1m))).Feed(Kit.Flat(0, 100m));
        var tooBig = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 150m, TimeInForce.Fok)); // 10 % of 1000 = 100 per bar
        var fits = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 50m, TimeInForce.Fok));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Empty(h.Fills(tooBig));
        Assert.Contains("FOK", h.Sink.Orders<OrderCanceled>().Single(c => c.OrderId == tooBig).Reason, StringComparison.Ordinal);
        Assert.Equal(50m, Assert.Single(h.Fills(fits)).FillQuantity.Value);
    }

    [Fact]
    public void Fok_limit_not_marketable_on_its_first_bar_is_canceled()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 95m, TimeInForce.Fok));
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(2, 90m));
        Assert.Empty(h.Fills());
        Assert.Equal(["OrderSubmitted", "OrderAccepted", "OrderCanceled"], h.Kinds(id));
    }

    [Fact]
    public void Ioc_fills_what_it_can_at_once_and_cancels_the_rest()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(MaxBarVolumeShare: 0.1m))).Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 150m, TimeInForce.Ioc));
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(2, 100m));
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((100m, 50m), (fill.FillQuantity.Value, fill.LeavesQuantity.Value));
        Assert.Contains("IOC", h.Sink.Orders<OrderCanceled>().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gtd_expires_at_its_expire_time()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m) with { TimeInForce = TimeInForce.Gtd, ExpireTime = Kit.T0.AddMinutes(3) });
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(2, 100m));
        Assert.Empty(h.Sink.Orders<OrderExpired>());
        h.Feed(Kit.Flat(3, 80m)); // opens at the expire time: expired before it could fill
        Assert.Equal(id, Assert.Single(h.Sink.Orders<OrderExpired>()).OrderId);
        Assert.Empty(h.Fills());
    }

    [Fact]
    public void Gtd_with_a_past_expire_time_is_rejected_by_the_venue()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m) with { TimeInForce = TimeInForce.Gtd, ExpireTime = Kit.T0 });
        var rejected = h.LastRejection();
        Assert.Equal(("venue", "GTD expire time has already passed"), (rejected.Source, rejected.Reason));
    }

    [Fact]
    public void Us_equity_day_order_works_until_the_1600_new_york_close()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m)); // 2024-01-02 09:31 New York
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m, TimeInForce.Day));
        h.Feed(Kit.Flat(389, 100m)); // 15:59-16:00 New York: still working
        Assert.Empty(h.Sink.Orders<OrderExpired>());
        h.Feed(Kit.Flat(1440, 100m)); // the next morning
        var expired = Assert.Single(h.Sink.Orders<OrderExpired>());
        Assert.Equal((id, Kit.T0.AddMinutes(1441)), (expired.OrderId, expired.Timestamp));
    }

    [Fact]
    public void Us_equity_day_order_placed_after_the_close_works_the_next_session()
    {
        var h = new Harness().Feed(Kit.Flat(389, 100m)); // delivered at 16:00 New York
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m, TimeInForce.Day));
        h.Feed(Kit.Bar(1440, 100m, 100m, 98m, 99m)); // next session: fills
        Assert.Single(h.Fills(id));
    }
}
