using Bourse.Sdk.MarketData;

namespace Bourse.Engine.Execution;

/// <summary>
/// The conservative price path assumed inside one bar: O→L→H→C when the bar closes at or above its open,
/// otherwise O→H→L→C. The path visits the extreme on the "wrong" side for the bar's direction first, which is
/// the usual pessimistic assumption of bar-based backtesters (e.g. NautilusTrader's bar execution, LEAN's
/// fill models). Prices move continuously between consecutive points.
/// </summary>
public static class IntraBarPath
{
    /// <summary>Writes the four path points (quote currency) into <paramref name="points"/> (length ≥ 4).</summary>
    /// <exception cref="ArgumentException">The span is shorter than 4.</exception>
    public static void Write(Bar bar, Span<decimal> points)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (points.Length < 4)
        {
            throw new ArgumentException("The path needs 4 points.", nameof(points));
        }

        points[0] = bar.Open.Value;
        if (bar.Close.Value >= bar.Open.Value)
        {
            points[1] = bar.Low.Value;
            points[2] = bar.High.Value;
        }
        else
        {
            points[1] = bar.High.Value;
            points[2] = bar.Low.Value;
        }

        points[3] = bar.Close.Value;
    }
}
