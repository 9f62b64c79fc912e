using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Bourse.Plugins.Metadata;

namespace Bourse.Plugins.Parameters;

/// <summary>
/// Turns given parameter values (JSON from the API, text from the CLI) into <see cref="BoundParameters"/>: names
/// matched case-insensitively against the schema, values converted to the property's type, checked against
/// Min/Max and Required, then the whole record checked by its own <see cref="IValidatableObject.Validate"/> when it
/// implements it (so a record can check e.g. that FastPeriod &lt; SlowPeriod; the first member name of each result
/// names the parameter). DataAnnotations attributes such as [Range] are not evaluated: use [Parameter(Min, Max)].
/// </summary>
internal static class ParameterBinder
{
    public static BoundParameters Bind(Type? configType, IReadOnlyList<ParameterDescriptor> schema, IReadOnlyDictionary<string, JsonElement> given) =>
        Bind(configType, schema, given, FromJson, json => json.ValueKind == JsonValueKind.String ? $"\"{json.GetString()}\"" : json.GetRawText());

    public static BoundParameters Bind(Type? configType, IReadOnlyList<ParameterDescriptor> schema, IReadOnlyDictionary<string, string> given) =>
        Bind(configType, schema, given, FromText, text => $"\"{text}\"");

    private static BoundParameters Bind<T>(
        Type? configType,
        IReadOnlyList<ParameterDescriptor> schema,
        IReadOnlyDictionary<string, T> given,
        Func<ParameterDescriptor, T, Converted> convert,
        Func<T, string> show)
    {
        ArgumentNullException.ThrowIfNull(given);
        var defaults = configType is null ? null : Activator.CreateInstance(configType);
        var values = schema.Select(p => p.Property!.GetValue(defaults)).ToArray();
        var seen = new bool[schema.Count];
        var errors = new List<(int Order, ParameterError Error)>();
        void Fail(int order, string parameter, string message) => errors.Add((order, new ParameterError(parameter, message)));

        foreach (var (name, raw) in given.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var index = IndexOf(schema, name);
            if (index < 0)
            {
                var known = schema.Count == 0 ? "this strategy takes no parameters" : "known parameters: " + string.Join(", ", schema.Select(p => p.Name));
                Fail(int.MaxValue, name, $"Unknown parameter '{name}' ({known})");
                continue;
            }

            var parameter = schema[index];
            if (seen[index])
            {
                Fail(index, parameter.Name, $"{parameter.Name} is given more than once (names are case-insensitive)");
                continue;
            }

            seen[index] = true;
            var converted = convert(parameter, raw);
            if (converted.Problem is { } problem)
            {
                Fail(index, parameter.Name, $"{parameter.Name} {problem} (was {show(raw)})");
                continue;
            }

            if (converted.Value is null && !parameter.Nullable)
            {
                Fail(index, parameter.Name, $"{parameter.Name} must not be null");
                continue;
            }

            if (OutOfRange(parameter, converted.Value) is { } range)
            {
                Fail(index, parameter.Name, range);
                continue;
            }

            values[index] = converted.Value;
        }

        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i].Required && (!seen[i] || values[i] is null))
            {
                Fail(i, schema[i].Name, $"{schema[i].Name} is required");
            }
        }

        var bound = new BoundParameters(schema, values);
        if (errors.Count == 0 && configType is not null)
        {
            foreach (var result in Validate(bound.CreateConfig(configType)))
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                var index = IndexOf(schema, member);
                Fail(index < 0 ? int.MaxValue : index, index < 0 ? member : schema[index].Name, result.ErrorMessage ?? "is invalid");
            }
        }

        return errors.Count == 0
            ? bound
            : throw new ParameterException([.. errors.OrderBy(e => e.Order).Select(e => e.Error)]);
    }

    private static List<ValidationResult> Validate(object config)
    {
        // IValidatableObject is called directly: Validator.TryValidateObject caches attribute metadata per type in
        // statics, which would keep an unloaded plugin's load context alive forever.
        var results = new List<ValidationResult>();
        if (config is not IValidatableObject validatable)
        {
            return results;
        }

        try
        {
            results.AddRange(validatable.Validate(new ValidationContext(config)).Where(r => r is not null && r != ValidationResult.Success));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            results.Add(new ValidationResult($"The parameter record's validation threw: {e.Message}"));
        }

        return results;
    }

    private static int IndexOf(IReadOnlyList<ParameterDescriptor> schema, string name)
    {
        for (var i = 0; i < schema.Count; i++)
        {
            if (string.Equals(schema[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? OutOfRange(ParameterDescriptor parameter, object? value)
    {
        if (value is null || parameter.Type is not (ParameterTypes.Integer or ParameterTypes.Number))
        {
            return null;
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var shown = Convert.ToString(value, CultureInfo.InvariantCulture);
        if (number < parameter.Min)
        {
            return $"{parameter.Name} must be at least {parameter.Min.Value.ToString(CultureInfo.InvariantCulture)} (was {shown})";
        }

        return number > parameter.Max
            ? $"{parameter.Name} must be at most {parameter.Max.Value.ToString(CultureInfo.InvariantCulture)} (was {shown})"
            : null;
    }

    private static Converted FromJson(ParameterDescriptor parameter, JsonElement json)
    {
        var type = parameter.ValueType!;
        if (json.ValueKind == JsonValueKind.Null)
        {
            return new(null, null);
        }

        switch (parameter.Type)
        {
            case ParameterTypes.Integer:
                if (json.ValueKind != JsonValueKind.Number)
                {
                    return Problem("must be an integer");
                }

                if (json.TryGetInt64(out var whole))
                {
                    return Integer(type, whole);
                }

                // 12.0 is accepted as 12; 12.5 and numbers beyond the long range are not.
                return json.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9.2e18
                    ? Integer(type, (long)real)
                    : Problem("must be an integer");
            case ParameterTypes.Number:
                if (json.ValueKind != JsonValueKind.Number)
                {
                    return Problem("must be a number");
                }

                if (type == typeof(decimal))
                {
                    return json.TryGetDecimal(out var exact) ? new(exact, null) : Problem("must be a number within the decimal range");
                }

                return Real(type, json.GetDouble());
            case ParameterTypes.Boolean:
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False ? new(json.GetBoolean(), null) : Problem("must be true or false");
            default:
                if (json.ValueKind != JsonValueKind.String)
                {
                    return Problem(type.IsEnum ? $"must be one of {string.Join(", ", parameter.Choices!)}" : "must be a string");
                }

                return type.IsEnum ? Choice(parameter, json.GetString()!) : new(json.GetString(), null);
        }
    }

    private static Converted FromText(ParameterDescriptor parameter, string text)
    {
        var type = parameter.ValueType!;
        if (parameter.Type != ParameterTypes.String && parameter.Nullable && (text.Length == 0 || text == "null"))
        {
            return new(null, null);
        }

        var trimmed = text.Trim();
        switch (parameter.Type)
        {
            case ParameterTypes.Integer:
                return long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? Integer(type, whole) : Problem("must be an integer");
            case ParameterTypes.Number:
                if (type == typeof(decimal))
                {
                    return decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? new(exact, null) : Problem("must be a number");
                }

                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? Real(type, real) : Problem("must be a number");
            case ParameterTypes.Boolean:
                return bool.TryParse(trimmed, out var flag) ? new(flag, null) : Problem("must be true or false");
            default:
                return type.IsEnum ? Choice(parameter, trimmed) : new(text, null);
        }
    }

    private static Converted Integer(Type type, long value) =>
        type == typeof(int)
            ? value is >= int.MinValue and <= int.MaxValue ? new((int)value, null) : Problem("must be an integer within ±2147483647")
            : new(value, null);

    private static Converted Real(Type type, double value)
    {
        if (!double.IsFinite(value) || (type == typeof(float) && !float.IsFinite((float)value)))
        {
            return Problem("must be a finite number");
        }

        return type == typeof(float) ? new((float)value, null) : new(value, null);
    }

    private static Converted Choice(ParameterDescriptor parameter, string text)
    {
        var name = parameter.Choices!.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        return name is null
            ? Problem($"must be one of {string.Join(", ", parameter.Choices!)}")
            : new(Enum.Parse(parameter.ValueType!, name), null);
    }

    private static Converted Problem(string problem) => new(null, problem);

    private readonly record struct Converted(object? Value, string? Problem);
}
