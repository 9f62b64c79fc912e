using System.Collections;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Backtesting;

/// <summary>
/// The fills of a backtest report, in order: each <see cref="OrderFilled"/> is kept as its values in blocks of
/// <see cref="BlockSize"/> slots and rebuilt when read, so a backtest of hundreds of thousands of fills holds a few large
/// arrays rather than as many objects for the garbage collector to carry through its generations. Reading an item
/// builds a new <see cref="OrderFilled"/> equal (by value) to the one the run published.
/// </summary>
internal sealed class FillLog : IReadOnlyList<OrderFilled>
{
    private const int BlockShift = 10;
    private const int BlockSize = 1 << BlockShift;

    private readonly List<Slot[]> _blocks = [];

    /// <summary>The number of fills.</summary>
    public int Count { get; private set; }

    /// <summary>The fill at <paramref name="index"/> (0 = the first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below <see cref="Count"/>.</exception>
    public OrderFilled this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            ref readonly var f = ref _blocks[index >> BlockShift][index & (BlockSize - 1)];
            return new OrderFilled(f.OrderId, f.Instrument, f.Timestamp, f.TradeId, f.Side, f.FillPrice, f.FillQuantity, f.Commission, f.LeavesQuantity, f.IsMaker, f.CumulativeQuantity);
        }
    }

    /// <summary>Appends a fill.</summary>
    public void Add(OrderFilled fill)
    {
        var slot = Count & (BlockSize - 1);
        if (slot == 0)
        {
            _blocks.Add(new Slot[BlockSize]);
        }

        _blocks[^1][slot] = new Slot(fill.OrderId, fill.Instrument, fill.Timestamp, fill.TradeId, fill.Side, fill.FillPrice, fill.FillQuantity, fill.Commission, fill.LeavesQuantity, fill.IsMaker, fill.CumulativeQuantity);
        Count++;
    }

    /// <inheritdoc />
    public IEnumerator<OrderFilled> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private readonly record struct Slot(
        ClientOrderId OrderId,
        InstrumentId Instrument,
        DateTime Timestamp,
        TradeId TradeId,
        Side Side,
        Price FillPrice,
        Quantity FillQuantity,
        Money Commission,
        Quantity LeavesQuantity,
        bool IsMaker,
        Quantity CumulativeQuantity);
}
