using System.Text.Json;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Orders;

namespace Bourse.Persistence.Writing;

/// <summary>
/// Turns a batch of run events into <see cref="RunEventRows"/>: signals, orders (updated in place: status, fills, volume
/// weighted average fill price), fills, positions, execution logs (risk decisions become lines with source
/// <see cref="RiskSource"/>), run status and counters. Pure: it reads the committed state it is given and never changes it.
/// </summary>
public sealed class RunEventProjector(TimeProvider wallClock)
{
    /// <summary>The source of the log rows risk decisions are stored as (state changes, circuit breakers, kill switches, margin calls).</summary>
    public const string RiskSource = "risk";

    /// <summary>Projects <paramref name="events"/> (in their order).</summary>
    /// <param name="events">The batch.</param>
    /// <param name="startingCash">Starting cash of every run that has a row; events of other runs are skipped.</param>
    /// <param name="orders">The committed rows of the orders the batch touches that exist (copied, never changed).</param>
    public RunEventRows Project(
        IReadOnlyList<RunEvent> events,
        IReadOnlyDictionary<Guid, decimal> startingCash,
        IReadOnlyDictionary<(Guid RunId, string ClientOrderId), OrderEntity> orders)
    {
        var rows = new RunEventRows();
        foreach (var runEvent in events)
        {
            var runId = runEvent.RunId.Value;
            if (!startingCash.TryGetValue(runId, out var cash))
            {
                continue;
            }

            if (!rows.Runs.TryGetValue(runId, out var run))
            {
                run = new RunChange();
                rows.Runs[runId] = run;
            }

            Apply(rows, runId, cash, run, runEvent, orders);
            rows.Applied++;
        }

        foreach (var (runId, change) in rows.Runs.Where(r => IsEmpty(r.Value)).ToList())
        {
            rows.Runs.Remove(runId);
        }

        return rows;
    }

    private static bool IsEmpty(RunChange c) =>
        c is { Status: null, StopReason: null, TradingState: null, StrategyState: null, EndTime: null, ErrorCount: null, LastError: null, RealizedPnl: null, UnrealizedPnl: null, ProfitLoss: null, Metrics: null };

    private void Apply(
        RunEventRows rows, Guid runId, decimal startingCash, RunChange run, RunEvent runEvent,
        IReadOnlyDictionary<(Guid, string), OrderEntity> committed)
    {
        switch (runEvent)
        {
            case RunStarted started:
                run.Status = Naming.Of(RunStatus.Running);
                Log(rows, runId, "info", "engine", "Run started.", started.Timestamp);
                break;
            case RunStopped stopped:
                run.Status = Naming.Of(stopped.Status);
                run.StopReason = stopped.Reason;
                run.EndTime ??= wallClock.GetUtcNow().UtcDateTime;
                Log(rows, runId, stopped.Status == RunStatus.Error ? "error" : "info", "engine", $"Run {run.Status}: {stopped.Reason}", stopped.Timestamp);
                break;
            case RunResumed resumed:
                run.Status = Naming.Of(RunStatus.Running);
                Log(rows, runId, "info", "engine",
                    $"Run resumed after a server restart: {resumed.Fills} fill(s) replayed, {resumed.OpenOrders} open order(s) restored, {resumed.Differences} reconciliation difference(s).", resumed.Timestamp);
                break;
            case RunSuspended suspended:
                Log(rows, runId, "info", "engine", $"Run suspended ({suspended.Reason}); it resumes when the server starts again.", suspended.Timestamp);
                break;
            case StrategyStateSaved saved:
                run.StrategyState = JsonSerializer.Serialize(saved.State.Values);
                run.StrategyStateSavedAt = saved.Timestamp;
                break;
            case StrategyErrored errored:
                run.RaiseErrorCount(errored.ErrorCount);
                run.LastError = $"{errored.Callback}: {errored.ExceptionType}: {errored.Message}";
                Log(rows, runId, "error", "strategy", $"{errored.Callback} threw {errored.ExceptionType}: {errored.Message} (error {errored.ErrorCount})", errored.Timestamp);
                break;
            case SignalRecorded signal:
                rows.Signals.Add(new SignalEntity
                {
                    RunId = runId,
                    SignalId = signal.SignalId,
                    SignalType = Naming.Of(signal.Signal.Type),
                    Symbol = signal.Signal.Instrument.ToString(),
                    Venue = signal.Signal.Instrument.Venue,
                    Strength = signal.Signal.Strength,
                    Price = signal.Signal.Price?.Value,
                    Quantity = signal.Signal.Quantity?.Value,
                    Executed = signal.Executed,
                    OrderId = signal.OrderId?.Value,
                    Reason = signal.Reason,
                    MetadataJson = signal.Signal.Metadata is { Count: > 0 } metadata ? JsonSerializer.Serialize(metadata) : null,
                    IndicatorsJson = signal.Signal.Indicators is { Count: > 0 } indicators ? JsonSerializer.Serialize(indicators) : null,
                    Timestamp = signal.Timestamp,
                });
                break;
            case OrderEventRecorded recorded:
                ApplyOrderEvent(rows, runId, recorded.Event, committed);
                break;
            case PositionChanged changed:
                var symbol = changed.Position.Instrument.ToString();
                rows.Positions[(runId, symbol)] = new PositionEntity
                {
                    RunId = runId,
                    Symbol = symbol,
                    NetQuantity = changed.Position.NetQuantity,
                    AveragePrice = changed.Position.AveragePrice,
                    LastPrice = changed.Position.LastPrice,
                    RealizedPnl = changed.Position.RealizedPnl,
                    UnrealizedPnl = changed.Position.UnrealizedPnl,
                    Commissions = changed.Position.Commissions,
                    UpdatedAt = changed.Timestamp,
                };
                break;
            case AccountUpdated account:
                run.RealizedPnl = account.RealizedPnl;
                run.UnrealizedPnl = account.UnrealizedPnl;
                run.ProfitLoss = account.Equity - startingCash;
                break;
            case LogWritten log:
                Log(rows, runId, Naming.Of(log.Level), log.Source, log.Message, log.Timestamp);
                break;
            case TradingStateChanged changed:
                run.TradingState = Naming.Of(changed.To);
                run.TradingStateReason = changed.Reason;
                Log(rows, runId, changed.To == TradingState.Active ? "info" : "warning", RiskSource,
                    $"{Naming.Of(changed.Scope)} trading state {Naming.Of(changed.From)} -> {Naming.Of(changed.To)}: {changed.Reason}", changed.Timestamp);
                break;
            case CircuitBreakerTripped tripped:
                Log(rows, runId, "warning", RiskSource, tripped.Reason, tripped.Timestamp);
                break;
            case CircuitBreakerReset reset:
                Log(rows, runId, "info", RiskSource, reset.Reason, reset.Timestamp);
                break;
            case KillSwitchActivated kill:
                Log(rows, runId, "warning", RiskSource,
                    $"kill switch ({Naming.Of(kill.Scope)}): {kill.Reason}; {kill.CanceledOrders} working orders canceled, {kill.FlattenOrders} positions closed at market", kill.Timestamp);
                break;
            case MarginCalled call:
                Log(rows, runId, "error", RiskSource, $"{call.Reason} ({call.LiquidationOrders} liquidation orders)", call.Timestamp);
                break;
            case RunMetricsSampled metrics:
                var s = metrics.Statistics;
                run.Metrics = metrics;
                run.RaiseErrorCount(s.ErrorCount);
                run.RealizedPnl = s.RealizedPnl;
                run.UnrealizedPnl = s.UnrealizedPnl;
                run.ProfitLoss = s.NetPnl;
                run.DailyPnl = s.DailyPnl;
                break;
        }
    }

    private static void ApplyOrderEvent(
        RunEventRows rows, Guid runId, OrderEvent orderEvent, IReadOnlyDictionary<(Guid, string), OrderEntity> committed)
    {
        var key = (runId, orderEvent.OrderId.Value);
        if (!rows.Orders.TryGetValue(key, out var order))
        {
            order = committed.TryGetValue(key, out var stored)
                ? Copy(stored)
                : new OrderEntity { RunId = runId, ClientOrderId = orderEvent.OrderId.Value, Symbol = orderEvent.Instrument.ToString(), CreatedAt = orderEvent.Timestamp };
            rows.Orders[key] = order;
        }

        order.UpdatedAt = orderEvent.Timestamp;
        switch (orderEvent)
        {
            case OrderSubmitted submitted:
                Describe(order, submitted.Request);
                order.Status = Naming.Of(OrderStatus.Submitted);
                break;
            case OrderAccepted:
                order.Status = Naming.Of(OrderStatus.Accepted);
                break;
            case OrderRejected rejected:
                Describe(order, rejected.Request);
                order.Status = Naming.Of(OrderStatus.Rejected);
                order.Reason = $"{rejected.Source}: {rejected.Reason}";
                break;
            case OrderFilled filled:
                var before = order.FilledQuantity;
                var quantity = filled.FillQuantity.Value;
                order.FilledQuantity = before + quantity;
                order.AverageFillPrice = order.FilledQuantity == 0m
                    ? null
                    : (((order.AverageFillPrice ?? 0m) * before) + (filled.FillPrice.Value * quantity)) / order.FilledQuantity;
                order.Status = Naming.Of(filled.LeavesQuantity.IsZero ? OrderStatus.Filled : OrderStatus.PartiallyFilled);
                if (string.IsNullOrEmpty(order.Side))
                {
                    order.Side = Naming.Of(filled.Side);
                }

                rows.Fills.Add(new FillEntity
                {
                    RunId = runId,
                    ClientOrderId = filled.OrderId.Value,
                    TradeId = filled.TradeId.Value,
                    Symbol = filled.Instrument.ToString(),
                    Side = Naming.Of(filled.Side),
                    Price = filled.FillPrice.Value,
                    Quantity = quantity,
                    Commission = filled.Commission.Amount,
                    CommissionCurrency = filled.Commission.Currency ?? "",
                    IsMaker = filled.IsMaker,
                    Timestamp = filled.Timestamp,
                });
                break;
            case OrderCanceled canceled:
                order.Status = Naming.Of(OrderStatus.Canceled);
                order.Reason = canceled.Reason;
                break;
            case OrderExpired:
                order.Status = Naming.Of(OrderStatus.Expired);
                break;
            case OrderHeld held:
                Describe(order, held.Request);
                order.Status = Naming.Of(OrderStatus.Initialized);
                order.Reason = $"held until {held.ParentOrderId.Value} fills";
                break;
            case OrderTriggered:
                order.Status = Naming.Of(OrderStatus.Triggered);
                break;
            case OrderModified modified:
                order.Quantity = modified.Quantity.Value;
                order.LimitPrice = modified.LimitPrice?.Value;
                order.TriggerPrice = modified.TriggerPrice?.Value;
                break;
            case OrderModifyRejected modifyRejected:
                order.Reason = $"modify rejected: {modifyRejected.Reason}";
                break;
            case OrderCancelRejected cancelRejected:
                order.Reason = $"cancel rejected: {cancelRejected.Reason}";
                break;
        }
    }

    private static OrderEntity Copy(OrderEntity o) => new()
    {
        Id = o.Id,
        RunId = o.RunId,
        ClientOrderId = o.ClientOrderId,
        Symbol = o.Symbol,
        Side = o.Side,
        OrderType = o.OrderType,
        TimeInForce = o.TimeInForce,
        Quantity = o.Quantity,
        LimitPrice = o.LimitPrice,
        TriggerPrice = o.TriggerPrice,
        TrailingOffset = o.TrailingOffset,
        TrailingOffsetType = o.TrailingOffsetType,
        ExpireTime = o.ExpireTime,
        PostOnly = o.PostOnly,
        ReduceOnly = o.ReduceOnly,
        Status = o.Status,
        FilledQuantity = o.FilledQuantity,
        AverageFillPrice = o.AverageFillPrice,
        Reason = o.Reason,
        Tag = o.Tag,
        CreatedAt = o.CreatedAt,
        UpdatedAt = o.UpdatedAt,
    };

    private static void Describe(OrderEntity order, OrderRequest request)
    {
        order.Side = Naming.Of(request.Side);
        order.OrderType = Naming.Of(request.Type);
        order.TimeInForce = Naming.Of(request.TimeInForce);
        order.Quantity = request.Quantity.Value;
        order.LimitPrice = request.LimitPrice?.Value;
        order.TriggerPrice = request.TriggerPrice?.Value;
        order.TrailingOffset = request.TrailingOffset;
        order.TrailingOffsetType = request.TrailingOffset is null ? null : Naming.Snake(request.TrailingOffsetType.ToString());
        order.ExpireTime = request.ExpireTime;
        order.PostOnly = request.PostOnly;
        order.ReduceOnly = request.ReduceOnly;
        order.Tag = request.Tag;
    }

    private static void Log(RunEventRows rows, Guid runId, string level, string source, string message, DateTime timestamp) =>
        rows.Logs.Add(new ExecutionLogEntity { RunId = runId, Level = level, Source = source, Message = message, Timestamp = timestamp });
}
