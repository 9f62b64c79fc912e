using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Risk;

public class KillSwitchTests
{
    private static Harness WithPositionsAndOrders(RunSettings? settings = null)
    {
        var h = new Harness(settings ?? Kit.Settings()).Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Submit(OrderRequest.Market(Kit.Qqq, Side.Sell, 4m));
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(1, 50m, Kit.Qqq)); // long 10 SPY, short 4 QQQ
        h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Submit(OrderRequest.Limit(Kit.Qqq, Side.Buy, 1m, 40m));
        return h;
    }

    [Fact]
    public void Kill_cancels_every_working_order_flattens_and_halts()
    {
        var h = WithPositionsAndOrders();
        h.Run.Kill("operator pressed the button", flatten: true);

        var kill = Assert.Single(h.Sink.Of<KillSwitchActivated>());
        Assert.Equal((TradingStateScope.Run, true, 2, 2, "operator pressed the button"), (kill.Scope, kill.Flatten, kill.CanceledOrders, kill.FlattenOrders, kill.Reason));
        Assert.Equal(2, h.Sink.Orders<OrderCanceled>().Count(c => c.Reason == "kill switch: operator pressed the button"));
        Assert.Equal(TradingState.Halted, h.Run.TradingState);
        var closing = h.Sink.Orders<OrderSubmitted>().Where(o => o.Request.Tag == "kill-switch").Select(o => (o.Instrument, o.Request.Side, o.Request.Quantity.Value, o.Request.Type)).ToList();
        Assert.Equal([(Kit.Spy, Side.Sell, 10m, OrderType.Market), (Kit.Qqq, Side.Buy, 4m, OrderType.Market)], closing);

        h.Feed(Kit.Flat(2, 101m), Kit.Flat(2, 49m, Kit.Qqq));
        Assert.Empty(h.Run.Portfolio.OpenPositions);
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        Assert.StartsWith("trading is halted (kill switch: operator pressed the button)", h.LastRejection().Reason, StringComparison.Ordinal);
        Assert.Equal(1, h.Run.Statistics().Risk!.KillSwitches);
    }

    [Fact]
    public void Kill_without_flatten_keeps_the_positions()
    {
        var h = WithPositionsAndOrders();
        h.Run.Kill("stop trading", flatten: false);
        Assert.Empty(h.Run.OpenOrders);
        h.Feed(Kit.Flat(2, 101m));
        Assert.Equal(2, h.Run.Portfolio.OpenPositions.Count);
        Assert.Equal(0, Assert.Single(h.Sink.Of<KillSwitchActivated>()).FlattenOrders);
    }

    [Fact]
    public void An_account_kill_is_carried_out_by_every_run_at_its_next_event()
    {
        var account = new AccountTradingState();
        var a = WithPositionsAndOrders(Kit.Settings() with { Account = account });
        var b = WithPositionsAndOrders(Kit.Settings() with { Account = account });
        account.Kill("exchange outage", flatten: true);
        Assert.Equal(TradingState.Halted, account.State);
        Assert.Equal(2, a.Run.OpenOrders.Count); // not yet: runs act on their own loop

        foreach (var h in new[] { a, b })
        {
            h.Feed(Kit.Flat(2, 100m));
            var kill = Assert.Single(h.Sink.Of<KillSwitchActivated>());
            Assert.Equal((TradingStateScope.Account, 2, 2), (kill.Scope, kill.CanceledOrders, kill.FlattenOrders));
            h.Feed(Kit.Flat(3, 100m), Kit.Flat(3, 50m, Kit.Qqq));
            Assert.Empty(h.Run.Portfolio.OpenPositions);
            h.Feed(Kit.Flat(4, 100m));
            Assert.Single(h.Sink.Of<KillSwitchActivated>()); // carried out once
        }
    }
}
