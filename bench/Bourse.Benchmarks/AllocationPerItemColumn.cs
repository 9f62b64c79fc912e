using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bourse.Benchmarks;

/// <summary>
/// A summary column giving the bytes allocated per item: MemoryDiagnoser's bytes allocated per operation divided by the
/// items one operation processes (e.g. "B/bar").
/// </summary>
/// <param name="header">Column header, e.g. "B/bar".</param>
/// <param name="items">Items processed by one operation of the benchmark.</param>
public sealed class AllocationPerItemColumn(string header, Func<BenchmarkCase, int> items)
    : FigureColumn(header, "bytes allocated per item (MemoryDiagnoser's allocated bytes per operation / items per operation)", 2)
{
    /// <inheritdoc />
    protected override string Figure(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        var bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } allocated && items(benchmarkCase) is > 0 and var count
            ? (allocated / (double)count).ToString("0.###", CultureInfo.InvariantCulture)
            : "n/a";
    }
}
