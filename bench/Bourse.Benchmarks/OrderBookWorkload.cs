using Bourse.Engine.OrderBook;
using Bourse.Sdk.Orders;

namespace Bourse.Benchmarks;

/// <summary>
/// A deterministic script of order-book operations on a book of <see cref="RestingOrders"/> resting orders
/// (tick 0.01, mid 10,000.00, each side spread over 1,000 levels, heavier near the top, sizes 1-10):
/// 45% place (a limit order that does not cross), 30% cancel, 15% modify (half size decreases that keep
/// priority, half price changes that lose it), 10% match (a market order of size 1-15 that takes 1-3 orders).
/// The script is generated once against a real book so that every cancel and modify names a resting order; replaying it
/// on a fresh copy of the starting book repeats exactly the same work.
/// </summary>
public sealed class OrderBookWorkload
{
    /// <summary>Resting orders in the starting book.</summary>
    public const int RestingOrders = 100_000;

    private const decimal Tick = 0.01m;
    private const decimal Mid = 10_000m;
    private readonly (long Id, Side Side, decimal Price, decimal Size)[] _start;

    /// <summary>Builds the starting book and a script of <paramref name="operations"/> operations.</summary>
    public OrderBookWorkload(int operations, int seed = 7)
    {
        var random = new Random(seed);
        _start = new (long, Side, decimal, decimal)[RestingOrders];
        for (var i = 0; i < RestingOrders; i++)
        {
            var side = i % 2 == 0 ? Side.Buy : Side.Sell;
            _start[i] = (i + 1, side, PriceAway(random, side), random.Next(1, 11));
        }

        Operations = Script(random, operations);
    }

    /// <summary>The operations, in order.</summary>
    public BookOperation[] Operations { get; }

    /// <summary>A fresh book holding the starting orders.</summary>
    public L3OrderBook NewBook()
    {
        var book = new L3OrderBook(Tick, orderCapacity: RestingOrders * 2, levelCapacity: 2048);
        foreach (var (id, side, price, size) in _start)
        {
            book.Place(id, side, price, size);
        }

        return book;
    }

    /// <summary>Applies one operation; returns the number of fills it caused (so the work cannot be optimised away).</summary>
    public static int Apply(L3OrderBook book, in BookOperation operation) => operation.Kind switch
    {
        OperationKind.Place => book.Place(operation.OrderId, operation.Side, operation.Price, operation.Size).Length,
        OperationKind.Cancel => book.Cancel(operation.OrderId) ? 1 : 0,
        OperationKind.Modify => book.Modify(operation.OrderId, operation.Price, operation.Size).Length,
        _ => book.Take(operation.Side, operation.Size).Length,
    };

    private static decimal PriceAway(Random random, Side side)
    {
        var u = random.NextDouble();
        var ticks = 1 + (int)(999 * u * u);
        return side == Side.Buy ? Mid - (ticks * Tick) : Mid + (ticks * Tick);
    }

    private BookOperation[] Script(Random random, int count)
    {
        var book = NewBook();
        var live = _start.Select(o => o.Id).ToList();
        var index = live.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var nextId = (long)RestingOrders;
        var script = new BookOperation[count];

        void Forget(long id)
        {
            var at = index[id];
            var last = live[^1];
            live[at] = last;
            index[last] = at;
            live.RemoveAt(live.Count - 1);
            index.Remove(id);
        }

        for (var n = 0; n < count; n++)
        {
            var roll = random.Next(100);
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            BookOperation op;
            if (roll < 45)
            {
                op = new BookOperation(OperationKind.Place, ++nextId, side, PriceAway(random, side), random.Next(1, 11));
            }
            else if (roll < 75)
            {
                op = new BookOperation(OperationKind.Cancel, live[random.Next(live.Count)], side, 0m, 0m);
            }
            else if (roll < 90)
            {
                var id = live[random.Next(live.Count)];
                book.TryGetOrder(id, out var order);
                op = random.Next(2) == 0 && order.Size > 1m
                    ? new BookOperation(OperationKind.Modify, id, order.Side, order.Price, order.Size - 1m)
                    : new BookOperation(OperationKind.Modify, id, order.Side, PriceAway(random, order.Side), random.Next(1, 11));
            }
            else
            {
                op = new BookOperation(OperationKind.Match, 0, side, 0m, random.Next(1, 16));
            }

            script[n] = op;
            foreach (var fill in Replay(book, op))
            {
                if (fill.MakerRemaining == 0m)
                {
                    Forget(fill.MakerOrderId);
                }
            }

            if (op.Kind == OperationKind.Cancel)
            {
                Forget(op.OrderId);
            }
            else if (op.Kind == OperationKind.Place && book.TryGetOrder(op.OrderId, out _))
            {
                index[op.OrderId] = live.Count;
                live.Add(op.OrderId);
            }
        }

        return script;
    }

    private static BookFill[] Replay(L3OrderBook book, BookOperation op) => op.Kind switch
    {
        OperationKind.Place => book.Place(op.OrderId, op.Side, op.Price, op.Size).ToArray(),
        OperationKind.Cancel => book.Cancel(op.OrderId) ? [] : throw new InvalidOperationException("the script cancels a missing order"),
        OperationKind.Modify => book.Modify(op.OrderId, op.Price, op.Size).ToArray(),
        _ => book.Take(op.Side, op.Size).ToArray(),
    };
}

/// <summary>What a scripted operation does.</summary>
public enum OperationKind
{
    /// <summary>Place a limit order.</summary>
    Place,

    /// <summary>Cancel a resting order.</summary>
    Cancel,

    /// <summary>Modify a resting order's price and size.</summary>
    Modify,

    /// <summary>Match a market order against the book.</summary>
    Match,
}

/// <summary>One scripted operation; the fields an operation does not use are zero.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="OrderId">The order placed, canceled or modified.</param>
/// <param name="Side">Side of the order placed or matched.</param>
/// <param name="Price">Limit price of a place or modify, quote currency.</param>
/// <param name="Size">Size of a place, modify or match, base units.</param>
public readonly record struct BookOperation(OperationKind Kind, long OrderId, Side Side, decimal Price, decimal Size);
