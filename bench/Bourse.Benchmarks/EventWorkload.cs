using Bourse.Engine.Runs;
using Bourse.Persistence.Writing;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Strategies;
using Bourse.Testing;

namespace Bourse.Benchmarks;

/// <summary>
/// The events of <see cref="RunCount"/> live runs as their event loops publish them, one array per kernel call:
/// <list type="bullet">
/// <item><b>real mix</b>: each run replays the events of a real backtest on the SPY minute bars of ../shared/data, half
/// EMA crossover and half market maker runs (per run about 13,400 events: account updates on every bar, quote
/// modifications, orders, fills, positions, signals), plus a metrics sample every 1,000 events; a kernel call ends at each
/// account update (one per bar).</item>
/// <item><b>log lines</b>: the worst case, every event one inserted row: 25,000 strategy log lines of ~70 characters per
/// run, 5 per kernel call.</item>
/// <item><b>real mix at target rate</b>: the real mix, each producer replaying <see cref="PacedRunsPerProducer"/> runs one
/// after the other (about 430,000 events in all), for the paced pass of <see cref="EventPipeline"/>.</item>
/// </list>
/// </summary>
public sealed class EventWorkload
{
    /// <summary>Runs publishing at the same time (one producer thread each, like the server's run loops).</summary>
    public const int RunCount = 8;

    /// <summary>Runs each producer replays in turn in the paced mix (a few seconds at the target rates).</summary>
    public const int PacedRunsPerProducer = 4;

    /// <summary>The mix replayed at the target rate instead of as fast as possible.</summary>
    public const string PacedMix = "real mix at target rate";

    private EventWorkload(IReadOnlyList<Guid> runIds, IReadOnlyList<RunEvent[][]> calls)
    {
        RunIds = runIds;
        Calls = calls;
        EventCount = calls.Sum(run => run.Sum(call => call.Length));
    }

    /// <summary>The runs (rows that must exist before their events are written).</summary>
    public IReadOnlyList<Guid> RunIds { get; }

    /// <summary>Per producer (run loop), its kernel calls in order, each the events it published.</summary>
    public IReadOnlyList<RunEvent[][]> Calls { get; }

    /// <summary>Events in the workload.</summary>
    public int EventCount { get; }

    /// <summary>Builds the workload named <paramref name="mix"/> ("real mix", "log lines" or <see cref="PacedMix"/>).</summary>
    /// <exception cref="ArgumentException">Unknown mix.</exception>
    public static EventWorkload Create(string mix) => mix switch
    {
        "real mix" => RealMix(1),
        "log lines" => LogLines(),
        PacedMix => RealMix(PacedRunsPerProducer),
        _ => throw new ArgumentException($"Unknown mix '{mix}'.", nameof(mix)),
    };

    private static EventWorkload RealMix(int runsPerProducer)
    {
        var ema = RecordedRuns.EmaCrossover(RunId.New());
        var marketMaker = RecordedRuns.MarketMaker(RunId.New());
        var runIds = new List<Guid>();
        var calls = new List<RunEvent[][]>();
        for (var r = 0; r < RunCount; r++)
        {
            var producer = new List<RunEvent[]>();
            for (var k = 0; k < runsPerProducer; k++)
            {
                var runId = RunId.New();
                var (events, statistics) = (r + k) % 2 == 0 ? ema : marketMaker;
                var call = new List<RunEvent>();
                for (var i = 0; i < events.Count; i++)
                {
                    var runEvent = events[i] with { RunId = runId };
                    call.Add(runEvent);
                    if (i % 1_000 == 999)
                    {
                        call.Add(new RunMetricsSampled(runId, runEvent.Timestamp, statistics, 25, 1_000_000L * i));
                    }

                    if (runEvent is AccountUpdated || i == events.Count - 1)
                    {
                        producer.Add([.. call]);
                        call.Clear();
                    }
                }

                runIds.Add(runId.Value);
            }

            calls.Add([.. producer]);
        }

        return new EventWorkload(runIds, calls);
    }

    private static EventWorkload LogLines()
    {
        var start = new DateTime(2013, 10, 7, 13, 30, 0, DateTimeKind.Utc);
        var runIds = Enumerable.Range(0, RunCount).Select(_ => RunId.New()).ToList();
        var calls = runIds.Select(runId => Enumerable.Range(0, 25_000)
            .Select(i => (RunEvent)new LogWritten(runId, i + 1, start.AddSeconds(i), StrategyLogLevel.Info, "strategy",
                $"bar {i}: close 168.{i % 100:00}, fast EMA 168.{(i * 7) % 100:00}, slow EMA 167.{(i * 3) % 100:00}, no cross"))
            .Chunk(5).ToArray()).ToList();
        return new EventWorkload([.. runIds.Select(r => r.Value)], calls);
    }
}
