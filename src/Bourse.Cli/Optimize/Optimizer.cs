using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Plugins;
using Bourse.Plugins.Parameters;
using Bourse.Sdk.MarketData;

namespace Bourse.Cli.Optimize;

/// <summary>
/// Backtests every parameter set of a search in parallel on all cores (<see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>,
/// one single-threaded deterministic backtest per set), on the in-sample bars and, with a walk-forward split, on
/// the out-of-sample bars. The bars are shared read-only; every backtest has its own strategy instance and run.
/// </summary>
internal static class Optimizer
{
    /// <summary>Runs the trials; the result is in the order of <paramref name="points"/>.</summary>
    /// <param name="plugin">The strategy.</param>
    /// <param name="points">The bound parameter sets.</param>
    /// <param name="inSample">The bars to optimise on.</param>
    /// <param name="outOfSample">The bars to judge on, or null.</param>
    /// <param name="settings">Makes the run settings of one backtest.</param>
    /// <param name="trialDone">Called (from any thread) after each trial.</param>
    /// <param name="cancellationToken">Stops scheduling trials.</param>
    public static async Task<IReadOnlyList<Trial>> RunAsync(
        StrategyPlugin plugin,
        IReadOnlyList<BoundParameters> points,
        IReadOnlyList<Bar> inSample,
        IReadOnlyList<Bar>? outOfSample,
        Func<RunSettings> settings,
        Action trialDone,
        CancellationToken cancellationToken)
    {
        var trials = new Trial[points.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, points.Count), options, (i, _) =>
        {
            var point = points[i];
            var inReport = BacktestRunner.Run(plugin.CreateInstance(point), inSample, settings());
            var outReport = outOfSample is null ? null : BacktestRunner.Run(plugin.CreateInstance(point), outOfSample, settings());
            trials[i] = new Trial(i, point.Values, inReport.Statistics, outReport?.Statistics);
            trialDone();
            return ValueTask.CompletedTask;
        });
        return trials;
    }
}
