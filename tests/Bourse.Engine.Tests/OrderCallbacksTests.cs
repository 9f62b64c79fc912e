using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Tests;

/// <summary>The run calls order callbacks only for strategy types that override one of them.</summary>
public sealed class OrderCallbacksTests
{
    [Fact]
    public void A_strategy_that_only_trades_on_bars_does_not_handle_order_events()
    {
        Assert.False(OrderCallbacks.AreHandled(typeof(BarsOnly)));
        Assert.False(OrderCallbacks.AreHandled(typeof(BookWatcher))); // OnOrderBook is market data, not an order event
    }

    [Fact]
    public void Overriding_any_order_callback_handles_order_events_also_in_a_subclass()
    {
        Assert.True(OrderCallbacks.AreHandled(typeof(ScriptedStrategy)));
        Assert.True(OrderCallbacks.AreHandled(typeof(CancelWatcher)));
        Assert.True(OrderCallbacks.AreHandled(typeof(DerivedCancelWatcher)));
    }

    [Fact]
    public void A_strategy_without_order_callbacks_trades_as_before()
    {
        var bars = Enumerable.Range(0, 20).Select(minute => Kit.Flat(minute, 100m + minute)).ToArray();

        var report = BacktestRunner.Run(new MarketBuyer(), bars, Kit.Settings());

        Assert.Equal(19, report.Statistics.TotalTrades); // each bar's order fills at the next bar's open; the last one's never does
        Assert.Equal(19, report.Statistics.FilledOrders);
    }

    private sealed class BarsOnly : Strategy
    {
        public override void OnBar(Bar bar)
        {
        }
    }

    private sealed class BookWatcher : Strategy
    {
        public override void OnOrderBook(OrderBookMessage message)
        {
        }
    }

    private class CancelWatcher : Strategy
    {
        public override void OnOrderCanceled(OrderCanceled canceled)
        {
        }
    }

    private sealed class DerivedCancelWatcher : CancelWatcher;

    /// <summary>Buys one share on every bar, never looking at its fills.</summary>
    private sealed class MarketBuyer : Strategy
    {
        public override void OnBar(Bar bar) => Context.SubmitOrder(new OrderRequest(bar.Instrument, Side.Buy, OrderType.Market, new(1m)));
    }
}
