namespace Bourse.Sdk.Strategies;

/// <summary>How much risk a strategy takes, as declared by its author.</summary>
public enum RiskLevel
{
    /// <summary>Low risk.</summary>
    Low,

    /// <summary>Medium risk.</summary>
    Medium,

    /// <summary>High risk.</summary>
    High,
}

/// <summary>The family a strategy belongs to.</summary>
public enum StrategyType
{
    /// <summary>Rules on technical indicators.</summary>
    Technical,

    /// <summary>Trend and momentum following.</summary>
    Momentum,

    /// <summary>Reversion to a mean.</summary>
    MeanReversion,

    /// <summary>Quoting both sides.</summary>
    MarketMaking,

    /// <summary>Price differences between instruments or venues.</summary>
    Arbitrage,

    /// <summary>Statistical models.</summary>
    Statistical,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>
/// Declares a strategy's catalogue entry. Read by reflection without running the strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StrategyAttribute : Attribute
{
    /// <param name="name">Unique catalogue name, e.g. "EMA Crossover".</param>
    public StrategyAttribute(string name) => Name = name;

    /// <summary>Unique catalogue name.</summary>
    public string Name { get; }

    /// <summary>One or two sentences on what the strategy does.</summary>
    public string Description { get; init; } = "";

    /// <summary>Declared risk level.</summary>
    public RiskLevel RiskLevel { get; init; } = RiskLevel.Medium;

    /// <summary>Strategy family.</summary>
    public StrategyType Type { get; init; } = StrategyType.Technical;

    /// <summary>The strategy's own version text, e.g. "1.0.0".</summary>
    public string Version { get; init; } = "1.0.0";
}

/// <summary>
/// Describes one property of a strategy's parameter record. <see cref="Min"/> and <see cref="Max"/> bound
/// numeric parameters (NaN = unbounded); a parameter is required when <see cref="Required"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <param name="description">What the parameter controls, with its unit.</param>
    public ParameterAttribute(string description) => Description = description;

    /// <summary>What the parameter controls, with its unit.</summary>
    public string Description { get; }

    /// <summary>Inclusive minimum for numbers; NaN when unbounded.</summary>
    public double Min { get; init; } = double.NaN;

    /// <summary>Inclusive maximum for numbers; NaN when unbounded.</summary>
    public double Max { get; init; } = double.NaN;

    /// <summary>True when a run must give a value.</summary>
    public bool Required { get; init; }
}
