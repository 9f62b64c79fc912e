using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// One side (bids or asks) of an order book: its price levels sorted best first.
/// <para>Layout: the levels' sort keys (the tick index for bids, its negation for asks, so the best level always has
/// the largest key) sit in an ascending array with the best level at the end, so the busy top of the book is changed
/// by short moves at the array's end. A hash map gives the level of a tick in O(1); inserting a new level is a binary
/// search (O(log n)) plus a move of the levels better than it. Level records are pooled: adding and removing levels
/// allocates nothing once the pools have grown to the book's size.</para>
/// </summary>
public sealed class BookSide
{
    private readonly PriceGrid _grid;
    private readonly Dictionary<long, int> _slotByTick;
    private long[] _keys;
    private int[] _slots;
    private readonly Pool<PriceLevel> _levels;
    private int _count;

    internal BookSide(Side side, PriceGrid grid, int levelCapacity)
    {
        Side = side;
        _grid = grid;
        levelCapacity = Math.Max(levelCapacity, 16);
        _slotByTick = new Dictionary<long, int>(levelCapacity);
        _keys = new long[levelCapacity];
        _slots = new int[levelCapacity];
        _levels = new Pool<PriceLevel>(levelCapacity);
    }

    /// <summary>Buy for the bid side, sell for the ask side.</summary>
    public Side Side { get; }

    /// <summary>Number of price levels with resting size.</summary>
    public int LevelCount => _count;

    /// <summary>True when the side has no level.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The best price (highest bid or lowest ask), quote currency, or null when the side is empty.</summary>
    public decimal? BestPrice => _count == 0 ? null : _grid.ToPrice(BestTick);

    /// <summary>The level at <paramref name="rank"/> (0 = best).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rank is negative or not below <see cref="LevelCount"/>.</exception>
    public BookLevel this[int rank]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rank);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, _count);
            ref var level = ref _levels[_slots[_count - 1 - rank]];
            return new BookLevel(_grid.ToPrice(level.Tick), level.Size);
        }
    }

    /// <summary>The total resting size at <paramref name="price"/>, base units (0 when there is no level).</summary>
    /// <exception cref="ArgumentException">The price is not on the book's tick grid.</exception>
    public decimal SizeAt(decimal price) =>
        _slotByTick.TryGetValue(_grid.ToTicks(price), out var slot) ? _levels[slot].Size : 0m;

    /// <summary>The total size of the best <paramref name="levels"/> levels (all when fewer), base units.</summary>
    public decimal Depth(int levels)
    {
        var total = 0m;
        for (var rank = 0; rank < levels && rank < _count; rank++)
        {
            total += _levels[_slots[_count - 1 - rank]].Size;
        }

        return total;
    }

    /// <summary>Copies the best levels, best first, into <paramref name="destination"/>; returns how many were copied.</summary>
    public int CopyLevels(Span<BookLevel> destination)
    {
        var copied = Math.Min(destination.Length, _count);
        for (var rank = 0; rank < copied; rank++)
        {
            destination[rank] = this[rank];
        }

        return copied;
    }

    internal long BestTick => Side == Side.Buy ? _keys[_count - 1] : -_keys[_count - 1];

    internal int BestSlot => _slots[_count - 1];

    internal ref PriceLevel Level(int slot) => ref _levels[slot];

    /// <summary>True when a level at <paramref name="tick"/> would trade with an order of the other side at <paramref name="otherTick"/>.</summary>
    internal bool Crosses(long tick, long otherTick) => Side == Side.Buy ? tick >= otherTick : tick <= otherTick;

    internal bool TryGetSlot(long tick, out int slot) => _slotByTick.TryGetValue(tick, out slot);

    internal int GetOrAddLevel(long tick)
    {
        if (_slotByTick.TryGetValue(tick, out var existing))
        {
            return existing;
        }

        var slot = _levels.Rent();
        _levels[slot] = new PriceLevel(tick);
        _slotByTick.Add(tick, slot);
        var key = KeyOf(tick);
        var position = ~Array.BinarySearch(_keys, 0, _count, key);
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _slots, _count * 2);
        }

        Array.Copy(_keys, position, _keys, position + 1, _count - position);
        Array.Copy(_slots, position, _slots, position + 1, _count - position);
        _keys[position] = key;
        _slots[position] = slot;
        _count++;
        return slot;
    }

    internal void RemoveLevel(int slot)
    {
        var tick = _levels[slot].Tick;
        var position = _count > 0 && _slots[_count - 1] == slot ? _count - 1 : Array.BinarySearch(_keys, 0, _count, KeyOf(tick));
        Array.Copy(_keys, position + 1, _keys, position, _count - position - 1);
        Array.Copy(_slots, position + 1, _slots, position, _count - position - 1);
        _count--;
        _slotByTick.Remove(tick);
        _levels.Return(slot);
    }

    internal void Clear()
    {
        while (_count > 0)
        {
            RemoveLevel(_slots[_count - 1]);
        }
    }

    private long KeyOf(long tick) => Side == Side.Buy ? tick : -tick;
}

/// <summary>A pooled price level: its tick, total size and (in an L3 book) the FIFO queue of its orders.</summary>
internal struct PriceLevel(long tick)
{
    public long Tick = tick;
    public decimal Size;
    public int OrderCount;

    /// <summary>First order node in time priority (-1 when none).</summary>
    public int Head = -1;

    /// <summary>Last order node in time priority (-1 when none).</summary>
    public int Tail = -1;
}
