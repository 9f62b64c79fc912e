using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Risk;

/// <summary><see cref="TradingRun.CheckOperatorOrder"/>: the pre-trade checks of an order that is not placed.</summary>
public class DryRunTests
{
    private static readonly RiskSettings Limits = new(MaxOrderQuantity: 10m, MaxOrderNotional: 1_000m) { PriceBandPct = 0.05m, OrderRate = new OrderRateLimit(1, TimeSpan.FromMinutes(5)) };

    private static Harness WithLimits() => new Harness(Kit.Settings(Limits)).Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq));

    [Fact]
    public void Lists_every_failed_check_with_the_reason_submit_gives_for_the_first()
    {
        var h = WithLimits();
        var order = OrderRequest.Limit(Kit.Spy, Side.Buy, 12m, 110m);

        var denials = h.Run.CheckOperatorOrder(order);

        Assert.Equal(
            [
                ("price_band", "price band 5 % exceeded: limit price 110 is 10 % from the last price 100"),
                ("max_order_quantity", "max order quantity 10 exceeded (requested 12)"),
                ("max_order_notional", "max order notional 1000 USD exceeded (order notional 1320 USD)"),
            ],
            denials.Select(d => (d.CheckName, d.Reason)));
        Assert.Empty(h.Sink.Orders<OrderRejected>()); // nothing was created
        Assert.Empty(h.Run.Statistics().Risk!.Denials); // nor counted

        var placed = h.Run.SubmitOperatorOrder(order);
        Assert.Equal((OrderStatus.Rejected, denials[0].Reason), (placed.Status, placed.RejectionReason));
    }

    [Fact]
    public void A_passing_order_is_neither_placed_nor_throttled()
    {
        var h = WithLimits();
        var order = OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m);

        Assert.Empty(h.Run.CheckOperatorOrder(order));
        Assert.Empty(h.Run.CheckOperatorOrder(order)); // the throttle (1 order per 5 minutes) did not count the first
        Assert.Empty(h.Run.OpenOrders);

        Assert.NotEqual(OrderStatus.Rejected, h.Run.SubmitOperatorOrder(order).Status);
        Assert.Equal(RiskCheck.OrderRate, Assert.Single(h.Run.CheckOperatorOrder(order)).Check);
    }

    [Fact]
    public void A_halted_run_and_a_tripped_breaker_both_show()
    {
        var h = new Harness(Kit.Settings(new RiskSettings { CircuitBreaker = new CircuitBreakerLimit(0.05m, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10)) }));
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(1, 110m));
        h.Run.SetTradingState(TradingState.Halted, "operator says so");

        var denials = h.Run.CheckOperatorOrder(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));

        Assert.Equal([RiskCheck.TradingState, RiskCheck.CircuitBreaker], denials.Select(d => d.Check));
        Assert.Equal("trading is halted (operator says so): no orders are accepted", denials[0].Reason);
        Assert.Equal("operator says so", h.Run.TradingStateReason);
        var breaker = h.Run.CircuitBreakers.Single(b => b.Instrument == Kit.Spy);
        Assert.Equal((true, Kit.T0.AddMinutes(12)), (breaker.IsTripped, breaker.HaltedUntil));
        Assert.DoesNotContain(h.Run.CircuitBreakers, b => b.Instrument != Kit.Spy && b.IsTripped);
    }

    [Fact]
    public void A_malformed_order_stops_the_list_at_its_problem()
    {
        var h = WithLimits();
        var denial = Assert.Single(h.Run.CheckOperatorOrder(new OrderRequest(Kit.Spy, Side.Buy, OrderType.Limit, 100m)));
        Assert.Equal(RiskCheck.Malformed, denial.Check);
    }
}
