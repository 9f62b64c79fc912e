using System.Text.Json;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Runs.Recovery;

/// <summary>
/// Hosted service run at start-up once the plugins are loaded and the outbox writer runs: every run the database has
/// as <c>running</c> (the server crashed, was killed, or shut down while it ran) is resumed with its plugin, parameters,
/// settings, fills, open orders and strategy state (<see cref="RunLauncher.ResumeAsync"/>). A run that cannot be resumed
/// (its plugin is gone, its stored rows are unreadable) goes to <c>error</c> with the reason, in its execution log too.
/// Runs a user stopped are never resumed.
/// </summary>
internal sealed class RunRecoveryService(
    IDbContextFactory<BourseDbContext> contexts,
    RunLauncher launcher,
    TimeProvider clock,
    ILogger<RunRecoveryService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.Runs.Where(r => r.Status == "running").OrderBy(r => r.StartTime).ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var run in running)
        {
            string? problem;
            try
            {
                problem = await launcher.ResumeAsync(run, await RunRecoveryReader.ReadAsync(db, run, cancellationToken), cancellationToken);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                problem = e.Message;
            }

            if (problem is null)
            {
                resumed++;
                continue;
            }

            logger.LogError("Run {RunId} could not be resumed: {Problem}", run.Id, problem);
            var now = clock.GetUtcNow().UtcDateTime;
            run.Status = "error";
            run.EndTime ??= now;
            run.StopReason = $"could not resume after a restart: {problem}";
            db.ExecutionLogs.Add(new ExecutionLogEntity { RunId = run.Id, Level = "error", Source = "server", Message = run.StopReason, Timestamp = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (running.Count > 0)
        {
            logger.LogWarning("Resumed {Resumed} of {Count} run(s) left running by the previous process", resumed, running.Count);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
