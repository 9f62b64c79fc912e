using System.Reflection;
using System.Text.Json;
using Bourse.Plugins.Loading;
using Bourse.Plugins.Metadata;
using Bourse.Plugins.Parameters;
using Bourse.Plugins.Sandbox;
using Bourse.Sdk.Strategies;

namespace Bourse.Plugins;

/// <summary>
/// One strategy of the catalogue: its metadata and a factory for fresh, parameter-bound instances (one per run).
/// Either uploaded (<see cref="Load"/>: its own collectible load context, released with <see cref="Unload"/>) or
/// built in (<see cref="FromType"/> / <see cref="AllIn"/>: lives as long as the process).
/// Thread-safe: metadata is immutable and every call to <c>CreateInstance</c> builds new objects.
/// </summary>
public sealed class StrategyPlugin
{
    private readonly PluginLoadContext? _context;
    private int _unloaded;

    private StrategyPlugin(Type strategyType, PluginLoadContext? context)
    {
        StrategyType = strategyType;
        ConfigType = StrategyMetadataReader.ConfigTypeOf(strategyType);
        Metadata = StrategyMetadataReader.Read(strategyType);
        _context = context;
    }

    /// <summary>The catalogue entry: name, description, risk level, type, version and parameter schema.</summary>
    public StrategyMetadata Metadata { get; }

    /// <summary>The strategy class.</summary>
    public Type StrategyType { get; }

    /// <summary>The parameter record type, or null for a strategy without parameters.</summary>
    public Type? ConfigType { get; }

    /// <summary>True for an uploaded plugin living in its own unloadable load context.</summary>
    public bool IsCollectible => _context is not null;

    /// <summary>
    /// Checks an uploaded (or just compiled) assembly against the sandbox rules (<see cref="AssemblyInspector"/>), then
    /// loads it into a new collectible load context and finds its one strategy. The bytes are copied; the caller keeps
    /// ownership of the array.
    /// </summary>
    /// <param name="assembly">The .dll image.</param>
    /// <param name="name">A name for the load context (shown in diagnostics), e.g. the upload id.</param>
    /// <exception cref="SandboxException">The assembly uses what the sandbox forbids (nothing of it was loaded).</exception>
    /// <exception cref="PluginException">
    /// The bytes are not a .NET assembly; the assembly has no strategy class or several; it depends on an assembly
    /// other than the framework and Bourse.Sdk; or its metadata is invalid (see <see cref="StrategyMetadataReader.Read"/>).
    /// </exception>
    public static StrategyPlugin Load(ReadOnlySpan<byte> assembly, string? name = null)
    {
        if (assembly.IsEmpty)
        {
            throw new PluginException("The plugin file is empty.");
        }

        var violations = AssemblyInspector.Inspect(assembly);
        if (violations.Count > 0)
        {
            throw new SandboxException(violations);
        }

        var context = new PluginLoadContext(name ?? "plugin-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assembly loaded;
            try
            {
                using var image = new MemoryStream(assembly.ToArray(), writable: false);
                loaded = context.LoadFromStream(image);
            }
            catch (BadImageFormatException e)
            {
                throw new PluginException("The file is not a valid .NET assembly (.dll built for .NET against Bourse.Sdk).", e);
            }

            return new StrategyPlugin(StrategyDiscovery.FindSingle(loaded), context);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>Makes a plugin of a strategy class that is already loaded (a built-in strategy). It is never unloaded.</summary>
    /// <exception cref="PluginException">The type is not a valid strategy class (see <see cref="StrategyMetadataReader.Read"/>).</exception>
    public static StrategyPlugin FromType(Type strategyType)
    {
        ArgumentNullException.ThrowIfNull(strategyType);
        return new StrategyPlugin(strategyType, null);
    }

    /// <summary>Makes a plugin of every strategy class of an already loaded assembly (e.g. Bourse.Strategies), ordered by class name.</summary>
    /// <exception cref="PluginException">A strategy class in it is invalid.</exception>
    public static IReadOnlyList<StrategyPlugin> AllIn(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. StrategyDiscovery.FindAll(assembly).Select(FromType)];
    }

    /// <summary>
    /// Validates API parameter values (JSON object members by parameter name; case-insensitive) and fills in defaults.
    /// Integers must be JSON numbers without a fraction, numbers JSON numbers, booleans true/false, strings (and enum
    /// member names, case-insensitive) JSON strings; null only where the parameter is nullable.
    /// </summary>
    /// <exception cref="ParameterException">Unknown names, wrong types, values out of bounds, missing required values, failed record validation; every problem is listed.</exception>
    public BoundParameters Bind(IReadOnlyDictionary<string, JsonElement> parameters) =>
        ParameterBinder.Bind(ConfigType, Metadata.Parameters, parameters);

    /// <summary>
    /// Validates CLI parameter values (<c>--param name=value</c>; names case-insensitive) and fills in defaults.
    /// Values are parsed with the invariant culture (<c>0.5</c>, not <c>0,5</c>); booleans are true/false; an empty
    /// value or <c>null</c> clears a nullable non-string parameter.
    /// </summary>
    /// <exception cref="ParameterException">As for the JSON overload.</exception>
    public BoundParameters Bind(IReadOnlyDictionary<string, string> parameters) =>
        ParameterBinder.Bind(ConfigType, Metadata.Parameters, parameters);

    /// <summary>Creates a fresh strategy instance with a fresh parameter record carrying <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The parameters were bound by another plugin.</exception>
    /// <exception cref="ObjectDisposedException">The plugin was unloaded.</exception>
    /// <exception cref="PluginException">The strategy's constructor threw.</exception>
    public Strategy CreateInstance(BoundParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _unloaded) != 0, this);
        if (!ReferenceEquals(parameters.Schema, Metadata.Parameters))
        {
            throw new ArgumentException($"These parameters were bound for another strategy than {Metadata.Name}.", nameof(parameters));
        }

        Strategy strategy;
        try
        {
            strategy = (Strategy)Activator.CreateInstance(StrategyType)!;
        }
        catch (TargetInvocationException e)
        {
            throw new PluginException($"The strategy {Metadata.Name} threw from its constructor: {e.InnerException?.Message}", e.InnerException);
        }

        if (ConfigType is not null)
        {
            strategy.SetConfig(parameters.CreateConfig(ConfigType));
        }

        return strategy;
    }

    /// <summary>Binds API parameter values and creates an instance; see <see cref="Bind(IReadOnlyDictionary{string, JsonElement})"/>.</summary>
    /// <exception cref="ParameterException">The values are invalid.</exception>
    public Strategy CreateInstance(IReadOnlyDictionary<string, JsonElement> parameters) => CreateInstance(Bind(parameters));

    /// <summary>Binds CLI parameter values and creates an instance; see <see cref="Bind(IReadOnlyDictionary{string, string})"/>.</summary>
    /// <exception cref="ParameterException">The values are invalid.</exception>
    public Strategy CreateInstance(IReadOnlyDictionary<string, string> parameters) => CreateInstance(Bind(parameters));

    /// <summary>Creates an instance with default parameters.</summary>
    /// <exception cref="ParameterException">The strategy has required parameters.</exception>
    public Strategy CreateInstance() => CreateInstance(Bind(new Dictionary<string, string>()));

    /// <summary>
    /// Starts unloading an uploaded plugin's load context (call when it is deleted). Instances still running keep it
    /// alive until they are dropped; the memory is reclaimed by a later garbage collection. No-op for built-in
    /// plugins and on a second call. After it, <c>CreateInstance</c> throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Unload()
    {
        if (_context is not null && Interlocked.Exchange(ref _unloaded, 1) == 0)
        {
            _context.Unload();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Metadata.Name} ({Metadata.ClassName} {Metadata.Version})";
}
