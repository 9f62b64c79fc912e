using Bourse.Persistence;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Audit;

/// <summary>An audit log entry.</summary>
/// <param name="Id">Increasing id.</param>
/// <param name="Timestamp">When, UTC.</param>
/// <param name="UserId">Who (null when unknown).</param>
/// <param name="UserName">The user name as known or given.</param>
/// <param name="Action">auth.login, auth.login_failed, auth.registered, api_key.created, api_key.revoked, plugin.uploaded, plugin.deleted, run.started, run.stopped, run.kill_switch</param>
/// <param name="Target">The resource id acted on.</param>
/// <param name="Detail">A short detail.</param>
/// <param name="IpAddress">The client address.</param>
public sealed record AuditEntryDto(long Id, DateTime Timestamp, Guid? UserId, string? UserName, string Action, string? Target, string? Detail, string? IpAddress);

/// <summary>A page of audit entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Entries, int Count, int Limit, int Offset);

/// <summary>Maps <c>GET /api/v1/admin/audit</c> (admins only).</summary>
public static class AuditApi
{
    private const int MaxLimit = 1000;

    /// <summary>Maps the audit endpoint.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/admin/audit", List)
            .WithName("ListAuditLog")
            .WithTags("Admin")
            .WithSummary("The audit log, newest first (admins only)")
            .WithDescription("Filters action (exact, e.g. auth.login_failed) and user_id; limit 1..1000 (default 100). 403 for non-admins.")
            .RequireAuthorization(AuthSetup.AdminPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<Results<Ok<Envelope<AuditPage>>, ValidationProblem>> List(
        IDbContextFactory<BourseDbContext> contexts,
        CancellationToken cancellationToken,
        [FromQuery] string? action = null,
        [FromQuery(Name = "user_id")] Guid? userId = null,
        [FromQuery] int limit = 100,
        [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (action is not null)
        {
            query = query.Where(a => a.Action == action);
        }

        if (userId is { } u)
        {
            query = query.Where(a => a.UserId == u);
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        var entries = rows.Select(a => new AuditEntryDto(a.Id, a.Timestamp, a.UserId, a.UserName, a.Action, a.Target, a.Detail, a.IpAddress)).ToList();
        return TypedResults.Ok(Envelope.Of($"{entries.Count} of {count} audit entr{(count == 1 ? "y" : "ies")}.", new AuditPage(entries, count, limit, offset)));
    }
}
