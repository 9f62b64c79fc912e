using Bourse.Engine.Clock;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Tests.Execution;

/// <summary>A broker the test answers for: it records the run's commands, and its snapshot is what the test says the broker holds.</summary>
internal sealed class ScriptedBroker : IExecutionClient, IVenueReconciliation
{
    public List<string> Commands { get; } = [];

    public Dictionary<ClientOrderId, OrderRequest> Submitted { get; } = [];

    public VenueSnapshot Holds { get; set; } = new([], []);

    public string Venue => "scripted";

    public void Submit(ClientOrderId id, OrderRequest terms)
    {
        Submitted[id] = terms;
        Commands.Add($"submit {id} {terms.Side} {terms.Quantity.Value}");
    }

    public void Replace(ClientOrderId id, decimal? quantity, decimal? limitPrice, decimal? triggerPrice) =>
        Commands.Add($"replace {id} qty={quantity} limit={limitPrice} trigger={triggerPrice}");

    public void Cancel(ClientOrderId id) => Commands.Add($"cancel {id}");

    public VenueSnapshot Snapshot() => Holds;
}

public class BrokerVenueTests
{
    private readonly ScriptedBroker _broker = new();
    private readonly ScriptedStrategy _strategy = new();
    private readonly RecordingSink _sink = new();
    private readonly SimulatedClock _clock = new(Kit.T0);
    private readonly TradingRun _run;

    public BrokerVenueTests()
    {
        _run = new TradingRun(Kit.Settings(feeBps: 10m), _strategy, _clock, _sink, _broker);
        _run.Start();
    }

    private void Feed(params Sdk.MarketData.Bar[] bars)
    {
        foreach (var bar in bars)
        {
            _clock.SetUtcNow(bar.CloseTime);
            _run.OnBar(bar);
        }
    }

    [Fact]
    public void Orders_go_to_the_broker_unmatched_and_its_fills_reach_the_portfolio_at_its_price_and_commission()
    {
        Feed(Kit.Flat(0, 100m));
        var id = _strategy.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        Feed(Kit.Flat(1, 101m), Kit.Flat(2, 102m));

        Assert.Equal([$"submit {id} Buy 10"], _broker.Commands);
        Assert.Empty(_sink.Orders<OrderFilled>());
        Assert.Equal([id], _run.OpenOrders);

        _run.OnVenueReport(new VenueOrderAccepted(id));
        _run.OnVenueReport(new VenueOrderFilled(id, 101.5m, 4m, 0.25m));
        _run.OnVenueReport(new VenueOrderFilled(id, 101.7m, 6m, 0m));

        Assert.Single(_sink.Orders<OrderAccepted>());
        var fills = _sink.Orders<OrderFilled>().ToList();
        Assert.Equal([(101.5m, 4m, 0.25m, 6m), (101.7m, 6m, 0m, 0m)],
            fills.Select(f => (f.FillPrice.Value, f.FillQuantity.Value, f.Commission.Amount, f.LeavesQuantity.Value)));
        Assert.Equal(fills, _strategy.Fills);
        var position = Assert.Single(_run.Portfolio.OpenPositions);
        Assert.Equal(10m, position.NetQuantity);
        Assert.Equal(((101.5m * 4m) + (101.7m * 6m)) / 10m, position.AveragePrice);
        Assert.Equal(100_000m - (101.5m * 4m) - (101.7m * 6m) - 0.25m, _run.Portfolio.Cash.Amount);
        Assert.Empty(_run.OpenOrders);
        Assert.Equal(1, _run.Statistics().FilledOrders);
    }

    [Fact]
    public void A_broker_refusal_is_a_venue_rejection_with_the_brokers_message()
    {
        Feed(Kit.Flat(0, 100m));
        var id = _strategy.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));

        _run.OnVenueReport(new VenueOrderRejected(id, "insufficient buying power"));

        var rejection = Assert.Single(_sink.Orders<OrderRejected>());
        Assert.Equal(("insufficient buying power", ExecutionEngine.VenueSource), (rejection.Reason, rejection.Source));
        Assert.Equal([rejection], _strategy.Rejections);
        Assert.Equal(1, _run.Statistics().RejectedOrders);
        Assert.Empty(_run.OpenOrders);
    }

    [Fact]
    public void A_cancel_is_asked_of_the_broker_and_the_order_ends_when_the_broker_confirms_with_the_runs_reason()
    {
        var id = _strategy.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 90m));
        _run.OnVenueReport(new VenueOrderAccepted(id));

        _strategy.Ctx.CancelOrder(id);

        Assert.Equal($"cancel {id}", _broker.Commands[^1]);
        Assert.Equal([id], _run.OpenOrders);
        _run.OnVenueReport(new VenueOrderCanceled(id, "canceled at the venue"));
        Assert.Equal("canceled by strategy", Assert.Single(_sink.Orders<OrderCanceled>()).Reason);
        Assert.Empty(_run.OpenOrders);

        _run.OnVenueReport(new VenueOrderCanceled(id, "canceled at the venue"));
        _run.OnVenueReport(new VenueOrderFilled(id, 90m, 5m, 0m));
        Assert.Single(_sink.Orders<OrderCanceled>());
        Assert.Empty(_sink.Orders<OrderFilled>());
    }

    [Fact]
    public void A_modify_is_a_replace_at_the_broker_and_its_answer_gives_the_new_terms_or_the_refusal()
    {
        var id = _strategy.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 90m));
        _run.OnVenueReport(new VenueOrderAccepted(id));

        _strategy.Ctx.ModifyOrder(id, limitPrice: 91m);
        Assert.Equal($"replace {id} qty= limit=91 trigger=", _broker.Commands[^1]);
        _run.OnVenueReport(new VenueOrderReplaced(id, 5m, 91m, null));
        var modified = Assert.Single(_sink.Orders<OrderModified>());
        Assert.Equal((5m, 91m, "modified by strategy"), (modified.Quantity.Value, modified.LimitPrice!.Value.Value, modified.Reason));

        _strategy.Ctx.ModifyOrder(id, quantity: 7m);
        _run.OnVenueReport(new VenueReplaceRejected(id, "order is not replaceable"));
        Assert.Equal("order is not replaceable", Assert.Single(_sink.Orders<OrderModifyRejected>()).Reason);

        _strategy.Ctx.ModifyOrder(id, triggerPrice: 80m);
        Assert.Contains("has no trigger price", _sink.Orders<OrderModifyRejected>().Last().Reason, StringComparison.Ordinal);
        Assert.Equal(2, _broker.Commands.Count(c => c.StartsWith("replace", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_fill_before_the_acceptance_accepts_the_order_first_and_a_fill_beyond_the_open_quantity_is_clipped()
    {
        Feed(Kit.Flat(0, 100m));
        var id = _strategy.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 3m));

        _run.OnVenueReport(new VenueOrderFilled(id, 99m, 5m, 0m));
        _run.OnVenueReport(new VenueOrderAccepted(id));

        Assert.Single(_sink.Orders<OrderAccepted>());
        Assert.Equal(3m, Assert.Single(_sink.Orders<OrderFilled>()).FillQuantity.Value);
        Assert.Equal(-3m, Assert.Single(_run.Portfolio.OpenPositions).NetQuantity);
    }

    [Fact]
    public void Reports_for_orders_the_broker_does_not_hold_for_the_run_are_ignored()
    {
        _run.OnVenueReport(new VenueOrderFilled(new ClientOrderId("O-000042"), 100m, 1m, 0m));
        var held = _strategy.Ctx.SubmitOrderList(OrderList.Oto(
            OrderRequest.Limit(Kit.Spy, Side.Buy, 2m, 90m), OrderRequest.Limit(Kit.Spy, Side.Sell, 2m, 110m)))[1];
        _run.OnVenueReport(new VenueOrderAccepted(held));

        Assert.Empty(_sink.Orders<OrderFilled>());
        Assert.Empty(_sink.Orders<OrderAccepted>());
        Assert.Empty(_run.Portfolio.OpenPositions);
    }

    [Fact]
    public void A_held_child_reaches_the_broker_when_its_parent_fills_there()
    {
        var ids = _strategy.Ctx.SubmitOrderList(OrderList.Oto(
            OrderRequest.Limit(Kit.Spy, Side.Buy, 4m, 90m), OrderRequest.Limit(Kit.Spy, Side.Sell, 4m, 110m)));
        Assert.Equal([$"submit {ids[0]} Buy 4"], _broker.Commands);

        _run.OnVenueReport(new VenueOrderFilled(ids[0], 90m, 2m, 0m));

        Assert.Equal($"submit {ids[1]} Sell 2", _broker.Commands[^1]);
        Assert.Equal(110m, _broker.Submitted[ids[1]].LimitPrice!.Value.Value);
    }

    [Fact]
    public void The_runs_stop_cancels_its_open_orders_at_the_broker_and_in_the_run_at_once()
    {
        var id = _strategy.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 90m));
        _run.OnVenueReport(new VenueOrderAccepted(id));

        _run.Stop(RunStatus.Stopped, "done");

        Assert.Equal($"cancel {id}", _broker.Commands[^1]);
        Assert.Equal("run stopped: done", Assert.Single(_sink.Orders<OrderCanceled>()).Reason);
        _run.OnVenueReport(new VenueOrderFilled(id, 90m, 5m, 0m));
        Assert.Empty(_sink.Orders<OrderFilled>());
    }

    [Fact]
    public void A_resumed_broker_run_reconciles_with_the_brokers_snapshot_and_cancels_what_the_broker_does_not_hold()
    {
        var kept = new ClientOrderId("O-000002");
        var gone = new ClientOrderId("O-000003");
        var limit = OrderRequest.Limit(Kit.Spy, Side.Buy, 5m, 90m);
        var recovery = new RunRecovery(
            [new RecoveredFill(new ClientOrderId("O-000001"), Kit.Spy, Side.Buy, 100m, 10m, 0m)],
            [new RecoveredOrder(kept, limit, OrderStatus.Accepted, 0m, Kit.T0), new RecoveredOrder(gone, limit, OrderStatus.Submitted, 0m, Kit.T0)],
            RecoveredCounts.None with { LastOrderNumber = 3, LastTradeNumber = 1 },
            new StrategyState());
        var broker = new ScriptedBroker { Holds = new([new VenueOrder(kept, Kit.Spy, Side.Buy, OrderStatus.Accepted, 5m, 0m)], [new VenuePosition(Kit.Spy, 10m)]) };
        var sink = new RecordingSink();
        var run = new TradingRun(Kit.Settings(), new ScriptedStrategy(), new SimulatedClock(Kit.T0.AddHours(1)), sink, broker);

        run.Resume(recovery);

        Assert.Empty(broker.Commands);
        Assert.Equal([kept], run.OpenOrders);
        Assert.Equal(gone, Assert.Single(sink.Orders<OrderCanceled>()).OrderId);
        Assert.Contains(sink.Of<LogWritten>(), l => l.Source == TradingRun.ReconciliationSource && l.Message.StartsWith("scripted venue: order O-000003", StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(sink.Of<RunResumed>()).Differences);

        run.OnVenueReport(new VenueOrderFilled(kept, 90m, 5m, 0m));
        Assert.Equal(15m, Assert.Single(run.Portfolio.OpenPositions).NetQuantity);
    }
}
