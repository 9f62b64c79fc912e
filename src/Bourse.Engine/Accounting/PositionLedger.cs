using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;

namespace Bourse.Engine.Accounting;

/// <summary>The accounting effect of one fill on a position.</summary>
/// <param name="RealizedPnl">P&amp;L realized by the part of the fill that reduced the position, quote currency, before commission.</param>
/// <param name="Reduced">True when the fill reduced (or closed, or flipped) an existing position.</param>
internal readonly record struct FillOutcome(decimal RealizedPnl, bool Reduced);

/// <summary>
/// The net position in one instrument, average-cost method: buys and sells net into one signed quantity
/// (positive long, negative short). Adding to a position moves the average price to the quantity-weighted mean;
/// reducing realizes (fill price − average price) × closed quantity × sign(position) and keeps the average;
/// going through zero closes the old side and opens the rest at the fill price. Prices, P&amp;L and commissions in the
/// instrument's quote currency, quantities in base units. A cash instrument is worth its market value
/// (net quantity × last price); a margined one (a perpetual) only its unrealized P&amp;L, since opening it exchanged no
/// notional.
/// </summary>
internal sealed class PositionLedger(Instrument spec, int currencyIndex)
{
    /// <summary>Dividing by one with the largest scale removes a decimal's trailing zeros without changing its value.</summary>
    private const decimal TrailingZeros = 1.0000000000000000000000000000m;

    public InstrumentId Instrument { get; } = spec.Id;

    public Instrument Spec { get; } = spec;

    /// <summary>The number of the quote currency in the account's <see cref="CurrencyConverter"/>.</summary>
    public int CurrencyIndex { get; } = currencyIndex;

    public bool IsMargined { get; } = spec.IsMargined;

    public decimal NetQuantity { get; private set; }

    /// <summary>True while <see cref="NetQuantity"/> is zero (kept at each fill, so a mark needs no decimal comparison).</summary>
    public bool IsFlat { get; private set; } = true;

    public decimal AveragePrice { get; private set; }

    public decimal LastPrice { get; private set; }

    public bool HasPrice { get; private set; }

    public decimal RealizedPnl { get; private set; }

    public decimal Commissions { get; private set; }

    public decimal MarketValue => NetQuantity * LastPrice;

    /// <summary>|net quantity| × last price, quote currency.</summary>
    public decimal Notional => Math.Abs(NetQuantity) * LastPrice;

    /// <summary>What the position adds to equity, quote currency: the market value, or the unrealized P&amp;L when margined.</summary>
    public decimal EquityValue => IsMargined ? UnrealizedPnl : MarketValue;

    public decimal UnrealizedPnl => IsFlat ? 0m : (LastPrice - AveragePrice) * NetQuantity;

    public void Mark(decimal price)
    {
        LastPrice = price;
        HasPrice = true;
    }

    /// <summary>Applies a fill of <paramref name="quantity"/> (positive) at <paramref name="price"/>.</summary>
    public FillOutcome ApplyFill(Side side, decimal quantity, decimal price, decimal commission)
    {
        Commissions += commission;
        var signed = side.Sign() * quantity;
        var net = NetQuantity;
        if (net == 0m || Math.Sign(net) == Math.Sign(signed))
        {
            var open = Math.Abs(net);
            // Division keeps up to 28 digits, trailing zeros included (59 × 167.29 / 59 = 167.29000…0): drop them so
            // prices and P&L read as they are. The value is unchanged. Opening from flat, the mean is the fill price.
            AveragePrice = WithoutTrailingZeros(net == 0m ? price : ((open * AveragePrice) + (quantity * price)) / (open + quantity));
            NetQuantity = net + signed;
            IsFlat = NetQuantity == 0m;
            return new FillOutcome(0m, Reduced: false);
        }

        var closed = Math.Min(quantity, Math.Abs(net));
        var realized = (price - AveragePrice) * closed * Math.Sign(net);
        RealizedPnl += realized;
        NetQuantity = net + signed;
        IsFlat = NetQuantity == 0m;
        if (IsFlat)
        {
            AveragePrice = 0m;
        }
        else if (Math.Sign(NetQuantity) != Math.Sign(net))
        {
            AveragePrice = price;
        }

        return new FillOutcome(realized, Reduced: true);
    }

    /// <summary>
    /// The same value with no trailing zeros (167.290 → 167.29; scale 0 stays), bit for bit what dividing by
    /// <see cref="TrailingZeros"/> gives; a 64-bit mantissa is shortened with integer arithmetic (a decimal division
    /// costs several times more), a wider one is divided.
    /// </summary>
    private static decimal WithoutTrailingZeros(decimal value)
    {
        var scale = value.Scale;
        if (scale == 0)
        {
            return value;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || mantissa == 0)
        {
            return value / TrailingZeros;
        }

        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return new decimal((int)mantissa, (int)(mantissa >> 32), 0, value < 0m, scale);
    }

    public PositionSnapshot Snapshot() =>
        new(Instrument, NetQuantity, AveragePrice, LastPrice, RealizedPnl, UnrealizedPnl, Commissions);
}
