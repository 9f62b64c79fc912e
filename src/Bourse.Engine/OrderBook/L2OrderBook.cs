using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// An aggregated (L2, market-by-price) order book: the total size at each price, as venues publish it.
/// Replays <see cref="OrderBookSnapshot"/> and <see cref="OrderBookDeltas"/> messages with <see cref="Apply"/>.
/// <para>Crossing rule: a level set on one side at or through the best price of the other side removes the other
/// side's levels it crosses (they are stale: the venue would have traded them), so the book is never left crossed.</para>
/// </summary>
/// <param name="tickSize">Smallest price increment, quote currency.</param>
/// <param name="levelCapacity">Levels per side to allocate up front.</param>
public sealed class L2OrderBook(decimal tickSize, int levelCapacity = 1024) : PriceLevelBook(tickSize, levelCapacity)
{
    /// <summary>The sequence number of the last message applied (0 before any).</summary>
    public long LastSequence { get; private set; }

    /// <summary>The venue time of the last message applied, UTC (default before any).</summary>
    public DateTime LastUpdate { get; private set; }

    /// <summary>Sets the total size at <paramref name="price"/> on <paramref name="side"/>; a size of zero removes the level.</summary>
    /// <param name="side">Buy for a bid level, sell for an ask level.</param>
    /// <param name="price">Level price, quote currency, on the tick grid.</param>
    /// <param name="size">New total size, base units, not negative.</param>
    /// <exception cref="ArgumentException">The price is off the tick grid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public void Set(Side side, decimal price, decimal size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var tick = Grid.ToTicks(price);
        var book = SideOf(side);
        if (size == 0m)
        {
            if (book.TryGetSlot(tick, out var slot))
            {
                book.RemoveLevel(slot);
            }

            return;
        }

        var other = SideOf(side.Opposite());
        while (!other.IsEmpty && book.Crosses(tick, other.BestTick))
        {
            other.RemoveLevel(other.BestSlot);
        }

        book.Level(book.GetOrAddLevel(tick)).Size = size;
    }

    /// <summary>Removes every level of both sides.</summary>
    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
    }

    /// <summary>
    /// Applies one venue message: a snapshot replaces the whole book, deltas set (or with size 0 remove) levels in order.
    /// </summary>
    /// <exception cref="ArgumentException">A price is off the tick grid.</exception>
    public void Apply(OrderBookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case OrderBookSnapshot snapshot:
                Clear();
                foreach (var level in snapshot.Bids)
                {
                    Set(Side.Buy, level.Price, level.Size);
                }

                foreach (var level in snapshot.Asks)
                {
                    Set(Side.Sell, level.Price, level.Size);
                }

                break;
            case OrderBookDeltas deltas:
                foreach (var change in deltas.Changes)
                {
                    Set(change.Side, change.Price, change.Size);
                }

                break;
            default:
                throw new ArgumentException($"Unknown order book message {message.GetType().Name}.", nameof(message));
        }

        LastSequence = message.Sequence;
        LastUpdate = message.Timestamp;
    }
}
