using System.Collections.Concurrent;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Server.Infrastructure;
using Bourse.Server.Streaming;

namespace Bourse.Server.Runs;

/// <summary>
/// Runs the <see cref="OutboxWriter"/> for the host's lifetime: each committed batch is streamed to the WebSocket hub
/// (after the commit, so a client that reacts to a message finds its row through the REST API), and when the database
/// stays down for <see cref="OutboxOptions.FailRunsAfter"/> every active run is stopped with status error and the reason.
/// On shutdown it drains everything queued (runs are suspended before it) and then exits.
/// </summary>
internal sealed class OutboxWriterService(
    OutboxWriter writer,
    RunRegistry registry,
    StreamHub hub,
    RunPlugins runPlugins,
    ILogger<OutboxWriterService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => writer.RunAsync(Publish, FailRuns, stoppingToken);

    private void FailRuns(string reason)
    {
        logger.LogCritical("Stopping every active run: {Reason}", reason);
        _ = registry.StopAllAsync(reason, CancellationToken.None, RunStatus.Error);
    }

    private void Publish(IReadOnlyList<RunEvent> batch)
    {
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
