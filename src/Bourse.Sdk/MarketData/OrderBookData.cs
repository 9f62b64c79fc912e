using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.MarketData;

/// <summary>One aggregated price level of an order book (L2): all resting size at one price.</summary>
/// <param name="Price">Level price, quote currency.</param>
/// <param name="Size">Total resting size at the price, base units (zero in a delta means "remove the level").</param>
public readonly record struct BookLevel(Price Price, Quantity Size);

/// <summary>A change to one L2 price level: the new total size at a price on one side.</summary>
/// <param name="Side">Bid (buy) or ask (sell) side of the book.</param>
/// <param name="Price">Level price, quote currency.</param>
/// <param name="Size">The new total size at the price, base units; zero removes the level.</param>
public readonly record struct BookLevelChange(Side Side, Price Price, Quantity Size);

/// <summary>
/// One venue message of L2 (market-by-price) order book data: either an <see cref="OrderBookSnapshot"/> that replaces
/// the whole book or an <see cref="OrderBookDeltas"/> that changes some levels.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Venue time of the message, UTC.</param>
/// <param name="Sequence">The venue's update id or sequence number (0 when the source has none); increases with time.</param>
public abstract record OrderBookMessage(InstrumentId Instrument, DateTime Timestamp, long Sequence);

/// <summary>The whole visible book at an instant (the levels the venue sent; levels outside them are unknown).</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Venue time, UTC.</param>
/// <param name="Sequence">Venue update id (0 when none).</param>
/// <param name="Bids">Bid levels, best (highest) first.</param>
/// <param name="Asks">Ask levels, best (lowest) first.</param>
public sealed record OrderBookSnapshot(InstrumentId Instrument, DateTime Timestamp, long Sequence, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks)
    : OrderBookMessage(Instrument, Timestamp, Sequence);

/// <summary>Level changes applied together (one venue diff message), in the venue's order.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Venue time, UTC.</param>
/// <param name="Sequence">Venue update id (0 when none).</param>
/// <param name="Changes">The level changes; a size of zero removes the level.</param>
public sealed record OrderBookDeltas(InstrumentId Instrument, DateTime Timestamp, long Sequence, IReadOnlyList<BookLevelChange> Changes)
    : OrderBookMessage(Instrument, Timestamp, Sequence);
