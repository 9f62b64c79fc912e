using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>One fill decided by a fill model.</summary>
/// <param name="Price">Execution price, quote currency.</param>
/// <param name="Quantity">Quantity filled, base units (positive, at most the order's leaves quantity).</param>
/// <param name="IsMaker">True when a resting limit order was hit (it added liquidity).</param>
public readonly record struct FillDecision(decimal Price, decimal Quantity, bool IsMaker);

/// <summary>
/// Decides whether and how a working order fills against one bar. Implementations must be pure functions of
/// their inputs (determinism) and must never look at bars later than the one given.
/// </summary>
public interface IFillModel
{
    /// <summary>Matches <paramref name="request"/> (with <paramref name="leavesQuantity"/> still open) against <paramref name="bar"/>.</summary>
    /// <returns>True with the fill when the order (partly) fills on this bar.</returns>
    bool TryMatch(OrderRequest request, decimal leavesQuantity, Bar bar, out FillDecision fill);
}
