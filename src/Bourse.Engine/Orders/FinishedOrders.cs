using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>
/// The finished orders of a run, kept compact for the later commands and look-ups that name them (a cancel or modify
/// of a filled order is refused with the same reason as before it finished; a ticket reads its status): per order, the
/// terms those answers read (instrument, side, type, status, trigger state, quantities, rejection reason), not the
/// <see cref="Order"/> with its request. Numbered ids (every order the engine creates) index blocks of
/// <see cref="BlockSize"/> slots, so a run of millions of orders keeps a few large arrays rather than millions of objects
/// the garbage collector would carry from generation to generation; any other id goes to a dictionary.
/// </summary>
internal sealed class FinishedOrders
{
    private const int BlockShift = 10;
    private const int BlockSize = 1 << BlockShift;

    private readonly List<Slot[]> _blocks = [];
    private readonly Dictionary<ClientOrderId, Slot> _others = [];

    /// <summary>Remembers a finished order.</summary>
    /// <exception cref="InvalidOperationException">The order is still open (an engine bug).</exception>
    public void Add(Order order)
    {
        if (order.IsOpen)
        {
            throw new InvalidOperationException($"Order {order.Id} is {order.Status}: only finished orders are archived.");
        }

        var slot = new Slot(order.Instrument, order.Side, order.Type, order.Status, order.IsTriggered, order.Quantity, order.FilledQuantity, order.CreatedAt, order.RejectionReason);
        var number = order.Id.Number;
        if (number <= 0)
        {
            _others[order.Id] = slot;
            return;
        }

        var block = (int)((number - 1) >> BlockShift);
        while (_blocks.Count <= block)
        {
            _blocks.Add(new Slot[BlockSize]);
        }

        _blocks[block][(number - 1) & (BlockSize - 1)] = slot;
    }

    /// <summary>True when <paramref name="id"/> names a finished order of the run.</summary>
    public bool Contains(ClientOrderId id) => Find(id) is not null;

    /// <summary>The finished order named <paramref name="id"/> rebuilt with its final status and terms (no request), or null.</summary>
    public Order? Find(ClientOrderId id)
    {
        Slot slot;
        var number = id.Number;
        if (number <= 0)
        {
            if (!_others.TryGetValue(id, out slot))
            {
                return null;
            }
        }
        else
        {
            var block = (number - 1) >> BlockShift;
            if (block >= _blocks.Count)
            {
                return null;
            }

            slot = _blocks[(int)block][(number - 1) & (BlockSize - 1)];
            if (slot.Instrument.Symbol is null)
            {
                return null;
            }
        }

        return Order.Finished(id, slot.Instrument, slot.Side, slot.Type, slot.CreatedAt, slot.Status, slot.IsTriggered, slot.Quantity, slot.FilledQuantity, slot.RejectionReason);
    }

    private readonly record struct Slot(
        InstrumentId Instrument,
        Side Side,
        OrderType Type,
        OrderStatus Status,
        bool IsTriggered,
        decimal Quantity,
        decimal FilledQuantity,
        DateTime CreatedAt,
        string? RejectionReason);
}
