using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Benchmarks;

/// <summary>
/// The real SPY minute trade bars of ../shared/data (LEAN, the six sessions 2013-10-04..11, 04:00–20:00 ET, 4,839 bars)
/// repeated end to end until there are at least as many bars as asked: copy k is the original moved k × 2 weeks later,
/// so weekdays, sessions and the bars' order are kept and every bar closes after the one before.
/// </summary>
internal static class SpyMinuteBars
{
    private static readonly string Folder = RepositoryPaths.Shared("lean/equity/usa/minute/spy");
    private static readonly TimeSpan CopyShift = TimeSpan.FromDays(14);

    /// <summary>The instrument of the bars (SPY, US equity).</summary>
    public static IReadOnlyList<Instrument> Instruments => BarFiles.Instruments(Folder);

    /// <summary>The bars of one copy.</summary>
    public static IReadOnlyList<Bar> Week() => BarFiles.Read(Folder).Where(b => b.OpenTime.Year == 2013).ToList();

    /// <summary>At least <paramref name="minimum"/> bars: whole copies of <see cref="Week"/>, each 2 weeks after the previous one.</summary>
    public static Bar[] Repeated(int minimum)
    {
        var week = Week();
        var copies = (minimum + week.Count - 1) / week.Count;
        var bars = new Bar[copies * week.Count];
        for (var copy = 0; copy < copies; copy++)
        {
            var shift = CopyShift * copy;
            for (var i = 0; i < week.Count; i++)
            {
                bars[(copy * week.Count) + i] = copy == 0 ? week[i] : week[i].ShiftedBy(shift);
            }
        }

        return bars;
    }
}
