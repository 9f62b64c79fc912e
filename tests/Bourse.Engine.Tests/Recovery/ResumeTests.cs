using Bourse.Engine.Clock;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Tests.Recovery;

public class ResumeTests
{
    /// <summary>What the database holds after <paramref name="sink"/>'s events were persisted: fills, orders not final, counters, last state.</summary>
    private static RunRecovery Persisted(RecordingSink sink)
    {
        var fills = sink.Orders<OrderFilled>().Select(f => new RecoveredFill(f.OrderId, f.Instrument, f.Side, f.FillPrice.Value, f.FillQuantity.Value, f.Commission.Amount)).ToList();
        var requests = new Dictionary<ClientOrderId, OrderRequest>();
        var status = new Dictionary<ClientOrderId, OrderStatus>();
        var created = new Dictionary<ClientOrderId, DateTime>();
        foreach (var e in sink.Events.OfType<OrderEventRecorded>().Select(r => r.Event))
        {
            created.TryAdd(e.OrderId, e.Timestamp);
            switch (e)
            {
                case OrderSubmitted s: requests[e.OrderId] = s.Request; status[e.OrderId] = OrderStatus.Submitted; break;
                case OrderHeld h: requests[e.OrderId] = h.Request; status[e.OrderId] = OrderStatus.Initialized; break;
                case OrderAccepted: status[e.OrderId] = OrderStatus.Accepted; break;
                case OrderFilled f: status[e.OrderId] = f.LeavesQuantity.IsZero ? OrderStatus.Filled : OrderStatus.PartiallyFilled; break;
                case OrderCanceled: status[e.OrderId] = OrderStatus.Canceled; break;
                case OrderRejected: status[e.OrderId] = OrderStatus.Rejected; break;
                case OrderExpired: status[e.OrderId] = OrderStatus.Expired; break;
            }
        }

        var open = status.Where(s => !s.Value.IsTerminal())
            .Select(s => new RecoveredOrder(s.Key, requests[s.Key], s.Value, fills.Where(f => f.OrderId == s.Key).Sum(f => f.Quantity), created[s.Key]))
            .ToList();
        var counts = RecoveredCounts.None with
        {
            TotalOrders = status.Count,
            FilledOrders = status.Count(s => s.Value == OrderStatus.Filled),
            LastOrderNumber = status.Keys.Max(k => RecoveredCounts.NumberOf(k.Value)),
            LastTradeNumber = sink.Orders<OrderFilled>().Max(f => RecoveredCounts.NumberOf(f.TradeId.Value)),
        };
        return new RunRecovery(fills, open, counts, sink.Of<StrategyStateSaved>().LastOrDefault()?.State ?? new StrategyState());
    }

    private static (TradingRun Run, RecordingSink Sink, CountingStrategy Strategy, SimulatedClock Clock) Resumed(RunRecovery recovery, DateTime at, IVenueReconciliation? venue = null)
    {
        var strategy = new CountingStrategy();
        var sink = new RecordingSink();
        var clock = new SimulatedClock(at);
        var run = new TradingRun(Kit.Settings(feeBps: 1m), strategy, clock, sink);
        run.Resume(recovery, venue);
        return (run, sink, strategy, clock);
    }

    [Fact]
    public void A_resumed_run_has_the_persisted_positions_and_open_orders_and_carries_on_trading_and_numbering()
    {
        var original = new Original(Kit.Settings(feeBps: 1m));
        original.Feed(Kit.Flat(0, 100m), Kit.Flat(0, 50m, Kit.Qqq));
        original.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        original.Submit(OrderRequest.Market(Kit.Qqq, Side.Sell, 4m));
        original.Feed(Kit.Flat(1, 101m), Kit.Flat(1, 49m, Kit.Qqq));
        var resting = original.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 95m));
        var stop = original.Submit(OrderRequest.Stop(Kit.Qqq, Side.Buy, 4m, 60m));
        original.Feed(Kit.Flat(2, 100m), Kit.Flat(2, 50m, Kit.Qqq));
        original.Run.SaveState();
        var recovery = Persisted(original.Sink);
        Assert.Equal(2, recovery.OpenOrders.Count);

        var (run, sink, strategy, clock) = Resumed(recovery, Kit.T0.AddMinutes(10));

        Assert.Equal(original.Run.Portfolio.OpenPositions.Select(p => (p.Instrument, p.NetQuantity, p.AveragePrice, p.RealizedPnl, p.Commissions)),
            run.Portfolio.OpenPositions.Select(p => (p.Instrument, p.NetQuantity, p.AveragePrice, p.RealizedPnl, p.Commissions)));
        Assert.Equal(original.Run.Portfolio.Cash, run.Portfolio.Cash);
        Assert.Equal([resting, stop], run.OpenOrders);
        Assert.Equal(original.Run.Statistics().TotalTrades, run.Statistics().TotalTrades);
        var resumed = Assert.Single(sink.Of<RunResumed>());
        Assert.Equal((2, 2, 0), (resumed.Fills, resumed.OpenOrders, resumed.Differences));
        Assert.Contains(sink.Of<LogWritten>(), l => l.Source == TradingRun.ReconciliationSource && l.Message.Contains("0 difference(s)", StringComparison.Ordinal));
        Assert.Equal(original.Run.OpenOrders.Count, strategy.Loaded!.GetInt64("open_at_save"));
        Assert.Equal(["OnLoad", "OnStart"], strategy.Calls);

        // The restored limit fills on the next bar through its price; numbering goes on after the persisted ids.
        clock.SetUtcNow(Kit.T0.AddMinutes(12));
        run.OnBar(Kit.Bar(11, 96m, 97m, 94m, 96m));
        var fill = Assert.Single(sink.Orders<OrderFilled>());
        Assert.Equal((resting, 95m, 5m), (fill.OrderId, fill.FillPrice.Value, fill.FillQuantity.Value));
        Assert.Equal("T-000003", fill.TradeId.Value);
        Assert.Equal(15m, run.Portfolio.Position(Kit.Spy).NetQuantity);
        strategy.Buy(Kit.Spy, 1m);
        Assert.Equal("O-000005", Assert.Single(sink.Orders<OrderSubmitted>()).OrderId.Value);
    }

    [Fact]
    public void Orders_the_venue_does_not_hold_are_logged_and_canceled_and_other_differences_logged()
    {
        var original = new Original(Kit.Settings(feeBps: 1m));
        original.Feed(Kit.Flat(0, 100m));
        original.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        original.Feed(Kit.Flat(1, 100m));
        var resting = original.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 95m));
        original.Feed(Kit.Flat(2, 100m));
        var persisted = Persisted(original.Sink);
        var held = new RecoveredOrder(new ClientOrderId("O-000007"), OrderRequest.Limit(Kit.Spy, Side.Sell, 5m, 120m), OrderStatus.Initialized, 0m, Kit.T0);
        var recovery = persisted with { OpenOrders = [.. persisted.OpenOrders, held] };

        // A broker that reports the limit with another filled quantity, an order of its own and a different position.
        var broker = new ReportingVenue(new VenueSnapshot(
            [new VenueOrder(resting, Kit.Spy, Side.Buy, OrderStatus.PartiallyFilled, 5m, 2m), new VenueOrder(new ClientOrderId("X-1"), Kit.Qqq, Side.Sell, OrderStatus.Accepted, 1m, 0m)],
            [new VenuePosition(Kit.Spy, 12m)]));
        var (run, sink, _, _) = Resumed(recovery, Kit.T0.AddMinutes(10), broker);

        var lines = sink.Of<LogWritten>().Where(l => l.Source == TradingRun.ReconciliationSource).Select(l => l.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith("order O-000007 could not be restored: it was held by an order list", StringComparison.Ordinal));
        Assert.Contains("broker venue: order O-000007 (Initialized, 0 of 5 filled) is open in the database but not at the venue", lines);
        Assert.Contains("broker venue: order O-000002: the database has 0 of 5 filled, the venue 2 of 5", lines);
        Assert.Contains("broker venue: order X-1 (Accepted, 0 of 1 filled) is open at the venue but not in the database", lines);
        Assert.Contains("broker venue: position in SPY.NASDAQ: the persisted fills sum to 10, the venue holds 12", lines);
        Assert.Contains("reconciled with the broker venue: 2 open order(s) and 1 fill(s) in the database, 4 difference(s)", lines);
        var canceled = Assert.Single(sink.Orders<OrderCanceled>());
        Assert.Equal((held.Id, "reconciliation: not open at the venue"), (canceled.OrderId, canceled.Reason));
        Assert.Equal([resting], run.OpenOrders);
    }

    [Fact]
    public void The_state_is_saved_only_when_it_changed_and_at_stop_and_suspend_keeps_orders_working()
    {
        var h = new Original(Kit.Settings());
        h.Run.SaveState();
        Assert.Single(h.Sink.Of<StrategyStateSaved>());
        h.Run.SaveState();
        Assert.Single(h.Sink.Of<StrategyStateSaved>()); // unchanged: not published again
        h.Feed(Kit.Flat(0, 100m));
        var limit = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 90m));
        h.Run.Suspend("server shutdown");

        Assert.Equal(2, h.Sink.Of<StrategyStateSaved>().Count());
        Assert.Equal(1, h.Sink.Of<StrategyStateSaved>().Last().State.GetInt64("open_at_save"));
        Assert.Equal(RunStatus.Suspended, h.Run.Status);
        Assert.Equal("server shutdown", Assert.Single(h.Sink.Of<RunSuspended>()).Reason);
        Assert.Empty(h.Sink.Orders<OrderCanceled>());
        Assert.Equal([limit], h.Run.OpenOrders);
        Assert.Empty(h.Sink.Of<RunStopped>());
    }

    /// <summary>A started run of a <see cref="CountingStrategy"/> on a simulated clock.</summary>
    private sealed class Original
    {
        private readonly SimulatedClock _clock = new(Kit.T0);

        public Original(RunSettings settings)
        {
            Run = new TradingRun(settings, Strategy, _clock, Sink);
            Run.Start();
        }

        public CountingStrategy Strategy { get; } = new();

        public RecordingSink Sink { get; } = new();

        public TradingRun Run { get; }

        public void Feed(params Bar[] bars)
        {
            foreach (var bar in bars)
            {
                _clock.SetUtcNow(bar.CloseTime);
                Run.OnBar(bar);
            }
        }

        public ClientOrderId Submit(OrderRequest request) => Strategy.Submit(request);
    }

    private sealed class ReportingVenue(VenueSnapshot snapshot) : IVenueReconciliation
    {
        public string Venue => "broker";

        public VenueSnapshot Snapshot() => snapshot;
    }
}

/// <summary>Saves the number of its open orders and bars seen; records the calls of the lifecycle.</summary>
internal sealed class CountingStrategy : Strategy
{
    public StrategyState? Loaded { get; private set; }

    public List<string> Calls { get; } = [];

    public int Bars { get; private set; }

    public override void OnStart() => Calls.Add("OnStart");

    public override void OnBar(Bar bar) => Bars++;

    public override void OnSave(StrategyState state)
    {
        state.Set("open_at_save", Context.OpenOrders.Count);
        state.Set("bars", Bars);
    }

    public override void OnLoad(StrategyState state)
    {
        Calls.Add("OnLoad");
        Loaded = state;
        Bars = (int)(state.GetInt64("bars") ?? 0);
    }

    public void Buy(InstrumentId instrument, decimal quantity) => Context.SubmitOrder(OrderRequest.Market(instrument, Side.Buy, quantity));

    public ClientOrderId Submit(OrderRequest request) => Context.SubmitOrder(request);
}
