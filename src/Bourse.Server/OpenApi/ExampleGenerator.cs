using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bourse.Server.OpenApi;

/// <summary>
/// Gives every JSON request and response body without an example one built from its schema: declared examples and enum
/// values first, then a value of the schema's type and format, chosen by the property's name where it has a trading
/// meaning (a symbol is <c>BTCUSD.COINBASE</c>, a price 4310.25, a time in UTC), and matching the schema's pattern and
/// minimum. The linter checks each example against its schema (no-invalid-media-type-examples).
/// </summary>
internal sealed partial class ExampleGenerator : IOpenApiDocumentTransformer
{
    private const int MaxDepth = 8;

    /// <summary>Texts tried, in order, for a string with a pattern (the first that matches it is the example).</summary>
    private static readonly string[] PatternCandidates =
        ["1", "-1", "1.5", "BTCUSD.COINBASE", "1m", "5m", "1D", "2026-01-05", "2026-01-05T14:30:00Z", "01:30:00", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "bk_AbCdEf0123456789", "a"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            IEnumerable<IOpenApiResponse> responses = (IEnumerable<IOpenApiResponse>?)operation.Responses?.Values ?? [];
            IEnumerable<OpenApiMediaType> requests = (IEnumerable<OpenApiMediaType>?)operation.RequestBody?.Content?.Values ?? [];
            var bodies = requests.Concat(responses.SelectMany(r => (IEnumerable<OpenApiMediaType>?)r.Content?.Values ?? []));
            foreach (var media in bodies)
            {
                if (media.Example is null && media.Examples is not { Count: > 0 } && media.Schema is { } schema)
                {
                    media.Example = Example(document, schema, name: "", depth: 0);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static JsonNode? Example(OpenApiDocument document, IOpenApiSchema schema, string name, int depth)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            schema = reference.Target
                ?? (document.Components?.Schemas is { } schemas && schemas.TryGetValue(reference.Reference.Id ?? "", out var target) ? target : new OpenApiSchema());
        }

        if (schema.Examples is { Count: > 0 } declared)
        {
            return declared[0]?.DeepClone();
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        if ((schema.OneOf ?? schema.AnyOf) is { Count: > 0 } choices)
        {
            return Example(document, choices.FirstOrDefault(c => c.Type != JsonSchemaType.Null) ?? choices[0], name, depth);
        }

        if (schema.AllOf is { Count: > 0 } parts)
        {
            var merged = new JsonObject();
            foreach (var part in parts)
            {
                if (Example(document, part, name, depth) is JsonObject partExample)
                {
                    foreach (var (key, value) in partExample)
                    {
                        merged[key] = value?.DeepClone();
                    }
                }
            }

            return merged;
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : 0);
        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var example = new JsonObject();
            if (depth < MaxDepth)
            {
                foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                {
                    example[property] = Example(document, propertySchema, property, depth + 1);
                }

                if (schema.Properties is not { Count: > 0 } && schema.AdditionalProperties is { } values2)
                {
                    example["key"] = Example(document, values2, "key", depth + 1);
                }
            }

            return example;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            return depth < MaxDepth && schema.Items is { } items ? new JsonArray(Example(document, items, name, depth + 1)) : new JsonArray();
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return Math.Max(1, (long)(schema.Minimum is { } min && long.TryParse(min, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 1));
        }

        if (type.HasFlag(JsonSchemaType.Number))
        {
            return NumberFor(name);
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return true;
        }

        if (type.HasFlag(JsonSchemaType.String))
        {
            return StringFor(schema, name);
        }

        return type == JsonSchemaType.Null ? null : new JsonObject();
    }

    private static decimal NumberFor(string name)
    {
        var n = name.ToLowerInvariant();
        return n.Contains("price", StringComparison.Ordinal) || n is "open" or "high" or "low" or "close" or "bid" or "ask" ? 4310.25m
            : n.Contains("pct", StringComparison.Ordinal) || n.Contains("percent", StringComparison.Ordinal) || n.Contains("strength", StringComparison.Ordinal) ? 0.5m
            : n.Contains("qty", StringComparison.Ordinal) || n.Contains("quantity", StringComparison.Ordinal) || n.Contains("volume", StringComparison.Ordinal) ? 2m
            : n.Contains("cash", StringComparison.Ordinal) || n.Contains("equity", StringComparison.Ordinal) || n.Contains("capital", StringComparison.Ordinal) ? 100000m
            : 1m;
    }

    private static string StringFor(IOpenApiSchema schema, string name)
    {
        var candidate = schema.Format switch
        {
            "date-time" => "2026-01-05T14:30:00Z",
            "date" => "2026-01-05",
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "uri" => "https://example.org/",
            "binary" or "byte" => "AAEC",
            _ => StringByName(name),
        };
        if (schema.Pattern is { } pattern && !Matches(pattern, candidate))
        {
            candidate = PatternCandidates.FirstOrDefault(c => Matches(pattern, c)) ?? candidate;
        }

        return schema.MaxLength is { } max && candidate.Length > max ? candidate[..max] : candidate;
    }

    private static string StringByName(string name)
    {
        var n = name.ToLowerInvariant();
        return n switch
        {
            _ when n.Contains("symbol", StringComparison.Ordinal) || n.Contains("instrument", StringComparison.Ordinal) => "BTCUSD.COINBASE",
            _ when n.Contains("price", StringComparison.Ordinal) => "4310.25",
            _ when n.Contains("qty", StringComparison.Ordinal) || n.Contains("quantity", StringComparison.Ordinal) => "2",
            _ when n.Contains("time", StringComparison.Ordinal) || n.EndsWith("_at", StringComparison.Ordinal) || n is "timestamp" or "ts" => "2026-01-05T14:30:00Z",
            _ when n.EndsWith("id", StringComparison.Ordinal) => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            _ when n.Contains("currency", StringComparison.Ordinal) => "USD",
            _ when n is "timeframe" or "period" => "1m",
            _ when n is "username" or "name" => "alice",
            _ when n.Contains("password", StringComparison.Ordinal) => "correct horse battery staple",
            _ => "text",
        };
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
