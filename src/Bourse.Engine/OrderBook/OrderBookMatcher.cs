using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// Matches a run's simulated orders against a replayed L2 book without changing it, honestly:
/// <list type="bullet">
/// <item><b>Taking</b> (<see cref="TryTake"/>): a market or marketable order walks the other side's levels, best first,
/// up to its limit. Liquidity our fills consume is remembered per level until the venue updates that level (a delta for
/// it, or a snapshot), so two orders never fill from the same size.</item>
/// <item><b>Resting</b> (<see cref="TryFillResting"/>): a limit order gets an estimated queue position when first seen:
/// the size ahead of it is the level's visible size at its price (0 inside the spread). A trade at its price
/// (<see cref="OnTrade"/>) or a size decrease of its level (<see cref="Apply"/>) shortens the queue ahead; a decrease
/// already explained by trades seen since the level's last update is not counted twice. The order fills (as maker, at
/// its limit) only from trade volume beyond the queue ahead, from a trade through its price (in full), or when the other
/// side of the book reaches its price (up to that side's unconsumed size). A size decrease never fills it (it may be a
/// cancel behind it). A price change or a size increase puts it at the back of the queue again.</item>
/// </list>
/// Orders are told apart by their client order id; an order not looked at during one book event is forgotten.
/// Prices quote currency, sizes base units. One matcher serves one instrument's book.
/// </summary>
/// <param name="book">The instrument's book, updated only through <see cref="Apply"/>.</param>
public sealed class OrderBookMatcher(L2OrderBook book)
{
    private readonly Dictionary<decimal, decimal> _consumedBids = [];
    private readonly Dictionary<decimal, decimal> _consumedAsks = [];
    private readonly List<QueueEntry> _resting = [];
    private long _event;

    /// <summary>The book, as replayed so far.</summary>
    public L2OrderBook Book { get; } = book ?? throw new ArgumentNullException(nameof(book));

    /// <summary>Applies one venue message to the book; forgets consumption of the levels it updates and shortens the queues at levels that shrank.</summary>
    /// <exception cref="ArgumentException">A price is off the book's tick grid.</exception>
    public void Apply(OrderBookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _event++;
        _resting.RemoveAll(e => e.LastSeen < _event - 1);
        if (message is OrderBookDeltas deltas)
        {
            foreach (var change in deltas.Changes)
            {
                var side = Book.SideOf(change.Side);
                var previous = side.SizeAt(change.Price);
                Book.Set(change.Side, change.Price, change.Size);
                Consumed(change.Side).Remove(change.Price);
                LevelUpdated(change.Side, change.Price, previous, change.Size);
            }

            return;
        }

        Span<decimal> before = _resting.Count <= 64 ? stackalloc decimal[_resting.Count] : new decimal[_resting.Count];
        for (var i = 0; i < _resting.Count; i++)
        {
            before[i] = VisibleSize(_resting[i].Side, _resting[i].Limit);
        }

        Book.Apply(message);
        _consumedBids.Clear();
        _consumedAsks.Clear();
        for (var i = 0; i < _resting.Count; i++)
        {
            LevelUpdated(_resting[i].Side, _resting[i].Limit, before[i], VisibleSize(_resting[i].Side, _resting[i].Limit));
        }
    }

    /// <summary>
    /// A trade printed at <paramref name="price"/> for <paramref name="size"/>: it eats the queue ahead of our resting orders
    /// at that price (the rest of its size becomes fillable), and fills in full those whose price it traded through.
    /// </summary>
    public void OnTrade(decimal price, decimal size)
    {
        for (var i = 0; i < _resting.Count; i++)
        {
            var entry = _resting[i];
            var through = entry.Side == Side.Buy ? price < entry.Limit : price > entry.Limit;
            if (through)
            {
                entry.Fillable = entry.Leaves;
            }
            else if (price == entry.Limit)
            {
                entry.TradedSinceUpdate += size;
                entry.Fillable += Math.Max(0m, size - entry.Ahead);
                entry.Ahead = Math.Max(0m, entry.Ahead - size);
            }

            _resting[i] = entry;
        }
    }

    /// <summary>
    /// Takes liquidity for a market order (<paramref name="limit"/> null) or a marketable limit order: walks the other
    /// side's levels best first (not beyond the limit), using only the size our earlier fills have not consumed.
    /// </summary>
    /// <param name="side">The order's side (a buy takes asks).</param>
    /// <param name="quantity">Quantity wanted, base units.</param>
    /// <param name="limit">Worst price accepted, or null.</param>
    /// <param name="averagePrice">Volume-weighted average price of the levels taken, quote currency (exact decimal division).</param>
    /// <param name="filled">Quantity taken, base units (at most <paramref name="quantity"/>).</param>
    /// <returns>True when something was taken.</returns>
    public bool TryTake(Side side, decimal quantity, decimal? limit, out decimal averagePrice, out decimal filled)
    {
        var notional = 0m;
        filled = Walk(side, quantity, limit, ref notional);
        averagePrice = filled > 0m ? notional / filled : 0m;
        return filled > 0m;
    }

    /// <summary>
    /// Looks at a resting limit order during the current book event: places it in the queue when it is new (or its
    /// price changed, or its size grew), and fills it when the rules above allow.
    /// </summary>
    /// <param name="order">The order's client id.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="limit">Limit price, quote currency.</param>
    /// <param name="leaves">Quantity still open, base units.</param>
    /// <param name="filled">Quantity that fills now at <paramref name="limit"/>, as maker.</param>
    /// <returns>True when it fills now.</returns>
    public bool TryFillResting(ClientOrderId order, Side side, decimal limit, decimal leaves, out decimal filled)
    {
        var index = _resting.FindIndex(e => e.Order == order);
        if (index < 0 || _resting[index].Limit != limit || _resting[index].Side != side || leaves > _resting[index].Leaves)
        {
            var placed = new QueueEntry(order, side, limit) { Leaves = leaves, Ahead = VisibleSize(side, limit) };
            if (index < 0)
            {
                index = _resting.Count;
                _resting.Add(placed);
            }
            else
            {
                _resting[index] = placed;
            }
        }

        var entry = _resting[index];
        entry.Leaves = leaves;
        entry.LastSeen = _event;
        var notional = 0m;
        filled = Walk(side, leaves, limit, ref notional);
        var fromTrades = Math.Min(leaves - filled, entry.Fillable);
        filled += fromTrades;
        entry.Fillable -= fromTrades;
        entry.Leaves -= filled;
        _resting[index] = entry;
        return filled > 0m;
    }

    private decimal Walk(Side side, decimal quantity, decimal? limit, ref decimal notional)
    {
        var other = Book.SideOf(side.Opposite());
        var consumed = Consumed(side.Opposite());
        var filled = 0m;
        for (var rank = 0; rank < other.LevelCount && filled < quantity; rank++)
        {
            var level = other[rank];
            var price = level.Price.Value;
            if (limit is { } worst && (side == Side.Buy ? price > worst : price < worst))
            {
                break;
            }

            var used = consumed.GetValueOrDefault(price);
            var take = Math.Min(level.Size.Value - used, quantity - filled);
            if (take > 0m)
            {
                consumed[price] = used + take;
                filled += take;
                notional += take * price;
            }
        }

        return filled;
    }

    private void LevelUpdated(Side side, decimal price, decimal before, decimal after)
    {
        for (var i = 0; i < _resting.Count; i++)
        {
            var entry = _resting[i];
            if (entry.Side != side || entry.Limit != price)
            {
                continue;
            }

            var unexplained = Math.Max(0m, before - after - entry.TradedSinceUpdate);
            entry.Ahead = Math.Max(0m, entry.Ahead - unexplained);
            entry.TradedSinceUpdate = 0m;
            _resting[i] = entry;
        }
    }

    private decimal VisibleSize(Side side, decimal price) => Book.Grid.IsOnGrid(price) ? Book.SideOf(side).SizeAt(price) : 0m;

    private Dictionary<decimal, decimal> Consumed(Side bookSide) => bookSide == Side.Buy ? _consumedBids : _consumedAsks;

    private record struct QueueEntry(ClientOrderId Order, Side Side, decimal Limit)
    {
        public decimal Leaves { get; set; }

        public decimal Ahead { get; set; }

        public decimal Fillable { get; set; }

        public decimal TradedSinceUpdate { get; set; }

        public long LastSeen { get; set; }
    }
}
