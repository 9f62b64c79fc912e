using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class TickRoutingTests
{
    [Fact]
    public void Trade_ticks_reach_the_strategy_and_mark_positions()
    {
        var h = new Harness();
        h.Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Equal(10m, h.Run.Portfolio.Position(Kit.Spy).NetQuantity);
        var trade = new TradeTick(Kit.Spy, 103m, 5m, Side.Buy, Kit.T0.AddSeconds(150));
        h.Clock.SetUtcNow(trade.Timestamp);

        h.Run.OnTrade(trade);

        Assert.Equal([trade], h.Strategy.Trades);
        var position = h.Run.Portfolio.Position(Kit.Spy);
        Assert.Equal(103m, position.LastPrice);
        Assert.Equal(30m, position.UnrealizedPnl);
    }

    [Fact]
    public void Quote_ticks_reach_the_strategy_without_marking()
    {
        var h = new Harness();
        h.Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 100m));
        var quote = new QuoteTick(Kit.Spy, 98m, 99m, 100m, 100m, Kit.T0.AddSeconds(150));
        h.Clock.SetUtcNow(quote.Timestamp);

        h.Run.OnQuote(quote);

        Assert.Equal([quote], h.Strategy.Quotes);
        Assert.Equal(100m, h.Run.Portfolio.Position(Kit.Spy).LastPrice);
    }

    [Fact]
    public void Ticks_of_other_instruments_and_after_stop_are_ignored()
    {
        var h = new Harness();
        var other = Bourse.Sdk.Identifiers.InstrumentId.Parse("ETHUSD.COINBASE");

        h.Run.OnTrade(new TradeTick(other, 1m, 1m, null, Kit.T0));
        h.Run.Stop(Bourse.Engine.Runs.RunStatus.Stopped, "test");
        h.Run.OnTrade(new TradeTick(Kit.Spy, 1m, 1m, null, Kit.T0));
        h.Run.OnQuote(new QuoteTick(Kit.Spy, 1m, 2m, 1m, 1m, Kit.T0));

        Assert.Empty(h.Strategy.Trades);
        Assert.Empty(h.Strategy.Quotes);
    }

    [Fact]
    public void A_throwing_tick_callback_is_counted_like_any_other()
    {
        var strategy = new ScriptedStrategy { OnTradeAction = (_, _) => throw new InvalidOperationException("tick boom") };
        var h = new Harness(Kit.Settings(maxErrors: 2), strategy);

        h.Run.OnTrade(new TradeTick(Kit.Spy, 1m, 1m, null, Kit.T0));
        h.Run.OnTrade(new TradeTick(Kit.Spy, 1m, 1m, null, Kit.T0));

        Assert.Equal(Bourse.Engine.Runs.RunStatus.Error, h.Run.Status);
        Assert.All(h.Sink.Of<Bourse.Engine.Runs.StrategyErrored>(), e => Assert.Equal("OnTrade", e.Callback));
    }

}
