namespace Bourse.Persistence.Entities;

/// <summary>
/// One immutable version of a named parameter set of a plugin (table <c>configs</c>); <c>config_id</c> of a run start
/// refers to it. Versions count from 1 per owner, plugin and name.
/// </summary>
public sealed class ConfigEntity
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>The plugin the parameters are for.</summary>
    public Guid PluginId { get; set; }

    /// <summary>The owning user.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The parameter set's name (its versions share it).</summary>
    public string Name { get; set; } = "";

    /// <summary>Version number within the owner's parameter sets of that name for the plugin, from 1.</summary>
    public int Version { get; set; }

    /// <summary>Every parameter of the plugin's schema with its value, as a JSON object (name → value).</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>Creation time, UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
