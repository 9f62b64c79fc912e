using System.Globalization;
using System.Reflection;
using Bourse.Sdk.Strategies;

namespace Bourse.Plugins.Metadata;

/// <summary>
/// Reads a strategy's <see cref="StrategyMetadata"/> by reflection. The strategy itself is never instantiated; the
/// parameter record is (once, with <c>new TConfig()</c>) to read the defaults.
/// </summary>
public static class StrategyMetadataReader
{
    /// <summary>Reads the metadata of a strategy class.</summary>
    /// <exception cref="PluginException">
    /// The type is not a public concrete <see cref="Strategy"/> with <see cref="StrategyAttribute"/> and a public
    /// parameterless constructor, or its parameter record is unusable (unsupported property type, bounds on a
    /// non-numeric property, a default outside its bounds, names differing only by case, a throwing constructor).
    /// </exception>
    public static StrategyMetadata Read(Type strategyType)
    {
        ArgumentNullException.ThrowIfNull(strategyType);
        if (!Loading.StrategyDiscovery.IsStrategyClass(strategyType))
        {
            throw new PluginException($"{strategyType.FullName} is not a public, non-abstract class deriving from Bourse.Sdk.Strategies.Strategy.");
        }

        var attribute = strategyType.GetCustomAttribute<StrategyAttribute>()
            ?? throw new PluginException($"{strategyType.FullName} lacks the [Strategy(\"Name\")] attribute.");
        if (string.IsNullOrWhiteSpace(attribute.Name))
        {
            throw new PluginException($"{strategyType.FullName} has an empty [Strategy] name.");
        }

        if (strategyType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginException($"{strategyType.FullName} needs a public parameterless constructor.");
        }

        var configType = ConfigTypeOf(strategyType);
        var parameters = configType is null ? [] : ReadParameters(configType);
        return new StrategyMetadata(
            attribute.Name.Trim(),
            attribute.Description,
            attribute.RiskLevel,
            attribute.Type,
            attribute.Version,
            strategyType.FullName ?? strategyType.Name,
            parameters);
    }

    /// <summary>The <c>TConfig</c> of a <see cref="Strategy{TConfig}"/> subclass, or null for a strategy without parameters.</summary>
    public static Type? ConfigTypeOf(Type strategyType)
    {
        for (var type = strategyType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Strategy<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static ParameterDescriptor[] ReadParameters(Type configType)
    {
        object defaults;
        try
        {
            defaults = Activator.CreateInstance(configType)
                ?? throw new PluginException($"The parameter record {configType.Name} could not be created.");
        }
        catch (TargetInvocationException e)
        {
            throw new PluginException($"The parameter record {configType.Name} threw from its constructor: {e.InnerException?.Message}", e.InnerException);
        }
        catch (MissingMethodException e)
        {
            throw new PluginException($"The parameter record {configType.Name} needs a public parameterless constructor.", e);
        }

        var properties = configType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.SetMethod is { IsPublic: true })
            .OrderBy(p => Depth(p.DeclaringType))
            .ThenBy(p => p.MetadataToken)
            .ToArray();

        var clash = properties.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new PluginException($"The parameter record {configType.Name} has properties differing only by case ({string.Join(", ", clash.Select(p => p.Name))}); parameter names are case-insensitive.");
        }

        return [.. properties.Select(p => Describe(configType, p, defaults))];
    }

    private static ParameterDescriptor Describe(Type configType, PropertyInfo property, object defaults)
    {
        var underlying = Nullable.GetUnderlyingType(property.PropertyType);
        var valueType = underlying ?? property.PropertyType;
        var type = TypeName(valueType)
            ?? throw new PluginException($"Parameter {property.Name} of {configType.Name} has type {property.PropertyType.Name}; supported types are int, long, double, float, decimal, bool, string and enums (optionally nullable).");
        var nullable = underlying is not null
            || (!valueType.IsValueType && new NullabilityInfoContext().Create(property).WriteState != NullabilityState.NotNull);

        var attribute = property.GetCustomAttribute<ParameterAttribute>();
        double? min = attribute is null || double.IsNaN(attribute.Min) ? null : attribute.Min;
        double? max = attribute is null || double.IsNaN(attribute.Max) ? null : attribute.Max;
        if ((min is not null || max is not null) && type is not (ParameterTypes.Integer or ParameterTypes.Number))
        {
            throw new PluginException($"Parameter {property.Name} of {configType.Name} is a {type}; Min and Max apply only to numeric parameters.");
        }

        if (min > max)
        {
            throw new PluginException($"Parameter {property.Name} of {configType.Name} has Min {min} above Max {max}.");
        }

        var value = property.GetValue(defaults);
        if (value is not null && (type is ParameterTypes.Integer or ParameterTypes.Number))
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (number < min || number > max)
            {
                throw new PluginException($"Parameter {property.Name} of {configType.Name} has default {value} outside its bounds [{min}, {max}].");
            }
        }

        return new ParameterDescriptor(
            property.Name,
            type,
            attribute?.Description ?? "",
            value is Enum ? value.ToString() : value,
            attribute?.Required ?? false,
            min,
            max,
            nullable,
            valueType.IsEnum ? Enum.GetNames(valueType) : null)
        {
            Property = property,
            ValueType = valueType,
        };
    }

    private static string? TypeName(Type type)
    {
        if (type.IsEnum || type == typeof(string))
        {
            return ParameterTypes.String;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return ParameterTypes.Integer;
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return ParameterTypes.Number;
        }

        return type == typeof(bool) ? ParameterTypes.Boolean : null;
    }

    private static int Depth(Type? type)
    {
        var depth = 0;
        for (; type is not null; type = type.BaseType)
        {
            depth++;
        }

        return depth;
    }
}
