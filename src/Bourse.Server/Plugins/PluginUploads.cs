using System.Text;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Plugins.Compilation;
using Bourse.Plugins.Sandbox;
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
    StrategyCompiler compiler,
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
        string? source = null;
        if (extension == ".cs")
        {
            source = Encoding.UTF8.GetString(bytes);
            var result = compiler.Compile(source, cancellationToken: cancellationToken);
            if (!result.Succeeded)
            {
                return result.Violations.Count > 0 ? Forbidden(file.FileName, result.Violations) : CompileErrors(file.FileName, result.Errors);
            }

            bytes = result.Assembly;
        }

        StrategyPlugin plugin;
        try
        {
            plugin = StrategyPlugin.Load(bytes, $"plugin-{id:N}");
        }
        catch (SandboxException e)
        {
            return Forbidden(file.FileName, e.Violations);
        }
        catch (PluginException e)
        {
            return Problems.Invalid("plugin", e.Message);
        }

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
                AssemblyBytes = bytes,
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

    private static ProblemHttpResult Duplicate(string name) =>
        Problems.Status(StatusCodes.Status409Conflict, "A plugin with this name exists.", $"A plugin named '{name}' is already in the catalogue; delete it or rename the strategy.", "name");

    /// <summary>400 naming every forbidden symbol with its rule and its line and column (source) or the type/method using it (binary).</summary>
    private static ValidationProblem Forbidden(string fileName, IReadOnlyList<SandboxViolation> violations)
    {
        var first = violations[0];
        var where = first.Line > 0 ? $"at line {first.Line}, column {first.Column}" : $"in {first.UsedIn}";
        var more = violations.Count > 1 ? $" (and {violations.Count - 1} more)" : "";
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["plugin"] = [.. violations.Select(v => v.ToString())] },
            detail: $"'{fileName}' uses {first.Symbol}, which the sandbox forbids ({first.Rule}), {where}{more}.",
            title: "The strategy uses APIs the sandbox forbids.",
            extensions: new Dictionary<string, object?>
            {
                ["violations"] = violations.Select(SandboxViolationDto.From).ToList(),
            });
    }

    private static ValidationProblem CompileErrors(string fileName, IReadOnlyList<CompilationDiagnostic> errors)
    {
        var lines = errors.Select(e => e.ToString()).ToArray();
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["plugin"] = lines },
            detail: $"'{fileName}' does not compile: {errors.Count} error(s).",
            title: "The strategy source does not compile.",
            extensions: new Dictionary<string, object?>
            {
                ["diagnostics"] = errors.Select(e => new CompileErrorDto(e.Line, e.Column, e.Message, e.Id)).ToList(),
            });
    }
}
