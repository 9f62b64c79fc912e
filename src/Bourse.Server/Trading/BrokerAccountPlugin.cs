using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Plugins;
using Bourse.Server.Plugins;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Trading;

/// <summary>
/// Hosted service run after the strategy catalogue is loaded and before runs are resumed: records
/// <see cref="BrokerAccountStrategy"/> as a built-in plugin (idempotently, by class name) and puts it in the catalogue,
/// so accounts' runs start and resume like any run. <see cref="PluginId"/> is its catalogue id.
/// </summary>
public sealed class BrokerAccountPlugin(IDbContextFactory<BourseDbContext> contexts, PluginCatalogue catalogue, TimeProvider clock) : IHostedService
{
    private Guid? _pluginId;

    /// <summary>The catalogue id of <see cref="BrokerAccountStrategy"/>.</summary>
    /// <exception cref="InvalidOperationException">Read before the service started.</exception>
    public Guid PluginId => _pluginId ?? throw new InvalidOperationException("The broker account plugin is not registered yet (the server is starting).");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var plugin = StrategyPlugin.FromType(typeof(BrokerAccountStrategy));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Plugins.FirstOrDefaultAsync(p => p.Kind == PluginKind.BuiltIn && p.TypeName == plugin.Metadata.ClassName, cancellationToken);
        if (row is null)
        {
            row = new PluginEntity { Id = Guid.NewGuid(), Kind = PluginKind.BuiltIn, CreatedBy = "system", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Plugins.Add(row);
        }

        PluginDto.Describe(row, plugin.Metadata);
        row.DeletedAt = null; // the accounts need it: it cannot stay deleted
        await db.SaveChangesAsync(cancellationToken);
        catalogue.Add(row.Id, plugin);
        _pluginId = row.Id;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
