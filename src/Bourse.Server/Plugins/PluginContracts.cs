using System.Text.Json;
using Bourse.Persistence.Entities;
using Bourse.Persistence.Writing;
using Bourse.Plugins.Metadata;
using Bourse.Plugins.Sandbox;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Plugins;

/// <summary>One parameter of a strategy's schema.</summary>
/// <param name="Name">Declared name (binding is case-insensitive), e.g. FastPeriod.</param>
/// <param name="Type">integer, number, boolean or string.</param>
/// <param name="Description">What it controls, with its unit.</param>
/// <param name="Default">Default value.</param>
/// <param name="Required">True when a run must give a value.</param>
/// <param name="Min">Inclusive minimum, or null.</param>
/// <param name="Max">Inclusive maximum, or null.</param>
/// <param name="Nullable">True when null is accepted.</param>
/// <param name="Choices">Allowed values of an enum parameter, or null.</param>
public sealed record ParameterDto(string Name, string Type, string Description, object? Default, bool Required, double? Min, double? Max, bool Nullable, IReadOnlyList<string>? Choices)
{
    /// <summary>From the plugin metadata.</summary>
    public static ParameterDto From(ParameterDescriptor p) => new(p.Name, p.Type, p.Description, p.Default, p.Required, p.Min, p.Max, p.Nullable, p.Choices);
}

/// <summary>A catalogue entry as served.</summary>
/// <param name="Id">Plugin id.</param>
/// <param name="Name">Unique catalogue name.</param>
/// <param name="Description">What the strategy does.</param>
/// <param name="RiskLevel">low, medium or high.</param>
/// <param name="Type">Strategy family (technical, momentum, mean_reversion...).</param>
/// <param name="Version">Author's version.</param>
/// <param name="Parameters">Parameter schema.</param>
/// <param name="Kind">built_in, source or assembly.</param>
/// <param name="OwnerId">The owning user; null for a built-in.</param>
/// <param name="CreatedBy">Author label (default the uploader's name), or "system".</param>
/// <param name="CreatedAt">Upload time, UTC.</param>
public sealed record PluginDto(Guid Id, string Name, string Description, string RiskLevel, string Type, string Version, JsonElement Parameters, string Kind, Guid? OwnerId, string? CreatedBy, DateTime CreatedAt)
{
    /// <summary>From a row.</summary>
    public static PluginDto From(PluginEntity e) => new(
        e.Id, e.Name, e.Description, e.RiskLevel, e.Type, e.Version,
        JsonDocument.Parse(e.ParametersJson).RootElement.Clone(), Naming.Snake(e.Kind.ToString()), e.OwnerId, e.CreatedBy, e.CreatedAt);

    /// <summary>Fills the metadata columns of <paramref name="entity"/> from <paramref name="metadata"/>.</summary>
    public static void Describe(PluginEntity entity, StrategyMetadata metadata)
    {
        entity.Name = metadata.Name;
        entity.Description = metadata.Description;
        entity.RiskLevel = Naming.Of(metadata.RiskLevel);
        entity.Type = Naming.Of(metadata.Type);
        entity.Version = metadata.Version;
        entity.TypeName = metadata.ClassName;
        entity.ParametersJson = JsonSerializer.Serialize(metadata.Parameters.Select(ParameterDto.From).ToList(), JsonSetup.Options);
    }
}

/// <summary>A page of plugins.</summary>
public sealed record PluginPage(IReadOnlyList<PluginDto> Plugins, int Count, int Limit, int Offset);

/// <summary>A compiler error of an uploaded source file (1-based line and column).</summary>
public sealed record CompileErrorDto(int Line, int Column, string Message, string Id);

/// <summary>A use of something the strategy sandbox forbids.</summary>
/// <param name="Symbol">The forbidden symbol, e.g. System.IO.File.ReadAllText(string).</param>
/// <param name="Rule">The rule it breaks, e.g. "file system", "reflection", "not on the allowlist".</param>
/// <param name="Line">1-based line in the uploaded source, or null for a .dll.</param>
/// <param name="Column">1-based column in the uploaded source, or null for a .dll.</param>
/// <param name="UsedIn">For a .dll, the type or method using it (e.g. Evil.Strategy.OnBar); null for source.</param>
public sealed record SandboxViolationDto(string Symbol, string Rule, int? Line, int? Column, string? UsedIn)
{
    /// <summary>From the sandbox's finding.</summary>
    public static SandboxViolationDto From(SandboxViolation v) =>
        new(v.Symbol, v.Rule, v.Line > 0 ? v.Line : null, v.Line > 0 ? v.Column : null, v.UsedIn);
}

/// <summary>The C# source of a source strategy.</summary>
/// <param name="Id">Plugin id.</param>
/// <param name="Name">Catalogue name.</param>
/// <param name="Source">The source as uploaded (UTF-8 text).</param>
public sealed record PluginSourceDto(Guid Id, string Name, string Source);

/// <summary>Body of <c>PUT /api/v1/plugins/{id}/source</c>.</summary>
/// <param name="Source">The new C# source of the strategy, checked and compiled like an upload.</param>
public sealed record ReplaceSourceRequest(string? Source);
