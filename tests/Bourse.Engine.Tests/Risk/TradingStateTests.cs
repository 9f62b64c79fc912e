using Bourse.Engine.Clock;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Risk;

public class TradingStateTests
{
    private static readonly DateTime Day1 = new(2024, 1, 2, 20, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day2 = new(2024, 1, 3, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Max_drawdown_from_the_days_peak_halts_until_the_next_trading_day()
    {
        var h = new Harness(Kit.Settings(new RiskSettings { MaxDrawdownPct = 0.01m }, cash: 10_000m));
        h.Feed(Kit.Flat(0, 100m, start: Day1));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 50m));
        h.Feed(Kit.Flat(1, 100m, start: Day1), Kit.Flat(2, 104m, start: Day1)); // peak 10 200
        h.Feed(Kit.Flat(3, 102m, start: Day1)); // 10 100: −0.98 %
        Assert.Equal(TradingState.Active, h.Run.TradingState);
        h.Feed(Kit.Flat(4, 101.9m, start: Day1)); // 10 095: −1.03 %

        var halt = Assert.Single(h.Sink.Of<TradingStateChanged>());
        Assert.Equal((TradingState.Active, TradingState.Halted), (halt.From, halt.To));
        Assert.Equal("max drawdown 1 % reached (equity 10095 USD is 1.03 % below the day's peak 10200 USD)", halt.Reason);
        var sell = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 50m)); // halted: even reducing is denied
        Assert.StartsWith("trading is halted (max drawdown 1 % reached", h.LastRejection().Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(sell, h.Run.OpenOrders);

        h.Feed(Kit.Flat(0, 101.9m, start: Day2));
        Assert.Equal(TradingState.Active, h.Run.TradingState);
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 50m));
        Assert.Single(h.Run.OpenOrders);
    }

    [Fact]
    public void Daily_loss_can_be_configured_to_halt()
    {
        var h = new Harness(Kit.Settings(new RiskSettings(DailyLossLimit: 100m) { DailyLossAction = LimitBreachAction.Halt }));
        h.Feed(Kit.Flat(0, 100m, start: Day1));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m, start: Day1), Kit.Flat(2, 90m, start: Day1));
        Assert.Equal(TradingState.Halted, h.Run.TradingState);
        Assert.Equal(TradingState.Halted, Assert.Single(h.Sink.Of<TradingStateChanged>()).To);
    }

    [Fact]
    public void Reducing_accepts_only_orders_that_shrink_a_position_without_reversing_it()
    {
        var h = new Harness().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 10m));
        h.Feed(Kit.Flat(1, 100m)); // short 10
        h.Run.SetTradingState(TradingState.Reducing, "operator: wind down");

        var changed = Assert.Single(h.Sink.Of<TradingStateChanged>());
        Assert.Equal((TradingStateScope.Run, TradingState.Active, TradingState.Reducing, "operator: wind down"), (changed.Scope, changed.From, changed.To, changed.Reason));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 1m));
        Assert.Equal("trading is reducing only (operator: wind down): sell 1 would not reduce the SPY.NASDAQ position of -10", h.LastRejection().Reason);
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 11m));
        Assert.Contains("buy 11 would not reduce", h.LastRejection().Reason, StringComparison.Ordinal);
        h.Submit(OrderRequest.Market(Kit.Qqq, Side.Buy, 1m));
        Assert.Contains("QQQ.NASDAQ position of 0", h.LastRejection().Reason, StringComparison.Ordinal);
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        Assert.Single(h.Run.OpenOrders);
        h.Submit(new OrderRequest(Kit.Spy, Side.Buy, OrderType.Market, 15m, ReduceOnly: true)); // clipped to the short by the venue
        Assert.Equal(2, h.Run.OpenOrders.Count);

        h.Feed(Kit.Flat(0, 100m, start: Kit.T0.AddDays(1))); // an operator's state survives the new day
        Assert.Equal(TradingState.Reducing, h.Run.TradingState);
        h.Run.SetTradingState(TradingState.Active, "operator: resume");
        Assert.Equal(TradingState.Active, h.Run.TradingState);
        Assert.Equal(2, h.Run.Statistics().Risk!.StateChanges);
    }

    [Fact]
    public void A_shared_account_state_applies_to_every_run_of_the_account()
    {
        var account = new AccountTradingState();
        var a = new Harness(Kit.Settings() with { Account = account }).Feed(Kit.Flat(0, 100m));
        var b = new Harness(Kit.Settings() with { Account = account }).Feed(Kit.Flat(0, 100m));
        account.Set(TradingState.Halted, "risk desk: market closed for us");
        a.Feed(Kit.Flat(1, 100m));
        b.Feed(Kit.Flat(1, 100m));

        foreach (var h in new[] { a, b })
        {
            var changed = Assert.Single(h.Sink.Of<TradingStateChanged>());
            Assert.Equal((TradingStateScope.Account, TradingState.Halted), (changed.Scope, changed.To));
            Assert.Equal(TradingState.Halted, h.Run.TradingState);
            h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
            Assert.Equal("trading is halted (account: risk desk: market closed for us): no orders are accepted", h.LastRejection().Reason);
        }

        account.Set(TradingState.Active, "risk desk: resume");
        a.Feed(Kit.Flat(2, 100m));
        a.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        Assert.Single(a.Run.OpenOrders);
        Assert.Equal(TradingState.Halted, b.Run.TradingState); // b has not seen an event since
    }

    [Fact]
    public void The_stricter_of_the_run_and_account_states_applies()
    {
        var account = new AccountTradingState();
        var h = new Harness(Kit.Settings() with { Account = account }).Feed(Kit.Flat(0, 100m));
        account.Set(TradingState.Reducing, "account reduce");
        h.Feed(Kit.Flat(1, 100m));
        h.Run.SetTradingState(TradingState.Halted, "run halt");
        Assert.Equal(TradingState.Halted, h.Run.TradingState);
        h.Run.SetTradingState(TradingState.Active, "run resume");
        Assert.Equal(TradingState.Reducing, h.Run.TradingState);
    }

    [Fact]
    public void Account_state_is_read_when_the_run_starts()
    {
        var account = new AccountTradingState();
        account.Set(TradingState.Halted, "closed");
        var run = new TradingRun(Kit.Settings() with { Account = account }, new ScriptedStrategy(), new SimulatedClock(Kit.T0), new RecordingSink());
        run.Start();
        Assert.Equal(TradingState.Halted, run.TradingState);
    }
}
