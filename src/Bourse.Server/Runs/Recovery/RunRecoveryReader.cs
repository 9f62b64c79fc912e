using System.Text.Json;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Runs.Recovery;

/// <summary>
/// Reads what the database knows of a run into a <see cref="RunRecovery"/>: every fill (oldest first), the orders not
/// in a final state (filled, canceled, rejected, expired) with their current terms, the counters and last ids, and the
/// strategy state last saved.
/// </summary>
public static class RunRecoveryReader
{
    /// <summary>Reads the recovery of <paramref name="run"/>.</summary>
    /// <exception cref="FormatException">A stored order or fill holds a value the engine cannot read (a hand-edited row).</exception>
    /// <exception cref="JsonException">The stored strategy state is not a JSON object of strings.</exception>
    public static async Task<RunRecovery> ReadAsync(BourseDbContext db, RunEntity run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var fills = await db.Fills.AsNoTracking().Where(f => f.RunId == run.Id).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.RunId == run.Id).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var signals = await db.Signals.AsNoTracking().Where(s => s.RunId == run.Id)
            .GroupBy(s => new { s.SignalType, s.Executed })
            .Select(g => new { g.Key.SignalType, g.Key.Executed, Count = g.Count(), Last = g.Max(s => s.SignalId) })
            .ToListAsync(cancellationToken);

        var statuses = orders.Select(o => (Row: o, Status: Parse<OrderStatus>(o.Status, "status"))).ToList();
        var counts = new RecoveredCounts(
            TotalOrders: orders.Count,
            FilledOrders: statuses.Count(o => o.Status == OrderStatus.Filled),
            RejectedOrders: statuses.Count(o => o.Status == OrderStatus.Rejected),
            TotalSignals: signals.Sum(s => s.Count),
            ExecutedSignals: signals.Where(s => s.Executed).Sum(s => s.Count),
            BuySignals: signals.Where(s => s.SignalType == "buy").Sum(s => s.Count),
            SellSignals: signals.Where(s => s.SignalType == "sell").Sum(s => s.Count),
            HoldSignals: signals.Where(s => s.SignalType == "hold").Sum(s => s.Count),
            ErrorCount: run.ErrorCount,
            LastOrderNumber: orders.Select(o => RecoveredCounts.NumberOf(o.ClientOrderId)).DefaultIfEmpty().Max(),
            LastTradeNumber: fills.Select(f => RecoveredCounts.NumberOf(f.TradeId)).DefaultIfEmpty().Max(),
            LastSignalId: signals.Select(s => s.Last).DefaultIfEmpty().Max());

        var state = run.StrategyState is { } json
            ? new StrategyState(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
            : new StrategyState();
        return new RunRecovery(
            [.. fills.Select(Fill)],
            [.. statuses.Where(o => !o.Status.IsTerminal()).Select(o => Order(o.Row, o.Status))],
            counts,
            state);
    }

    private static RecoveredFill Fill(FillEntity f) =>
        new(new ClientOrderId(f.ClientOrderId), Instrument(f.Symbol), Parse<Side>(f.Side, "side"), f.Price, f.Quantity, f.Commission);

    private static RecoveredOrder Order(OrderEntity o, OrderStatus status)
    {
        try
        {
            var request = new OrderRequest(
                Instrument(o.Symbol),
                Parse<Side>(o.Side, "side"),
                Parse<OrderType>(o.OrderType, "order type"),
                new Quantity(o.Quantity),
                o.LimitPrice is { } limit ? new Price(limit) : null,
                Parse<TimeInForce>(o.TimeInForce, "time in force"),
                o.Tag,
                o.TriggerPrice is { } trigger ? new Price(trigger) : null,
                o.TrailingOffset,
                o.TrailingOffsetType is { } offsetType ? Parse<TrailingOffsetType>(offsetType, "trailing offset type") : TrailingOffsetType.Price,
                o.ExpireTime,
                o.PostOnly,
                o.ReduceOnly);
            return new RecoveredOrder(new ClientOrderId(o.ClientOrderId), request, status, o.FilledQuantity, o.CreatedAt);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Stored order {o.ClientOrderId} of run {o.RunId}: {e.Message}", e);
        }
    }

    private static InstrumentId Instrument(string symbol) =>
        InstrumentId.TryParse(symbol, out var id) ? id : throw new FormatException($"'{symbol}' is not an instrument id.");

    /// <summary>Reads a stored snake_case enum value (<c>partially_filled</c> → PartiallyFilled).</summary>
    private static T Parse<T>(string text, string what)
        where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{text}' is not a stored {what}.");
}
