namespace Bourse.Persistence.Entities;

/// <summary>A saved parameter set of a plugin (table <c>configs</c>); <c>config_id</c> of a run start refers to it.</summary>
public sealed class ConfigEntity
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>The plugin the parameters are for.</summary>
    public Guid PluginId { get; set; }

    /// <summary>The owning user.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>Version number within the plugin, from 1.</summary>
    public int Version { get; set; }

    /// <summary>Parameter values as a JSON object (name → value).</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>Creation time, UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
