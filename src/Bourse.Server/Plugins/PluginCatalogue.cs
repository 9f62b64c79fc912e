using System.Collections.Concurrent;
using Bourse.Plugins;

namespace Bourse.Server.Plugins;

/// <summary>The loaded strategy plugins of the catalogue, by plugin id. Thread-safe.</summary>
public sealed class PluginCatalogue
{
    private readonly ConcurrentDictionary<Guid, StrategyPlugin> _plugins = new();

    /// <summary>Number of loaded plugins.</summary>
    public int Count => _plugins.Count;

    /// <summary>Adds or replaces a loaded plugin.</summary>
    public void Add(Guid id, StrategyPlugin plugin) => _plugins[id] = plugin;

    /// <summary>The loaded plugin, or null when it is unknown, deleted or failed to load.</summary>
    public StrategyPlugin? Find(Guid id) => _plugins.TryGetValue(id, out var plugin) ? plugin : null;

    /// <summary>Removes a plugin and starts unloading its load context (running instances keep it alive until they end).</summary>
    public void Remove(Guid id)
    {
        if (_plugins.TryRemove(id, out var plugin))
        {
            plugin.Unload();
        }
    }
}
