using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs;

/// <summary>
/// Everything a run reports, in the order it happened. Published by the kernel through
/// <see cref="IRunEventSink"/>; persisted and streamed by the server off the hot path.
/// <paramref name="Sequence"/> numbers the events of one run from 1, with no gaps.
/// </summary>
public abstract record RunEvent(RunId RunId, long Sequence, DateTime Timestamp);

/// <summary>The run started.</summary>
public sealed record RunStarted(RunId RunId, long Sequence, DateTime Timestamp)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>The run stopped with a final status.</summary>
public sealed record RunStopped(RunId RunId, long Sequence, DateTime Timestamp, RunStatus Status, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>A strategy callback threw; <paramref name="ErrorCount"/> counts errors so far.</summary>
public sealed record StrategyErrored(RunId RunId, long Sequence, DateTime Timestamp, string Callback, string ExceptionType, string Message, int ErrorCount)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>A signal was recorded, with what the signal router did with it.</summary>
/// <param name="SignalId">Number of the signal within the run, from 1.</param>
/// <param name="Executed">True when it produced an order.</param>
/// <param name="OrderId">The order it produced, if any.</param>
/// <param name="Reason">Why it was not executed (auto-execute off, below threshold, hold, nothing to sell...), or null.</param>
public sealed record SignalRecorded(RunId RunId, long Sequence, DateTime Timestamp, long SignalId, Signal Signal, bool Executed, ClientOrderId? OrderId, string? Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>An order event (submitted, accepted, rejected, filled, canceled, expired).</summary>
public sealed record OrderEventRecorded(RunId RunId, long Sequence, DateTime Timestamp, OrderEvent Event)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>A position changed after a fill.</summary>
public sealed record PositionChanged(RunId RunId, long Sequence, DateTime Timestamp, PositionSnapshot Position)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>The account after a fill or a mark-to-market on a bar. Amounts in the account currency.</summary>
public sealed record AccountUpdated(RunId RunId, long Sequence, DateTime Timestamp, string Currency, decimal Cash, decimal Equity, decimal RealizedPnl, decimal UnrealizedPnl)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>A line of the run's execution log (from the strategy or the engine).</summary>
public sealed record LogWritten(RunId RunId, long Sequence, DateTime Timestamp, StrategyLogLevel Level, string Source, string Message)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>
/// Receives a run's events. Called on the run's event loop: implementations must return at once
/// (e.g. write to a bounded channel) and never block on I/O.
/// </summary>
public interface IRunEventSink
{
    /// <summary>
    /// Whether the sink takes the run's bookkeeping events: <see cref="AccountUpdated"/>, <see cref="PositionChanged"/>,
    /// <see cref="SignalRecorded"/> and the <see cref="OrderSubmitted"/> and <see cref="OrderAccepted"/> order events. A sink
    /// that only keeps a report's fills and lifecycle (a backtest without an observer) says false and the run does not build them; they keep
    /// their sequence numbers, so every event the sink does get is numbered as it would be otherwise. True by default.
    /// </summary>
    bool TakesBookkeeping => true;

    /// <summary>Takes one event.</summary>
    void Publish(RunEvent runEvent);

    /// <summary>
    /// Takes one order event of the run, numbered <paramref name="sequence"/>: by default as the
    /// <see cref="OrderEventRecorded"/> it is (see <see cref="Publish"/>). A sink that keeps only some order events (a
    /// backtest's fills) takes them here without building the record for each.
    /// </summary>
    void PublishOrder(RunId runId, long sequence, OrderEvent orderEvent) =>
        Publish(new OrderEventRecorded(runId, sequence, orderEvent.Timestamp, orderEvent));
}
