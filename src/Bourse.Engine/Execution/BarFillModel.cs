using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// The default fill model: fills the whole order (no volume cap) by walking the bar's <see cref="IntraBarPath"/>.
/// <list type="bullet">
/// <item>Market: fills at the bar's open (the first price after the order was sent), as taker.</item>
/// <item>Buy limit: fills only when the price trades THROUGH the limit (strictly below it; a touch does not fill,
/// since a resting order at that price may be behind the queue). If the bar opens below the limit it fills at the
/// open (taker: a gap through the limit); otherwise at the limit (maker).</item>
/// <item>Sell limit: the mirror (strictly above the limit; opens above → at the open).</item>
/// </list>
/// </summary>
public sealed class BarFillModel : IFillModel
{
    /// <inheritdoc />
    public bool TryMatch(OrderRequest request, decimal leavesQuantity, Bar bar, out FillDecision fill)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bar);
        fill = default;
        if (leavesQuantity <= 0m)
        {
            return false;
        }

        if (request.Type == OrderType.Market)
        {
            fill = new FillDecision(bar.Open.Value, leavesQuantity, IsMaker: false);
            return true;
        }

        var limit = request.LimitPrice!.Value.Value;
        Span<decimal> path = stackalloc decimal[4];
        IntraBarPath.Write(bar, path);
        for (var i = 0; i < path.Length; i++)
        {
            var through = request.Side == Side.Buy ? path[i] < limit : path[i] > limit;
            if (through)
            {
                fill = i == 0
                    ? new FillDecision(path[0], leavesQuantity, IsMaker: false)
                    : new FillDecision(limit, leavesQuantity, IsMaker: true);
                return true;
            }
        }

        return false;
    }
}
