using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Infrastructure;

/// <summary>
/// First hosted service: applies migrations, switches SQLite to WAL, and marks runs left <c>running</c> by a crash
/// as <c>stopped</c> with an execution log line saying so.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<BourseDbContext> contexts, TimeProvider clock, ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var crashed = await db.Runs.Where(r => r.Status == "running").ToListAsync(cancellationToken);
        foreach (var run in crashed)
        {
            run.Status = "stopped";
            run.EndTime ??= now;
            run.StopReason = "server restarted";
            db.ExecutionLogs.Add(new ExecutionLogEntity
            {
                RunId = run.Id,
                Level = "warning",
                Source = "server",
                Message = "Marked stopped at start-up: the server ended (crash or kill) while this run was running.",
                Timestamp = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (crashed.Count > 0)
        {
            logger.LogWarning("Marked {Count} run(s) left running by a previous process as stopped", crashed.Count);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
