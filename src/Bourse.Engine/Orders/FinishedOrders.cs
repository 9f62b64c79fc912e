using Bourse.Engine.Storage;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>
/// The finished orders of a run, kept compact for the later commands and look-ups that name them (a cancel or modify
/// of a filled order is refused with the same reason as before it finished; a ticket reads its status and rejection
/// reason): per order, what those answers read (instrument, side, type, status, trigger state, filled quantity), not the
/// <see cref="Order"/> with its request. Numbered ids (every order the engine creates) index a <see cref="BlockArray{T}"/>
/// of 24-byte slots without references, so a run of millions of orders adds a few arrays the garbage collector never
/// scans or moves, rather than millions of objects; any other id (or a number far beyond those so far) goes to a
/// dictionary, and rejection reasons to another.
/// </summary>
internal sealed class FinishedOrders
{
    private readonly BlockArray<Slot> _numbered = new();
    private readonly Dictionary<ClientOrderId, Slot> _others = [];
    private readonly Dictionary<ClientOrderId, string> _rejections = [];
    private readonly InstrumentIndex _instruments = new();

    /// <summary>Remembers a finished order.</summary>
    /// <exception cref="InvalidOperationException">The order is still open (an engine bug).</exception>
    public void Add(Order order)
    {
        if (order.IsOpen)
        {
            throw new InvalidOperationException($"Order {order.Id} is {order.Status}: only finished orders are archived.");
        }

        var slot = new Slot(order.FilledQuantity, _instruments.IndexOf(order.Instrument), (byte)order.Side, (byte)order.Type, (byte)order.Status, order.IsTriggered);
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
    public Order? Find(ClientOrderId id) =>
        TryGet(id, out var slot)
            ? Order.Finished(id, _instruments[slot.Instrument], (Side)slot.Side, (OrderType)slot.Type, (OrderStatus)slot.Status, slot.IsTriggered, slot.FilledQuantity, _rejections.GetValueOrDefault(id))
            : null;

    private bool TryGet(ClientOrderId id, out Slot slot)
    {
        var number = id.Number;
        slot = number > 0 ? _numbered.Read(number - 1) : default;
        return slot.IsUsed || _others.TryGetValue(id, out slot);
    }

    /// <summary>One finished order; <see cref="IsUsed"/> is false in an empty slot.</summary>
    private readonly record struct Slot(decimal FilledQuantity, ushort Instrument, byte Side, byte Type, byte Status, bool IsTriggered)
    {
        public bool IsUsed { get; } = true;
    }
}
