using System.Globalization;

namespace Bourse.Engine.OrderBook;

/// <summary>
/// The price grid of an order book: a price is held as a whole number of ticks (<c>price = ticks × TickSize</c>),
/// a fixed-point index that is exact (decimal in, decimal out) and compares as a 64-bit integer.
/// </summary>
public readonly struct PriceGrid
{
    private readonly decimal _ticksPerUnit;

    /// <summary>Creates the grid of <paramref name="tickSize"/>.</summary>
    /// <param name="tickSize">Smallest price increment, quote currency (e.g. 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException">The tick size is zero or negative.</exception>
    public PriceGrid(decimal tickSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickSize);
        TickSize = tickSize;
        var inverse = 1m / tickSize;
        _ticksPerUnit = inverse * tickSize == 1m ? inverse : 0m;
    }

    /// <summary>The smallest price increment, quote currency.</summary>
    public decimal TickSize { get; }

    /// <summary>The tick index of <paramref name="price"/>.</summary>
    /// <exception cref="ArgumentException">The price is not a whole number of ticks, or is out of the 64-bit tick range.</exception>
    public long ToTicks(decimal price)
    {
        var ticks = _ticksPerUnit != 0m ? price * _ticksPerUnit : price / TickSize;
        var whole = decimal.Truncate(ticks);
        if (whole != ticks || whole > long.MaxValue || whole < long.MinValue)
        {
            throw new ArgumentException(
                $"Price {price.ToString(CultureInfo.InvariantCulture)} is not a multiple of the tick size {TickSize.ToString(CultureInfo.InvariantCulture)}.",
                nameof(price));
        }

        return (long)whole;
    }

    /// <summary>True when <paramref name="price"/> is a whole number of ticks.</summary>
    public bool IsOnGrid(decimal price)
    {
        var ticks = _ticksPerUnit != 0m ? price * _ticksPerUnit : price / TickSize;
        return decimal.Truncate(ticks) == ticks;
    }

    /// <summary>The price of tick index <paramref name="ticks"/>, quote currency.</summary>
    public decimal ToPrice(long ticks) => ticks * TickSize;
}
