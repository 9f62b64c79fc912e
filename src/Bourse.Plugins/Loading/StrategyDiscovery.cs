using System.Reflection;
using Bourse.Sdk.Strategies;

namespace Bourse.Plugins.Loading;

/// <summary>Finds the strategy classes of an assembly: public, concrete subclasses of <see cref="Strategy"/> marked <see cref="StrategyAttribute"/>.</summary>
internal static class StrategyDiscovery
{
    /// <summary>All strategy classes of an assembly, ordered by full name.</summary>
    /// <exception cref="PluginException">The assembly's types cannot be loaded (e.g. a missing dependency).</exception>
    public static IReadOnlyList<Type> FindAll(Assembly assembly) =>
        [.. ExportedTypes(assembly).Where(IsStrategyClass).Where(t => t.GetCustomAttribute<StrategyAttribute>() is not null).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The single strategy class of an uploaded assembly.</summary>
    /// <exception cref="PluginException">None or several strategy classes, or the types cannot be loaded.</exception>
    public static Type FindSingle(Assembly assembly)
    {
        var found = FindAll(assembly);
        switch (found.Count)
        {
            case 1:
                return found[0];
            case 0:
                var unmarked = ExportedTypes(assembly).Where(IsStrategyClass).Select(t => t.FullName).ToArray();
                var hint = unmarked.Length > 0
                    ? $" {string.Join(", ", unmarked)} derive{(unmarked.Length == 1 ? "s" : "")} from Strategy but lack{(unmarked.Length == 1 ? "s" : "")} the [Strategy(\"Name\")] attribute."
                    : "";
                throw new PluginException($"The plugin contains no strategy class: expected one public, non-abstract class deriving from Bourse.Sdk.Strategies.Strategy and marked [Strategy(\"Name\")].{hint}");
            default:
                throw new PluginException($"The plugin contains {found.Count} strategy classes ({string.Join(", ", found.Select(t => t.FullName))}); a plugin must contain exactly one. Upload them separately.");
        }
    }

    /// <summary>True for a public, concrete class deriving from <see cref="Strategy"/>.</summary>
    public static bool IsStrategyClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsVisible: true, ContainsGenericParameters: false } && type.IsSubclassOf(typeof(Strategy));

    private static Type[] ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var first = e.LoaderExceptions.FirstOrDefault(x => x is not null);
            throw new PluginException($"The plugin's types cannot be loaded: {first?.Message ?? e.Message} A plugin may depend only on the .NET framework and Bourse.Sdk.", e);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException or BadImageFormatException)
        {
            throw new PluginException($"The plugin's types cannot be loaded: {e.Message} A plugin may depend only on the .NET framework and Bourse.Sdk.", e);
        }
    }
}
