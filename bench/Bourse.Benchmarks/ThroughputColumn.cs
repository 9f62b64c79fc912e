using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bourse.Benchmarks;

/// <summary>
/// A summary column giving items processed per second: <c>items / mean time of one operation</c>, where the
/// number of items comes from the benchmark's <see cref="IItemCount"/>.
/// </summary>
/// <param name="header">Column header, e.g. "Bars/s".</param>
/// <param name="items">Items processed by one operation of the benchmark.</param>
public sealed class ThroughputColumn(string header, Func<BenchmarkCase, int> items)
    : FigureColumn(header, "items processed per second (items per operation / mean)", 0)
{
    /// <inheritdoc />
    protected override string Figure(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0
            ? (items(benchmarkCase) / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
            : "n/a";
    }
}
