using System.Text.Json;
using Bourse.Persistence.Entities;

namespace Bourse.Server.Plugins;

/// <summary>Body of <c>POST /api/v1/plugins/{id}/configs</c>.</summary>
/// <param name="Name">The parameter set's name (1-100 characters); each create makes its next version.</param>
/// <param name="Parameters">Parameter values by name (case-insensitive), checked against the plugin's schema; omitted ones take their default.</param>
public sealed record CreateConfigRequest(string? Name, Dictionary<string, JsonElement>? Parameters);

/// <summary>One immutable version of a named parameter set of a plugin.</summary>
/// <param name="Id">The config id (what a run start takes as <c>config_id</c>).</param>
/// <param name="PluginId">The plugin.</param>
/// <param name="OwnerId">The owning user.</param>
/// <param name="Name">The parameter set's name.</param>
/// <param name="Version">1 for the first version of that name, then 2, 3...</param>
/// <param name="Parameters">Every parameter of the schema with its value (given or default), as a run uses them.</param>
/// <param name="CreatedAt">Creation time, UTC.</param>
public sealed record ConfigDto(Guid Id, Guid PluginId, Guid OwnerId, string Name, int Version, JsonElement Parameters, DateTime CreatedAt)
{
    /// <summary>From a row.</summary>
    public static ConfigDto From(ConfigEntity e) =>
        new(e.Id, e.PluginId, e.OwnerId, e.Name, e.Version, JsonDocument.Parse(e.ParametersJson).RootElement.Clone(), e.CreatedAt);
}

/// <summary>A config in a list.</summary>
public sealed record ConfigSummaryDto(Guid Id, string Name, int Version, DateTime CreatedAt);

/// <summary>A page of configs.</summary>
public sealed record ConfigPage(IReadOnlyList<ConfigSummaryDto> Configs, int Count, int Limit, int Offset);
