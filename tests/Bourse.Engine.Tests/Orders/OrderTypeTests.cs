using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

/// <summary>Each order type through the kernel on bars (path O→L→H→C when the bar closes up, else O→H→L→C).</summary>
public class OrderTypeTests
{
    private static Harness AtHundred() => new Harness().Feed(Kit.Flat(0, 100m));

    [Fact]
    public void Buy_stop_crossed_inside_a_bar_fills_at_its_trigger()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.Stop(Kit.Spy, Side.Buy, 5m, 102m));
        h.Feed(Kit.Bar(1, 100m, 101m, 99m, 100.5m));
        Assert.Empty(h.Fills());
        h.Feed(Kit.Bar(2, 100m, 103m, 99m, 102.5m));
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((102m, 5m, false), (fill.FillPrice.Value, fill.FillQuantity.Value, fill.IsMaker));
    }

    [Fact]
    public void Stop_gapped_through_at_the_open_fills_at_the_open()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.Stop(Kit.Spy, Side.Sell, 5m, 98m));
        h.Feed(Kit.Bar(1, 96m, 97m, 95m, 96.5m));
        Assert.Equal(96m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }

    [Fact]
    public void Stop_limit_triggers_then_works_as_a_limit_order()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.StopLimit(Kit.Spy, Side.Sell, 5m, triggerPrice: 98m, limitPrice: 99m));
        h.Feed(Kit.Bar(1, 100m, 100.5m, 97m, 97.2m)); // O→H→L→C: triggered at 98, the 99 sell limit is not reached
        Assert.Equal(["OrderSubmitted", "OrderAccepted", "OrderTriggered"], h.Kinds(id));
        Assert.Equal(98m, h.Sink.Orders<OrderTriggered>().Single().TriggerPrice.Value);
        Assert.Empty(h.Fills());
        h.Feed(Kit.Bar(2, 97.5m, 99.5m, 97.4m, 99.2m)); // rises through 99
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((99m, true), (fill.FillPrice.Value, fill.IsMaker));
        Assert.Single(h.Strategy.Fills);
    }

    [Fact]
    public void Stop_limit_triggered_at_a_marketable_price_takes_at_the_trigger()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.StopLimit(Kit.Spy, Side.Sell, 5m, triggerPrice: 98m, limitPrice: 97.5m));
        h.Feed(Kit.Bar(1, 100m, 100.5m, 97m, 97.2m));
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((98m, false), (fill.FillPrice.Value, fill.IsMaker));
    }

    [Fact]
    public void Trailing_stop_by_amount_follows_the_high_and_fills_at_the_trailed_trigger()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.TrailingStop(Kit.Spy, Side.Sell, 5m, 1m));
        h.Feed(Kit.Bar(1, 100m, 103m, 99.5m, 102.8m)); // trigger 99 → 102 at the high
        Assert.Empty(h.Fills());
        h.Feed(Kit.Bar(2, 102.5m, 102.6m, 101m, 101.2m));
        Assert.Equal(102m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }

    [Fact]
    public void Trailing_stop_by_percent_trails_a_share_of_the_price()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.TrailingStop(Kit.Spy, Side.Sell, 5m, 1m, TrailingOffsetType.Percent));
        h.Feed(Kit.Bar(1, 100m, 103m, 99.5m, 102.8m)); // 103 × 0.99 = 101.97
        h.Feed(Kit.Bar(2, 102.5m, 102.6m, 101m, 101.2m));
        Assert.Equal(101.97m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }

    [Fact]
    public void Buy_trailing_stop_follows_the_low()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.TrailingStop(Kit.Spy, Side.Buy, 5m, 2m));
        h.Feed(Kit.Bar(1, 100m, 100.5m, 95m, 95.5m)); // trigger 102 → 97 at the low
        Assert.Empty(h.Fills());
        h.Feed(Kit.Bar(2, 96m, 98m, 95.8m, 97.9m));
        Assert.Equal(97m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }

    [Fact]
    public void Market_if_touched_buys_when_the_price_falls_to_its_trigger()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.MarketIfTouched(Kit.Spy, Side.Buy, 5m, 99m));
        h.Feed(Kit.Bar(1, 100m, 101.5m, 99.5m, 101m));
        Assert.Empty(h.Fills());
        h.Feed(Kit.Bar(2, 100m, 100.2m, 98.5m, 100.1m));
        var fill = Assert.Single(h.Fills(id));
        Assert.Equal((99m, false), (fill.FillPrice.Value, fill.IsMaker));
    }

    [Fact]
    public void Limit_if_touched_sells_when_the_price_rises_to_its_trigger()
    {
        var h = AtHundred();
        var id = h.Submit(OrderRequest.LimitIfTouched(Kit.Spy, Side.Sell, 5m, triggerPrice: 101m, limitPrice: 100.8m));
        h.Feed(Kit.Bar(1, 100m, 101.5m, 99.9m, 101.2m));
        Assert.Contains("OrderTriggered", h.Kinds(id));
        Assert.Equal(101m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }

    [Fact]
    public void A_malformed_trigger_order_is_rejected_by_risk_with_the_reason()
    {
        var h = AtHundred();
        h.Submit(new OrderRequest(Kit.Spy, Side.Buy, OrderType.Stop, 1m));
        var rejected = h.LastRejection();
        Assert.Equal("malformed order: a stop order needs a trigger price", rejected.Reason);
        Assert.Equal("risk", rejected.Source);
    }
}
