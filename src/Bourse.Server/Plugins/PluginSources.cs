using System.Text;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Plugins;

/// <summary>
/// The C# source of an uploaded source strategy: read it, and replace it with a new version that keeps the plugin's
/// id (so its configs and run history stay attached). The new source is checked and compiled exactly like an upload.
/// </summary>
public sealed class PluginSources(
    IDbContextFactory<BourseDbContext> contexts,
    PluginCatalogue catalogue,
    PluginBuilder builder,
    IOptions<PluginOptions> options,
    AuditLog audit)
{
    /// <summary>The source of plugin <paramref name="id"/>. 404 when the caller does not see it or it has no source (a built-in or a .dll).</summary>
    public async Task<Results<Ok<Envelope<PluginSourceDto>>, ProblemHttpResult>> GetAsync(Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Plugins.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("Plugin", id);
        }

        return row.Source is null
            ? NoSource(row)
            : TypedResults.Ok(Envelope.Of($"Source of '{row.Name}'.", new PluginSourceDto(row.Id, row.Name, row.Source)));
    }

    /// <summary>
    /// Replaces the source of plugin <paramref name="id"/> with <paramref name="source"/> and swaps the new build into
    /// the catalogue. The plugin is looked up first: one the caller does not see (another user's; an admin sees all) or
    /// without source (a built-in, a .dll) is a 404 whatever the body. Then: 400 (field <c>source</c>) for empty source,
    /// compile errors (<c>diagnostics</c>) and sandbox findings (<c>violations</c>) as for an upload; 413 over
    /// <see cref="PluginOptions.MaxUploadBytes"/>; 409 (field <c>name</c>) when the new strategy name is another plugin's
    /// of the same owner or a built-in's, 409 (field <c>id</c>) while a run uses it.
    /// </summary>
    public async Task<Results<Ok<Envelope<PluginDto>>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id, string? source, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Plugins.VisibleTo(user).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("Plugin", id);
        }

        if (row.Source is null)
        {
            return NoSource(row);
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return Problems.Invalid("source", "The new C# source of the strategy is required.");
        }

        var size = Encoding.UTF8.GetByteCount(source);
        if (size > options.Value.MaxUploadBytes)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The strategy source is too large.",
                $"The source has {size} bytes; the limit is {options.Value.MaxUploadBytes} bytes.", "source");
        }

        var build = builder.BuildSource(source, $"{row.Name}.cs", "source", id, cancellationToken);
        if (build.Problem is not null)
        {
            return build.Problem;
        }

        var plugin = build.Plugin!;
        var name = plugin.Metadata.Name;
        if (await db.Plugins.AnyAsync(p => p.Id != id && p.Name == name && p.DeletedAt == null && (p.OwnerId == null || p.OwnerId == row.OwnerId), cancellationToken))
        {
            plugin.Unload();
            return PluginUploads.Duplicate(name);
        }

        if (!catalogue.TryReplace(id, plugin, out var previous))
        {
            plugin.Unload();
            return Problems.Status(StatusCodes.Status409Conflict, "The plugin is in use.",
                $"Plugin '{row.Name}' is used by {catalogue.LeasesOf(id)} starting or running run(s); stop them before changing its source.", "id");
        }

        var before = row.Name;
        row.Source = source;
        row.AssemblyBytes = build.AssemblyBytes;
        PluginDto.Describe(row, plugin.Metadata);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            PutBack(id, previous, plugin);
            return PluginUploads.Duplicate(name);
        }

        previous?.Unload();
        await audit.RecordAsync(user, "plugin.source_replaced", id, $"'{before}' -> '{name}' ({size} bytes)");
        return TypedResults.Ok(Envelope.Of($"Plugin '{name}' updated from its new source (author's version {row.Version}).", PluginDto.From(row)));
    }

    private void PutBack(Guid id, StrategyPlugin? previous, StrategyPlugin rejected)
    {
        if (previous is null)
        {
            catalogue.Remove(id);
        }
        else
        {
            catalogue.Add(id, previous);
            rejected.Unload();
        }
    }

    private static ProblemHttpResult NoSource(PluginEntity row) =>
        Problems.Status(StatusCodes.Status404NotFound, "The plugin has no source.",
            $"Plugin '{row.Name}' is {(row.Kind == PluginKind.BuiltIn ? "built in" : "an uploaded assembly")}: only strategies uploaded as C# source have one.", "id");
}
