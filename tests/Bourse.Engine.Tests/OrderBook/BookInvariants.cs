using Bourse.Engine.OrderBook;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.OrderBook;

/// <summary>Checks what must hold for every book after every operation.</summary>
internal static class BookInvariants
{
    /// <summary>Not crossed; levels strictly sorted best first with positive size.</summary>
    public static void AssertSound(PriceLevelBook book)
    {
        if (book.BestBid is { } bid && book.BestAsk is { } ask)
        {
            Assert.True(bid < ask, $"crossed book: bid {bid} >= ask {ask}");
        }

        foreach (var side in new[] { book.Bids, book.Asks })
        {
            for (var rank = 0; rank < side.LevelCount; rank++)
            {
                Assert.True(side[rank].Size.Value > 0m, $"empty level left at {side[rank].Price}");
                if (rank > 0)
                {
                    var better = side.Side == Side.Buy ? side[rank - 1].Price > side[rank].Price : side[rank - 1].Price < side[rank].Price;
                    Assert.True(better, $"levels out of order at rank {rank}");
                }
            }
        }
    }

    /// <summary><see cref="AssertSound"/>, plus: each level's size is the sum of its orders and every order is counted once.</summary>
    public static void AssertSound(L3OrderBook book)
    {
        AssertSound((PriceLevelBook)book);
        var orders = 0;
        foreach (var side in new[] { book.Bids, book.Asks })
        {
            for (var rank = 0; rank < side.LevelCount; rank++)
            {
                var level = side[rank];
                var queue = book.OrdersAt(side.Side, level.Price);
                Assert.NotEmpty(queue);
                Assert.Equal(level.Size.Value, queue.Sum(o => o.Size));
                Assert.All(queue, o => Assert.True(o.Size > 0m));
                orders += queue.Count;
            }
        }

        Assert.Equal(book.OrderCount, orders);
    }

    /// <summary>Total resting size of both sides, base units.</summary>
    public static decimal RestingSize(PriceLevelBook book) => book.Bids.Depth(int.MaxValue) + book.Asks.Depth(int.MaxValue);
}
