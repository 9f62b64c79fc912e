using Bourse.Sdk.MarketData;
using Bourse.Sdk.Strategies;

namespace Bourse.Benchmarks;

/// <summary>
/// A strategy that computes the crossover of <see cref="Bourse.Strategies.EmaCrossover"/> on every bar (with
/// <see cref="BareCrossover"/>) and never trades: it measures the engine's bar path without orders.
/// </summary>
[Strategy("Crossover watcher")]
internal sealed class CrossoverWatcher : Strategy
{
    private readonly BareCrossover _crossover = new();

    /// <inheritdoc />
    public override void OnBar(Bar bar) => _crossover.OnClose((double)bar.Close.Value);
}
