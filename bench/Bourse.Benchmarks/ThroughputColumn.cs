using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bourse.Benchmarks;

/// <summary>
/// A summary column giving items processed per second: <c>items / mean time of one operation</c>, where the
/// number of items comes from the benchmark's <see cref="IItemCount"/>.
/// </summary>
/// <param name="header">Column header, e.g. "Bars/s".</param>
/// <param name="items">Items processed by one operation of the benchmark.</param>
public sealed class ThroughputColumn(string header, Func<BenchmarkCase, int> items) : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ThroughputColumn) + header;

    /// <inheritdoc />
    public string ColumnName => header;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => $"{header}: items processed per second (items per operation / mean)";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0
            ? (items(benchmarkCase) / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
            : "n/a";
    }
}
