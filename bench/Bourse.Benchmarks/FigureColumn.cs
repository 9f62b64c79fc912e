using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bourse.Benchmarks;

/// <summary>A custom summary column showing the figure a benchmark exists for (its value comes from the subclass).</summary>
/// <param name="header">Column header, e.g. "Bars/s".</param>
/// <param name="legend">What the figure means, printed under the table.</param>
/// <param name="priority">Order among the custom columns (lower first).</param>
public abstract class FigureColumn(string header, string legend, int priority) : IColumn
{
    /// <inheritdoc />
    public string Id => GetType().Name + header;

    /// <inheritdoc />
    public string ColumnName => header;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => priority;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => $"{header}: {legend}";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => Figure(summary, benchmarkCase);

    /// <summary>The formatted figure of <paramref name="benchmarkCase"/>.</summary>
    protected abstract string Figure(Summary summary, BenchmarkCase benchmarkCase);
}
