using System.Diagnostics;
using System.Collections.Concurrent;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence;
using Bourse.Persistence.Writing;
using Bourse.Server.Infrastructure;
using Bourse.Server.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Runs;

/// <summary>
/// Drains the <see cref="RunEventOutbox"/>: takes up to <see cref="OutboxOptions.BatchSize"/> events or whatever came
/// within <see cref="OutboxOptions.FlushIntervalMilliseconds"/>, writes them in one transaction (retried until the
/// database takes it: nothing is dropped), then publishes them to the WebSocket hub, so every event a client sees is
/// durable. On shutdown it drains everything queued (runs are suspended before it) and then exits.
/// </summary>
internal sealed class OutboxWriterService(
    RunEventOutbox outbox,
    IDbContextFactory<BourseDbContext> contexts,
    RunEventBatchWriter writer,
    StreamHub hub,
    RunPlugins runPlugins,
    DatabaseWriteTimings timings,
    IOptions<OutboxOptions> options,
    ILogger<OutboxWriterService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var interval = TimeSpan.FromMilliseconds(Math.Max(1, options.Value.FlushIntervalMilliseconds));
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

                using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                window.CancelAfter(interval);
                while (batch.Count < batchSize)
                {
                    if (reader.TryRead(out var item))
                    {
                        batch.Add(item);
                        continue;
                    }

                    try
                    {
                        if (!await reader.WaitToReadAsync(window.Token))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await HandleAsync(batch, CancellationToken.None);
            batch.Clear();
        }

        // Shutdown: the runs have been stopped; write what is left.
        while (reader.TryRead(out var item))
        {
            batch.Add(item);
            if (batch.Count >= batchSize)
            {
                await HandleAsync(batch, CancellationToken.None);
                batch.Clear();
            }
        }

        await HandleAsync(batch, CancellationToken.None);
    }

    private async Task HandleAsync(List<RunEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Never dropped: an event is acknowledged (streamed, or counted by FlushAsync) only once committed, so a batch the
        // database refuses is retried, backing off up to 5 s, until it is taken. Meanwhile the outbox fills up and holds the
        // runs' loops back (back-pressure) instead of losing what they did.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var started = Stopwatch.GetTimestamp();
                await writer.WriteAsync(db, batch, cancellationToken);
                timings.Record(Stopwatch.GetElapsedTime(started));
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(5_000, 50 << Math.Min(attempt - 1, 7)));
                logger.Log(attempt < 3 ? LogLevel.Warning : LogLevel.Error, e, "Writing {Count} run events failed (attempt {Attempt}); retrying in {Delay} ms", batch.Count, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }

        // Streamed after the write, so a client that reacts to a message finds its row through the REST API.
        foreach (var runEvent in batch)
        {
            try
            {
                hub.Publish(runEvent, runPlugins.Find(runEvent.RunId.Value));

                if (runEvent is RunStopped or RunSuspended)
                {
                    runPlugins.Remove(runEvent.RunId.Value);
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not stream {Event}", runEvent.GetType().Name);
            }
        }

        outbox.MarkProcessed(batch.Count);
    }
}

/// <summary>The plugin and the owner of a run.</summary>
public sealed record RunOrigin(Guid PluginId, Guid OwnerId);

/// <summary>Remembers which plugin each run of this process uses and whose it is (for streamed messages and who receives them). Thread-safe.</summary>
public sealed class RunPlugins
{
    private readonly ConcurrentDictionary<Guid, RunOrigin> _plugins = new();

    /// <summary>Records the plugin and owner of a run.</summary>
    public void Add(Guid runId, Guid pluginId, Guid ownerId) => _plugins[runId] = new RunOrigin(pluginId, ownerId);

    /// <summary>The plugin and owner of a run started by this process, or null.</summary>
    public RunOrigin? Find(Guid runId) => _plugins.TryGetValue(runId, out var origin) ? origin : null;

    /// <summary>Forgets a run (after its <c>strategy_stopped</c> message went out; nothing after it needs the plugin).</summary>
    public void Remove(Guid runId) => _plugins.TryRemove(runId, out _);
}

/// <summary>
/// Suspends every active run when the host stops, before the outbox writer drains (hosted services stop in reverse
/// order): their state is saved, their orders stay working and their stored status stays running, so they resume at
/// the next start.
/// </summary>
internal sealed class RunShutdownService(RunRegistry registry, ILogger<RunShutdownService> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Suspending active runs");
        await registry.SuspendAllAsync("server shutdown", cancellationToken);
    }
}
