using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bourse.Benchmarks;

/// <summary>
/// A summary column showing one latency figure measured in the host process after the run (e.g. a percentile of an
/// HdrHistogram), in nanoseconds.
/// </summary>
/// <param name="header">Column header, e.g. "p99 ns".</param>
/// <param name="nanoseconds">Measures (once per case; cache it) and returns the figure of a benchmark case in nanoseconds.</param>
public sealed class LatencyColumn(string header, Func<BenchmarkCase, long> nanoseconds)
    : FigureColumn(header, "latency of one operation in nanoseconds (HdrHistogram, separate timed pass)", 1)
{
    /// <summary>A figure that is the same for every case of the benchmark.</summary>
    public LatencyColumn(string header, Func<long> nanoseconds)
        : this(header, _ => nanoseconds())
    {
    }

    /// <inheritdoc />
    protected override string Figure(Summary summary, BenchmarkCase benchmarkCase) =>
        nanoseconds(benchmarkCase).ToString("N0", CultureInfo.InvariantCulture);
}
