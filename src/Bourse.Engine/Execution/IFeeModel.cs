using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Execution;

/// <summary>One fill to charge a commission for. Price in quote currency, quantity in base units, money in the account currency.</summary>
/// <param name="Instrument">The instrument traded.</param>
/// <param name="Price">Fill price.</param>
/// <param name="Quantity">Fill quantity.</param>
/// <param name="IsMaker">True when the fill provided liquidity (a resting order was hit).</param>
/// <param name="OrderFilledQuantity">Quantity of the same order filled before this fill.</param>
/// <param name="OrderCommission">Commission already charged to earlier fills of the same order (for per-order minimums and maximums).</param>
public readonly record struct FeeInput(Instrument Instrument, decimal Price, decimal Quantity, bool IsMaker, decimal OrderFilledQuantity, decimal OrderCommission);

/// <summary>Computes the commission of one fill, in the account currency.</summary>
public interface IFeeModel
{
    /// <summary>The commission of <paramref name="fill"/> (not negative).</summary>
    decimal Commission(in FeeInput fill);
}

/// <summary>
/// Maker/taker basis points of fill notional: commission = price × quantity × bps / 10 000 (1 bp = 0.01 %), with the
/// maker rate for fills that provided liquidity and the taker rate otherwise. Exact decimal, not rounded.
/// </summary>
public sealed class MakerTakerFeeModel : IFeeModel
{
    /// <param name="makerBps">Fee for maker fills, basis points of notional; not negative.</param>
    /// <param name="takerBps">Fee for taker fills, basis points of notional; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fee is negative.</exception>
    public MakerTakerFeeModel(decimal makerBps, decimal takerBps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(makerBps);
        ArgumentOutOfRangeException.ThrowIfNegative(takerBps);
        MakerBps = makerBps;
        TakerBps = takerBps;
    }

    /// <summary>The maker fee in basis points.</summary>
    public decimal MakerBps { get; }

    /// <summary>The taker fee in basis points.</summary>
    public decimal TakerBps { get; }

    /// <inheritdoc />
    public decimal Commission(in FeeInput fill) => BasisPoints.Of(fill.Price * fill.Quantity, fill.IsMaker ? MakerBps : TakerBps);
}

/// <summary>
/// A fee per share (unit) with a minimum and an optional maximum per ORDER (the US broker model, e.g. Interactive
/// Brokers' fixed pricing: 0.005 USD per share, at least 1 USD per order): the order's total commission after a fill is
/// clamp(rate × order filled quantity, minimum, maximum), and each fill is charged the increase, so the first fill pays
/// the minimum and partial fills never pay it twice.
/// </summary>
public sealed class PerShareFeeModel : IFeeModel
{
    /// <param name="perShare">Fee per unit, account currency; not negative.</param>
    /// <param name="minimumPerOrder">Least commission of an order; not negative.</param>
    /// <param name="maximumPerOrder">Largest commission of an order; null = none; at least the minimum.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or the maximum is below the minimum.</exception>
    public PerShareFeeModel(decimal perShare, decimal minimumPerOrder = 0m, decimal? maximumPerOrder = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perShare);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumPerOrder);
        if (maximumPerOrder is { } max && max < minimumPerOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumPerOrder), max, "The maximum per order must be at least the minimum.");
        }

        PerShare = perShare;
        MinimumPerOrder = minimumPerOrder;
        MaximumPerOrder = maximumPerOrder;
    }

    /// <summary>Fee per unit.</summary>
    public decimal PerShare { get; }

    /// <summary>Least commission of an order.</summary>
    public decimal MinimumPerOrder { get; }

    /// <summary>Largest commission of an order, or null.</summary>
    public decimal? MaximumPerOrder { get; }

    /// <inheritdoc />
    public decimal Commission(in FeeInput fill)
    {
        var total = Math.Max(PerShare * (fill.OrderFilledQuantity + fill.Quantity), MinimumPerOrder);
        if (MaximumPerOrder is { } max)
        {
            total = Math.Min(total, max);
        }

        return Math.Max(total - fill.OrderCommission, 0m);
    }
}
