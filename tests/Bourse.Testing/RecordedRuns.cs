using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Strategies;
using Bourse.Strategies;

namespace Bourse.Testing;

/// <summary>
/// The events real runs publish, recorded from backtests of the sample strategies on the real SPY minute trade bars of
/// <c>../shared/data</c> (LEAN, 7 sessions): what the persistence writer receives from live runs (runs started, signals,
/// order events of market and limit orders, fills, positions, account updates, stop).
/// </summary>
public static class RecordedRuns
{
    private static readonly Lazy<IReadOnlyList<Bar>> SpyMinute = new(() => BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy")));

    /// <summary>The SPY minute bars.</summary>
    public static IReadOnlyList<Bar> Bars => SpyMinute.Value;

    /// <summary>
    /// Events of an EMA crossover (12/26, signals auto-executed at 10 % of equity) on the first <paramref name="barCount"/>
    /// bars under <paramref name="runId"/>, and its final statistics.
    /// </summary>
    public static (IReadOnlyList<RunEvent> Events, RunStatistics Statistics) EmaCrossover(RunId runId, int barCount = int.MaxValue) =>
        Record(new EmaCrossover(), runId, barCount);

    /// <summary>
    /// Events of the market maker (limit quotes on both sides, re-quoted every bar: many order events) on the first
    /// <paramref name="barCount"/> bars under <paramref name="runId"/>, and its final statistics.
    /// </summary>
    public static (IReadOnlyList<RunEvent> Events, RunStatistics Statistics) MarketMaker(RunId runId, int barCount = int.MaxValue) =>
        Record(new MarketMaker(), runId, barCount);

    private static (IReadOnlyList<RunEvent> Events, RunStatistics Statistics) Record(Strategy strategy, RunId runId, int barCount)
    {
        var recorder = new Recorder();
        var instruments = BarFiles.Instruments(RepositoryPaths.Shared("lean/equity/usa/minute/spy"));
        var settings = new RunSettings(runId, instruments, new RiskSettings(AutoExecute: true, SignalStrengthThreshold: 0));
        var report = BacktestRunner.Run(strategy, Bars.Take(barCount), settings, recorder);
        return (recorder.Events, report.Statistics);
    }

    private sealed class Recorder : IRunEventSink
    {
        public List<RunEvent> Events { get; } = [];

        public void Publish(RunEvent runEvent) => Events.Add(runEvent);
    }
}
