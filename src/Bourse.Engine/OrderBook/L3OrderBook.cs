using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// A price-time-priority limit order book of individual orders (L3, market-by-order).
/// <list type="bullet">
/// <item><see cref="Place"/> matches an incoming limit order against the other side, best price first and oldest order
/// first within a price, and rests what is left at the back of its level; <see cref="Take"/> matches without resting
/// (market or immediate-or-cancel).</item>
/// <item><see cref="Modify"/>: a size decrease at the same price keeps the order's place in the queue; a price change
/// or a size increase cancels and places it again (back of the queue, and it may match).</item>
/// <item>Cost: order lookup by id O(1) (hash map), level lookup O(1) (hash map), a new level O(log n) plus a short move
/// (see <see cref="BookSide"/>). Order nodes and level records are pooled and the fills buffer is reused, so place, cancel,
/// modify and match allocate nothing once the book has reached its size.</item>
/// </list>
/// The fills returned by <see cref="Place"/>, <see cref="Take"/> and <see cref="Modify"/> are a view of that reused
/// buffer: read them before the next call.
/// </summary>
public sealed class L3OrderBook : PriceLevelBook
{
    private readonly Dictionary<long, int> _nodeById;
    private readonly Pool<OrderNode> _nodes;
    private BookFill[] _fills = new BookFill[16];
    private int _fillCount;

    /// <summary>Creates an empty book.</summary>
    /// <param name="tickSize">Smallest price increment, quote currency.</param>
    /// <param name="orderCapacity">Resting orders to allocate up front (the book grows beyond it when needed).</param>
    /// <param name="levelCapacity">Levels per side to allocate up front.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tick size is zero or negative.</exception>
    public L3OrderBook(decimal tickSize, int orderCapacity = 1024, int levelCapacity = 1024)
        : base(tickSize, levelCapacity)
    {
        orderCapacity = Math.Max(orderCapacity, 16);
        _nodes = new Pool<OrderNode>(orderCapacity);
        _nodeById = new Dictionary<long, int>(orderCapacity);
    }

    /// <summary>Number of resting orders.</summary>
    public int OrderCount => _nodeById.Count;

    /// <summary>
    /// Places a limit order: matches it against resting orders of the other side priced at or better than
    /// <paramref name="price"/>, then rests the remainder (if any) under <paramref name="orderId"/>.
    /// </summary>
    /// <param name="orderId">Id of the new order; must not be resting already.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="price">Limit price, quote currency, on the tick grid.</param>
    /// <param name="size">Size, base units, positive.</param>
    /// <returns>The matches, in execution order (valid until the next call on the book).</returns>
    /// <exception cref="ArgumentException">The id is already resting, or the price is off the tick grid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public ReadOnlySpan<BookFill> Place(long orderId, Side side, decimal price, decimal size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (_nodeById.ContainsKey(orderId))
        {
            throw new ArgumentException($"Order {orderId} is already in the book.", nameof(orderId));
        }

        var tick = Grid.ToTicks(price);
        _fillCount = 0;
        var left = Match(side, size, tick, limited: true);
        if (left > 0m)
        {
            Rest(orderId, side, tick, left);
        }

        return new ReadOnlySpan<BookFill>(_fills, 0, _fillCount);
    }

    /// <summary>
    /// Matches an order that never rests (market, or immediate-or-cancel with <paramref name="limitPrice"/>): walks the
    /// other side's levels until the size is filled, the book runs out, or the next level is worse than the limit.
    /// </summary>
    /// <param name="side">Buy (takes asks) or sell (takes bids).</param>
    /// <param name="size">Size, base units, positive.</param>
    /// <param name="limitPrice">Worst acceptable price, quote currency; null for a market order.</param>
    /// <returns>The matches (valid until the next call on the book); their sizes sum to at most <paramref name="size"/>.</returns>
    /// <exception cref="ArgumentException">The limit price is off the tick grid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public ReadOnlySpan<BookFill> Take(Side side, decimal size, decimal? limitPrice = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var tick = limitPrice is { } limit ? Grid.ToTicks(limit) : 0L;
        _fillCount = 0;
        Match(side, size, tick, limited: limitPrice.HasValue);
        return new ReadOnlySpan<BookFill>(_fills, 0, _fillCount);
    }

    /// <summary>Removes a resting order.</summary>
    /// <returns>False when no order with that id rests in the book.</returns>
    public bool Cancel(long orderId)
    {
        if (!_nodeById.Remove(orderId, out var node))
        {
            return false;
        }

        Unlink(node);
        return true;
    }

    /// <summary>
    /// Changes a resting order's price and size. The same price with a smaller size keeps its queue position; anything
    /// else (new price, or a larger size) loses it: the order is placed again under the same id and may match.
    /// </summary>
    /// <param name="orderId">The resting order.</param>
    /// <param name="price">New limit price, quote currency, on the tick grid.</param>
    /// <param name="size">New remaining size, base units, positive.</param>
    /// <returns>The matches of a re-placed order (empty otherwise), valid until the next call on the book.</returns>
    /// <exception cref="KeyNotFoundException">No order with that id rests in the book.</exception>
    /// <exception cref="ArgumentException">The price is off the tick grid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public ReadOnlySpan<BookFill> Modify(long orderId, decimal price, decimal size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (!_nodeById.TryGetValue(orderId, out var node))
        {
            throw new KeyNotFoundException($"Order {orderId} is not in the book.");
        }

        var tick = Grid.ToTicks(price);
        ref var order = ref _nodes[node];
        if (tick == order.Tick && size <= order.Size)
        {
            var side = SideOf(order.Side);
            side.Level(order.Level).Size -= order.Size - size;
            order.Size = size;
            _fillCount = 0;
            return default;
        }

        var orderSide = order.Side;
        _nodeById.Remove(orderId);
        Unlink(node);
        return Place(orderId, orderSide, price, size);
    }

    /// <summary>The resting order with <paramref name="orderId"/>, if any.</summary>
    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        if (_nodeById.TryGetValue(orderId, out var node))
        {
            order = ToResting(node);
            return true;
        }

        order = default;
        return false;
    }

    /// <summary>The orders resting at <paramref name="price"/> on <paramref name="side"/>, in time priority (first = next to fill).</summary>
    /// <remarks>For inspection and tests: it copies the level into a new list.</remarks>
    /// <exception cref="ArgumentException">The price is off the tick grid.</exception>
    public IReadOnlyList<RestingOrder> OrdersAt(Side side, decimal price)
    {
        var orders = new List<RestingOrder>();
        var book = SideOf(side);
        if (book.TryGetSlot(Grid.ToTicks(price), out var slot))
        {
            for (var node = book.Level(slot).Head; node >= 0; node = _nodes[node].Next)
            {
                orders.Add(ToResting(node));
            }
        }

        return orders;
    }

    /// <summary>
    /// Applies one L3 venue change: add places the order (it rests; venue adds do not cross), update modifies it
    /// (priority as in <see cref="Modify"/>), delete cancels it (an unknown id is ignored: it left before the replay began).
    /// </summary>
    /// <exception cref="KeyNotFoundException">An update names an order that is not in the book.</exception>
    /// <exception cref="ArgumentException">A price is off the tick grid or an add reuses a resting id.</exception>
    public void Apply(OrderBookOrderDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        switch (delta.Action)
        {
            case BookAction.Add:
                Place(delta.OrderId, delta.Side, delta.Price, delta.Size);
                break;
            case BookAction.Update:
                Modify(delta.OrderId, delta.Price, delta.Size);
                break;
            case BookAction.Delete:
                Cancel(delta.OrderId);
                break;
            default:
                throw new ArgumentException($"Unknown book action {delta.Action}.", nameof(delta));
        }
    }

    private decimal Match(Side side, decimal size, long limitTick, bool limited)
    {
        var other = SideOf(side.Opposite());
        var incoming = SideOf(side);
        while (size > 0m && !other.IsEmpty)
        {
            var levelSlot = other.BestSlot;
            ref var level = ref other.Level(levelSlot);
            if (limited && !incoming.Crosses(limitTick, level.Tick))
            {
                break;
            }

            var price = Grid.ToPrice(level.Tick);
            while (size > 0m && level.Head >= 0)
            {
                var node = level.Head;
                ref var maker = ref _nodes[node];
                var matched = Math.Min(size, maker.Size);
                size -= matched;
                maker.Size -= matched;
                level.Size -= matched;
                AddFill(new BookFill(maker.Id, price, matched, maker.Size));
                if (maker.Size == 0m)
                {
                    _nodeById.Remove(maker.Id);
                    Unlink(node);
                    if (_nodes[node].Level < 0)
                    {
                        break;
                    }
                }
            }
        }

        return size;
    }

    private void Rest(long orderId, Side side, long tick, decimal size)
    {
        var book = SideOf(side);
        var levelSlot = book.GetOrAddLevel(tick);
        ref var level = ref book.Level(levelSlot);
        var node = _nodes.Rent();
        _nodes[node] = new OrderNode { Id = orderId, Side = side, Tick = tick, Size = size, Level = levelSlot, Prev = level.Tail, Next = -1 };
        if (level.Tail >= 0)
        {
            _nodes[level.Tail].Next = node;
        }
        else
        {
            level.Head = node;
        }

        level.Tail = node;
        level.Size += size;
        level.OrderCount++;
        _nodeById.Add(orderId, node);
    }

    /// <summary>Takes a node out of its level (removing the level when it empties) and returns it to the pool (its record stays readable until reused); sets its Level to -1 when the level went away.</summary>
    private void Unlink(int node)
    {
        ref var order = ref _nodes[node];
        var book = SideOf(order.Side);
        ref var level = ref book.Level(order.Level);
        if (order.Prev >= 0)
        {
            _nodes[order.Prev].Next = order.Next;
        }
        else
        {
            level.Head = order.Next;
        }

        if (order.Next >= 0)
        {
            _nodes[order.Next].Prev = order.Prev;
        }
        else
        {
            level.Tail = order.Prev;
        }

        level.Size -= order.Size;
        level.OrderCount--;
        if (level.OrderCount == 0)
        {
            book.RemoveLevel(order.Level);
            order.Level = -1;
        }

        _nodes.Return(node);
    }

    private void AddFill(BookFill fill)
    {
        if (_fillCount == _fills.Length)
        {
            Array.Resize(ref _fills, _fills.Length * 2);
        }

        _fills[_fillCount++] = fill;
    }

    private RestingOrder ToResting(int node)
    {
        ref var order = ref _nodes[node];
        return new RestingOrder(order.Id, order.Side, Grid.ToPrice(order.Tick), order.Size);
    }

    private struct OrderNode
    {
        public long Id;
        public long Tick;
        public decimal Size;
        public int Level;
        public int Prev;
        public int Next;
        public Side Side;
    }
}
