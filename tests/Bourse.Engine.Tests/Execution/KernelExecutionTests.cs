using Bourse.Engine.Execution;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class KernelExecutionTests
{
    [Fact]
    public void Market_order_sent_on_a_bar_fills_at_the_next_bars_open()
    {
        var h = new Harness();
        h.Strategy.OnBarAction = (s, bar) =>
        {
            if (bar.OpenTime == Kit.T0)
            {
                s.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
            }
        };
        h.Feed(Kit.Bar(0, 100m, 101m, 99m, 100.5m));
        Assert.Empty(h.Sink.Orders<OrderFilled>());
        h.Feed(Kit.Bar(1, 102m, 103m, 101m, 102.5m));

        var fill = Assert.Single(h.Sink.Orders<OrderFilled>());
        Assert.Equal(102m, fill.FillPrice.Value);
        Assert.Equal("O-000001", fill.OrderId.Value);
        Assert.Equal("T-000001", fill.TradeId.Value);
        Assert.Equal(Kit.T0.AddMinutes(2), fill.Timestamp);
        Assert.Single(h.Strategy.Fills);
        Assert.Equal(10m, h.Run.Portfolio.Position(Kit.Spy).NetQuantity);
    }

    [Fact]
    public void Order_status_events_follow_the_lifecycle()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 100m));
        var kinds = h.Sink.Events.OfType<Runs.OrderEventRecorded>().Select(e => e.Event.GetType().Name).ToArray();
        Assert.Equal(["OrderSubmitted", "OrderAccepted", "OrderFilled"], kinds);
    }

    [Fact]
    public void Ioc_limit_is_canceled_when_the_first_bar_does_not_fill_it()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m, TimeInForce.Ioc));
        h.Feed(Kit.Flat(1, 100m));
        var canceled = Assert.Single(h.Sink.Orders<OrderCanceled>());
        Assert.Equal(id, canceled.OrderId);
        Assert.Contains("IOC", canceled.Reason, StringComparison.Ordinal);
        Assert.Empty(h.Run.OpenOrders);
    }

    [Fact]
    public void Ioc_limit_that_can_fill_on_its_first_bar_fills()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m, TimeInForce.Ioc));
        h.Feed(Kit.Bar(1, 100m, 100m, 98m, 99m));
        Assert.Single(h.Sink.Orders<OrderFilled>());
        Assert.Empty(h.Sink.Orders<OrderCanceled>());
    }

    [Fact]
    public void Crypto_day_order_expires_when_the_utc_date_changes_and_gtc_keeps_working()
    {
        var late = new DateTime(2024, 1, 2, 23, 57, 0, DateTimeKind.Utc);
        var h = new Harness();
        h.Feed(Kit.Flat(0, 100m, Kit.Btc, start: late));
        var day = h.Submit(OrderRequest.Limit(Kit.Btc, Side.Buy, 1m, 90m, TimeInForce.Day));
        var gtc = h.Submit(OrderRequest.Limit(Kit.Btc, Side.Buy, 1m, 90m));
        h.Feed(Kit.Flat(1, 100m, Kit.Btc, start: late), Kit.Flat(2, 100m, Kit.Btc, start: late));
        Assert.Empty(h.Sink.Orders<OrderExpired>());
        h.Feed(Kit.Flat(3, 100m, Kit.Btc, start: late)); // opens 2024-01-03 00:00 UTC
        var expired = Assert.Single(h.Sink.Orders<OrderExpired>());
        Assert.Equal(day, expired.OrderId);
        Assert.Equal([gtc], h.Run.OpenOrders);
    }

    [Fact]
    public void Day_order_expires_on_advance_time_past_midnight()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m, TimeInForce.Day));
        h.Clock.Advance(TimeSpan.FromHours(12));
        h.Run.AdvanceTime();
        Assert.Single(h.Sink.Orders<OrderExpired>());
    }

    [Fact]
    public void Fees_are_charged_in_basis_points_of_notional_and_leave_cash()
    {
        var h = new Harness(Kit.Settings(feeBps: 10m)).Feed(Kit.Flat(0, 200m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 50m));
        h.Feed(Kit.Flat(1, 200m));
        var fill = Assert.Single(h.Sink.Orders<OrderFilled>());
        Assert.Equal(10m, fill.Commission.Amount); // 200 × 50 × 10 / 10 000
        Assert.Equal("USD", fill.Commission.Currency);
        Assert.Equal(100_000m - 10_000m - 10m, h.Run.Portfolio.Cash.Amount);
        Assert.Equal(100_000m - 10m, h.Run.Portfolio.Equity.Amount);
        Assert.Equal(10m, h.Run.Statistics().Commissions);
    }

    [Fact]
    public void Order_sent_for_another_instrument_does_not_match_a_bar_that_opened_before_it()
    {
        var h = new Harness();
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq));
        h.Strategy.OnBarAction = (s, bar) =>
        {
            if (bar.Instrument == Kit.Spy)
            {
                s.Submit(OrderRequest.Market(Kit.Qqq, Side.Buy, 1m));
            }
        };
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(1, 51m, Kit.Qqq));
        Assert.Empty(h.Sink.Orders<OrderFilled>());
        h.Strategy.OnBarAction = null;
        h.Feed(Kit.Flat(2, 100m), Kit.Flat(2, 52m, Kit.Qqq));
        Assert.Equal(52m, Assert.Single(h.Sink.Orders<OrderFilled>()).FillPrice.Value);
    }

    [Fact]
    public void Stop_cancels_working_orders_calls_on_stop_and_ignores_later_input()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Run.Stop(Runs.RunStatus.Stopped, "user request");
        Assert.Contains("user request", Assert.Single(h.Sink.Orders<OrderCanceled>()).Reason, StringComparison.Ordinal);
        Assert.Equal(1, h.Strategy.StopCalls);
        var stopped = Assert.IsType<Runs.RunStopped>(h.Sink.Events[^1]);
        Assert.Equal(Runs.RunStatus.Stopped, stopped.Status);
        var count = h.Sink.Events.Count;
        h.Feed(Kit.Flat(1, 100m));
        h.Run.Stop(Runs.RunStatus.Stopped, "again");
        Assert.Equal(count, h.Sink.Events.Count);
        Assert.Equal(1, h.Strategy.StopCalls);
    }

    [Fact]
    public void Event_sequence_numbers_start_at_one_without_gaps()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(2, 100m));
        h.Run.Stop(Runs.RunStatus.Stopped, "done");
        Assert.Equal(Enumerable.Range(1, h.Sink.Events.Count).Select(i => (long)i), h.Sink.Events.Select(e => e.Sequence));
    }

    [Fact]
    public void One_account_update_per_bar_close_time_across_instruments()
    {
        var h = new Harness();
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq), Kit.Flat(1, 100m), Kit.Flat(1, 50m, Kit.Qqq));
        h.Run.Stop(Runs.RunStatus.Stopped, "done");
        var updates = h.Sink.Of<Runs.AccountUpdated>().Select(a => a.Timestamp).ToArray();
        Assert.Equal([Kit.T0.AddMinutes(1), Kit.T0.AddMinutes(2)], updates);
        Assert.Equal(2, h.Run.EquityCurve.Count);
    }

    [Fact]
    public void Timers_fire_on_the_run_clock()
    {
        var h = new Harness();
        h.Ctx.SetTimer("tick", TimeSpan.FromMinutes(2));
        h.Feed(Kit.Flat(0, 100m), Kit.Flat(1, 100m), Kit.Flat(2, 100m), Kit.Flat(3, 100m));
        Assert.Equal([Kit.T0.AddMinutes(2), Kit.T0.AddMinutes(4)], h.Strategy.Timers.Select(t => t.Timestamp));
        h.Ctx.CancelTimer("tick");
        h.Feed(Kit.Flat(4, 100m), Kit.Flat(5, 100m));
        Assert.Equal(2, h.Strategy.Timers.Count);
    }
}
