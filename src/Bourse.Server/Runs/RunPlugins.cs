using System.Collections.Concurrent;

namespace Bourse.Server.Runs;

/// <summary>The plugin and the owner of a run.</summary>
public sealed record RunOrigin(Guid PluginId, Guid OwnerId);

/// <summary>Remembers which plugin each run of this process uses and whose it is (for streamed messages and who receives them). Thread-safe.</summary>
public sealed class RunPlugins
{
    private readonly ConcurrentDictionary<Guid, RunOrigin> _plugins = new();

    /// <summary>Records the plugin and owner of a run.</summary>
    public void Add(Guid runId, Guid pluginId, Guid ownerId) => _plugins[runId] = new RunOrigin(pluginId, ownerId);

    /// <summary>The plugin and owner of a run started by this process, or null.</summary>
    public RunOrigin? Find(Guid runId) => _plugins.TryGetValue(runId, out var origin) ? origin : null;

    /// <summary>Forgets a run (after its <c>strategy_stopped</c> message went out; nothing after it needs the plugin).</summary>
    public void Remove(Guid runId) => _plugins.TryRemove(runId, out _);
}
