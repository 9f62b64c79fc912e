using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence.Writing;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Server.Streaming;

/// <summary>
/// Translates run events, bars and quotes into WebSocket updates: the route they go to, the event name and the
/// snake_case payload. Routes: orders (order_placed, order_rejected, order_updated, order_filled), executions
/// (trade_executed), positions (position_update), equity (account_update), runs (everything else about a run).
/// </summary>
public static class RunEventMessages
{
    /// <summary>The updates for one run event (none for internal samples; two for a fill: orders/order_filled and executions/trade_executed).</summary>
    public static IEnumerable<(string Route, string Event, object Data)> For(RunEvent e, Guid? pluginId)
    {
        var run = e.RunId.Value;
        switch (e)
        {
            case RunStarted s:
                yield return (TopicKeys.Runs, "strategy_started", new { run_id = run, plugin_id = pluginId, timestamp = s.Timestamp });
                break;
            case RunStopped s:
                yield return (TopicKeys.Runs, "strategy_stopped", new { run_id = run, plugin_id = pluginId, status = Naming.Of(s.Status), reason = s.Reason, timestamp = s.Timestamp });
                break;
            case RunResumed s:
                yield return (TopicKeys.Runs, "strategy_resumed", new
                {
                    run_id = run, plugin_id = pluginId, fills = s.Fills, open_orders = s.OpenOrders, differences = s.Differences, timestamp = s.Timestamp,
                });
                break;
            case RunSuspended s:
                yield return (TopicKeys.Runs, "strategy_suspended", new { run_id = run, plugin_id = pluginId, reason = s.Reason, timestamp = s.Timestamp });
                break;
            case StrategyErrored s:
                yield return (TopicKeys.Runs, "strategy_error", new { run_id = run, callback = s.Callback, exception_type = s.ExceptionType, message = s.Message, error_count = s.ErrorCount, timestamp = s.Timestamp });
                break;
            case SignalRecorded s:
                yield return (TopicKeys.Runs, "signal_generated", new
                {
                    run_id = run,
                    signal_id = s.SignalId,
                    signal_type = Naming.Of(s.Signal.Type),
                    symbol = s.Signal.Instrument.ToString(),
                    venue = s.Signal.Instrument.Venue,
                    quantity = s.Signal.Quantity?.Value,
                    price = s.Signal.Price?.Value,
                    strength = s.Signal.Strength,
                    timestamp = s.Timestamp,
                    executed = s.Executed,
                    order_id = s.OrderId?.Value,
                    reason = s.Reason,
                });
                break;
            case OrderEventRecorded { Event: OrderSubmitted o }:
                yield return (TopicKeys.Orders, "order_placed", new
                {
                    run_id = run, order_id = o.OrderId.Value, symbol = o.Instrument.ToString(), side = Naming.Of(o.Request.Side),
                    order_type = Naming.Of(o.Request.Type), quantity = o.Request.Quantity.Value, limit_price = o.Request.LimitPrice?.Value, timestamp = o.Timestamp,
                });
                break;
            case OrderEventRecorded { Event: OrderRejected o }:
                yield return (TopicKeys.Orders, "order_rejected", new
                {
                    run_id = run, order_id = o.OrderId.Value, symbol = o.Instrument.ToString(), side = Naming.Of(o.Request.Side),
                    quantity = o.Request.Quantity.Value, reason = o.Reason, source = o.Source, timestamp = o.Timestamp,
                });
                break;
            case OrderEventRecorded { Event: OrderFilled o }:
                var fill = new
                {
                    run_id = run, order_id = o.OrderId.Value, trade_id = o.TradeId.Value, symbol = o.Instrument.ToString(), side = Naming.Of(o.Side),
                    price = o.FillPrice.Value, quantity = o.FillQuantity.Value, commission = o.Commission.Amount, leaves_quantity = o.LeavesQuantity.Value,
                    is_maker = o.IsMaker, timestamp = o.Timestamp,
                };
                yield return (TopicKeys.Orders, "order_filled", fill);
                yield return (TopicKeys.Executions, "trade_executed", fill);
                break;
            case OrderEventRecorded o:
                var (status, reason) = o.Event switch
                {
                    OrderAccepted => (OrderStatus.Accepted, null),
                    OrderCanceled c => (OrderStatus.Canceled, c.Reason),
                    OrderExpired => (OrderStatus.Expired, null),
                    OrderTriggered => (OrderStatus.Triggered, null),
                    OrderHeld h => (OrderStatus.Initialized, $"held until {h.ParentOrderId.Value} fills"),
                    OrderModified m => ((OrderStatus?)null, m.Reason),
                    OrderModifyRejected r => (null, $"modify rejected: {r.Reason}"),
                    OrderCancelRejected r => (null, $"cancel rejected: {r.Reason}"),
                    _ => ((OrderStatus?)null, (string?)null),
                };
                var modified = o.Event as OrderModified;
                yield return (TopicKeys.Orders, "order_updated", new
                {
                    run_id = run, order_id = o.Event.OrderId.Value, symbol = o.Event.Instrument.ToString(), status = status is { } orderStatus ? Naming.Of(orderStatus) : null,
                    @event = Naming.Snake(o.Event.GetType().Name), reason, quantity = modified?.Quantity.Value, limit_price = modified?.LimitPrice?.Value,
                    trigger_price = modified?.TriggerPrice?.Value, timestamp = o.Timestamp,
                });
                break;
            case PositionChanged p:
                yield return (TopicKeys.Positions, "position_update", new
                {
                    run_id = run, symbol = p.Position.Instrument.ToString(), net_quantity = p.Position.NetQuantity, average_price = p.Position.AveragePrice,
                    last_price = p.Position.LastPrice, realized_pnl = p.Position.RealizedPnl, unrealized_pnl = p.Position.UnrealizedPnl, timestamp = p.Timestamp,
                });
                break;
            case AccountUpdated a:
                yield return (TopicKeys.Equity, "account_update", new
                {
                    run_id = run, currency = a.Currency, cash = a.Cash, equity = a.Equity, realized_pnl = a.RealizedPnl, unrealized_pnl = a.UnrealizedPnl, timestamp = a.Timestamp,
                });
                break;
            case TradingStateChanged t:
                yield return (TopicKeys.Runs, "trading_state_changed", new
                {
                    run_id = run, scope = Naming.Of(t.Scope), from = Naming.Of(t.From), to = Naming.Of(t.To), reason = t.Reason, timestamp = t.Timestamp,
                });
                break;
            case CircuitBreakerTripped c:
                yield return (TopicKeys.Runs, "circuit_breaker_tripped", new
                {
                    run_id = run, symbol = c.Instrument.ToString(), reference_price = c.ReferencePrice, price = c.Price, move_pct = c.MovePct,
                    resumes_at = c.ResumesAt, reason = c.Reason, timestamp = c.Timestamp,
                });
                break;
            case CircuitBreakerReset c:
                yield return (TopicKeys.Runs, "circuit_breaker_reset", new { run_id = run, symbol = c.Instrument.ToString(), reason = c.Reason, timestamp = c.Timestamp });
                break;
            case KillSwitchActivated k:
                yield return (TopicKeys.Runs, "kill_switch", new
                {
                    run_id = run, scope = Naming.Of(k.Scope), flatten = k.Flatten, canceled_orders = k.CanceledOrders, flatten_orders = k.FlattenOrders,
                    reason = k.Reason, timestamp = k.Timestamp,
                });
                break;
            case MarginCalled m:
                yield return (TopicKeys.Runs, "margin_call", new
                {
                    run_id = run, currency = m.Currency, equity = m.Equity, maintenance_margin = m.MaintenanceMargin, liquidation_orders = m.LiquidationOrders,
                    reason = m.Reason, timestamp = m.Timestamp,
                });
                break;
            case LogWritten l:
                yield return (TopicKeys.Runs, "log", new { run_id = run, level = Naming.Of(l.Level), source = l.Source, message = l.Message, timestamp = l.Timestamp });
                break;
        }
    }

    /// <summary>The <c>quote</c> payload: best bid and ask (prices in quote currency, sizes in base units), UTC time.</summary>
    public static object For(QuoteTick quote) => new
    {
        symbol = quote.Instrument.ToString(),
        bid = quote.Bid.Value,
        ask = quote.Ask.Value,
        bid_size = quote.BidSize.Value,
        ask_size = quote.AskSize.Value,
        timestamp = quote.Timestamp,
    };

    /// <summary>The <c>bar</c> payload.</summary>
    public static object For(Bar bar) => new
    {
        symbol = bar.Instrument.ToString(),
        period = bar.Period.ToString(),
        open_time = bar.OpenTime,
        close_time = bar.CloseTime,
        open = bar.Open.Value,
        high = bar.High.Value,
        low = bar.Low.Value,
        close = bar.Close.Value,
        volume = bar.Volume.Value,
    };
}
