using Bourse.Persistence;
using Bourse.Server.Audit;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Runs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Plugins;

/// <summary>Maps <c>/api/v1/plugins</c>: upload, list, get, delete, and the source of a source strategy.</summary>
public static class PluginsApi
{
    private const int MaxLimit = 500;

    /// <summary>Room for the multipart headers and the created_by field beside the file, bytes.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    /// <summary>Maps the plugin endpoints.</summary>
    public static IEndpointRouteBuilder MapPluginsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/plugins").WithTags("Plugins");

        group.MapPost("/upload", Upload)
            .WithName("UploadPlugin")
            .WithSummary("Upload a strategy (.cs source or .dll)")
            .WithDescription("Multipart form: field 'plugin' (the file), optional 'created_by' (an author label; default the caller's name). The plugin belongs to the caller. Source is compiled with Roslyn against the SDK; "
                + "compile errors come back as 400 with line, column and message. Code using what the strategy sandbox forbids (files, network, "
                + "processes, environment, reflection, threads, timers, native interop, unsafe code...) is refused with 400 naming each forbidden symbol, "
                + "its rule and its line and column (source) or the type/method using it (.dll).")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();

        group.MapGet("/", List)
            .WithName("ListPlugins")
            .WithSummary("List the catalogue")
            .WithDescription("Live (not deleted) plugins the caller sees (the built-ins and its own; an admin: all), by creation time. limit 1..500 (default 50), offset ≥ 0.")
            .ProducesValidationProblem();

        group.MapGet("/{id}", Get)
            .WithName("GetPlugin")
            .WithSummary("Get one plugin")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", Delete)
            .WithName("DeletePlugin")
            .WithSummary("Soft-delete a plugin")
            .WithDescription("Removes it from the catalogue (its runs' history stays). 404 when the caller does not own it, 403 for a built-in unless admin, 409 while a running run uses it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/source", GetSource)
            .WithName("GetPluginSource")
            .WithSummary("Get the C# source of a source strategy")
            .WithDescription("404 when the caller does not see the plugin or it has no source (a built-in or an uploaded .dll).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id}/source", ReplaceSource)
            .WithName("ReplacePluginSource")
            .WithSummary("Replace a source strategy with a new version of its source")
            .WithDescription("{source}: checked by the sandbox and compiled exactly like an upload (400 with diagnostics or violations, each with line and column, on the field 'source'); "
                + "the plugin keeps its id, configs and run history and takes the new name, version, metadata and parameter schema. "
                + "404 when the caller does not see it or it has no source, 409 while a run uses it or when the new name is another plugin's, 413 over Plugins:MaxUploadBytes.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return endpoints;
    }

    private static Task<Results<Ok<Envelope<PluginSourceDto>>, ProblemHttpResult>> GetSource(
        Guid id, CurrentUser user, PluginSources sources, CancellationToken cancellationToken) =>
        sources.GetAsync(id, user, cancellationToken);

    private static Task<Results<Ok<Envelope<PluginDto>>, ValidationProblem, ProblemHttpResult>> ReplaceSource(
        Guid id, ReplaceSourceRequest? request, CurrentUser user, PluginSources sources, CancellationToken cancellationToken) =>
        sources.ReplaceAsync(id, request?.Source, user, cancellationToken);

    private static async Task<Results<Created<Envelope<PluginDto>>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpRequest request, CurrentUser user, PluginUploads uploads, IOptions<PluginOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Invalid("plugin", "Send the plugin as multipart/form-data with the file in the field 'plugin'.");
        }

        var max = options.Value.MaxUploadBytes;
        if (request.ContentLength > max + FormOverheadBytes)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The plugin file is too large.",
                $"The upload has {request.ContentLength} bytes; the limit is {max} bytes for the file.", "plugin");
        }

        // Bounded form reading: a body far over the limit is refused while streaming instead of being buffered. The
        // server-wide body limit (Security:MaxRequestBodyBytes) gives way to the upload limit here.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max + FormOverheadBytes;
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = max + FormOverheadBytes }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problems.Invalid("plugin", $"The multipart/form-data body is malformed: {e.Message}");
        }

        return await uploads.UploadAsync(form.Files.GetFile("plugin"), form["created_by"].FirstOrDefault(), user, cancellationToken);
    }

    private static async Task<Results<Ok<Envelope<PluginPage>>, ValidationProblem>> List(
        CurrentUser user,
        IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken, [FromQuery] int limit = 50, [FromQuery] int offset = 0)
    {
        if (Problems.Paging(limit, offset, MaxLimit) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var live = db.Plugins.AsNoTracking().VisibleTo(user).Where(p => p.DeletedAt == null);
        var count = await live.CountAsync(cancellationToken);
        var rows = await live.OrderBy(p => p.CreatedAt).ThenBy(p => p.Name).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        var page = new PluginPage([.. rows.Select(PluginDto.From)], count, limit, offset);
        return TypedResults.Ok(Envelope.Of($"{rows.Count} of {count} plugin(s).", page));
    }

    private static async Task<Results<Ok<Envelope<PluginDto>>, ProblemHttpResult>> Get(
        Guid id, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Plugins.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        return row is null
            ? Problems.NotFound("Plugin", id)
            : TypedResults.Ok(Envelope.Of($"Plugin '{row.Name}'.", PluginDto.From(row)));
    }

    private static async Task<Results<Ok<Envelope<PluginDto>>, ProblemHttpResult>> Delete(
        Guid id, CurrentUser user, IDbContextFactory<BourseDbContext> contexts, PluginCatalogue catalogue, RunRegistry runs, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Plugins.VisibleTo(user).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("Plugin", id);
        }

        if (!user.Owns(row.OwnerId))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Built-in plugins are deleted by admins only.", $"Plugin '{row.Name}' is built in.", "id");
        }

        // Out of the catalogue first (refused while a run holds it, starting runs included), then marked deleted.
        if (catalogue.Remove(id) == PluginRemoval.InUse)
        {
            var active = runs.ActiveRunsOf(id);
            return Problems.Status(StatusCodes.Status409Conflict, "The plugin is in use.",
                $"Plugin '{row.Name}' is used by {Math.Max(active.Count, catalogue.LeasesOf(id))} starting or running run(s) ({string.Join(", ", active)}); stop them first.", "id");
        }

        row.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        await audit.RecordAsync(user, "plugin.deleted", id, $"'{row.Name}'");
        return TypedResults.Ok(Envelope.Of($"Plugin '{row.Name}' deleted.", PluginDto.From(row)));
    }
}
