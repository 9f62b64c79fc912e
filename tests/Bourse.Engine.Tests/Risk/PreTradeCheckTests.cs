using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Risk;

public class PreTradeCheckTests
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

        var reduce1 = Assert.Single(h.Sink.Of<TradingStateChanged>());
        Assert.Equal((TradingStateScope.Run, TradingState.Active, TradingState.Reducing), (reduce1.Scope, reduce1.From, reduce1.To));
        Assert.StartsWith("daily loss limit 500 USD reached (loss today 500 USD", reduce1.Reason, StringComparison.Ordinal);
        Assert.Equal(TradingState.Reducing, h.Run.TradingState);
        Assert.Contains("trading is reducing only (daily loss limit 500 USD reached (loss today 500 USD", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 1m)), StringComparison.Ordinal);
        Denied(h, OrderRequest.Market(Kit.Qqq, Side.Sell, 5m)); // would reverse the QQQ long into a short
        var reduce = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 10m)); // reducing is allowed
        Assert.Contains(reduce, h.Run.OpenOrders);
        h.Feed(Kit.Flat(4, 94m, start: day1));
        Assert.Single(h.Sink.Of<TradingStateChanged>()); // breached once a day

        h.Feed(Kit.Flat(0, 94m, start: day2));
        var next = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        Assert.Contains(next, h.Run.OpenOrders);
        var lifted = h.Sink.Of<TradingStateChanged>().Last();
        Assert.Equal((TradingState.Reducing, TradingState.Active), (lifted.From, lifted.To));
        Assert.StartsWith("new trading day", lifted.Reason, StringComparison.Ordinal);
        Assert.Equal(2, h.Run.Statistics().Risk!.StateChanges);
        Assert.Equal(2, h.Run.Statistics().Risk!.Denials["trading_state"]);
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

    [Fact]
    public void Tick_size_and_lot_size_are_enforced_when_configured()
    {
        var h = WithRisk(new RiskSettings { EnforceTickAndLot = true });
        Assert.Equal("limit price 100.005 is not on the tick grid of SPY.NASDAQ (tick size 0.01)", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 100.005m)));
        Assert.Equal("quantity 1.5 is not a multiple of the lot size 1 of SPY.NASDAQ", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 1.5m)));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 2m, 100.01m));
        Assert.Single(h.Run.OpenOrders);
        Assert.Equal(1, h.Run.Statistics().Risk!.Denials["tick_size"]);
        Assert.Equal(1, h.Run.Statistics().Risk!.Denials["lot_size"]);
    }

    [Fact]
    public void Off_grid_orders_pass_when_tick_and_lot_are_not_enforced()
    {
        var h = WithRisk(RiskSettings.Default);
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1.5m));
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void Max_position_quantity_counts_the_resulting_net_quantity()
    {
        var h = WithRisk(new RiskSettings { MaxPositionQuantity = 10m });
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 8m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal("max position quantity 10 exceeded (resulting position 11 in SPY.NASDAQ)", Denied(h, OrderRequest.Market(Kit.Spy, Side.Buy, 3m)));
        Assert.Equal("max position quantity 10 exceeded (resulting position -12 in SPY.NASDAQ)", Denied(h, OrderRequest.Market(Kit.Spy, Side.Sell, 20m)));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 18m)); // 8 → −10: allowed
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void Max_open_orders_counts_working_orders()
    {
        var h = WithRisk(new RiskSettings { MaxOpenOrders = 2 });
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 91m));
        Assert.Equal("max open orders 2 reached (2 working)", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 92m)));
        h.Ctx.CancelOrder(h.Run.OpenOrders[0]);
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 92m));
        Assert.Equal(2, h.Run.OpenOrders.Count);
    }

    [Fact]
    public void Order_rate_throttle_allows_n_orders_per_window_of_run_time()
    {
        var h = WithRisk(new RiskSettings { OrderRate = new OrderRateLimit(2, TimeSpan.FromMinutes(2)) });
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        Assert.StartsWith("order rate limit 2 orders per 00:02:00 reached (2 orders since 2024-01-02 14:31:00.000 UTC)", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m)), StringComparison.Ordinal);
        h.Feed(Kit.Flat(1, 100m)); // 14:32: the first two are 1 minute old
        Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Feed(Kit.Flat(2, 100m)); // 14:33: 2 minutes old, out of the window
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        Assert.Contains(id, h.Run.OpenOrders);
        Assert.Equal(2, h.Run.Statistics().Risk!.Denials["order_rate"]);
    }

    [Fact]
    public void Price_band_limits_the_distance_of_a_limit_price_from_the_last_price()
    {
        var h = WithRisk(new RiskSettings { PriceBandPct = 0.05m });
        Assert.Equal("price band 5 % exceeded: limit price 94 is 6 % from the last price 100", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 94m)));
        Assert.Equal("price band 5 % exceeded: limit price 106 is 6 % from the last price 100", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Sell, 1m, 106m)));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 95m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m)); // market orders have no price to band
        Assert.Equal(2, h.Run.OpenOrders.Count);
    }

    [Fact]
    public void A_modification_passes_the_same_checks_as_a_new_order_and_a_denied_one_keeps_the_old_terms()
    {
        var h = WithRisk(new RiskSettings(MaxOrderQuantity: 10m) { MaxOpenOrders = 1, PriceBandPct = 0.05m });
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 96m));
        Assert.Single(h.Run.OpenOrders);

        h.Ctx.ModifyOrder(id, limitPrice: 90m);
        h.Ctx.ModifyOrder(id, quantity: 12m);
        h.Ctx.ModifyOrder(id, limitPrice: 97m); // within the band; the order itself does not count against max open orders
        h.Feed(Kit.Flat(1, 100m));

        var denials = h.Sink.Orders<OrderModifyRejected>().Select(r => r.Reason).ToList();
        Assert.Equal(
            ["risk: price band 5 % exceeded: limit price 90 is 10 % from the last price 100", "risk: max order quantity 10 exceeded (requested 12)"],
            denials);
        var modified = Assert.Single(h.Sink.Orders<OrderModified>());
        Assert.Equal(97m, modified.LimitPrice?.Value);
        Assert.Equal(5m, modified.Quantity.Value);
    }

    [Fact]
    public void Price_band_denies_a_limit_order_before_any_price()
    {
        var h = new Harness(Kit.Settings(new RiskSettings { PriceBandPct = 0.05m }));
        Assert.Equal("price band 5 %: no last price of SPY.NASDAQ to check the limit price 90 against", Denied(h, OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m)));
    }

    [Fact]
    public void Trigger_prices_are_checked_against_the_tick_grid_and_the_price_band()
    {
        var h = WithRisk(new RiskSettings { EnforceTickAndLot = true, PriceBandPct = 0.05m });
        Assert.Equal("trigger price 95.001 is not on the tick grid of SPY.NASDAQ (tick size 0.01)", Denied(h, OrderRequest.Stop(Kit.Spy, Side.Sell, 1m, 95.001m)));
        Assert.Equal("price band 5 % exceeded: trigger price 90 is 10 % from the last price 100", Denied(h, OrderRequest.Stop(Kit.Spy, Side.Sell, 1m, 90m)));
        h.Submit(OrderRequest.Stop(Kit.Spy, Side.Sell, 1m, 96m));
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void A_stop_orders_notional_uses_its_trigger_price()
    {
        var h = WithRisk(new RiskSettings(MaxOrderNotional: 1_000m));
        Assert.Equal("max order notional 1000 USD exceeded (order notional 1200 USD)", Denied(h, OrderRequest.Stop(Kit.Spy, Side.Buy, 10m, 120m)));
    }

    [Fact]
    public void Reduce_only_orders_skip_the_exposure_limits()
    {
        var h = WithRisk(new RiskSettings(MaxPositionSize: 500m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 4m));
        h.Feed(Kit.Flat(1, 100m));
        h.Submit(new OrderRequest(Kit.Spy, Side.Sell, OrderType.Market, 10m, ReduceOnly: true)); // the venue clips it to the 4 held
        Assert.Single(h.Run.OpenOrders);
        Assert.Contains("max position size", Denied(h, OrderRequest.Market(Kit.Spy, Side.Sell, 10m)), StringComparison.Ordinal);
    }
}
