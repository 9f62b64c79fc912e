using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// Fills orders on trade and quote ticks. The size of one tick is shared by the orders it fills, oldest first.
/// <list type="bullet">
/// <item>Market behaviour: fills at the best ask (buy) or bid (sell) of the next quote, up to its size, as taker. An
/// instrument without quotes (the run has seen none) fills at the next trade's price, up to its size.</item>
/// <item>A limit order marketable on its first look (buy limit at or above the ask or trade price) fills at that price,
/// up to its size, as taker.</item>
/// <item>A resting limit order fills only on a trade tick that trades THROUGH its limit (or touches it with
/// <see cref="FillOnTouch"/>), at the limit, up to the trade's size, as maker. Quotes do not fill resting limits.</item>
/// </list>
/// </summary>
/// <param name="fillOnTouch">Fill resting limit orders on a trade at the limit (default: only through it).</param>
public sealed class TickFillModel(bool fillOnTouch = false) : IFillModel
{
    /// <summary>True when a trade at the limit fills a resting limit order.</summary>
    public bool FillOnTouch { get; } = fillOnTouch;

    /// <inheritdoc />
    public FillModelKind Kind => FillModelKind.Tick;

    /// <inheritdoc />
    public bool SharesLiquidity => true;

    /// <inheritdoc />
    public decimal Liquidity(in MarketPoint point, Side side) => point.Kind switch
    {
        MarketPointKind.Quote => side == Side.Buy ? point.AskSize : point.BidSize,
        _ => point.Size,
    };

    /// <inheritdoc />
    public bool TryFill(in MatchingOrder order, in MarketPoint point, out FillDecision fill)
    {
        fill = default;
        var quantity = Math.Min(order.LeavesQuantity, order.Available);
        var isQuote = point.Kind == MarketPointKind.Quote;
        if (quantity <= 0m || (!isQuote && point.Kind != MarketPointKind.Trade))
        {
            return false;
        }

        var price = point.PriceFor(order.Side);
        if (order.LimitPrice is not { } limit)
        {
            var fills = isQuote || !point.QuotesSeen;
            fill = new FillDecision(price, quantity, IsMaker: false);
            return fills;
        }

        if (order.IsFirstLook && BarFillModel.PriceCrosses(order.Side, price, limit, touch: true))
        {
            fill = new FillDecision(price, quantity, IsMaker: false);
            return true;
        }

        if (isQuote || !BarFillModel.PriceCrosses(order.Side, price, limit, FillOnTouch))
        {
            return false;
        }

        fill = new FillDecision(limit, quantity, IsMaker: true);
        return true;
    }
}
