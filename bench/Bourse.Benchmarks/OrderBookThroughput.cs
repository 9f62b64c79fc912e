using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bourse.Engine.OrderBook;
using HdrHistogram;

namespace Bourse.Benchmarks;

/// <summary>
/// The L3 order book under a place/cancel/modify/match mix on a book of 100,000 resting orders
/// (<see cref="OrderBookWorkload"/>). Prints Ops/s (operations per second on one core, from the mean time of the whole
/// script) and the p50 and p99 latency of one operation in nanoseconds (HdrHistogram over a separate timed pass of the
/// same script, each operation timed alone with <see cref="Stopwatch.GetTimestamp"/>, whose own cost is included).
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*OrderBookThroughput*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OrderBookConfig))]
public class OrderBookThroughput
{
    /// <summary>Operations in one benchmark invocation.</summary>
    public const int OperationCount = 1_000_000;

    private static readonly Lazy<OrderBookWorkload> SharedWorkload = new(() => new OrderBookWorkload(OperationCount));
    private static readonly Lazy<LongHistogram> SharedLatency = new(MeasureLatency);

    private OrderBookWorkload _workload = null!;
    private L3OrderBook _book = null!;

    /// <summary>Builds the script once.</summary>
    [GlobalSetup]
    public void Setup() => _workload = SharedWorkload.Value;

    /// <summary>A fresh 100,000-order book before each pass over the script (not timed).</summary>
    [IterationSetup]
    public void FreshBook() => _book = _workload.NewBook();

    /// <summary>One pass over the script.</summary>
    [Benchmark(Description = "Place/cancel/modify/match mix, 100k resting orders")]
    public int Mix()
    {
        var fills = 0;
        var operations = _workload.Operations;
        for (var i = 0; i < operations.Length; i++)
        {
            fills += OrderBookWorkload.Apply(_book, operations[i]);
        }

        return fills;
    }

    /// <summary>Times every operation of the script alone (after one untimed warm-up pass) into a histogram of nanoseconds.</summary>
    public static LongHistogram MeasureLatency()
    {
        var workload = SharedWorkload.Value;
        var histogram = new LongHistogram(TimeStamp.Seconds(1), 3);
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        for (var pass = 0; pass < 2; pass++)
        {
            histogram.Reset();
            var book = workload.NewBook();
            foreach (ref readonly var operation in workload.Operations.AsSpan())
            {
                var start = Stopwatch.GetTimestamp();
                OrderBookWorkload.Apply(book, operation);
                var elapsed = Stopwatch.GetTimestamp() - start;
                histogram.RecordValue((long)(elapsed * nanosecondsPerTick));
            }
        }

        return histogram;
    }

    private sealed class OrderBookConfig : ManualConfig
    {
        public OrderBookConfig()
        {
            AddColumn(new ThroughputColumn("Ops/s", _ => OperationCount));
            AddColumn(new LatencyColumn("p50 ns", () => SharedLatency.Value.GetValueAtPercentile(50)));
            AddColumn(new LatencyColumn("p99 ns", () => SharedLatency.Value.GetValueAtPercentile(99)));
        }
    }
}
