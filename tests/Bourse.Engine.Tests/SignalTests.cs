using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Signals;

namespace Bourse.Engine.Tests;

public class SignalTests
{
    private static Harness WithRisk(RiskSettings risk) => new Harness(Kit.Settings(risk)).Feed(Kit.Flat(0, 30m), Kit.Flat(0, 1_000m, Kit.Btc));

    private static SignalRecorded Emit(Harness h, Signal signal)
    {
        h.Strategy.Signal(signal);
        return h.Sink.Of<SignalRecorded>().Last();
    }

    [Fact]
    public void Auto_execute_off_records_only()
    {
        var h = WithRisk(RiskSettings.Default);
        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Buy, 0.9));
        Assert.Equal(1, recorded.SignalId);
        Assert.False(recorded.Executed);
        Assert.Null(recorded.OrderId);
        Assert.Equal("auto_execute is off", recorded.Reason);
        Assert.Equal(2, Emit(h, new Signal(Kit.Spy, SignalType.Buy, 0.9)).SignalId);
        Assert.Empty(h.Run.OpenOrders);
    }

    [Fact]
    public void Hold_and_weak_signals_are_not_executed()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true, SignalStrengthThreshold: 0.6));
        Assert.Equal("hold signals are not executed", Emit(h, new Signal(Kit.Spy, SignalType.Hold, 1)).Reason);
        Assert.Equal("signal strength 0.5 is below the threshold 0.6", Emit(h, new Signal(Kit.Spy, SignalType.Buy, 0.5)).Reason);
        Assert.True(Emit(h, new Signal(Kit.Spy, SignalType.Buy, 0.6)).Executed);
        var stats = h.Run.Statistics();
        Assert.Equal((3, 1, 2, 0, 1), (stats.TotalSignals, stats.ExecutedSignals, stats.BuySignals, stats.SellSignals, stats.HoldSignals));
    }

    [Fact]
    public void Malformed_signal_throws()
    {
        var h = WithRisk(RiskSettings.Default);
        Assert.Throws<ArgumentException>(() => h.Strategy.Signal(new Signal(Kit.Spy, SignalType.Buy, 1.5)));
    }

    [Fact]
    public void Buy_is_sized_from_equity_and_rounded_down_to_the_lot()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true, PositionSizePct: 0.1m));
        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Buy, 1));
        Assert.True(recorded.Executed);
        Assert.Null(recorded.Reason);
        var submitted = h.Sink.Orders<OrderSubmitted>().Single(o => o.OrderId == recorded.OrderId);
        Assert.Equal(333m, submitted.Request.Quantity.Value); // 10 000 / 30 = 333.33 → 333 whole shares
        Assert.Equal(OrderType.Market, submitted.Request.Type);
        Assert.Equal("signal:1", submitted.Request.Tag);
    }

    [Fact]
    public void Buy_sizing_uses_the_signal_price_and_crypto_lots()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true, PositionSizePct: 0.1m));
        var recorded = Emit(h, new Signal(Kit.Btc, SignalType.Buy, 1, Price: 30_000m));
        var submitted = h.Sink.Orders<OrderSubmitted>().Single(o => o.OrderId == recorded.OrderId);
        Assert.Equal(0.33333333m, submitted.Request.Quantity.Value);
    }

    [Fact]
    public void Buy_sizing_is_capped_by_max_position_size_minus_the_current_position()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true, PositionSizePct: 0.5m, MaxPositionSize: 3_000m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 40m));
        h.Feed(Kit.Flat(1, 30m)); // long 40 × 30 = 1 200
        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Buy, 1));
        var submitted = h.Sink.Orders<OrderSubmitted>().Single(o => o.OrderId == recorded.OrderId);
        Assert.Equal(60m, submitted.Request.Quantity.Value); // (3 000 − 1 200) / 30
    }

    [Fact]
    public void Buy_sized_to_zero_is_not_executed()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true, PositionSizePct: 0.0001m));
        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Buy, 1));
        Assert.False(recorded.Executed);
        Assert.StartsWith("sized quantity is zero", recorded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sell_without_a_position_is_not_executed_and_never_opens_a_short()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true));
        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Sell, 1));
        Assert.False(recorded.Executed);
        Assert.Equal("no position to sell", recorded.Reason);
        Assert.Empty(h.Sink.Orders<OrderSubmitted>());
    }

    [Fact]
    public void Sell_closes_the_whole_long_or_the_given_quantity_capped()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 40m));
        h.Feed(Kit.Flat(1, 30m));
        var capped = Emit(h, new Signal(Kit.Spy, SignalType.Sell, 1, Quantity: 100m));
        Assert.Equal(40m, h.Sink.Orders<OrderSubmitted>().Single(o => o.OrderId == capped.OrderId).Request.Quantity.Value);
        h.Feed(Kit.Flat(2, 30m));
        Assert.True(h.Run.Portfolio.Position(Kit.Spy).IsFlat);
    }

    [Fact]
    public void Signal_order_denied_by_risk_is_recorded_as_not_executed_after_the_rejection()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true, MaxOrderQuantity: 5m));
        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Buy, 1));
        Assert.False(recorded.Executed);
        Assert.NotNull(recorded.OrderId);
        Assert.Equal("rejected by risk: max order quantity 5 exceeded (requested 333)", recorded.Reason);
        var rejection = h.Sink.Events.OfType<OrderEventRecorded>().Single(e => e.Event is OrderRejected);
        Assert.True(rejection.Sequence < recorded.Sequence);
    }

    [Fact]
    public void Signal_for_an_unknown_instrument_is_not_executed()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true));
        Assert.Equal("unknown instrument AAPL.NASDAQ", Emit(h, new Signal(InstrumentId.Parse("AAPL.NASDAQ"), SignalType.Buy, 1)).Reason);
    }

    [Fact]
    public void Sell_signal_beside_the_strategys_own_sell_never_opens_a_short()
    {
        var h = WithRisk(new RiskSettings(AutoExecute: true));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 40m));
        h.Feed(Kit.Flat(1, 30m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 40m));

        var recorded = Emit(h, new Signal(Kit.Spy, SignalType.Sell, 1));
        h.Feed(Kit.Flat(2, 30m));

        Assert.False(recorded.Executed);
        Assert.Equal("the position is already being sold by working orders", recorded.Reason);
        Assert.True(h.Run.Portfolio.Position(Kit.Spy).IsFlat);
    }
}
