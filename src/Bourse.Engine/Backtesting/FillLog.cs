using System.Collections;
using Bourse.Engine.Storage;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Backtesting;

/// <summary>
/// The fills of a backtest report, in order: each <see cref="OrderFilled"/> is kept as its values in a
/// <see cref="BlockArray{T}"/> of 112-byte slots without references (ids by number, instrument and currency by index), and
/// rebuilt when read, so a backtest of hundreds of thousands of fills holds a few arrays the garbage collector never scans
/// or moves, rather than as many objects. Reading an item builds a new <see cref="OrderFilled"/> equal (by value) to the
/// one the run published.
/// </summary>
internal sealed class FillLog : IReadOnlyList<OrderFilled>
{
    private readonly BlockArray<Slot> _slots = new();
    private readonly InstrumentIndex _instruments = new();
    private readonly List<string> _currencies = [];
    private readonly List<ClientOrderId> _otherOrderIds = [];
    private readonly List<TradeId> _otherTradeIds = [];

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
            var f = _slots.Read(index);
            return new OrderFilled(
                f.Order > 0 ? ClientOrderId.Numbered(f.Order) : _otherOrderIds[(int)-f.Order],
                _instruments[f.Instrument],
                f.Timestamp,
                f.Trade > 0 ? TradeId.Numbered(f.Trade) : _otherTradeIds[(int)-f.Trade],
                (Side)f.Side,
                new Price(f.FillPrice),
                new Quantity(f.FillQuantity),
                new Money(f.Commission, _currencies[f.Currency]),
                new Quantity(f.LeavesQuantity),
                f.IsMaker,
                new Quantity(f.CumulativeQuantity));
        }
    }

    /// <summary>Appends a fill.</summary>
    public void Add(OrderFilled fill)
    {
        _slots.At(Count) = new Slot(
            NumberOrIndex(fill.OrderId.Number, fill.OrderId, _otherOrderIds),
            NumberOrIndex(fill.TradeId.Number, fill.TradeId, _otherTradeIds),
            fill.Timestamp,
            fill.FillPrice.Value,
            fill.FillQuantity.Value,
            fill.Commission.Amount,
            fill.LeavesQuantity.Value,
            fill.CumulativeQuantity.Value,
            _instruments.IndexOf(fill.Instrument),
            CurrencyIndex(fill.Commission.Currency),
            (byte)fill.Side,
            fill.IsMaker);
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

    /// <summary>A numbered id's number, or minus its index among the other ids (0 is the first other id).</summary>
    private static long NumberOrIndex<TId>(long number, TId id, List<TId> others)
    {
        if (number > 0)
        {
            return number;
        }

        others.Add(id);
        return 1 - others.Count;
    }

    private byte CurrencyIndex(string currency)
    {
        var i = _currencies.IndexOf(currency);
        if (i < 0)
        {
            i = _currencies.Count;
            _currencies.Add(currency);
        }

        return checked((byte)i);
    }

    private readonly record struct Slot(
        long Order,
        long Trade,
        DateTime Timestamp,
        decimal FillPrice,
        decimal FillQuantity,
        decimal Commission,
        decimal LeavesQuantity,
        decimal CumulativeQuantity,
        ushort Instrument,
        byte Currency,
        byte Side,
        bool IsMaker);
}
