using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// Fills orders on bars, walking each bar's <see cref="IntraBarPath"/> (O→L→H→C or O→H→L→C) one point at a time.
/// <list type="bullet">
/// <item>Market behaviour: fills at the point's price (the bar's open for an order that was already working; the
/// trigger price for a stop triggered inside the bar), as taker.</item>
/// <item>Buy limit: fills only when the price trades THROUGH the limit (strictly below it; a touch does not fill since
/// a resting order at that price may be behind the queue), or touches it when <see cref="FillOnTouch"/> is set. At the
/// bar's open (a gap) or on the order's first look, at the point's price as taker; otherwise at the limit as maker.</item>
/// <item>Sell limit: the mirror.</item>
/// <item>Volume: one order fills at most <see cref="MaxVolumeShare"/> × the bar's volume (rounded down to the lot by the
/// exchange) per bar; the rest stays working (partial fills).</item>
/// </list>
/// </summary>
public sealed class BarFillModel : IFillModel
{
    /// <param name="fillOnTouch">Fill limit orders when the price touches the limit (default: only when it trades through).</param>
    /// <param name="maxVolumeShare">Largest share (0..1] of a bar's volume one order may fill on that bar; null = no cap.</param>
    /// <exception cref="ArgumentOutOfRangeException">The share is not in (0, 1].</exception>
    public BarFillModel(bool fillOnTouch = false, decimal? maxVolumeShare = null)
    {
        if (maxVolumeShare is { } share && (share <= 0m || share > 1m))
        {
            throw new ArgumentOutOfRangeException(nameof(maxVolumeShare), share, "The share of bar volume must be in (0, 1].");
        }

        FillOnTouch = fillOnTouch;
        MaxVolumeShare = maxVolumeShare;
    }

    /// <summary>True when a touch of the limit fills.</summary>
    public bool FillOnTouch { get; }

    /// <summary>The cap on one order's fills per bar as a share of the bar's volume; null = no cap.</summary>
    public decimal? MaxVolumeShare { get; }

    /// <inheritdoc />
    public FillModelKind Kind => FillModelKind.Bar;

    /// <inheritdoc />
    public bool SharesLiquidity => false;

    /// <inheritdoc />
    public decimal Liquidity(in MarketPoint point, Side side) =>
        MaxVolumeShare is { } share ? point.Size * share : decimal.MaxValue;

    /// <inheritdoc />
    public bool TryFill(in MatchingOrder order, in MarketPoint point, out FillDecision fill)
    {
        fill = default;
        var quantity = Math.Min(order.LeavesQuantity, order.Available);
        if (quantity <= 0m)
        {
            return false;
        }

        if (order.LimitPrice is not { } limit)
        {
            fill = new FillDecision(point.Price, quantity, IsMaker: false);
            return true;
        }

        if (!PriceCrosses(order.Side, point.Price, limit, FillOnTouch))
        {
            return false;
        }

        var taker = order.IsFirstLook || !point.Continuous;
        fill = new FillDecision(taker ? point.Price : limit, quantity, IsMaker: !taker);
        return true;
    }

    /// <summary>True when <paramref name="price"/> is through (or, with <paramref name="touch"/>, at) a limit of <paramref name="side"/>.</summary>
    internal static bool PriceCrosses(Side side, decimal price, decimal limit, bool touch) => side == Side.Buy
        ? price < limit || (touch && price == limit)
        : price > limit || (touch && price == limit);
}
