using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Server.Trading;

/// <summary>Reads an account's stored order rows (table <c>orders</c>) as <see cref="BrokerOrder"/>s, resolving each exit's entry.</summary>
public static class BrokerOrderRows
{
    /// <summary>
    /// The orders of <paramref name="rows"/> (all of one account, any order). An exit whose tag names its entry by the
    /// placeholder gets the nearest earlier order without a parent (the orders of a list are created one after another).
    /// </summary>
    public static List<BrokerOrder> Read(Guid accountId, IEnumerable<OrderEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<BrokerOrder>();
        string? lastEntry = null;
        foreach (var row in rows.OrderBy(r => RecoveredCounts.NumberOf(r.ClientOrderId)))
        {
            var tag = OrderTag.Decode(row.Tag, row.ClientOrderId);
            var parent = tag.Parent == BrokerOrderPlan.ParentPlaceholder ? lastEntry : tag.Parent;
            if (tag.Parent is null)
            {
                lastEntry = row.ClientOrderId;
            }

            result.Add(Read(accountId, row, tag, parent));
        }

        return result;
    }

    private static BrokerOrder Read(Guid accountId, OrderEntity row, OrderTag tag, string? parent) => new(
        BrokerOrderIds.For(accountId, row.ClientOrderId),
        row.ClientOrderId,
        tag.ClientOrderId,
        InstrumentId.Parse(row.Symbol),
        Parse(row.Side, Side.Buy),
        Parse(row.OrderType, OrderType.Market),
        Parse(row.TimeInForce, TimeInForce.Gtc),
        row.Quantity,
        row.FilledQuantity,
        row.AverageFillPrice,
        row.LimitPrice,
        row.TriggerPrice,
        row.TrailingOffset,
        row.TrailingOffsetType is { } type ? Parse(type, TrailingOffsetType.Price) : null,
        Parse(row.Status, OrderStatus.Submitted),
        row.Reason,
        tag.Class,
        parent,
        row.CreatedAt,
        row.UpdatedAt,
        tag.Label,
        []);

    /// <summary>A stored snake_case name (partially_filled) as its enum member; <paramref name="fallback"/> for an empty one (a row whose first event carried no terms).</summary>
    private static T Parse<T>(string text, T fallback) where T : struct, Enum =>
        string.IsNullOrEmpty(text) ? fallback : Enum.Parse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
