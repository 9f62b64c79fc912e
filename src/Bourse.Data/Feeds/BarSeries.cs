using Bourse.Sdk.MarketData;

namespace Bourse.Data.Feeds;

/// <summary>Helpers that reshape bar series before a replay.</summary>
public static class BarSeries
{
    /// <summary>
    /// Removes dead time: within each instrument's series (sorted by open time), every gap between one bar's close and
    /// the next bar's open longer than <paramref name="maxGap"/> is shortened to <paramref name="maxGap"/>, and all later
    /// bars move earlier by the same amount. Bars keep their order, prices and periods; only open times change.
    /// Use it to make an equity replay lively (nights and weekends pass in <paramref name="maxGap"/>).
    /// With <see cref="TimeSpan.Zero"/>, each instrument's bars become back to back.
    /// </summary>
    /// <returns>The bars of all instruments, sorted by open time then instrument id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxGap"/> is negative.</exception>
    public static IReadOnlyList<Bar> CompressGaps(IEnumerable<Bar> bars, TimeSpan maxGap)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGap, TimeSpan.Zero);
        var result = new List<Bar>();
        foreach (var group in bars.GroupBy(b => b.Instrument))
        {
            var removed = TimeSpan.Zero;
            Bar? previous = null;
            foreach (var bar in group.OrderBy(b => b.OpenTime))
            {
                if (previous is not null)
                {
                    var gap = bar.OpenTime - previous.CloseTime;
                    if (gap > maxGap)
                    {
                        removed += gap - maxGap;
                    }
                }

                previous = bar;
                result.Add(removed == TimeSpan.Zero ? bar : bar.ShiftedBy(-removed));
            }
        }

        return result
            .OrderBy(b => b.OpenTime)
            .ThenBy(b => b.Instrument.ToString(), StringComparer.Ordinal)
            .ToList();
    }
}
