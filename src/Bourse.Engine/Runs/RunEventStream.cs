using Bourse.Engine.Accounting;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs;

/// <summary>
/// Numbers a run's events from 1 without gaps and hands them to the sink. Bookkeeping events the sink does not take
/// (<see cref="IRunEventSink.TakesBookkeeping"/>) are numbered but not built.
/// </summary>
internal sealed class RunEventStream(RunId runId, IRunEventSink sink)
{
    private long _sequence;

    public RunId RunId { get; } = runId;

    public long Next() => ++_sequence;

    public void Publish(RunEvent runEvent) => sink.Publish(runEvent);

    /// <summary>Whether the sink takes the bookkeeping events (see <see cref="IRunEventSink.TakesBookkeeping"/>); when false, use <see cref="Skip"/> for them.</summary>
    public bool TakesBookkeeping { get; } = sink.TakesBookkeeping;

    /// <summary>Uses the sequence number of an event the sink does not take.</summary>
    public void Skip() => ++_sequence;

    public void Order(OrderEvent orderEvent) => sink.PublishOrder(RunId, Next(), orderEvent);

    public void Log(DateTime timestamp, StrategyLogLevel level, string source, string message) =>
        sink.Publish(new LogWritten(RunId, Next(), timestamp, level, source, message));

    public void Account(DateTime timestamp, PaperAccount account)
    {
        if (TakesBookkeeping)
        {
            sink.Publish(new AccountUpdated(RunId, Next(), timestamp, account.Currency, account.CashAmount, account.EquityAmount, account.RealizedPnl, account.UnrealizedPnl));
        }
        else
        {
            Skip();
        }
    }

    public void Position(DateTime timestamp, PaperAccount account, InstrumentId instrument)
    {
        if (TakesBookkeeping)
        {
            sink.Publish(new PositionChanged(RunId, Next(), timestamp, account.Position(instrument)));
        }
        else
        {
            Skip();
        }
    }
}
