namespace Bourse.Persistence.Entities;

/// <summary>How a catalogue entry's code is held.</summary>
public enum PluginKind
{
    /// <summary>A strategy type compiled into the server (the Bourse.Strategies assembly).</summary>
    BuiltIn,

    /// <summary>Uploaded C# source, compiled with Roslyn at upload and at every start-up.</summary>
    Source,

    /// <summary>An uploaded assembly, loaded in a collectible load context.</summary>
    Assembly,
}

/// <summary>A strategy in the catalogue (table <c>plugins</c>). Soft-deleted rows keep their runs' history.</summary>
public sealed class PluginEntity
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>Catalogue name from <c>[Strategy]</c>, unique among live (not deleted) plugins.</summary>
    public string Name { get; set; } = "";

    /// <summary>Author's description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Declared risk level, lower case (low, medium, high).</summary>
    public string RiskLevel { get; set; } = "medium";

    /// <summary>Strategy family, snake case (technical, momentum, mean_reversion...).</summary>
    public string Type { get; set; } = "technical";

    /// <summary>Author's version text.</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>The parameter schema as JSON (array of parameter descriptions).</summary>
    public string ParametersJson { get; set; } = "[]";

    /// <summary>Built-in, source or assembly.</summary>
    public PluginKind Kind { get; set; }

    /// <summary>Full CLR name of the strategy class.</summary>
    public string TypeName { get; set; } = "";

    /// <summary>Uploaded C# source (kind Source).</summary>
    public string? Source { get; set; }

    /// <summary>Uploaded assembly bytes (kind Assembly).</summary>
    public byte[]? AssemblyBytes { get; set; }

    /// <summary>The owning user; null for the built-ins, which every user sees and only admins delete.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>Who uploaded it (free text), or "system" for built-ins.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Upload time, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Soft-delete time, UTC; null while the plugin is in the catalogue.</summary>
    public DateTime? DeletedAt { get; set; }
}
