namespace Bourse.Persistence.Entities;

/// <summary>
/// A live-trading strategy (table <c>live_strategies</c>): a plugin with its parameters and risk settings, evaluated at each
/// close of its check interval on the server's market feed with a paper account. Each start creates a run
/// (<see cref="RunEntity.LiveStrategyId"/>); <see cref="CurrentRunId"/> is the latest. Money in the account currency.
/// </summary>
public sealed class LiveStrategyEntity
{
    /// <summary>The strategy id.</summary>
    public Guid Id { get; set; }

    /// <summary>The owning user.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>Display name, unique per owner.</summary>
    public string Name { get; set; } = "";

    /// <summary>The plugin it runs.</summary>
    public Guid PluginId { get; set; }

    /// <summary>Instrument ids, comma separated.</summary>
    public string Symbols { get; set; } = "";

    /// <summary>Seconds between evaluations: 60, 300, 900, 1800 or 3600.</summary>
    public int CheckInterval { get; set; }

    /// <summary>Turn signals into orders.</summary>
    public bool AutoExecute { get; set; }

    /// <summary>Largest position value per instrument, or null for none.</summary>
    public decimal? MaxPositionSize { get; set; }

    /// <summary>Largest number of open positions (1-20).</summary>
    public int MaxPositions { get; set; }

    /// <summary>Loss within a trading day that halts the strategy until the next trading day, or null for none.</summary>
    public decimal? DailyLossLimit { get; set; }

    /// <summary>Share of equity a signal-sized order spends (0.001-0.5).</summary>
    public decimal PositionSizePct { get; set; }

    /// <summary>Minimum signal strength (0..1) that auto-executes.</summary>
    public double SignalStrengthThreshold { get; set; }

    /// <summary>Parameter values by name, JSON object.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>A saved parameter set of the plugin the parameters override, if any.</summary>
    public Guid? ConfigId { get; set; }

    /// <summary>stopped, running, paused or error (the run ended by itself: strategy errors, engine failure).</summary>
    public string Status { get; set; } = "stopped";

    /// <summary>Why the strategy is in its status (e.g. the run's stop reason).</summary>
    public string? StatusReason { get; set; }

    /// <summary>The run of the latest start, if any.</summary>
    public Guid? CurrentRunId { get; set; }

    /// <summary>Creation time, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Last change, UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}
