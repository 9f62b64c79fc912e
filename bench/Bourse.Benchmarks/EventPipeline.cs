using System.Diagnostics;
using Bourse.Engine.Runs;
using Bourse.Persistence;
using Bourse.Persistence.Writing;
using Bourse.Server.Infrastructure;
using Bourse.Server.Runs;
using HdrHistogram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bourse.Benchmarks;

/// <summary>What one pass of <see cref="EventPipeline.Run"/> did.</summary>
/// <param name="Events">Events committed.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Batches">Transactions committed.</param>
/// <param name="Pauses">Times the queue reached its high-water mark and paused the producers.</param>
/// <param name="PausedTime">Time the producers spent paused at event boundaries (summed over runs).</param>
/// <param name="LongestPause">The longest single pause of a producer at an event boundary.</param>
/// <param name="Elapsed">Wall time of the pass.</param>
/// <param name="Waits">Per event, nanoseconds the producer spent inside <see cref="RunEventOutbox.Write"/> (null when not timed).</param>
/// <param name="LoopWaits">
/// Per kernel call, nanoseconds the producer's loop spent on the writer: the back-pressure pause before the call plus the
/// time inside every <see cref="RunEventOutbox.Write"/> of the call (null when not timed).
/// </param>
/// <param name="Scheduled">How long the producers' schedule lasted (zero when they publish as fast as they can).</param>
public sealed record PipelineResult(
    long Events, long Rows, long Batches, long Pauses, TimeSpan PausedTime, TimeSpan LongestPause, TimeSpan Elapsed,
    LongHistogram? Waits, LongHistogram? LoopWaits, TimeSpan Scheduled);

/// <summary>
/// The server's persistence path without HTTP: one producer thread per run publishes its kernel calls into the real
/// <see cref="RunEventOutbox"/> (pausing between calls while the outbox says so, as <see cref="RunHost"/> does), and the
/// real <see cref="OutboxWriter"/> commits them through the real <see cref="RunEventBatchWriter"/>, default options.
/// Producers publish as fast as they can (saturation: the writer's maximum throughput, with back-pressure pauses), or paced
/// at a total rate (each producer its share, a kernel call at its due time, sleeping in between), as runs producing at
/// that rate would.
/// </summary>
public static class EventPipeline
{
    /// <summary>Runs <paramref name="workload"/> to the end (every event committed).</summary>
    /// <param name="contexts">The database.</param>
    /// <param name="workload">The events.</param>
    /// <param name="timeWrites">Record the time of every <see cref="RunEventOutbox.Write"/> call in <see cref="PipelineResult.Waits"/> and <see cref="PipelineResult.LoopWaits"/>.</param>
    /// <param name="eventsPerSecond">Total rate all producers publish at together, or null for as fast as they can.</param>
    /// <exception cref="InvalidOperationException">Not every event was committed.</exception>
    public static PipelineResult Run(IDbContextFactory<BourseDbContext> contexts, EventWorkload workload, bool timeWrites, double? eventsPerSecond = null)
    {
        var options = Options.Create(new OutboxOptions());
        var outbox = new RunEventOutbox(options, TimeProvider.System);
        var batchWriter = new RunEventBatchWriter(contexts, TimeProvider.System);
        var timings = new DatabaseWriteTimings();
        var writer = new OutboxWriter(outbox, batchWriter, timings, options, TimeProvider.System, NullLogger<OutboxWriter>.Instance);
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var drain = Task.Run(() => writer.RunAsync(_ => { }, _ => { }, stop.Token));

        var producers = workload.Calls.Select(calls => new Producer(outbox, calls, timeWrites, eventsPerSecond / workload.Calls.Count)).ToList();
        var threads = producers.Select(p => new Thread(p.Run) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        stop.Cancel();
        drain.GetAwaiter().GetResult();
        var elapsed = Stopwatch.GetElapsedTime(started);
        batchWriter.DisposeAsync().AsTask().GetAwaiter().GetResult();

        if (writer.EventsWritten != workload.EventCount || outbox.Processed != workload.EventCount)
        {
            throw new InvalidOperationException($"{writer.EventsWritten} of {workload.EventCount} events committed.");
        }

        var scheduled = eventsPerSecond is { } rate ? TimeSpan.FromSeconds(workload.EventCount / rate) : TimeSpan.Zero;
        return new PipelineResult(writer.EventsWritten, writer.RowsWritten, timings.BatchesWritten, outbox.Pauses,
            TimeSpan.FromTicks(producers.Sum(p => p.Paused)), TimeSpan.FromTicks(producers.Max(p => p.LongestPause)), elapsed,
            Merge(producers.Select(p => p.Waits)), Merge(producers.Select(p => p.LoopWaits)), scheduled);
    }

    private static LongHistogram? Merge(IEnumerable<LongHistogram?> histograms)
    {
        LongHistogram? merged = null;
        foreach (var histogram in histograms.OfType<LongHistogram>())
        {
            merged ??= new LongHistogram(TimeStamp.Seconds(10), 3);
            merged.Add(histogram);
        }

        return merged;
    }

    /// <summary>One run loop: publishes its kernel calls (paced when it has a rate), honouring the outbox's pauses.</summary>
    private sealed class Producer(RunEventOutbox outbox, RunEvent[][] calls, bool timed, double? eventsPerSecond)
    {
        private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

        public LongHistogram? Waits { get; } = timed ? new LongHistogram(TimeStamp.Seconds(10), 3) : null;

        public LongHistogram? LoopWaits { get; } = timed ? new LongHistogram(TimeStamp.Seconds(10), 3) : null;

        /// <summary>Time paused at event boundaries, TimeSpan ticks.</summary>
        public long Paused { get; private set; }

        /// <summary>The longest pause, TimeSpan ticks.</summary>
        public long LongestPause { get; private set; }

        public void Run()
        {
            var started = Stopwatch.GetTimestamp();
            var stopwatchTicksPerEvent = eventsPerSecond is { } rate ? Stopwatch.Frequency / rate : 0d;
            long published = 0;
            foreach (var call in calls)
            {
                if (stopwatchTicksPerEvent > 0 && started + (long)(published * stopwatchTicksPerEvent) - Stopwatch.GetTimestamp() is var ahead and > 0)
                {
                    Thread.Sleep(TimeSpan.FromTicks((long)(ahead * NanosecondsPerTick / 100)));
                }

                long waited = 0;
                if (outbox.IsPaused)
                {
                    var pauseStarted = Stopwatch.GetTimestamp();
                    while (!outbox.WaitUntilOpen(TimeSpan.FromMilliseconds(50)))
                    {
                    }

                    waited = Stopwatch.GetTimestamp() - pauseStarted;
                    var pause = Stopwatch.GetElapsedTime(pauseStarted).Ticks;
                    Paused += pause;
                    LongestPause = Math.Max(LongestPause, pause);
                }

                foreach (var runEvent in call)
                {
                    if (Waits is null)
                    {
                        outbox.Write(runEvent);
                        continue;
                    }

                    var start = Stopwatch.GetTimestamp();
                    outbox.Write(runEvent);
                    var write = Stopwatch.GetTimestamp() - start;
                    waited += write;
                    Waits.RecordValue((long)(write * NanosecondsPerTick));
                }

                LoopWaits?.RecordValue((long)(waited * NanosecondsPerTick));
                published += call.Length;
            }
        }
    }
}
