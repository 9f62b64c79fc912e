using System.Reflection;
using Bourse.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Health;

/// <summary>The health probe.</summary>
/// <param name="Status">"ok", or "degraded" when the database query failed.</param>
/// <param name="Service">Always "bourse".</param>
/// <param name="Version">The server's informational version.</param>
/// <param name="Database">"ok" after a real query, else the error message.</param>
public sealed record HealthReport(string Status, string Service, string Version, string Database);

/// <summary>Maps <c>GET /health</c>.</summary>
public static class HealthApi
{
    private static readonly string Version =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// <c>GET /health</c> → 200 <c>{status, service, version, database}</c> (not enveloped: probes read it as is);
    /// 503 with the same body when the database does not answer.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .AllowAnonymous()
            .WithTags("Health")
            .WithSummary("Liveness and database check")
            .WithDescription("Runs a real query against the database; database is \"ok\" or the error message.")
            .Produces<HealthReport>(StatusCodes.Status200OK)
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> GetHealth(IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        string database;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            _ = await db.Plugins.CountAsync(cancellationToken);
            database = "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            database = e.Message;
        }

        var ok = database == "ok";
        var report = new HealthReport(ok ? "ok" : "degraded", "bourse", Version, database);
        return ok ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
