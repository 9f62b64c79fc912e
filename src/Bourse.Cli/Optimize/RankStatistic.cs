using Bourse.Engine.Statistics;

namespace Bourse.Cli.Optimize;

/// <summary>
/// The statistic <c>bourse optimize --rank</c> orders trials by. Higher is better except for
/// <c>max-drawdown</c> and <c>volatility</c>; a trial whose figure is undefined (null) ranks last.
/// </summary>
/// <param name="Name">The command-line name, e.g. <c>sharpe</c>.</param>
/// <param name="Value">Reads the figure from a trial's statistics.</param>
/// <param name="HigherIsBetter">False for risk figures.</param>
internal sealed record RankStatistic(string Name, Func<PerformanceStatistics, double?> Value, bool HigherIsBetter)
{
    /// <summary>Every rankable statistic.</summary>
    public static IReadOnlyList<RankStatistic> All { get; } =
    [
        new("sharpe", p => p.SharpeRatio, true),
        new("sortino", p => p.SortinoRatio, true),
        new("calmar", p => p.CalmarRatio, true),
        new("total-return", p => (double)p.TotalReturn, true),
        new("cagr", p => p.Cagr, true),
        new("profit-factor", p => p.ProfitFactor, true),
        new("win-rate", p => p.WinRate, true),
        new("expectancy", p => (double)p.Expectancy, true),
        new("max-drawdown", p => (double)p.MaxDrawdown, false),
        new("volatility", p => p.AnnualizedVolatility, false),
    ];

    /// <summary>The statistic of that name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static RankStatistic Parse(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--rank {name} is not a statistic; use one of {string.Join(", ", All.Select(s => s.Name))}.");

    /// <summary>
    /// Orders <paramref name="items"/> best first by this statistic of <paramref name="statistics"/>; undefined
    /// figures last; ties keep the input order.
    /// </summary>
    public IReadOnlyList<T> Rank<T>(IEnumerable<T> items, Func<T, PerformanceStatistics> statistics)
    {
        var keyed = items.Select(item => (Item: item, Key: Value(statistics(item))));
        var defined = keyed.Where(k => k.Key is not null);
        var ordered = HigherIsBetter ? defined.OrderByDescending(k => k.Key) : defined.OrderBy(k => k.Key);
        return [.. ordered.Concat(keyed.Where(k => k.Key is null)).Select(k => k.Item)];
    }
}
