// A single-file Bourse strategy: upload it as source and the server compiles it.
// System, System.Linq, System.Collections.Generic and the Bourse.Sdk namespaces are imported for you.

/// <summary>The parameters users can set for a run.</summary>
public sealed record BreakoutConfig
{
    [Parameter("Bars in the breakout channel (highest high / lowest low before the current bar)", Min = 2, Max = 500)]
    public int Lookback { get; init; } = 20;

    [Parameter("Quantity bought on a breakout, in base units (shares or coins)", Min = 0.00000001)]
    public decimal Quantity { get; init; } = 1m;
}

/// <summary>
/// Channel breakout: buys at market when the close breaks above the highest high of the previous Lookback bars,
/// and sells the whole position when it breaks below their lowest low. It places its own orders and also emits
/// a signal each time it acts, so the dashboard shows why. Run it with auto_execute off: with it on, the platform
/// would place a second buy for each buy signal.
/// </summary>
[Strategy("Breakout Trader",
    Description = "Buys when the close breaks above the recent high and sells when it breaks below the recent low.",
    RiskLevel = RiskLevel.High,
    Type = StrategyType.Momentum,
    Version = "1.0.0")]
public sealed class BreakoutTrader : Strategy<BreakoutConfig>
{
    private readonly Dictionary<InstrumentId, Queue<Bar>> _windows = new();

    public override void OnStart() =>
        Log($"Breakout Trader started: lookback {Config.Lookback} bars, quantity {Config.Quantity}");

    public override void OnBar(Bar bar)
    {
        if (!_windows.TryGetValue(bar.Instrument, out var window))
        {
            window = new Queue<Bar>();
            _windows[bar.Instrument] = window;
        }

        // Act only on a full channel and when no order of ours is still working.
        if (window.Count == Config.Lookback && Context.OpenOrders.Count == 0)
        {
            var highest = window.Max(b => b.High);
            var lowest = window.Min(b => b.Low);
            var position = Portfolio.Position(bar.Instrument).NetQuantity;

            if (bar.Close > highest && position == 0m)
            {
                Buy(bar.Instrument, Config.Quantity);
                EmitSignal(new Signal(bar.Instrument, SignalType.Buy, 1.0, bar.Close, Config.Quantity));
                Log($"{bar.Instrument}: close {bar.Close} broke above {highest}, buying {Config.Quantity}");
            }
            else if (bar.Close < lowest && position > 0m)
            {
                Sell(bar.Instrument, position);
                EmitSignal(new Signal(bar.Instrument, SignalType.Sell, 1.0, bar.Close, position));
                Log($"{bar.Instrument}: close {bar.Close} broke below {lowest}, selling {position}");
            }
        }

        window.Enqueue(bar);
        if (window.Count > Config.Lookback)
        {
            window.Dequeue();
        }
    }

    public override void OnOrderFilled(OrderFilled fill) =>
        Log($"Filled: {fill.Side} {fill.FillQuantity} {fill.Instrument} at {fill.FillPrice}");

    public override void OnOrderRejected(OrderRejected rejection) =>
        Log(StrategyLogLevel.Warning, $"Order {rejection.OrderId} rejected: {rejection.Reason}");
}
