using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Execution;

/// <summary>
/// Moves the price of a taker fill of an order without a limit price (market, triggered stop, trailing stop,
/// market-if-touched) against the order: up for a buy, down for a sell. Limit prices are never worsened.
/// </summary>
public interface ISlippageModel
{
    /// <summary>The fill price after slippage, quote currency.</summary>
    decimal Apply(Instrument instrument, Side side, decimal price);
}

/// <summary>No slippage: fills at the price the fill model decided.</summary>
public sealed class NoSlippage : ISlippageModel
{
    /// <summary>The one instance.</summary>
    public static NoSlippage Instance { get; } = new();

    /// <inheritdoc />
    public decimal Apply(Instrument instrument, Side side, decimal price) => price;
}

/// <summary>Slippage of a fixed number of ticks: price ± ticks × the instrument's tick size.</summary>
public sealed class FixedTickSlippage : ISlippageModel
{
    /// <param name="ticks">Ticks of slippage; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public FixedTickSlippage(int ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        Ticks = ticks;
    }

    /// <summary>Ticks of slippage.</summary>
    public int Ticks { get; }

    /// <inheritdoc />
    public decimal Apply(Instrument instrument, Side side, decimal price) => price + (side.Sign() * Ticks * instrument.TickSize);
}

/// <summary>
/// Slippage in basis points of the price: price × (1 ± bps / 10 000), rounded to the instrument's tick size away from
/// the order (up for a buy, down for a sell) so the slipped price is a tradable one.
/// </summary>
public sealed class BasisPointSlippage : ISlippageModel
{
    /// <param name="basisPoints">Slippage in basis points; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public BasisPointSlippage(decimal basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        BasisPoints = basisPoints;
    }

    /// <summary>Slippage in basis points.</summary>
    public decimal BasisPoints { get; }

    /// <inheritdoc />
    public decimal Apply(Instrument instrument, Side side, decimal price)
    {
        var slipped = price * (1m + Execution.BasisPoints.DivideBy10000(side.Sign() * BasisPoints));
        if (instrument.TickSize <= 0m)
        {
            return slipped;
        }

        var ticks = slipped / instrument.TickSize;
        return (side == Side.Buy ? Math.Ceiling(ticks) : Math.Floor(ticks)) * instrument.TickSize;
    }
}
