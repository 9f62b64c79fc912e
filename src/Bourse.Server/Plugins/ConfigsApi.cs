using Bourse.Persistence;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Plugins;

/// <summary>
/// Maps <c>/api/v1/plugins/{id}/configs</c>: versioned, immutable parameter sets of a plugin. A config belongs to the
/// user who created it; another user's config (or a plugin the caller does not see) is a 404.
/// </summary>
public static class ConfigsApi
{
    private const int MaxLimit = 500;

    /// <summary>Maps the config endpoints.</summary>
    public static IEndpointRouteBuilder MapConfigsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/plugins/{id}/configs").WithTags("Configs");
        group.MapPost("/", Create)
            .WithName("CreateConfig")
            .WithSummary("Create the next version of a named parameter set")
            .WithDescription("{name, parameters}: the parameters are checked against the plugin's schema (400 naming parameters.<Name> for an unknown name, a wrong type, a value out of range or a missing required one); "
                + "the version is 1 for a new name, else the latest version of that name + 1. Versions are immutable. A run started with config_id uses exactly that version's parameters.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List)
            .WithName("ListConfigs")
            .WithSummary("List the caller's configs of a plugin")
            .WithDescription("Optional name filter; by name, then version; limit 1..500 (default 50), offset ≥ 0.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{configId}", Get)
            .WithName("GetConfig")
            .WithSummary("Get one config version with its parameters")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static Task<Results<Created<Envelope<ConfigDto>>, ValidationProblem, ProblemHttpResult>> Create(
        Guid id, CreateConfigRequest? request, CurrentUser user, PluginConfigs configs, CancellationToken cancellationToken) =>
        configs.CreateAsync(id, request ?? new CreateConfigRequest(null, null), user, cancellationToken);

    private static async Task<Results<Ok<Envelope<ConfigPage>>, ValidationProblem, ProblemHttpResult>> List(
        Guid id,
        CurrentUser user,
        IDbContextFactory<BourseDbContext> contexts,
        CancellationToken cancellationToken,
        [FromQuery] string? name = null,
        [FromQuery] int limit = 50,
        [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Plugins.VisibleTo(user).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("Plugin", id);
        }

        var query = db.Configs.AsNoTracking().VisibleTo(user).Where(c => c.PluginId == id);
        if (!string.IsNullOrWhiteSpace(name))
        {
            var trimmed = name.Trim();
            query = query.Where(c => c.Name == trimmed);
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Version).Skip(offset).Take(limit)
            .Select(c => new ConfigSummaryDto(c.Id, c.Name, c.Version, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Envelope.Of($"{rows.Count} of {count} config(s).", new ConfigPage(rows, count, limit, offset)));
    }

    private static async Task<Results<Ok<Envelope<ConfigDto>>, ProblemHttpResult>> Get(
        Guid id, Guid configId, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Configs.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(c => c.Id == configId && c.PluginId == id, cancellationToken);
        return row is null
            ? Problems.NotFound("Config", configId, "configId")
            : TypedResults.Ok(Envelope.Of($"Config '{row.Name}' version {row.Version}.", ConfigDto.From(row)));
    }
}
