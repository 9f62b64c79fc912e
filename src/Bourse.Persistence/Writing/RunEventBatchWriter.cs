using System.Text.Json;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Orders;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence.Writing;

/// <summary>
/// Turns a batch of run events into rows (signals, orders updated in place, fills, positions, execution logs,
/// run status and counters; risk decisions become execution log rows with source "risk") and saves them in one transaction. Events of runs without a row are skipped.
/// </summary>
public sealed class RunEventBatchWriter(TimeProvider wallClock)
{
    /// <summary>The source of the log rows risk decisions are stored as (state changes, circuit breakers, kill switches, margin calls).</summary>
    public const string RiskSource = "risk";

    /// <summary>Applies and saves <paramref name="events"/> (in their order). Returns the number of events applied.</summary>
    /// <exception cref="DbUpdateException">The database refused the batch.</exception>
    public async Task<int> WriteAsync(BourseDbContext db, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var runIds = events.Select(e => e.RunId.Value).Distinct().ToList();
        var runs = await db.Runs.Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var orderIds = events.OfType<OrderEventRecorded>().Select(e => e.Event.OrderId.Value).Distinct().ToList();
        var orders = orderIds.Count == 0
            ? []
            : await db.Orders.Where(o => runIds.Contains(o.RunId) && orderIds.Contains(o.ClientOrderId))
                .ToDictionaryAsync(o => (o.RunId, o.ClientOrderId), cancellationToken);
        var symbols = events.OfType<PositionChanged>().Select(e => e.Position.Instrument.ToString()).Distinct().ToList();
        var positions = symbols.Count == 0
            ? []
            : await db.Positions.Where(p => runIds.Contains(p.RunId) && symbols.Contains(p.Symbol))
                .ToDictionaryAsync(p => (p.RunId, p.Symbol), cancellationToken);

        var applied = 0;
        foreach (var runEvent in events)
        {
            if (!runs.TryGetValue(runEvent.RunId.Value, out var run))
            {
                continue;
            }

            Apply(db, run, runEvent, orders, positions);
            applied++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return applied;
    }

    private void Apply(
        BourseDbContext db,
        RunEntity run,
        RunEvent runEvent,
        Dictionary<(Guid, string), OrderEntity> orders,
        Dictionary<(Guid, string), PositionEntity> positions)
    {
        switch (runEvent)
        {
            case RunStarted started:
                run.Status = Naming.Of(RunStatus.Running);
                Log(db, run.Id, "info", "engine", "Run started.", started.Timestamp);
                break;
            case RunStopped stopped:
                run.Status = Naming.Of(stopped.Status);
                run.StopReason = stopped.Reason;
                run.EndTime ??= wallClock.GetUtcNow().UtcDateTime;
                Log(db, run.Id, stopped.Status == RunStatus.Error ? "error" : "info", "engine", $"Run {run.Status}: {stopped.Reason}", stopped.Timestamp);
                break;
            case RunResumed resumed:
                run.Status = Naming.Of(RunStatus.Running);
                Log(db, run.Id, "info", "engine",
                    $"Run resumed after a server restart: {resumed.Fills} fill(s) replayed, {resumed.OpenOrders} open order(s) restored, {resumed.Differences} reconciliation difference(s).", resumed.Timestamp);
                break;
            case RunSuspended suspended:
                Log(db, run.Id, "info", "engine", $"Run suspended ({suspended.Reason}); it resumes when the server starts again.", suspended.Timestamp);
                break;
            case StrategyStateSaved saved:
                run.StrategyState = JsonSerializer.Serialize(saved.State.Values);
                run.StrategyStateSavedAt = saved.Timestamp;
                break;
            case StrategyErrored errored:
                run.ErrorCount = Math.Max(run.ErrorCount, errored.ErrorCount);
                run.LastError = $"{errored.Callback}: {errored.ExceptionType}: {errored.Message}";
                Log(db, run.Id, "error", "strategy", $"{errored.Callback} threw {errored.ExceptionType}: {errored.Message} (error {errored.ErrorCount})", errored.Timestamp);
                break;
            case SignalRecorded signal:
                db.Signals.Add(new SignalEntity
                {
                    RunId = run.Id,
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
                ApplyOrderEvent(db, run.Id, recorded.Event, orders);
                break;
            case PositionChanged changed:
                var key = (run.Id, changed.Position.Instrument.ToString());
                if (!positions.TryGetValue(key, out var position))
                {
                    position = new PositionEntity { RunId = run.Id, Symbol = key.Item2 };
                    positions[key] = position;
                    db.Positions.Add(position);
                }

                position.NetQuantity = changed.Position.NetQuantity;
                position.AveragePrice = changed.Position.AveragePrice;
                position.LastPrice = changed.Position.LastPrice;
                position.RealizedPnl = changed.Position.RealizedPnl;
                position.UnrealizedPnl = changed.Position.UnrealizedPnl;
                position.Commissions = changed.Position.Commissions;
                position.UpdatedAt = changed.Timestamp;
                break;
            case AccountUpdated account:
                run.RealizedPnl = account.RealizedPnl;
                run.UnrealizedPnl = account.UnrealizedPnl;
                run.ProfitLoss = account.Equity - run.StartingCash;
                break;
            case LogWritten log:
                Log(db, run.Id, Naming.Of(log.Level), log.Source, log.Message, log.Timestamp);
                break;
            case TradingStateChanged changed:
                run.TradingState = Naming.Of(changed.To);
                run.TradingStateReason = changed.Reason;
                Log(db, run.Id, changed.To == TradingState.Active ? "info" : "warning", RiskSource,
                    $"{Naming.Of(changed.Scope)} trading state {Naming.Of(changed.From)} -> {Naming.Of(changed.To)}: {changed.Reason}", changed.Timestamp);
                break;
            case CircuitBreakerTripped tripped:
                Log(db, run.Id, "warning", RiskSource, tripped.Reason, tripped.Timestamp);
                break;
            case CircuitBreakerReset reset:
                Log(db, run.Id, "info", RiskSource, reset.Reason, reset.Timestamp);
                break;
            case KillSwitchActivated kill:
                Log(db, run.Id, "warning", RiskSource,
                    $"kill switch ({Naming.Of(kill.Scope)}): {kill.Reason}; {kill.CanceledOrders} working orders canceled, {kill.FlattenOrders} positions closed at market", kill.Timestamp);
                break;
            case MarginCalled call:
                Log(db, run.Id, "error", RiskSource, $"{call.Reason} ({call.LiquidationOrders} liquidation orders)", call.Timestamp);
                break;
            case RunMetricsSampled metrics:
                var s = metrics.Statistics;
                run.TotalSignals = s.TotalSignals;
                run.ExecutedSignals = s.ExecutedSignals;
                run.BuySignals = s.BuySignals;
                run.SellSignals = s.SellSignals;
                run.HoldSignals = s.HoldSignals;
                run.ErrorCount = Math.Max(run.ErrorCount, s.ErrorCount);
                run.TotalOrders = s.TotalOrders;
                run.FilledOrders = s.FilledOrders;
                run.RejectedOrders = s.RejectedOrders;
                run.TotalTrades = s.TotalTrades;
                run.RealizedPnl = s.RealizedPnl;
                run.UnrealizedPnl = s.UnrealizedPnl;
                run.ProfitLoss = s.NetPnl;
                run.DailyPnl = s.DailyPnl;
                run.CpuUsage = metrics.CpuUsagePercent;
                run.MemoryUsage = metrics.AllocatedBytes;
                run.StatisticsJson = RunStatisticsJson.Serialize(s);
                break;
        }
    }

    private static void ApplyOrderEvent(BourseDbContext db, Guid runId, OrderEvent orderEvent, Dictionary<(Guid, string), OrderEntity> orders)
    {
        var key = (runId, orderEvent.OrderId.Value);
        if (!orders.TryGetValue(key, out var order))
        {
            order = new OrderEntity
            {
                RunId = runId,
                ClientOrderId = orderEvent.OrderId.Value,
                Symbol = orderEvent.Instrument.ToString(),
                CreatedAt = orderEvent.Timestamp,
            };
            orders[key] = order;
            db.Orders.Add(order);
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

                db.Fills.Add(new FillEntity
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

    private static void Log(BourseDbContext db, Guid runId, string level, string source, string message, DateTime timestamp) =>
        db.ExecutionLogs.Add(new ExecutionLogEntity { RunId = runId, Level = level, Source = source, Message = message, Timestamp = timestamp });
}
