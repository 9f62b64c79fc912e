using Bourse.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.LiveTrading;

/// <summary>
/// At server start, brings back every live strategy stored as running or paused: its run as resumed by crash recovery
/// (<c>RunRecoveryService</c>, registered before), or else a new run with the strategy's settings; paused again when it was
/// paused. One that cannot start (its plugin was deleted) goes to error with the reason.
/// </summary>
internal sealed class LiveStrategyRestorer(IDbContextFactory<BourseDbContext> contexts, LiveStrategyRunner runner, ILogger<LiveStrategyRestorer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.LiveStrategies.Where(l => l.Status == LiveStrategyLifecycle.Running || l.Status == LiveStrategyLifecycle.Paused)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            if (await runner.RestoreAsync(id, cancellationToken) is { } errors)
            {
                logger.LogWarning("Live strategy {Id} could not be restored: {Errors}", id, string.Join(" ", errors.SelectMany(e => e.Value)));
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
