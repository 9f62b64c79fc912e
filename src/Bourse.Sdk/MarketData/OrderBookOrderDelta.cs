using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.MarketData;

/// <summary>What an L3 (market-by-order) delta does to one resting order.</summary>
public enum BookAction
{
    /// <summary>A new order rests at the back of its price level.</summary>
    Add,

    /// <summary>The order's price or size changes (see <see cref="OrderBookOrderDelta"/> for the priority rule).</summary>
    Update,

    /// <summary>The order leaves the book (canceled or fully filled).</summary>
    Delete,
}

/// <summary>
/// One L3 (market-by-order) change: an individual order added, updated or deleted. An update that only decreases the
/// size keeps the order's place in its level's queue; a price change or a size increase sends it to the back.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Action">Add, update or delete.</param>
/// <param name="OrderId">The venue's order id, unique among resting orders.</param>
/// <param name="Side">Bid (buy) or ask (sell).</param>
/// <param name="Price">Order price, quote currency (ignored for deletes).</param>
/// <param name="Size">Remaining order size, base units (ignored for deletes).</param>
/// <param name="Timestamp">Venue time, UTC.</param>
public sealed record OrderBookOrderDelta(InstrumentId Instrument, BookAction Action, long OrderId, Side Side, Price Price, Quantity Size, DateTime Timestamp);
