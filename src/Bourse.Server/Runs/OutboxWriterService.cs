using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Server.Infrastructure;
using Bourse.Server.Streaming;

namespace Bourse.Server.Runs;

/// <summary>
/// Runs the <see cref="OutboxWriter"/> for the host's lifetime: each committed batch is streamed to the WebSocket hub and to the in-process subscribers of its run (<see cref="CommittedRunEvents"/>)
/// (after the commit, so a client that reacts to a message finds its row through the REST API), and when the database
/// stays down for <see cref="OutboxOptions.FailRunsAfter"/> every active run is stopped with status error and the reason.
/// On shutdown it drains everything queued (runs are suspended before it) and then exits.
/// </summary>
internal sealed class OutboxWriterService(
    OutboxWriter writer,
    RunRegistry registry,
    StreamHub hub,
    RunPlugins runPlugins,
    CommittedRunEvents committedEvents,
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
                committedEvents.Publish(runEvent);

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
