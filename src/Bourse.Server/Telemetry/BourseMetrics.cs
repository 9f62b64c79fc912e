using System.Diagnostics.Metrics;
using Bourse.Engine.Runs;
using Bourse.Persistence.Writing;
using Bourse.Server.Runs;
using Bourse.Server.Streaming;

namespace Bourse.Server.Telemetry;

/// <summary>
/// The server's one <see cref="Meter"/>, <see cref="MeterName"/>, and its instruments. Every instrument is observable:
/// it reads, when <c>/metrics</c> is scraped, a counter its component already keeps, so no hot path records anything.
/// Names follow the OpenTelemetry conventions; the Prometheus exporter writes <c>bourse.risk.denials</c> as
/// <c>bourse_risk_denials_total</c> and a unit <c>s</c> as a <c>_seconds</c> suffix.
/// <list type="bullet">
/// <item><c>bourse.runs</c> (gauge, <c>status</c>): runs of this process running now, and those that ended stopped, error or completed.</item>
/// <item><c>bourse.signals</c> (counter, <c>type</c> buy|sell|hold), <c>bourse.signals.executed</c>, <c>bourse.orders</c> (submitted, rejected ones
/// included), <c>bourse.orders.filled</c>, <c>bourse.orders.rejected</c>, <c>bourse.fills</c>, <c>bourse.strategy.errors</c> and
/// <c>bourse.risk.denials</c> (counter, <c>check</c> e.g. order_rate, max_position_notional): the engine's run statistics summed
/// over the runs of this process (<see cref="RunTotals"/>; a running run's at its last sample, at most one tick old).</item>
/// <item><c>bourse.websocket.connections</c> (up-down counter) and <c>bourse.websocket.messages.sent</c> (counter): the WebSocket hub.</item>
/// <item><c>bourse.outbox.depth</c> (gauge): run events queued for the database writer and not yet committed.</item>
/// <item><c>bourse.db.write.time</c> (counter, seconds) and <c>bourse.db.write.batches</c> (counter): the writer's total write time
/// and committed batches, so rate(time) / rate(batches) is the mean write latency of a window; <c>bourse.db.write.last_duration</c>
/// (gauge, seconds) is the last batch's.</item>
/// </list>
/// HTTP request latency histograms and errors come from ASP.NET Core's own meters (<c>http.server.request.duration</c> by route,
/// method and status code, with <c>error.type</c> on failures; <c>aspnetcore.diagnostics.exceptions</c>), enabled in <see cref="TelemetrySetup"/>.
/// </summary>
public sealed class BourseMetrics
{
    /// <summary>The meter's name (also the <c>otel_scope_name</c> label of every series).</summary>
    public const string MeterName = "Bourse.Server";

    /// <summary>Creates the meter and its instruments.</summary>
    public BourseMetrics(IMeterFactory meters, RunTotals runs, RunEventOutbox outbox, DatabaseWriteTimings writer, StreamHub hub)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("bourse.runs", () => runs.Snapshot().Runs.Select(r => Tagged(r.Value, "status", Naming.Of(r.Key))), "{run}", "Runs by status: running now, or ended with that status since the server started");

        meter.CreateObservableCounter("bourse.signals", () => Signals(runs.Snapshot().Counts), "{signal}", "Signals recorded by runs, by type");
        meter.CreateObservableCounter("bourse.signals.executed", () => runs.Snapshot().Counts.ExecutedSignals, "{signal}", "Signals that produced an order");
        meter.CreateObservableCounter("bourse.orders", () => runs.Snapshot().Counts.Orders, "{order}", "Orders submitted by runs (rejected ones included)");
        meter.CreateObservableCounter("bourse.orders.filled", () => runs.Snapshot().Counts.FilledOrders, "{order}", "Orders completely filled");
        meter.CreateObservableCounter("bourse.orders.rejected", () => runs.Snapshot().Counts.RejectedOrders, "{order}", "Orders rejected by the risk engine or the venue");
        meter.CreateObservableCounter("bourse.fills", () => runs.Snapshot().Counts.Fills, "{fill}", "Fills (executions)");
        meter.CreateObservableCounter("bourse.strategy.errors", () => runs.Snapshot().Counts.StrategyErrors, "{error}", "Exceptions thrown by strategies");
        meter.CreateObservableCounter("bourse.risk.denials", () => runs.Snapshot().Denials.Select(d => Tagged(d.Value, "check", d.Key)), "{order}", "Orders denied by the risk engine, by the check that failed");

        meter.CreateObservableUpDownCounter("bourse.websocket.connections", () => (long)hub.ClientCount, "{connection}", "Open WebSocket connections");
        meter.CreateObservableCounter("bourse.websocket.messages.sent", () => hub.MessagesSent, "{message}", "Messages written to WebSocket clients");

        meter.CreateObservableGauge("bourse.outbox.depth", () => outbox.Depth, "{event}", "Run events queued for the database writer, not yet committed");
        meter.CreateObservableCounter("bourse.db.write.time", () => writer.TotalWriteTime.TotalSeconds, "s", "Time spent writing committed batches of run events");
        meter.CreateObservableCounter("bourse.db.write.batches", () => writer.BatchesWritten, "{batch}", "Batches of run events committed");
        meter.CreateObservableGauge("bourse.db.write.last_duration", () => writer.LastWriteLatency.TotalSeconds, "s", "Write time of the last committed batch");
    }

    private static IEnumerable<Measurement<long>> Signals(RunCountTotals counts) =>
    [
        Tagged(counts.BuySignals, "type", "buy"),
        Tagged(counts.SellSignals, "type", "sell"),
        Tagged(counts.HoldSignals, "type", "hold"),
    ];

    private static Measurement<long> Tagged(long value, string key, string tag) => new(value, new KeyValuePair<string, object?>(key, tag));
}
