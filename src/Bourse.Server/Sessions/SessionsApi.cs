using Bourse.Persistence;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Sessions;

/// <summary>
/// Maps <c>/api/v1/sessions</c>: start, stop and list trading sessions (see <see cref="SessionService"/> for what a session
/// means). A session belongs to its strategy's owner; another user's is a 404.
/// </summary>
public static class SessionsApi
{
    private const int MaxLimit = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/sessions").WithTags("Sessions");
        group.MapPost("/", Start)
            .WithName("StartSession").WithSummary("Start a session: a live strategy trades a symbol, the feed subscribes it")
            .WithDescription("{symbol, type: stock|crypto, strategy_id}. The feed publishes the symbol while a session (or run) subscribes it; the strategy is started when it is stopped. 400 names the field at fault (symbol not published or not one of the strategy's symbols, type not the symbol's kind, unknown strategy_id), 409 when the strategy already has an active session on the symbol.")
            .RequireRateLimiting(RateLimits.TradingPolicy)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{sessionId}/stop", Stop)
            .WithName("StopSession").WithSummary("Stop a session")
            .WithDescription("Releases its subscription (the feed drops the symbol when it was the last subscriber) and stops the strategy when this was its last active session. 404 unknown session, 409 already stopped.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        group.MapGet("/", List)
            .WithName("ListSessions").WithSummary("List sessions, newest first")
            .WithDescription("Filters: status (active, stopped), symbol, strategy_id; limit 1..1000 (default 50), offset.")
            .ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<Results<Created<Envelope<SessionDto>>, ValidationProblem, ProblemHttpResult>> Start(
        SessionRequest request, CurrentUser user, SessionService sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        var outcome = await sessions.StartAsync(request, user, cancellationToken);
        if (outcome.Session is not { } session)
        {
            return outcome.Status == StatusCodes.Status400BadRequest ? Invalid(outcome) : Problem(outcome);
        }

        await audit.RecordAsync(user, "session.started", session.Id, $"{session.Symbol} for live strategy {session.StrategyId}");
        return TypedResults.Created($"/api/v1/sessions?strategy_id={session.StrategyId}", Envelope.Of($"Session on {session.Symbol} started.", session));
    }

    private static async Task<Results<Ok<Envelope<SessionDto>>, ValidationProblem, ProblemHttpResult>> Stop(
        Guid sessionId, CurrentUser user, SessionService sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        var outcome = await sessions.StopAsync(sessionId, user, cancellationToken);
        if (outcome.Session is not { } session)
        {
            return outcome.Status == StatusCodes.Status400BadRequest ? Invalid(outcome) : Problem(outcome);
        }

        await audit.RecordAsync(user, "session.stopped", session.Id, session.Symbol);
        return TypedResults.Ok(Envelope.Of($"Session on {session.Symbol} stopped.", session));
    }

    private static async Task<Results<Ok<Envelope<SessionPage>>, ValidationProblem>> List(
        CurrentUser user,
        SessionSubscriptions subscriptions,
        IDbContextFactory<BourseDbContext> contexts,
        CancellationToken cancellationToken,
        [FromQuery] string? status = null,
        [FromQuery] string? symbol = null,
        [FromQuery(Name = "strategy_id")] Guid? strategyId = null,
        [FromQuery] int limit = 50,
        [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        if (status is not (null or SessionService.Active or SessionService.Stopped))
        {
            return Problems.Invalid("status", $"status must be active or stopped (was '{status}').");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Sessions.AsNoTracking().VisibleTo(user);
        if (status is not null)
        {
            query = query.Where(s => s.Status == status);
        }

        if (symbol is not null)
        {
            query = query.Where(s => s.Symbol == symbol);
        }

        if (strategyId is { } id)
        {
            query = query.Where(s => s.StrategyId == id);
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(s => s.StartedAt).ThenBy(s => s.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        IReadOnlyList<SessionDto> page = [.. rows.Select(s => SessionDto.From(s, subscriptions.SubscribersOf(s.Symbol)))];
        return TypedResults.Ok(Envelope.Of($"{page.Count} of {count} session(s).", new SessionPage(page, count, limit, offset)));
    }

    private static ValidationProblem Invalid(SessionOutcome outcome) =>
        Problems.Invalid(outcome.Errors!, string.Join(" ", outcome.Errors!.SelectMany(e => e.Value)));

    private static ProblemHttpResult Problem(SessionOutcome outcome)
    {
        var (field, messages) = outcome.Errors!.First();
        var title = outcome.Status == StatusCodes.Status404NotFound ? "Session not found." : "The session cannot change now.";
        return Problems.Status(outcome.Status, title, messages[0], field);
    }
}
