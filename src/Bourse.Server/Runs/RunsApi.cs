using System.Text.Json;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Runs;

/// <summary>
/// Maps <c>/api/v1/strategies</c>: start, stop, status, list, stats and the run's persisted rows. A run and its rows
/// belong to the user who started it; another user's run is a 404.
/// </summary>
public static class RunsApi
{
    private const int MaxLimit = 1000;

    /// <summary>How long the stats endpoint waits for a running run's loop before it answers with the stored statistics.</summary>
    private static readonly TimeSpan LiveStatisticsTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Maps the run endpoints.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/strategies").WithTags("Runs");

        group.MapPost("/start", Start)
            .WithName("StartRun")
            .WithSummary("Start a live paper run of a strategy")
            .WithDescription("400 names the field at fault: plugin_id, config_id, symbols, starting_cash, risk.<field>, parameters.<name>. The run belongs to the caller. Rate limited (RateLimits:TradingPerMinute).")
            .RequireRateLimiting(RateLimits.TradingPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/{runId}/stop", Stop)
            .WithName("StopRun")
            .WithSummary("Stop a running run")
            .WithDescription("Cancels working orders, stops the strategy, answers once the stop and its events are stored. 400 run_id not a GUID, 404 unknown run, 409 not running, 503 applied but not yet stored.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{runId}/kill", Kill)
            .WithName("KillRun")
            .WithSummary("Pull a run's kill switch")
            .WithDescription("The run goes to HALTED (no new orders; it keeps receiving data), every working order is canceled and, with flatten=true, every position is closed at market; answers once those events are stored. Audited. 400 run_id not a GUID, 404 unknown run, 409 not running, 503 applied but not yet stored.")
            .RequireRateLimiting(RateLimits.TradingPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{runId}/status", Status)
            .WithName("GetRunStatus")
            .WithSummary("A run's status, counters, P&L and resource use")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/runs", List)
            .WithName("ListRuns")
            .WithSummary("List runs")
            .WithDescription("Filters plugin_id and status (running, stopped, error, completed); newest first; limit 1..1000 (default 50).")
            .ProducesValidationProblem();
        group.MapGet("/{runId}/stats", Stats)
            .WithName("GetRunStats")
            .WithSummary("A run's statistics: counters, P&L, performance figures and risk decisions")
            .WithDescription("Computed live by a running run (live=true); a stopped run answers with the statistics stored at its end. 400 run_id not a GUID, 404 unknown run.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{runId}/signals", Signals)
            .WithName("ListRunSignals").WithSummary("A run's signals, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapGet("/{runId}/orders", Orders)
            .WithName("ListRunOrders").WithSummary("A run's orders (one row per order, current status), oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapGet("/{runId}/trades", Trades)
            .WithName("ListRunTrades").WithSummary("A run's fills, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapGet("/{runId}/positions", Positions)
            .WithName("ListRunPositions").WithSummary("A run's current positions per instrument")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapGet("/{runId}/logs", Logs)
            .WithName("ListRunLogs").WithSummary("A run's execution log, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<Results<Created<Envelope<StartedRun>>, ValidationProblem>> Start(
        StartRunRequest request, CurrentUser user, RunLauncher launcher, AuditLog audit, CancellationToken cancellationToken)
    {
        var outcome = await launcher.StartAsync(request, user, cancellationToken);
        if (outcome.Run is not { } run)
        {
            return Problems.Invalid(outcome.Errors!, string.Join(" ", outcome.Errors!.SelectMany(e => e.Value)));
        }

        await audit.RecordAsync(user, "run.started", run.RunId, $"plugin {run.PluginId}");
        return TypedResults.Created($"/api/v1/strategies/{run.RunId}/status", Envelope.Of("Run started.", run));
    }

    private static Task<Results<Ok<Envelope<RunStatusDto>>, ProblemHttpResult>> Stop(
        Guid runId, CurrentUser user, RunRegistry registry, RunEventOutbox outbox, IDbContextFactory<BourseDbContext> contexts, AuditLog audit,
        CancellationToken cancellationToken) =>
        CommandAsync(
            new(runId, user, registry, outbox, contexts, audit), host => host.StopAsync("stopped by request", cancellationToken),
            "run.stopped", null, row => $"Run {row.Status}.", cancellationToken);

    private static Task<Results<Ok<Envelope<RunStatusDto>>, ProblemHttpResult>> Kill(
        Guid runId, CurrentUser user, RunRegistry registry, RunEventOutbox outbox, IDbContextFactory<BourseDbContext> contexts, AuditLog audit,
        CancellationToken cancellationToken, bool flatten = false) =>
        CommandAsync(
            new(runId, user, registry, outbox, contexts, audit), host => host.KillAsync($"kill switch pulled by {user.Name}", flatten, cancellationToken),
            "run.kill_switch", flatten ? "flatten" : null, _ => $"Kill switch pulled{(flatten ? ", positions flattened" : string.Empty)}.", cancellationToken);

    /// <summary>
    /// One command on a live run: 404 unless the caller sees the run, 409 unless it is running (or it ended before the
    /// command was applied), then the command, the outbox flush that makes its events queryable, the audit entry and
    /// the stored status.
    /// </summary>
    private static async Task<Results<Ok<Envelope<RunStatusDto>>, ProblemHttpResult>> CommandAsync(
        RunCommandContext context, Func<RunHost, Task> command, string auditAction, string? auditDetail, Func<RunEntity, string> message,
        CancellationToken cancellationToken)
    {
        var (runId, user, registry, outbox, contexts, audit) = context;
        var existing = await FindAsync(contexts, runId, user, cancellationToken);
        if (existing is null)
        {
            return Problems.NotFound("Run", runId, "run_id");
        }

        try
        {
            await command(registry.Find(runId) ?? throw new InvalidOperationException($"Run {runId} is {existing.Status}."));
        }
        catch (InvalidOperationException e)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The run is not running.", e.Message, "run_id");
        }

        // The answer acknowledges the command's orders (cancels, closing orders): it waits until their events are committed.
        if (!await outbox.FlushAsync(TimeSpan.FromSeconds(30), cancellationToken))
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Not yet stored.",
                "The command was applied but its events are not stored yet (the database is behind or failing); read the run's status again.", "run_id");
        }

        await audit.RecordAsync(user, auditAction, runId, auditDetail);
        var row = (await FindAsync(contexts, runId, user, cancellationToken))!;
        return TypedResults.Ok(Envelope.Of(message(row), RunStatusDto.From(row)));
    }

    private static async Task<Results<Ok<Envelope<RunStatusDto>>, ProblemHttpResult>> Status(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        var row = await FindAsync(contexts, runId, user, cancellationToken);
        return row is null ? Problems.NotFound("Run", runId, "run_id") : TypedResults.Ok(Envelope.Of($"Run {row.Status}.", RunStatusDto.From(row)));
    }

    private static async Task<Results<Ok<Envelope<RunStatsDto>>, ProblemHttpResult>> Stats(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, RunRegistry registry, CancellationToken cancellationToken)
    {
        var row = await FindAsync(contexts, runId, user, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("Run", runId, "run_id");
        }

        if (registry.Find(runId) is { } host)
        {
            try
            {
                var live = await host.StatisticsAsync(LiveStatisticsTimeout, cancellationToken);
                return TypedResults.Ok(Envelope.Of("Live run statistics.", RunStatsDto.From(live, live: true)));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // The run ended meanwhile, or its loop is stuck in a callback: the stored statistics answer.
                row = await FindAsync(contexts, runId, user, cancellationToken) ?? row;
            }
        }

        return TypedResults.Ok(Envelope.Of("Run statistics (as stored at the last sample or the stop).", RunStatsDto.From(row)));
    }

    private static async Task<Results<Ok<Envelope<RunPage>>, ValidationProblem>> List(
        CurrentUser user,
        IDbContextFactory<BourseDbContext> contexts,
        CancellationToken cancellationToken,
        [FromQuery(Name = "plugin_id")] Guid? pluginId = null,
        [FromQuery] string? status = null,
        [FromQuery] int limit = 50,
        [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        if (status is not (null or "running" or "stopped" or "error" or "completed"))
        {
            return Problems.Invalid("status", $"status must be running, stopped, error or completed (was '{status}').");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Runs.AsNoTracking().VisibleTo(user);
        if (pluginId is { } p)
        {
            query = query.Where(r => r.PluginId == p);
        }

        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.StartTime).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of($"{rows.Count} of {count} run(s).", new RunPage([.. rows.Select(RunStatusDto.From)], count, limit, offset)));
    }

    private static Task<Results<Ok<Envelope<RowPage<SignalDto>>>, ProblemHttpResult, ValidationProblem>> Signals(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken, [FromQuery] int limit = 100, [FromQuery] int offset = 0) =>
        PageAsync(contexts, runId, user, limit, offset, "signal(s)", db => db.Signals.Where(s => s.RunId == runId).OrderBy(s => s.SignalId),
            s => new SignalDto(s.SignalId, s.SignalType, s.Symbol, s.Venue, s.Strength, s.Price, s.Quantity, s.Executed, s.OrderId, s.Reason,
                s.MetadataJson is null ? null : JsonDocument.Parse(s.MetadataJson).RootElement.Clone(), s.Timestamp), cancellationToken);

    private static Task<Results<Ok<Envelope<RowPage<OrderDto>>>, ProblemHttpResult, ValidationProblem>> Orders(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken, [FromQuery] int limit = 100, [FromQuery] int offset = 0) =>
        PageAsync(contexts, runId, user, limit, offset, "order(s)", db => db.Orders.Where(o => o.RunId == runId).OrderBy(o => o.Id),
            o => new OrderDto(o.ClientOrderId, o.Symbol, o.Side, o.OrderType, o.TimeInForce, o.Quantity, o.LimitPrice, o.Status, o.FilledQuantity, o.AverageFillPrice, o.Reason, o.Tag, o.CreatedAt, o.UpdatedAt),
            cancellationToken);

    private static Task<Results<Ok<Envelope<RowPage<TradeDto>>>, ProblemHttpResult, ValidationProblem>> Trades(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken, [FromQuery] int limit = 100, [FromQuery] int offset = 0) =>
        PageAsync(contexts, runId, user, limit, offset, "trade(s)", db => db.Fills.Where(f => f.RunId == runId).OrderBy(f => f.Id),
            f => new TradeDto(f.TradeId, f.ClientOrderId, f.Symbol, f.Side, f.Price, f.Quantity, f.Commission, f.CommissionCurrency, f.IsMaker, f.Timestamp), cancellationToken);

    private static Task<Results<Ok<Envelope<RowPage<PositionDto>>>, ProblemHttpResult, ValidationProblem>> Positions(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken, [FromQuery] int limit = 100, [FromQuery] int offset = 0) =>
        PageAsync(contexts, runId, user, limit, offset, "position(s)", db => db.Positions.Where(p => p.RunId == runId).OrderBy(p => p.Symbol),
            p => new PositionDto(p.Symbol, p.NetQuantity, p.AveragePrice, p.LastPrice, p.RealizedPnl, p.UnrealizedPnl, p.Commissions, p.UpdatedAt), cancellationToken);

    private static Task<Results<Ok<Envelope<RowPage<LogDto>>>, ProblemHttpResult, ValidationProblem>> Logs(
        Guid runId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken, [FromQuery] int limit = 100, [FromQuery] int offset = 0) =>
        PageAsync(contexts, runId, user, limit, offset, "log line(s)", db => db.ExecutionLogs.Where(l => l.RunId == runId).OrderBy(l => l.Id),
            l => new LogDto(l.Level, l.Source, l.Message, l.Timestamp), cancellationToken);

    private static async Task<RunEntity?> FindAsync(IDbContextFactory<BourseDbContext> contexts, Guid runId, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    private static async Task<Results<Ok<Envelope<RowPage<TDto>>>, ProblemHttpResult, ValidationProblem>> PageAsync<TRow, TDto>(
        IDbContextFactory<BourseDbContext> contexts,
        Guid runId,
        CurrentUser user,
        int limit,
        int offset,
        string what,
        Func<BourseDbContext, IQueryable<TRow>> query,
        Func<TRow, TDto> map,
        CancellationToken cancellationToken)
        where TRow : class
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Runs.VisibleTo(user).AnyAsync(r => r.Id == runId, cancellationToken))
        {
            return Problems.NotFound("Run", runId, "run_id");
        }

        var rows = query(db).AsNoTracking();
        var count = await rows.CountAsync(cancellationToken);
        var page = await rows.Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of($"{page.Count} of {count} {what}.", new RowPage<TDto>([.. page.Select(map)], count, limit, offset)));
    }
}

/// <summary>The services and caller a command on a live run needs (see <c>RunsApi.CommandAsync</c>).</summary>
internal sealed record RunCommandContext(
    Guid RunId, CurrentUser User, RunRegistry Registry, RunEventOutbox Outbox, IDbContextFactory<BourseDbContext> Contexts, AuditLog Audit);
