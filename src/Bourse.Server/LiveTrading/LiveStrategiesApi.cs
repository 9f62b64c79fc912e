using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.LiveTrading;

/// <summary>
/// Maps <c>/api/v1/live-trading/strategies</c>: create, list, get, update, delete a live strategy, its lifecycle commands
/// (start, stop, pause, resume: see <see cref="LiveStrategyLifecycle"/>) and its status. A strategy belongs to its creator;
/// another user's is a 404.
/// </summary>
public static class LiveStrategiesApi
{
    private const int MaxLimit = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapLiveStrategiesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/live-trading/strategies").WithTags("Live trading");
        group.MapPost("/", Create)
            .WithName("CreateLiveStrategy").WithSummary("Create a live strategy (stopped)")
            .WithDescription("400 names the field at fault: name, plugin_id, symbols, check_interval (60, 300, 900, 1800 or 3600), max_position_size, max_positions (1-20), daily_loss_limit, position_size_pct (0.001-0.5), signal_strength_threshold (0-1), config_id, parameters.<name>.")
            .ProducesValidationProblem();
        group.MapGet("/", List)
            .WithName("ListLiveStrategies").WithSummary("List live strategies")
            .WithDescription("Filter status (stopped, running, paused, error: the effective status); newest first; limit 1..1000 (default 50), offset.")
            .ProducesValidationProblem();
        group.MapGet("/{strategyId}", Get)
            .WithName("GetLiveStrategy").WithSummary("A live strategy")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapPut("/{strategyId}", Update)
            .WithName("UpdateLiveStrategy").WithSummary("Change a stopped live strategy (omitted fields keep their value)")
            .WithDescription("400 names the field at fault (as create), 404 unknown strategy, 409 while it is running or paused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{strategyId}", Delete)
            .WithName("DeleteLiveStrategy").WithSummary("Delete a stopped live strategy (its runs and their rows stay)")
            .WithDescription("400 strategy_id not a GUID, 404 unknown strategy, 409 while it is running or paused or has active sessions.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        foreach (var action in new[] { "start", "stop", "pause", "resume" })
        {
            group.MapPost($"/{{strategyId}}/{action}", (Guid strategyId, CurrentUser user, LiveStrategyRunner runner, IDbContextFactory<BourseDbContext> contexts, AuditLog audit, CancellationToken ct) =>
                    CommandAsync(strategyId, action, user, runner, contexts, audit, ct))
                .WithName($"{char.ToUpperInvariant(action[0])}{action[1..]}LiveStrategy")
                .WithSummary($"{char.ToUpperInvariant(action[0])}{action[1..]} a live strategy")
                .WithDescription("Legal transitions: start stopped|error -> running (a new run), pause running -> paused (orders, positions and strategy state kept; not evaluated), resume paused -> running, stop running|paused -> stopped. 404 unknown strategy, 409 illegal now (with the reason), 400 when the run cannot start (field at fault).")
                .RequireRateLimiting(RateLimits.TradingPolicy)
                .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        group.MapGet("/{strategyId}/status", Status)
            .WithName("GetLiveStrategyStatus").WithSummary("A live strategy, whether it runs, its run's trading state and P&L, and its 20 latest signals")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<Results<Created<Envelope<LiveStrategyDto>>, ValidationProblem>> Create(
        LiveStrategyRequest request, CurrentUser user, LiveStrategyEditor editor, IDbContextFactory<BourseDbContext> contexts, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var strategy = new LiveStrategyEntity { Id = Guid.NewGuid(), OwnerId = user.Id, CreatedAt = now, Status = LiveStrategyLifecycle.Stopped };
        var errors = await editor.ApplyAsync(db, request, strategy, user, create: true, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        db.LiveStrategies.Add(strategy);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "live_strategy.created", strategy.Id, strategy.Name);
        return TypedResults.Created($"/api/v1/live-trading/strategies/{strategy.Id}",
            Envelope.Of($"Live strategy '{strategy.Name}' created.", LiveStrategyDto.From(strategy, new(strategy.Status, null, false))));
    }

    private static async Task<Results<Ok<Envelope<LiveStrategyPage>>, ValidationProblem>> List(
        CurrentUser user, LiveStrategyRunner runner, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken,
        [FromQuery] string? status = null, [FromQuery] int limit = 50, [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        if (status is not null && !LiveStrategyLifecycle.All.Contains(status))
        {
            return Problems.Invalid("status", $"status must be one of {string.Join(", ", LiveStrategyLifecycle.All)} (was '{status}').");
        }

        // The effective status depends on the runs active in this process, so the filter applies after reading the caller's rows.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.LiveStrategies.AsNoTracking().VisibleTo(user).OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
        var all = new List<LiveStrategyDto>(rows.Count);
        foreach (var row in rows)
        {
            all.Add(LiveStrategyDto.From(row, await runner.StateAsync(db, row, cancellationToken)));
        }

        var matching = all.Where(s => status is null || s.Status == status).ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        return TypedResults.Ok(Envelope.Of($"{page.Count} of {matching.Count} live strateg{(matching.Count == 1 ? "y" : "ies")}.",
            new LiveStrategyPage(page, matching.Count, limit, offset)));
    }

    private static async Task<Results<Ok<Envelope<LiveStrategyDto>>, ProblemHttpResult>> Get(
        Guid strategyId, CurrentUser user, LiveStrategyRunner runner, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LiveStrategies.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(l => l.Id == strategyId, cancellationToken);
        return row is null
            ? NotFound(strategyId)
            : TypedResults.Ok(Envelope.Of($"Live strategy '{row.Name}'.", LiveStrategyDto.From(row, await runner.StateAsync(db, row, cancellationToken))));
    }

    private static async Task<Results<Ok<Envelope<LiveStrategyDto>>, ValidationProblem, ProblemHttpResult>> Update(
        Guid strategyId, LiveStrategyRequest request, CurrentUser user, LiveStrategyEditor editor, LiveStrategyRunner runner,
        IDbContextFactory<BourseDbContext> contexts, AuditLog audit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LiveStrategies.VisibleTo(user).FirstOrDefaultAsync(l => l.Id == strategyId, cancellationToken);
        if (row is null)
        {
            return NotFound(strategyId);
        }

        if (runner.IsActive(row))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The strategy is running.", $"Stop the strategy before changing it (it is {row.Status}).", "status");
        }

        var errors = await editor.ApplyAsync(db, request, row, user, create: false, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "live_strategy.updated", row.Id, row.Name);
        return TypedResults.Ok(Envelope.Of($"Live strategy '{row.Name}' updated.", LiveStrategyDto.From(row, await runner.StateAsync(db, row, cancellationToken))));
    }

    private static async Task<Results<Ok<Envelope<LiveStrategyDto>>, ProblemHttpResult>> Delete(
        Guid strategyId, CurrentUser user, LiveStrategyRunner runner, IDbContextFactory<BourseDbContext> contexts, AuditLog audit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LiveStrategies.VisibleTo(user).FirstOrDefaultAsync(l => l.Id == strategyId, cancellationToken);
        if (row is null)
        {
            return NotFound(strategyId);
        }

        if (runner.IsActive(row))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The strategy is running.", $"Stop the strategy before deleting it (it is {row.Status}).", "status");
        }

        if (await db.Sessions.AnyAsync(s => s.StrategyId == strategyId && s.Status == "active", cancellationToken))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The strategy has active sessions.", "Stop the strategy's sessions before deleting it.", "strategy_id");
        }

        var state = await runner.StateAsync(db, row, cancellationToken);
        db.LiveStrategies.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "live_strategy.deleted", row.Id, row.Name);
        return TypedResults.Ok(Envelope.Of($"Live strategy '{row.Name}' deleted.", LiveStrategyDto.From(row, state)));
    }

    private static async Task<Results<Ok<Envelope<LiveStrategyDto>>, ValidationProblem, ProblemHttpResult>> CommandAsync(
        Guid strategyId, string action, CurrentUser user, LiveStrategyRunner runner, IDbContextFactory<BourseDbContext> contexts, AuditLog audit, CancellationToken cancellationToken)
    {
        var outcome = await runner.ApplyAsync(strategyId, action, user, cancellationToken);
        if (outcome.State is not { } state)
        {
            var (field, messages) = outcome.Errors!.First();
            return outcome.Status == StatusCodes.Status400BadRequest
                ? Problems.Invalid(outcome.Errors!, string.Join(" ", outcome.Errors!.SelectMany(e => e.Value)))
                : Problems.Status(outcome.Status, outcome.Status == StatusCodes.Status404NotFound ? "Live strategy not found." : $"Cannot {action} the strategy now.", messages[0], field);
        }

        await audit.RecordAsync(user, $"live_strategy.{action}", strategyId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LiveStrategies.AsNoTracking().FirstAsync(l => l.Id == strategyId, cancellationToken);
        return TypedResults.Ok(Envelope.Of($"Live strategy '{row.Name}' {state.Status}.", LiveStrategyDto.From(row, state)));
    }

    private static async Task<Results<Ok<Envelope<LiveStrategyStatusDto>>, ProblemHttpResult>> Status(
        Guid strategyId, CurrentUser user, LiveStrategyRunner runner, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LiveStrategies.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(l => l.Id == strategyId, cancellationToken);
        if (row is null)
        {
            return NotFound(strategyId);
        }

        var state = await runner.StateAsync(db, row, cancellationToken);
        var run = row.CurrentRunId is { } runId ? await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken) : null;
        var signals = await LiveSignals.Query(db, user).Where(x => x.Run.LiveStrategyId == strategyId)
            .OrderByDescending(x => x.Signal.Timestamp).ThenByDescending(x => x.Signal.Id).Take(20).ToListAsync(cancellationToken);
        var dto = new LiveStrategyStatusDto(LiveStrategyDto.From(row, state), state.Running, run is null ? null : LiveRunDto.From(run), [.. signals.Select(LiveSignals.ToDto)]);
        return TypedResults.Ok(Envelope.Of($"Live strategy '{row.Name}' is {state.Status}{(run is null ? "" : $", trading state {run.TradingState}")}.", dto));
    }

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("Live strategy", id, "strategy_id");
}
