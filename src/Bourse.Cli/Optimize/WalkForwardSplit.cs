using System.Globalization;
using Bourse.Sdk.MarketData;

namespace Bourse.Cli.Optimize;

/// <summary>
/// A walk-forward split of the bars into an in-sample window (the first <c>in / (in + out)</c> of the bars, where
/// the parameters are optimised) and the out-of-sample window after it (where the optimised parameters are judged
/// on data the optimisation never saw). Written <c>in:out</c>, e.g. <c>70:30</c> or <c>3:1</c>. The split falls
/// between two bar close times, so bars of several instruments closing together stay on one side. Each window is
/// backtested on its own, from the starting cash and flat.
/// </summary>
/// <param name="InSampleShare">The in-sample share of the bars, in (0, 1).</param>
internal sealed record WalkForwardSplit(double InSampleShare)
{
    /// <summary>Parses <c>in:out</c>.</summary>
    /// <exception cref="ArgumentException">Not two positive numbers separated by ':'.</exception>
    public static WalkForwardSplit Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var inSample)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var outOfSample)
            || !(inSample > 0) || !(outOfSample > 0))
        {
            throw new ArgumentException($"--walk-forward {text} is not in:out with two positive numbers, e.g. 70:30.");
        }

        return new WalkForwardSplit(inSample / (inSample + outOfSample));
    }

    /// <summary>Splits time-ordered bars.</summary>
    /// <exception cref="ArgumentException">A window would be empty.</exception>
    public (IReadOnlyList<Bar> InSample, IReadOnlyList<Bar> OutOfSample) Split(IReadOnlyList<Bar> bars)
    {
        var cut = (int)Math.Round(bars.Count * InSampleShare);
        while (cut > 0 && cut < bars.Count && bars[cut].CloseTime == bars[cut - 1].CloseTime)
        {
            cut++;
        }

        if (cut <= 0 || cut >= bars.Count)
        {
            throw new ArgumentException($"--walk-forward leaves an empty window with {bars.Count} bars.");
        }

        return ([.. bars.Take(cut)], [.. bars.Skip(cut)]);
    }
}
