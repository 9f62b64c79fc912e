using Bourse.Engine.Storage;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>
/// The finished orders of a run, kept compact for the later commands and look-ups that name them (a cancel or modify
/// of a filled order is refused with the same reason as before it finished; a ticket reads its status and rejection
/// reason): per order, what those answers read (instrument, side, type, status, trigger state, filled quantity), not the
/// <see cref="Order"/> with its request. Numbered ids (every order the engine creates) index a <see cref="BlockArray{T}"/>
/// of 16-byte slots without references, so a run of millions of orders adds a few arrays the garbage collector never
/// scans or moves, rather than millions of objects; any other id (or a number far beyond those so far) goes to a
/// dictionary, and rejection reasons and filled quantities wider than 64 bits (never in real data) to others.
/// </summary>
internal sealed class FinishedOrders
{
    private readonly BlockArray<Slot> _numbered = new();
    private readonly Dictionary<ClientOrderId, Slot> _others = [];
    private readonly Dictionary<ClientOrderId, string> _rejections = [];
    private readonly Dictionary<ClientOrderId, decimal> _wideQuantities = [];
    private readonly InstrumentIndex _instruments = new();

    /// <summary>Remembers a finished order.</summary>
    /// <exception cref="InvalidOperationException">The order is still open (an engine bug).</exception>
    public void Add(Order order)
    {
        if (order.IsOpen)
        {
            throw new InvalidOperationException($"Order {order.Id} is {order.Status}: only finished orders are archived.");
        }

        var filled = new DecimalBits(order.FilledQuantity);
        var slot = new Slot(filled, _instruments.IndexOf(order.Instrument), order.Side, order.Type, order.Status, order.IsTriggered);
        if (filled.High != 0)
        {
            _wideQuantities[order.Id] = order.FilledQuantity;
        }

        if (order.RejectionReason is { } reason)
        {
            _rejections[order.Id] = reason;
        }

        var number = order.Id.Number;
        if (number <= 0 || number > _numbered.Capacity + BlockArray<Slot>.BlockSize)
        {
            _others[order.Id] = slot; // not numbered, or far beyond the numbers so far: no run of empty blocks for it
            return;
        }

        _numbered.At(number - 1) = slot;
    }

    /// <summary>True when <paramref name="id"/> names a finished order of the run.</summary>
    public bool Contains(ClientOrderId id) => TryGet(id, out _);

    /// <summary>
    /// The finished order named <paramref name="id"/> rebuilt with its final status, trigger state and filled quantity
    /// (its quantity is the filled one; it has no request, limit or trigger price), or null.
    /// </summary>
    public Order? Find(ClientOrderId id)
    {
        if (!TryGet(id, out var slot))
        {
            return null;
        }

        var filled = slot.IsWide ? _wideQuantities[id] : slot.FilledQuantity;
        return Order.Finished(id, _instruments[slot.Instrument], slot.Side, slot.Type, slot.Status, slot.IsTriggered, filled, _rejections.GetValueOrDefault(id));
    }

    private bool TryGet(ClientOrderId id, out Slot slot)
    {
        var number = id.Number;
        slot = number > 0 ? _numbered.Read(number - 1) : default;
        return slot.IsUsed || _others.TryGetValue(id, out slot);
    }

    /// <summary>
    /// One finished order in 16 bytes: the filled quantity's low 64 mantissa bits with its sign and scale (bit for bit;
    /// a wider quantity is kept aside and flagged), the instrument's index, side, type, status and flags;
    /// <see cref="IsUsed"/> is false in an empty slot.
    /// </summary>
    private readonly struct Slot
    {
        private const byte Used = 1;
        private const byte Triggered = 2;
        private const byte Wide = 4;

        private readonly ulong _mantissa;
        private readonly int _quantityFlags; // the quantity's decimal flags (sign and scale; their low 16 bits are always zero) with the status in the low byte
        private readonly ushort _instrument;
        private readonly byte _orderBits; // side (bit 0), then type
        private readonly byte _flags;

        public Slot(DecimalBits filled, ushort instrument, Side side, OrderType type, OrderStatus status, bool isTriggered)
        {
            _mantissa = filled.Low;
            _quantityFlags = filled.Flags | (byte)status;
            _instrument = instrument;
            _orderBits = (byte)((int)side | ((int)type << 1));
            _flags = (byte)(Used | (isTriggered ? Triggered : 0) | (filled.High != 0 ? Wide : 0));
        }

        public bool IsUsed => (_flags & Used) != 0;

        public bool IsTriggered => (_flags & Triggered) != 0;

        public bool IsWide => (_flags & Wide) != 0;

        /// <summary>The filled quantity (of a quantity that is not <see cref="IsWide"/>).</summary>
        public decimal FilledQuantity => new DecimalBits(_mantissa, 0, _quantityFlags & ~0xFF).Value;

        public ushort Instrument => _instrument;

        public Side Side => (Side)(_orderBits & 1);

        public OrderType Type => (OrderType)(_orderBits >> 1);

        public OrderStatus Status => (OrderStatus)(byte)_quantityFlags;
    }
}
