using Bourse.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Infrastructure;

/// <summary>
/// First hosted service: applies migrations and switches SQLite to WAL. Runs left <c>running</c> by the previous
/// process (a crash, a kill or a shutdown) stay so: <see cref="Runs.Recovery.RunRecoveryService"/> resumes them once the
/// plugins are loaded.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<BourseDbContext> contexts) : IHostedService
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
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
