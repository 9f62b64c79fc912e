using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>One fill decided by a fill model.</summary>
/// <param name="Price">Execution price, quote currency (before slippage).</param>
/// <param name="Quantity">Quantity filled, base units (positive, at most the order's leaves quantity and the liquidity offered).</param>
/// <param name="IsMaker">True when a resting order was hit (it provided liquidity).</param>
public readonly record struct FillDecision(decimal Price, decimal Quantity, bool IsMaker);

/// <summary>The market data a fill model matches orders on.</summary>
public enum FillModelKind
{
    /// <summary>Bars, along the <see cref="IntraBarPath"/> (<see cref="BarFillModel"/>).</summary>
    Bar,

    /// <summary>Trade and quote ticks (<see cref="TickFillModel"/>).</summary>
    Tick,

    /// <summary>The order book (L2/L3 replay); provided by the order-book fill model.</summary>
    OrderBook,
}

/// <summary>What a <see cref="MarketPoint"/> was made from.</summary>
public enum MarketPointKind
{
    /// <summary>One of the four points of a bar's intra-bar path (Price; Size = the bar's volume).</summary>
    BarPath,

    /// <summary>A trade tick (Price, Size).</summary>
    Trade,

    /// <summary>A quote tick (Bid, Ask, BidSize, AskSize).</summary>
    Quote,

    /// <summary>A change of the order book (Bid, Ask, BidSize, AskSize: its top after the change); the order-book model reads its own book.</summary>
    Book,
}

/// <summary>
/// One moment of market data a working order is matched against. Prices in quote currency, sizes in base units,
/// time UTC. Fields a kind does not use are zero.
/// </summary>
/// <param name="Kind">What the point was made from.</param>
/// <param name="Time">When the point happened (a bar point carries the bar's open time).</param>
/// <param name="Price">Trade price (bar path point or trade tick).</param>
/// <param name="Size">Trade size, or the whole bar's volume for a bar point.</param>
/// <param name="Bid">Best bid (quote).</param>
/// <param name="Ask">Best ask (quote).</param>
/// <param name="BidSize">Size at the best bid (quote).</param>
/// <param name="AskSize">Size at the best ask (quote).</param>
/// <param name="Continuous">
/// True when the price moved continuously from the previous point (bar path points after the open), so a price
/// between the two was traded; false for the open of a bar (a gap from the previous bar) and for ticks.
/// </param>
/// <param name="QuotesSeen">True when the run has seen a quote tick of the instrument (the tick model then fills market orders on quotes only).</param>
public readonly record struct MarketPoint(
    MarketPointKind Kind,
    DateTime Time,
    decimal Price,
    decimal Size,
    decimal Bid,
    decimal Ask,
    decimal BidSize,
    decimal AskSize,
    bool Continuous,
    bool QuotesSeen)
{
    /// <summary>The price an order of <paramref name="side"/> would trade at or be triggered by: the ask for a buy and the bid for a sell on a quote or book point, else <see cref="Price"/>.</summary>
    public decimal PriceFor(Side side) => Kind is MarketPointKind.Quote or MarketPointKind.Book ? (side == Side.Buy ? Ask : Bid) : Price;

    /// <summary>A copy of a trade-like point at another price, reached continuously (a trigger price crossed between two points).</summary>
    public MarketPoint At(decimal price) => this with { Price = price, Bid = price, Ask = price, Continuous = true };
}

/// <summary>
/// A working order as the fill model sees it at one point: it now behaves as a market order (<see cref="LimitPrice"/>
/// null: Market, or a triggered Stop, TrailingStop or MarketIfTouched) or as a limit order.
/// </summary>
/// <param name="Side">Buy or sell.</param>
/// <param name="LimitPrice">The limit price, quote currency; null for market behaviour.</param>
/// <param name="LeavesQuantity">Quantity still open, base units.</param>
/// <param name="Available">Liquidity left for this order at this point, base units (from <see cref="IFillModel.Liquidity"/>, less what was already used).</param>
/// <param name="IsFirstLook">True when the order meets market data for the first time since it arrived at the venue or was triggered: a marketable order then takes liquidity at the market price.</param>
/// <param name="Order">The order's id (the order-book model keeps each resting order's queue position under it).</param>
public readonly record struct MatchingOrder(Side Side, decimal? LimitPrice, decimal LeavesQuantity, decimal Available, bool IsFirstLook, ClientOrderId Order = default);

/// <summary>
/// Decides whether and how a working order fills at one market point. The simulated exchange owns everything else
/// (arrival after latency, triggers and trailing, time in force, post-only, reduce-only, order lists, slippage, fees):
/// it walks the points of each market event (the four points of a bar, or one tick) and asks the model, per order,
/// at most once per event for a fill. Implementations must be pure functions of their inputs (determinism) and must
/// never look at data later than the point given. An order-book model reads the book the run maintains (given to
/// its constructor) when it sees a <see cref="MarketPointKind.Book"/> point.
/// </summary>
public interface IFillModel
{
    /// <summary>The market data this model matches on; the run matches orders only on events of this kind.</summary>
    FillModelKind Kind { get; }

    /// <summary>
    /// True when the liquidity of one event is shared by all orders, oldest first (ticks, book: two orders never fill
    /// from the same size); false when it is a cap per order per event (bars: a share of the bar's volume).
    /// </summary>
    bool SharesLiquidity { get; }

    /// <summary>The quantity (base units) the event behind <paramref name="point"/> offers to orders of <paramref name="side"/>; <see cref="decimal.MaxValue"/> when unlimited.</summary>
    decimal Liquidity(in MarketPoint point, Side side);

    /// <summary>Matches <paramref name="order"/> at <paramref name="point"/>.</summary>
    /// <returns>True with a fill of positive quantity (at most <see cref="MatchingOrder.LeavesQuantity"/> and <see cref="MatchingOrder.Available"/>) when the order (partly) fills here.</returns>
    bool TryFill(in MatchingOrder order, in MarketPoint point, out FillDecision fill);
}
