using System.Text.Json;
using Bourse.Engine.Risk;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Runs;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.LiveTrading;

/// <summary>The outcome of a lifecycle command: the strategy's new state, or an HTTP status (400, 409) with the errors by field.</summary>
public sealed record LiveCommandOutcome(LiveStrategyState? State, int Status, Dictionary<string, string[]>? Errors)
{
    /// <summary>A refused command.</summary>
    public static LiveCommandOutcome Refused(int status, string field, string message) => new(null, status, new() { [field] = [message] });
}

/// <summary>
/// Starts, pauses, resumes and stops live strategies on the run machinery: a start is a run (<see cref="RunLauncher"/>) of the
/// strategy's plugin, parameters and risk settings on the server's feed and paper account, owned by the strategy's owner, its
/// bars aggregated to the check interval, its daily loss limit set to <em>halt</em> (the risk engine's loss limit: no order
/// until the next trading day of the instruments' calendar). Pause and resume are applied on the run's loop
/// (<see cref="RunHost.SetPausedAsync"/>). Commands are serialized (one at a time per server).
/// </summary>
public sealed class LiveStrategyRunner(
    IDbContextFactory<BourseDbContext> contexts,
    RunLauncher launcher,
    RunRegistry registry,
    RunEventOutbox outbox,
    TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The effective state of a strategy (see <see cref="LiveStrategyLifecycle.StateOf"/>).</summary>
    public async Task<LiveStrategyState> StateAsync(BourseDbContext db, LiveStrategyEntity strategy, CancellationToken cancellationToken)
    {
        var run = strategy.CurrentRunId is { } runId ? await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken) : null;
        return LiveStrategyLifecycle.StateOf(strategy, run, IsActive(strategy));
    }

    /// <summary>True when the strategy's current run is active in this server.</summary>
    public bool IsActive(LiveStrategyEntity strategy) => strategy.CurrentRunId is { } id && registry.Find(id) is not null;

    /// <summary>Applies <paramref name="action"/> (start, stop, pause, resume) to strategy <paramref name="id"/>; 404 unless <paramref name="user"/> sees it, 409 when illegal now.</summary>
    public async Task<LiveCommandOutcome> ApplyAsync(Guid id, string action, CurrentUser user, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var strategy = await db.LiveStrategies.VisibleTo(user).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
            if (strategy is null)
            {
                return LiveCommandOutcome.Refused(StatusCodes.Status404NotFound, "strategy_id", $"No live strategy has the id {id}.");
            }

            var state = await StateAsync(db, strategy, cancellationToken);
            var (to, illegal) = LiveStrategyLifecycle.Next(action, state.Status);
            if (illegal is not null)
            {
                return LiveCommandOutcome.Refused(StatusCodes.Status409Conflict, "status", illegal);
            }

            var errors = await ExecuteAsync(db, strategy, action, cancellationToken);
            if (errors is not null)
            {
                return new(null, StatusCodes.Status400BadRequest, errors);
            }

            strategy.Status = to!;
            strategy.StatusReason = $"{action} by {user.Name}";
            strategy.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return new(await StateAsync(db, strategy, cancellationToken), StatusCodes.Status200OK, null);
        }
        catch (InvalidOperationException e)
        {
            // The run ended between the look-up and the command.
            return LiveCommandOutcome.Refused(StatusCodes.Status409Conflict, "status", $"The strategy's run is no longer active: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Brings back a strategy stored as running or paused at server start-up: its run resumed by crash recovery, or else a
    /// new run, paused again when it was paused. Returns the errors by field when it cannot start (e.g. its plugin was deleted).
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var strategy = await db.LiveStrategies.FirstAsync(l => l.Id == id, cancellationToken);
            if (strategy.Status is not (LiveStrategyLifecycle.Running or LiveStrategyLifecycle.Paused))
            {
                return null;
            }

            // Its run may have been resumed by crash recovery (same run, state restored); else it gets a new run.
            var errors = IsActive(strategy) ? null : await ExecuteAsync(db, strategy, "start", cancellationToken);
            if (errors is null && strategy.Status == LiveStrategyLifecycle.Paused)
            {
                await registry.Find(strategy.CurrentRunId!.Value)!.SetPausedAsync(true, cancellationToken);
            }

            strategy.StatusReason = errors is null ? "restored at server start" : string.Join(" ", errors.SelectMany(e => e.Value));
            strategy.Status = errors is null ? strategy.Status : LiveStrategyLifecycle.Error;
            await db.SaveChangesAsync(cancellationToken);
            return errors;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Carries out a legal command on the run; returns errors by field when the start request is refused.</summary>
    private async Task<Dictionary<string, string[]>?> ExecuteAsync(BourseDbContext db, LiveStrategyEntity strategy, string action, CancellationToken cancellationToken)
    {
        var host = strategy.CurrentRunId is { } runId ? registry.Find(runId) : null;
        switch (action)
        {
            case "start":
                var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == strategy.OwnerId, cancellationToken);
                var outcome = await launcher.StartAsync(
                    RequestOf(strategy), new CurrentUser(owner.Id, owner.UserName, owner.Role, null), cancellationToken,
                    new LiveRunBinding(strategy.Id, TimeSpan.FromSeconds(strategy.CheckInterval)));
                if (outcome.Run is not { } run)
                {
                    return outcome.Errors;
                }

                strategy.CurrentRunId = run.RunId;
                return null;
            case "stop":
                await host!.StopAsync("live strategy stopped", cancellationToken);
                break;
            default:
                await host!.SetPausedAsync(action == "pause", cancellationToken);
                break;
        }

        // What the run published before the command is stored (and queryable) when the answer goes out.
        await outbox.FlushAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return null;
    }

    /// <summary>The run request of a strategy: its plugin, config, parameters, symbols and risk settings, the daily loss limit halting.</summary>
    private static StartRunRequest RequestOf(LiveStrategyEntity s) => new(
        s.PluginId,
        s.ConfigId,
        s.Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries),
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(s.ParametersJson, JsonSetup.Options),
        new RiskRequest(
            MaxPositionSize: s.MaxPositionSize,
            MaxPositions: s.MaxPositions,
            DailyLossLimit: s.DailyLossLimit,
            PositionSizePct: s.PositionSizePct,
            AutoExecute: s.AutoExecute,
            SignalStrengthThreshold: s.SignalStrengthThreshold,
            DailyLossAction: LimitBreachAction.Halt));
}
