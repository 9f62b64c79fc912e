using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bourse.Server.Infrastructure;

/// <summary>The API's JSON conventions: snake_case names, enums as lower snake_case strings.</summary>
public static class JsonSetup
{
    /// <summary>Applies the conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }

    /// <summary>A stand-alone copy (for the WebSocket hub and stored JSON).</summary>
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
