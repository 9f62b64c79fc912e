using System.Reflection;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Plugins.Compilation;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Plugins;

/// <summary>
/// Hosted service run after the database initializer: seeds the built-in strategies of the Bourse.Strategies assembly
/// (idempotently, by name; a deleted built-in stays deleted) and loads every live uploaded plugin into the catalogue.
/// A stored plugin that no longer loads is logged and left out of the catalogue.
/// </summary>
internal sealed class PluginStartupLoader(
    IDbContextFactory<BourseDbContext> contexts,
    PluginCatalogue catalogue,
    StrategyCompiler compiler,
    TimeProvider clock,
    ILogger<PluginStartupLoader> logger) : IHostedService
{
    /// <summary>The assembly holding the built-in strategies.</summary>
    public static Assembly BuiltInAssembly => Assembly.Load("Bourse.Strategies");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Plugins.ToListAsync(cancellationToken);
        foreach (var builtIn in StrategyPlugin.AllIn(BuiltInAssembly))
        {
            var row = rows.FirstOrDefault(r => r.Kind == PluginKind.BuiltIn && r.TypeName == builtIn.Metadata.ClassName)
                ?? rows.FirstOrDefault(r => r.Kind == PluginKind.BuiltIn && r.Name == builtIn.Metadata.Name);
            if (row is null)
            {
                row = new PluginEntity { Id = Guid.NewGuid(), Kind = PluginKind.BuiltIn, CreatedBy = "system", CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Plugins.Add(row);
                rows.Add(row);
            }

            PluginDto.Describe(row, builtIn.Metadata);
            if (row.DeletedAt is null)
            {
                catalogue.Add(row.Id, builtIn);
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var row in rows.Where(r => r.Kind != PluginKind.BuiltIn && r.DeletedAt is null))
        {
            try
            {
                catalogue.Add(row.Id, Load(row));
            }
            catch (PluginException e)
            {
                logger.LogError(e, "Stored plugin {Name} ({Id}) no longer loads; it is left out of the catalogue", row.Name, row.Id);
            }
        }

        logger.LogInformation("Strategy catalogue loaded: {Count} plugin(s)", catalogue.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private StrategyPlugin Load(PluginEntity row)
    {
        var bytes = row.AssemblyBytes;
        if (row.Kind == PluginKind.Source)
        {
            var result = compiler.Compile(row.Source ?? "");
            bytes = result.Succeeded
                ? result.Assembly
                : throw new PluginException($"The stored source no longer compiles: {string.Join("; ", result.Errors)}");
        }

        return StrategyPlugin.Load(bytes ?? [], $"plugin-{row.Id:N}");
    }
}
