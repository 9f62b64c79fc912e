using System.Text;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Plugins;

/// <summary>
/// Accepts an uploaded strategy: a <c>.cs</c> file compiled with Roslyn against the SDK, or a <c>.dll</c> built against
/// it, loaded in a collectible load context; checks it, stores it (source and assembly bytes) and adds it to the catalogue.
/// </summary>
public sealed class PluginUploads(
    IDbContextFactory<BourseDbContext> contexts,
    PluginCatalogue catalogue,
    PluginBuilder builder,
    IOptions<PluginOptions> options,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>
    /// Uploads <paramref name="file"/>. Errors: 400 (field <c>plugin</c>) for a missing, empty or wrongly named file,
    /// compile errors (with <c>diagnostics</c>: line, column, message, id), uses of what the sandbox forbids (with
    /// <c>violations</c>: symbol, rule, line and column for source, used_in for a binary), an invalid assembly or no strategy class;
    /// 413 for a file over <see cref="PluginOptions.MaxUploadBytes"/>; 409 (field <c>name</c>) when a live plugin of
    /// <paramref name="owner"/> or a built-in has the same name. The plugin belongs to <paramref name="owner"/>.
    /// </summary>
    public async Task<Results<Created<Envelope<PluginDto>>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        IFormFile? file, string? createdBy, CurrentUser owner, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return Problems.Invalid("plugin", "The multipart form field 'plugin' (a .cs or .dll file) is required.");
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".cs" or ".dll"))
        {
            return Problems.Invalid("plugin", $"'{file.FileName}' is neither a C# source file (.cs) nor an assembly (.dll).");
        }

        if (file.Length == 0)
        {
            return Problems.Invalid("plugin", $"'{file.FileName}' is empty.");
        }

        var max = options.Value.MaxUploadBytes;
        if (file.Length > max)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The plugin file is too large.", $"'{file.FileName}' has {file.Length} bytes; the limit is {max} bytes.", "plugin");
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var id = Guid.NewGuid();
        var source = extension == ".cs" ? Encoding.UTF8.GetString(bytes) : null;
        var build = source is null
            ? PluginBuilder.BuildAssembly(bytes, file.FileName, "plugin", id)
            : builder.BuildSource(source, file.FileName, "plugin", id, cancellationToken);
        if (build.Problem is not null)
        {
            return build.Problem;
        }

        var plugin = build.Plugin!;
        var stored = false;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var name = plugin.Metadata.Name;
            if (await db.Plugins.AnyAsync(p => p.Name == name && p.DeletedAt == null && (p.OwnerId == null || p.OwnerId == owner.Id), cancellationToken))
            {
                return Duplicate(name);
            }

            var row = new PluginEntity
            {
                Id = id,
                Kind = source is null ? PluginKind.Assembly : PluginKind.Source,
                Source = source,
                AssemblyBytes = build.AssemblyBytes,
                OwnerId = owner.Id,
                CreatedBy = string.IsNullOrWhiteSpace(createdBy) ? owner.Name : createdBy.Trim(),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            PluginDto.Describe(row, plugin.Metadata);
            db.Plugins.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Duplicate(name);
            }

            catalogue.Add(id, plugin);
            stored = true;
            await audit.RecordAsync(owner, "plugin.uploaded", id, $"'{name}' ({row.Kind}, {file.Length} bytes)");
            var dto = PluginDto.From(row);
            return TypedResults.Created($"/api/v1/plugins/{id}", Envelope.Of($"Plugin '{name}' uploaded.", dto));
        }
        finally
        {
            if (!stored)
            {
                plugin.Unload();
            }
        }
    }

    /// <summary>409 (field <c>name</c>) for a name a live plugin of the owner or a built-in already has.</summary>
    internal static ProblemHttpResult Duplicate(string name) =>
        Problems.Status(StatusCodes.Status409Conflict, "A plugin with this name exists.", $"A plugin named '{name}' is already in the catalogue; delete it or rename the strategy.", "name");
}
