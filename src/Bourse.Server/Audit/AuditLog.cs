using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Audit;

/// <summary>
/// Records security-relevant actions in the <c>audit_log</c> table, one row each, written at once. Callers pass ids and
/// names only, never a password, token or secret.
/// </summary>
public sealed class AuditLog(IDbContextFactory<BourseDbContext> contexts, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <summary>Records <paramref name="action"/> by <paramref name="user"/> on <paramref name="target"/>.</summary>
    public Task RecordAsync(CurrentUser? user, string action, object? target = null, string? detail = null) =>
        RecordAsync(user?.Id, user?.Name, action, target, detail);

    /// <summary>Records an action by a user known by id and name (or only by the name given, for a failed login).</summary>
    public async Task RecordAsync(Guid? userId, string? userName, string action, object? target = null, string? detail = null)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            db.AuditLog.Add(new AuditLogEntity
            {
                Timestamp = clock.GetUtcNow().UtcDateTime,
                UserId = userId,
                UserName = userName is { Length: > 64 } ? userName[..64] : userName,
                Action = action,
                Target = target?.ToString(),
                Detail = detail,
                IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException e)
        {
            // The action itself succeeded; a lost audit row is logged rather than failing the request.
            logger.LogError(e, "Could not record audit action {Action} on {Target}", action, target);
        }
    }
}
