using Bourse.Sdk.Orders;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// What every order book shows: two sides of price levels on one tick grid, the best bid and ask, spread and mid.
/// Prices are quote currency, sizes base units. A book is never left crossed (best bid below best ask whenever both exist).
/// Not thread-safe: a book belongs to one run's single-threaded kernel.
/// </summary>
public abstract class PriceLevelBook
{
    /// <summary>Creates an empty book.</summary>
    /// <param name="tickSize">Smallest price increment, quote currency; every price given to the book must be a multiple of it.</param>
    /// <param name="levelCapacity">Levels per side to allocate up front (the book grows beyond it when needed).</param>
    /// <exception cref="ArgumentOutOfRangeException">The tick size is zero or negative.</exception>
    protected PriceLevelBook(decimal tickSize, int levelCapacity)
    {
        Grid = new PriceGrid(tickSize);
        Bids = new BookSide(Side.Buy, Grid, levelCapacity);
        Asks = new BookSide(Side.Sell, Grid, levelCapacity);
    }

    /// <summary>The price grid (tick size) of the book.</summary>
    public PriceGrid Grid { get; }

    /// <summary>The bid (buy) side, best (highest) first.</summary>
    public BookSide Bids { get; }

    /// <summary>The ask (sell) side, best (lowest) first.</summary>
    public BookSide Asks { get; }

    /// <summary>Highest bid price, or null when there is no bid.</summary>
    public decimal? BestBid => Bids.BestPrice;

    /// <summary>Lowest ask price, or null when there is no ask.</summary>
    public decimal? BestAsk => Asks.BestPrice;

    /// <summary>Best ask − best bid, quote currency; null unless both sides have a level.</summary>
    public decimal? Spread => BestAsk - BestBid;

    /// <summary>(best bid + best ask) / 2, quote currency; null unless both sides have a level.</summary>
    public decimal? Mid => (BestAsk + BestBid) / 2m;

    /// <summary>The side of the book that holds orders of <paramref name="side"/> (buy → bids).</summary>
    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;
}
