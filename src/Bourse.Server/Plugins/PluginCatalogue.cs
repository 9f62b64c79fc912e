using Bourse.Plugins;

namespace Bourse.Server.Plugins;

/// <summary>What <see cref="PluginCatalogue.Remove"/> did.</summary>
public enum PluginRemoval
{
    /// <summary>Removed from the catalogue; its load context is unloading.</summary>
    Removed,

    /// <summary>It was not in the catalogue (unknown, already removed, or it failed to load at start-up).</summary>
    NotLoaded,

    /// <summary>Left in place: a run holds a <see cref="PluginLease"/> on it.</summary>
    InUse,
}

/// <summary>
/// The loaded strategy plugins of the catalogue, by plugin id, and who uses them. Thread-safe: a run takes a
/// <see cref="PluginLease"/> before it builds its strategy and keeps it until its loop ends, and
/// <see cref="Remove"/> refuses while any lease is held, so a plugin cannot be deleted between a start's look-up
/// and the moment its run is registered.
/// </summary>
public sealed class PluginCatalogue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, StrategyPlugin> _plugins = [];
    private readonly Dictionary<Guid, int> _leases = [];

    /// <summary>Number of loaded plugins.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _plugins.Count;
            }
        }
    }

    /// <summary>Adds or replaces a loaded plugin.</summary>
    public void Add(Guid id, StrategyPlugin plugin)
    {
        lock (_gate)
        {
            _plugins[id] = plugin;
        }
    }

    /// <summary>Takes a lease on a loaded plugin (dispose it when the run using it ends), or null when it is not loaded.</summary>
    public PluginLease? Acquire(Guid id)
    {
        lock (_gate)
        {
            if (!_plugins.TryGetValue(id, out var plugin))
            {
                return null;
            }

            _leases[id] = _leases.GetValueOrDefault(id) + 1;
            return new PluginLease(plugin, () => Release(id));
        }
    }

    /// <summary>Number of leases held on a plugin (runs starting or running).</summary>
    public int LeasesOf(Guid id)
    {
        lock (_gate)
        {
            return _leases.GetValueOrDefault(id);
        }
    }

    /// <summary>Removes a plugin unless a lease is held on it, and starts unloading its load context.</summary>
    public PluginRemoval Remove(Guid id)
    {
        StrategyPlugin? plugin;
        lock (_gate)
        {
            if (_leases.GetValueOrDefault(id) > 0)
            {
                return PluginRemoval.InUse;
            }

            if (!_plugins.Remove(id, out plugin))
            {
                return PluginRemoval.NotLoaded;
            }
        }

        plugin.Unload();
        return PluginRemoval.Removed;
    }

    /// <summary>
    /// Swaps in a new build of a plugin unless a lease is held on it. <paramref name="previous"/> is the build it
    /// replaced (null when none was loaded): the caller unloads it once the change is stored, or puts it back with
    /// <see cref="Add"/>. False (nothing changed) while a run holds the plugin.
    /// </summary>
    public bool TryReplace(Guid id, StrategyPlugin plugin, out StrategyPlugin? previous)
    {
        lock (_gate)
        {
            if (_leases.GetValueOrDefault(id) > 0)
            {
                previous = null;
                return false;
            }

            _plugins.Remove(id, out previous);
            _plugins[id] = plugin;
            return true;
        }
    }

    private void Release(Guid id)
    {
        lock (_gate)
        {
            var left = _leases.GetValueOrDefault(id) - 1;
            if (left > 0)
            {
                _leases[id] = left;
            }
            else
            {
                _leases.Remove(id);
            }
        }
    }
}

/// <summary>A run's hold on a catalogue plugin; disposing it (once is enough, more is harmless) releases the hold.</summary>
public sealed class PluginLease : IDisposable
{
    private Action? _release;

    internal PluginLease(StrategyPlugin plugin, Action release)
    {
        Plugin = plugin;
        _release = release;
    }

    /// <summary>The plugin.</summary>
    public StrategyPlugin Plugin { get; }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
