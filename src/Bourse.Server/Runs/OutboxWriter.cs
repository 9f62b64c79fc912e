using System.Diagnostics;
using Bourse.Engine.Runs;
using Bourse.Persistence.Writing;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Runs;

/// <summary>
/// Drains the <see cref="RunEventOutbox"/> with group commit: takes every queued event up to
/// <see cref="OutboxOptions.BatchSize"/> (while a batch commits the next one builds up), writes them in one transaction
/// through the <see cref="RunEventBatchWriter"/>, then hands them to the caller's <c>committed</c> callback (the WebSocket
/// hub: an event is published only after it is durable) and marks them processed.
/// <para>Failures never drop a batch: it is retried, unchanged, with a delay from <see cref="OutboxOptions.RetryDelayMilliseconds"/>
/// doubling up to <see cref="OutboxOptions.MaxRetryDelayMilliseconds"/>, until it commits. Meanwhile the queue fills up to its
/// high-water mark and pauses the runs. When the database has been failing for <see cref="OutboxOptions.FailRunsAfter"/>, the
/// caller's <c>databaseDown</c> callback runs once per outage (the server stops every run with status error).</para>
/// Each committed batch's write time goes to <see cref="DatabaseWriteTimings"/> (the metrics); its other counters are plain
/// properties: <see cref="EventsWritten"/>, <see cref="RowsWritten"/>, <see cref="FailedAttempts"/>, <see cref="FailingSince"/>,
/// <see cref="LastError"/>.
/// </summary>
public sealed class OutboxWriter(
    RunEventOutbox outbox,
    RunEventBatchWriter writer,
    DatabaseWriteTimings timings,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxWriter> logger)
{
    private long _events;
    private long _rows;
    private long _failedAttempts;
    private long _failingSinceTicks;
    private volatile string? _lastError;

    /// <summary>Events committed.</summary>
    public long EventsWritten => Interlocked.Read(ref _events);

    /// <summary>Rows written (inserts, upserts, run updates).</summary>
    public long RowsWritten => Interlocked.Read(ref _rows);

    /// <summary>Write attempts that failed (each is retried).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>When the current outage began (UTC), or null while writes succeed.</summary>
    public DateTime? FailingSince => Interlocked.Read(ref _failingSinceTicks) is var t and > 0 ? new DateTime(t, DateTimeKind.Utc) : null;

    /// <summary>The error of the last failed attempt of the current outage, or null.</summary>
    public string? LastError => _lastError;

    /// <summary>
    /// Drains until <paramref name="stoppingToken"/> is canceled and the queue is empty (runs are stopped first, so their
    /// last events are written). A batch that cannot be written keeps being retried, also during shutdown.
    /// </summary>
    /// <param name="committed">Called with each batch after it committed, before it is marked processed.</param>
    /// <param name="databaseDown">Called once per outage, with the reason, when it has lasted <see cref="OutboxOptions.FailRunsAfter"/>.</param>
    /// <param name="stoppingToken">Ends the loop once the queue is drained.</param>
    public async Task RunAsync(Action<IReadOnlyList<RunEvent>> committed, Action<string> databaseDown, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var batchSize = Math.Max(1, o.BatchSize);
        var linger = TimeSpan.FromMilliseconds(Math.Max(0, o.FlushIntervalMilliseconds));
        var batch = new List<RunEvent>(batchSize);
        var reader = outbox.Reader;
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(stoppingToken))
                {
                    break;
                }

                if (linger > TimeSpan.Zero && outbox.Depth < batchSize)
                {
                    await Task.Delay(linger, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            while (batch.Count < batchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await CommitAsync(batch, committed, databaseDown);
        }

        // Shutdown: the runs have been stopped; write what is left.
        while (reader.TryRead(out var item))
        {
            batch.Add(item);
            if (batch.Count >= batchSize)
            {
                await CommitAsync(batch, committed, databaseDown);
            }
        }

        await CommitAsync(batch, committed, databaseDown);
    }

    private async Task CommitAsync(List<RunEvent> batch, Action<IReadOnlyList<RunEvent>> committed, Action<string> databaseDown)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var o = options.Value;
        var delay = TimeSpan.FromMilliseconds(Math.Max(1, o.RetryDelayMilliseconds));
        var maxDelay = TimeSpan.FromMilliseconds(Math.Max(1, o.MaxRetryDelayMilliseconds));
        var runsFailed = false;
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await writer.WriteAsync(batch, CancellationToken.None);
                timings.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Add(ref _events, batch.Count);
                Interlocked.Add(ref _rows, writer.LastRowCount);
                if (FailingSince is { } since)
                {
                    logger.LogWarning("The database is back after {Duration}: {Count} events written after {Attempts} attempts", clock.GetUtcNow().UtcDateTime - since, batch.Count, attempt);
                    Interlocked.Exchange(ref _failingSinceTicks, 0);
                    _lastError = null;
                }

                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref _failedAttempts);
                _lastError = $"{e.GetType().Name}: {e.Message}";
                var now = clock.GetUtcNow().UtcDateTime;
                Interlocked.CompareExchange(ref _failingSinceTicks, now.Ticks, 0);
                var down = now - FailingSince!.Value;
                // Every attempt is logged: the backoff caps the rate at one line per MaxRetryDelayMilliseconds.
                logger.Log(attempt < 3 ? LogLevel.Warning : LogLevel.Error, e,
                    "Writing {Count} run events failed (attempt {Attempt}); the database has been failing for {Down}; the batch is kept and retried in {Delay}",
                    batch.Count, attempt, down, delay);

                if (!runsFailed && down >= o.FailRunsAfter)
                {
                    runsFailed = true;
                    databaseDown($"database unavailable for {down.TotalSeconds:0} s: {_lastError}");
                }

                await Task.Delay(delay, clock);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
            }
        }

        committed(batch);
        outbox.MarkProcessed(batch.Count);
        batch.Clear();
    }
}
