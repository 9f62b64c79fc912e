using Bourse.Plugins.Metadata;

namespace Bourse.Plugins.Parameters;

/// <summary>
/// Validated parameter values for one strategy plugin: every parameter of its schema with the value given or its
/// default. Made by <see cref="StrategyPlugin.Bind(IReadOnlyDictionary{string, System.Text.Json.JsonElement})"/>;
/// each <see cref="StrategyPlugin.CreateInstance(BoundParameters)"/> builds a fresh parameter record from it.
/// </summary>
public sealed class BoundParameters
{
    private readonly object?[] _values;

    internal BoundParameters(IReadOnlyList<ParameterDescriptor> schema, object?[] values)
    {
        Schema = schema;
        _values = values;
        Values = schema
            .Select((p, i) => KeyValuePair.Create(p.Name, values[i] is Enum e ? (object?)e.ToString() : values[i]))
            .ToDictionary(StringComparer.OrdinalIgnoreCase)
            .AsReadOnly();
    }

    /// <summary>
    /// Every parameter by declared name (lookup is case-insensitive) with its effective value, JSON-friendly:
    /// int/long, double/float/decimal, bool, string (enum members as their name) or null. Store this with a run.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    internal IReadOnlyList<ParameterDescriptor> Schema { get; }

    /// <summary>Creates a fresh parameter record carrying these values.</summary>
    internal object CreateConfig(Type configType)
    {
        var config = Activator.CreateInstance(configType)!;
        for (var i = 0; i < Schema.Count; i++)
        {
            Schema[i].Property!.SetValue(config, _values[i]);
        }

        return config;
    }
}
