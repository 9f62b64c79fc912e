using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.Engine.Runs;

namespace Bourse.Persistence.Writing;

/// <summary>
/// The stored form of a run's <see cref="RunStatistics"/> (<see cref="Entities.RunEntity.StatisticsJson"/>): snake_case
/// names, enums as snake_case strings, durations as <c>d.hh:mm:ss</c>, the same shape as the backtest report's
/// <c>statistics</c> object.
/// </summary>
public static class RunStatisticsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The JSON of <paramref name="statistics"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="statistics"/> is null.</exception>
    public static string Serialize(RunStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return JsonSerializer.Serialize(statistics, Options);
    }

    /// <summary>
    /// Reads what <see cref="Serialize"/> wrote; null for null or text that is not statistics of this shape (a row
    /// written by an older version), never an exception.
    /// </summary>
    public static RunStatistics? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunStatistics>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
