using Bourse.Engine.Accounting;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs;

/// <summary>Numbers a run's events from 1 without gaps and hands them to the sink.</summary>
internal sealed class RunEventStream(RunId runId, IRunEventSink sink)
{
    private long _sequence;

    public RunId RunId { get; } = runId;

    public long Next() => ++_sequence;

    public void Publish(RunEvent runEvent) => sink.Publish(runEvent);

    public void Order(OrderEvent orderEvent) => sink.Publish(new OrderEventRecorded(RunId, Next(), orderEvent.Timestamp, orderEvent));

    public void Log(DateTime timestamp, StrategyLogLevel level, string source, string message) =>
        sink.Publish(new LogWritten(RunId, Next(), timestamp, level, source, message));

    public void Account(DateTime timestamp, PaperAccount account) =>
        sink.Publish(new AccountUpdated(RunId, Next(), timestamp, account.Currency, account.CashAmount, account.EquityAmount, account.RealizedPnl, account.UnrealizedPnl));
}
