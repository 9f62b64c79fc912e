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
public sealed record PipelineResult(long Events, long Rows, long Batches, long Pauses, TimeSpan PausedTime, TimeSpan LongestPause, TimeSpan Elapsed, LongHistogram? Waits);

/// <summary>
/// The server's persistence path without HTTP: one producer thread per run publishes its kernel calls into the real
/// <see cref="RunEventOutbox"/> (pausing between calls while the outbox says so, as <see cref="RunHost"/> does), and the
/// real <see cref="OutboxWriter"/> commits them through the real <see cref="RunEventBatchWriter"/>, default options.
/// </summary>
public static class EventPipeline
{
    /// <summary>Runs <paramref name="workload"/> to the end (every event committed).</summary>
    /// <param name="contexts">The database.</param>
    /// <param name="workload">The events.</param>
    /// <param name="timeWrites">Record the time of every <see cref="RunEventOutbox.Write"/> call in <see cref="PipelineResult.Waits"/>.</param>
    /// <exception cref="InvalidOperationException">Not every event was committed.</exception>
    public static PipelineResult Run(IDbContextFactory<BourseDbContext> contexts, EventWorkload workload, bool timeWrites)
    {
        var options = Options.Create(new OutboxOptions());
        var outbox = new RunEventOutbox(options, TimeProvider.System);
        var batchWriter = new RunEventBatchWriter(contexts, TimeProvider.System);
        var timings = new DatabaseWriteTimings();
        var writer = new OutboxWriter(outbox, batchWriter, timings, options, TimeProvider.System, NullLogger<OutboxWriter>.Instance);
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var drain = Task.Run(() => writer.RunAsync(_ => { }, _ => { }, stop.Token));

        var histograms = workload.Calls.Select(_ => timeWrites ? new LongHistogram(TimeStamp.Seconds(10), 3) : null).ToArray();
        var paused = new long[workload.Calls.Count];
        var longest = new long[workload.Calls.Count];
        var threads = workload.Calls.Select((calls, r) => new Thread(() => Produce(outbox, calls, histograms[r], ref paused[r], ref longest[r])) { IsBackground = true }).ToList();
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

        LongHistogram? waits = null;
        foreach (var histogram in histograms.OfType<LongHistogram>())
        {
            waits ??= new LongHistogram(TimeStamp.Seconds(10), 3);
            waits.Add(histogram);
        }

        return new PipelineResult(writer.EventsWritten, writer.RowsWritten, timings.BatchesWritten, outbox.Pauses,
            TimeSpan.FromTicks(paused.Sum()), TimeSpan.FromTicks(longest.Max()), elapsed, waits);
    }

    private static void Produce(RunEventOutbox outbox, RunEvent[][] calls, LongHistogram? waits, ref long paused, ref long longest)
    {
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        foreach (var call in calls)
        {
            if (outbox.IsPaused)
            {
                var pauseStarted = Stopwatch.GetTimestamp();
                while (!outbox.WaitUntilOpen(TimeSpan.FromMilliseconds(50)))
                {
                }

                var pause = Stopwatch.GetElapsedTime(pauseStarted).Ticks;
                paused += pause;
                longest = Math.Max(longest, pause);
            }

            foreach (var runEvent in call)
            {
                if (waits is null)
                {
                    outbox.Write(runEvent);
                    continue;
                }

                var start = Stopwatch.GetTimestamp();
                outbox.Write(runEvent);
                waits.RecordValue((long)((Stopwatch.GetTimestamp() - start) * nanosecondsPerTick));
            }
        }
    }
}
