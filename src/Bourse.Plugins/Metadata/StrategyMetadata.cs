using Bourse.Sdk.Strategies;

namespace Bourse.Plugins.Metadata;

/// <summary>
/// A strategy's catalogue entry, read by reflection from its <see cref="StrategyAttribute"/> and parameter record
/// without running it. Plain data: serializable to JSON as is.
/// </summary>
/// <param name="Name">Catalogue name from <see cref="StrategyAttribute.Name"/>, e.g. "EMA Crossover".</param>
/// <param name="Description">What the strategy does.</param>
/// <param name="RiskLevel">Declared risk level.</param>
/// <param name="Type">Strategy family.</param>
/// <param name="Version">The author's version text, e.g. "1.0.0".</param>
/// <param name="ClassName">Full name of the strategy class, e.g. "Bourse.Strategies.EmaCrossover".</param>
/// <param name="Parameters">The parameter schema, in declaration order; empty for a strategy without parameters.</param>
public sealed record StrategyMetadata(
    string Name,
    string Description,
    RiskLevel RiskLevel,
    StrategyType Type,
    string Version,
    string ClassName,
    IReadOnlyList<ParameterDescriptor> Parameters)
{
    /// <summary>The parameter with this name (case-insensitive), or null.</summary>
    public ParameterDescriptor? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
