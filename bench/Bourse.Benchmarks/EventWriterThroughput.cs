using System.Collections.Concurrent;
using HdrHistogram;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Bourse.Testing;

namespace Bourse.Benchmarks;

/// <summary>
/// Run events persisted per second through the real outbox and batched writer (<see cref="EventPipeline"/>) into a real
/// SQLite file (WAL, synchronous=FULL as the server runs it; prepared statements) and into a real PostgreSQL (the
/// throwaway <see cref="PostgresCluster"/>, which runs with fsync and synchronous_commit off; binary COPY), for the
/// mixes of <see cref="EventWorkload"/> (8 run loops publishing at once):
/// <list type="bullet">
/// <item>"real mix" and "log lines" are saturation passes: the loops publish as fast as they can, so Events/s is the
/// writer's maximum throughput, and the queue fills and pauses the loops (back-pressure) most of the time.</item>
/// <item>"real mix at target rate" is the issue's latency criterion: the loops publish the real mix paced at the target
/// rate (<see cref="TargetRate"/>: 100,000 events/s on SQLite, 200,000 on PostgreSQL, together) for a few seconds. The
/// writer kept up when Events/s is about the target (the pass lasts the schedule plus the last commit), and the loop
/// wait columns give the longest time a loop spent on the writer.</item>
/// </list>
/// Prints Events/s and Rows/s (from the mean time of a whole pass, fresh database each iteration), the wait of a producing
/// run loop inside <see cref="Bourse.Server.Runs.RunEventOutbox.Write"/> (p50, p99, p99.99 and max in nanoseconds, every
/// Write timed alone) and the loop's wait per kernel call (back-pressure pause before the call plus all its Writes: p99.99
/// and max), HdrHistograms over a separate pass in the host process, with the pauses that pass took (count, sum, longest)
/// printed to the console.
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*EventWriterThroughput*' --job short --inProcess</c>.
/// With PostgreSQL as durable as SQLite (fsync, synchronous_commit and full_page_writes on), prefix it with
/// <c>BOURSE_TEST_PG_DURABLE=1</c> (see <see cref="PostgresCluster.DurableVariable"/>).
/// </summary>
[Config(typeof(EventWriterConfig))]
public class EventWriterThroughput
{
    private static readonly ConcurrentDictionary<string, EventWorkload> Workloads = new();
    private static readonly ConcurrentDictionary<(string Mix, string Database), PipelineResult> TimedPasses = new();

    private EventWorkload _workload = null!;
    private ScratchDatabase? _database;

    /// <summary>The event mix.</summary>
    [Params("real mix", "log lines", EventWorkload.PacedMix)]
    public string Mix { get; set; } = "real mix";

    /// <summary>The database: sqlite or postgres.</summary>
    [Params("sqlite", "postgres")]
    public string Database { get; set; } = "sqlite";

    /// <summary>Records the workload once.</summary>
    [GlobalSetup]
    public void Setup() => _workload = WorkloadOf(Mix);

    /// <summary>A fresh database holding the runs' rows (not timed).</summary>
    [IterationSetup]
    public void FreshDatabase() => _database = ScratchDatabase.CreateAsync(Database, _workload.RunIds).GetAwaiter().GetResult();

    /// <summary>Deletes the iteration's database.</summary>
    [IterationCleanup]
    public void DeleteDatabase() => _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One pass: every event of the workload published and committed.</summary>
    [Benchmark(Description = "Run events -> outbox -> batched writer -> database")]
    public long Persist() => EventPipeline.Run(_database!.Factory, _workload, timeWrites: false, RateOf(Mix, Database)).Events;

    /// <summary>The issue's target rate of a database, events per second persisted.</summary>
    public static double TargetRate(string database) => database == "postgres" ? 200_000 : 100_000;

    private static double? RateOf(string mix, string database) => mix == EventWorkload.PacedMix ? TargetRate(database) : null;

    private static EventWorkload WorkloadOf(string mix) => Workloads.GetOrAdd(mix, EventWorkload.Create);

    /// <summary>The host-side pass with every Write timed (once per mix and database).</summary>
    private static PipelineResult TimedPass(BenchmarkCase benchmarkCase)
    {
        var key = ((string)benchmarkCase.Parameters["Mix"], (string)benchmarkCase.Parameters["Database"]);
        return TimedPasses.GetOrAdd(key, k =>
        {
            var workload = WorkloadOf(k.Mix);
            var database = ScratchDatabase.CreateAsync(k.Database, workload.RunIds).GetAwaiter().GetResult();
            try
            {
                var result = EventPipeline.Run(database.Factory, workload, timeWrites: true, RateOf(k.Mix, k.Database));
                var schedule = result.Scheduled > TimeSpan.Zero ? $" (schedule {result.Scheduled.TotalMilliseconds:N0} ms at {TargetRate(k.Database):N0} events/s)" : "";
                Console.WriteLine($"// {k.Mix} on {k.Database}: timed pass {result.Events:N0} events, {result.Rows:N0} rows, {result.Batches:N0} batches in {result.Elapsed.TotalMilliseconds:N0} ms{schedule} " +
                    $"({result.Events / result.Elapsed.TotalSeconds:N0} events/s); {result.Pauses} pauses, {result.PausedTime.TotalMilliseconds:N0} ms paused (sum over runs), longest {result.LongestPause.TotalMilliseconds:N1} ms; " +
                    $"loop wait per kernel call p99.99 {result.LoopWaits!.GetValueAtPercentile(99.99) / 1e3:N1} µs, max {result.LoopWaits.GetMaxValue() / 1e3:N1} µs; " +
                    $"load {File.ReadAllText("/proc/loadavg").Trim()}");
                return result;
            }
            finally
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
    }

    private sealed class EventWriterConfig : ManualConfig
    {
        public EventWriterConfig()
        {
            AddColumn(new ThroughputColumn("Events/s", c => WorkloadOf((string)c.Parameters["Mix"]).EventCount));
            AddColumn(new ThroughputColumn("Rows/s", c => (int)TimedPass(c).Rows));
            AddColumn(new LatencyColumn("Write p50 ns", c => TimedPass(c).Waits!.GetValueAtPercentile(50)));
            AddColumn(new LatencyColumn("Write p99 ns", c => TimedPass(c).Waits!.GetValueAtPercentile(99)));
            AddColumn(new LatencyColumn("Write p99.99 ns", c => TimedPass(c).Waits!.GetValueAtPercentile(99.99)));
            AddColumn(new LatencyColumn("Write max ns", c => TimedPass(c).Waits!.GetMaxValue()));
            AddColumn(new LatencyColumn("Loop wait p99.99 ns", c => TimedPass(c).LoopWaits!.GetValueAtPercentile(99.99)));
            AddColumn(new LatencyColumn("Loop wait max ns", c => TimedPass(c).LoopWaits!.GetMaxValue()));
        }
    }
}
