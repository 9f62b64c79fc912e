using System.Text.Json;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins.Parameters;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Plugins;

/// <summary>
/// Creates versions of named parameter sets. A version is validated against the plugin's parameter schema (the
/// binder a run start uses: names, types, ranges, required values, the record's own checks) and stores every
/// parameter's effective value, so a run started from it binds exactly those values. Versions are never changed.
/// </summary>
public sealed class PluginConfigs(IDbContextFactory<BourseDbContext> contexts, PluginCatalogue catalogue, TimeProvider clock)
{
    /// <summary>Longest config name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Attempts to take the next version when concurrent creates of the same name collide on the unique index.</summary>
    private const int Attempts = 10;

    /// <summary>
    /// Creates the next version (1, 2, 3...) of <paramref name="request"/>'s name for the caller and the plugin: 404 when
    /// the caller does not see the plugin (or it is deleted), 400 naming <c>name</c> or <c>parameters.&lt;Name&gt;</c>,
    /// 409 when the plugin is not loaded.
    /// </summary>
    public async Task<Results<Created<Envelope<ConfigDto>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid pluginId, CreateConfigRequest request, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plugin = await db.Plugins.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(p => p.Id == pluginId && p.DeletedAt == null, cancellationToken);
        if (plugin is null)
        {
            return Problems.NotFound("Plugin", pluginId);
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Problems.Invalid("name", $"name is required: 1 to {MaxNameLength} characters, no control characters.");
        }

        using var lease = catalogue.Acquire(pluginId);
        if (lease is null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The plugin is not loaded.", $"Plugin '{plugin.Name}' could not be loaded at start-up; its parameters cannot be checked.", "id");
        }

        BoundParameters bound;
        try
        {
            bound = lease.Plugin.Bind(request.Parameters ?? []);
        }
        catch (ParameterException e)
        {
            var errors = e.Errors.GroupBy(p => $"parameters.{p.Parameter}").ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return Problems.Invalid(errors, e.Message);
        }

        var parameters = JsonSerializer.Serialize(bound.Values, JsonSetup.Options);
        for (var attempt = 1; ; attempt++)
        {
            var latest = await db.Configs
                .Where(c => c.OwnerId == user.Id && c.PluginId == pluginId && c.Name == name)
                .MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0;
            var config = new ConfigEntity
            {
                Id = Guid.NewGuid(),
                PluginId = pluginId,
                OwnerId = user.Id,
                Name = name,
                Version = latest + 1,
                ParametersJson = parameters,
                CreatedAt = WholeMicroseconds(clock.GetUtcNow().UtcDateTime),
            };
            db.Configs.Add(config);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/v1/plugins/{pluginId}/configs/{config.Id}", Envelope.Of($"Config '{name}' version {config.Version} created.", ConfigDto.From(config)));
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // A concurrent create took this version (unique owner, plugin, name, version): read the latest again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// <paramref name="time"/> cut to whole microseconds, the precision PostgreSQL keeps (SQLite keeps .NET's 100 ns ticks), so
    /// the version a create answers with is exactly the one later reads return on either database.
    /// </summary>
    private static DateTime WholeMicroseconds(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
