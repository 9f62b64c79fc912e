using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Runs.Recovery;

/// <summary>What kind of difference reconciliation found.</summary>
public enum DifferenceKind
{
    /// <summary>The database has the order open; the venue does not hold it. The run cancels it locally.</summary>
    MissingAtVenue,

    /// <summary>The venue holds an order open that the database does not have open.</summary>
    UnknownToDatabase,

    /// <summary>Both hold the order with a different quantity or filled quantity.</summary>
    OrderMismatch,

    /// <summary>The venue's position differs from the sum of the persisted fills.</summary>
    PositionMismatch,
}

/// <summary>One difference between the database and the venue.</summary>
/// <param name="Kind">What differs.</param>
/// <param name="OrderId">The order concerned, when it is about an order.</param>
/// <param name="Instrument">The instrument concerned.</param>
/// <param name="Message">A sentence for the execution log, naming both sides' values.</param>
public sealed record ReconciliationDifference(DifferenceKind Kind, ClientOrderId? OrderId, InstrumentId Instrument, string Message);

/// <summary>Compares what the database says about a run with what its venue reports.</summary>
public static class Reconciliation
{
    /// <summary>
    /// The differences between the database's open orders and positions (<paramref name="expectedOrders"/>; positions =
    /// Σ signed fill quantities per instrument of <paramref name="fills"/>) and <paramref name="venue"/>'s: orders open on
    /// one side only, orders whose quantity or filled quantity differ, and positions that differ. Orders first (in the
    /// database's order, then the venue's), then positions by instrument id.
    /// </summary>
    public static IReadOnlyList<ReconciliationDifference> Compare(IReadOnlyList<RecoveredOrder> expectedOrders, IReadOnlyList<RecoveredFill> fills, VenueSnapshot venue)
    {
        ArgumentNullException.ThrowIfNull(expectedOrders);
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(venue);
        var differences = new List<ReconciliationDifference>();
        var atVenue = venue.OpenOrders.ToDictionary(o => o.Id);
        var expectedIds = new HashSet<ClientOrderId>();
        foreach (var order in expectedOrders)
        {
            expectedIds.Add(order.Id);
            if (!atVenue.TryGetValue(order.Id, out var held))
            {
                differences.Add(new(DifferenceKind.MissingAtVenue, order.Id, order.Request.Instrument,
                    $"order {order.Id} ({order.Status}, {Invariant.Num(order.FilledQuantity)} of {Invariant.Num(order.Request.Quantity.Value)} filled) is open in the database but not at the venue"));
            }
            else if (held.Quantity != order.Request.Quantity.Value || held.FilledQuantity != order.FilledQuantity)
            {
                differences.Add(new(DifferenceKind.OrderMismatch, order.Id, order.Request.Instrument,
                    $"order {order.Id}: the database has {Invariant.Num(order.FilledQuantity)} of {Invariant.Num(order.Request.Quantity.Value)} filled, the venue {Invariant.Num(held.FilledQuantity)} of {Invariant.Num(held.Quantity)}"));
            }
        }

        foreach (var held in venue.OpenOrders.Where(o => !expectedIds.Contains(o.Id)))
        {
            differences.Add(new(DifferenceKind.UnknownToDatabase, held.Id, held.Instrument,
                $"order {held.Id} ({held.Status}, {Invariant.Num(held.FilledQuantity)} of {Invariant.Num(held.Quantity)} filled) is open at the venue but not in the database"));
        }

        var expected = new Dictionary<InstrumentId, decimal>();
        foreach (var fill in fills)
        {
            expected[fill.Instrument] = expected.GetValueOrDefault(fill.Instrument) + (fill.Side.Sign() * fill.Quantity);
        }

        var reported = venue.Positions.ToDictionary(p => p.Instrument, p => p.NetQuantity);
        foreach (var instrument in expected.Keys.Union(reported.Keys).OrderBy(i => i.ToString(), StringComparer.Ordinal))
        {
            var db = expected.GetValueOrDefault(instrument);
            var at = reported.GetValueOrDefault(instrument);
            if (db != at)
            {
                differences.Add(new(DifferenceKind.PositionMismatch, null, instrument,
                    $"position in {instrument}: the persisted fills sum to {Invariant.Num(db)}, the venue holds {Invariant.Num(at)}"));
            }
        }

        return differences;
    }
}
