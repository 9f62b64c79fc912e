using System.Reflection;
using System.Runtime.Loader;
using Bourse.Sdk.Strategies;

namespace Bourse.Plugins.Loading;

/// <summary>
/// A collectible load context for one uploaded strategy assembly. Bourse.Sdk always resolves to the host's already
/// loaded copy, so the plugin's <see cref="Strategy"/> subclasses derive from the very <see cref="Strategy"/> type the
/// engine knows; framework assemblies fall back to the default context. Nothing else is resolvable: a plugin may
/// depend only on the framework and the SDK.
/// </summary>
internal sealed class PluginLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    private static readonly Assembly Sdk = typeof(Strategy).Assembly;

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName) =>
        string.Equals(assemblyName.Name, Sdk.GetName().Name, StringComparison.OrdinalIgnoreCase) ? Sdk : null;
}
