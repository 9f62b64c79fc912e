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
/// throwaway <see cref="PostgresCluster"/>, which runs with fsync and synchronous_commit off; binary COPY), for the two
/// mixes of <see cref="EventWorkload"/> (8 runs publishing at once). Prints Events/s and Rows/s (from the mean time of a
/// whole pass, fresh database each iteration), and the wait of a producing run loop inside <see cref="Bourse.Server.Runs.RunEventOutbox.Write"/>: p50,
/// p99, p99.99 and max in nanoseconds (HdrHistogram over a separate pass in the host process, every Write timed alone),
/// with the pauses at event boundaries that pass took (back-pressure: count, sum and longest, printed to the console).
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*EventWriterThroughput*' --job short</c>.
/// </summary>
[Config(typeof(EventWriterConfig))]
public class EventWriterThroughput
{
    private static readonly ConcurrentDictionary<string, EventWorkload> Workloads = new();
    private static readonly ConcurrentDictionary<(string Mix, string Database), PipelineResult> TimedPasses = new();

    private EventWorkload _workload = null!;
    private ScratchDatabase? _database;

    /// <summary>The event mix.</summary>
    [Params("real mix", "log lines")]
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
    public long Persist() => EventPipeline.Run(_database!.Factory, _workload, timeWrites: false).Events;

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
                var result = EventPipeline.Run(database.Factory, workload, timeWrites: true);
                Console.WriteLine($"// {k.Mix} on {k.Database}: timed pass {result.Events:N0} events, {result.Rows:N0} rows, {result.Batches:N0} batches in {result.Elapsed.TotalMilliseconds:N0} ms " +
                    $"({result.Events / result.Elapsed.TotalSeconds:N0} events/s); {result.Pauses} pauses, {result.PausedTime.TotalMilliseconds:N0} ms paused (sum over runs), longest {result.LongestPause.TotalMilliseconds:N1} ms; " +
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
        }
    }
}
