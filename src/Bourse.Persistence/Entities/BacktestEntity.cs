namespace Bourse.Persistence.Entities;

/// <summary>
/// A backtest the server ran (table <c>backtests</c>): what was run, its status and progress, and at its end its report.
/// Money in <see cref="Currency"/>, times UTC.
/// </summary>
public sealed class BacktestEntity
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>The user who asked for it.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The strategy (plugin) run.</summary>
    public Guid PluginId { get; set; }

    /// <summary>The plugin's catalogue name when the backtest started.</summary>
    public string StrategyName { get; set; } = "";

    /// <summary>running, completed or failed.</summary>
    public string Status { get; set; } = "running";

    /// <summary>Fraction of the bars replayed, 0..1 (stored at the end; a running backtest's is kept in memory).</summary>
    public double Progress { get; set; }

    /// <summary>Number of bars replayed in all.</summary>
    public int BarCount { get; set; }

    /// <summary>Instrument ids traded, comma-separated.</summary>
    public string Symbols { get; set; } = "";

    /// <summary>Every parameter the strategy was bound with, a JSON object.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The risk settings, a JSON object.</summary>
    public string RiskJson { get; set; } = "{}";

    /// <summary>Starting cash.</summary>
    public decimal StartingCash { get; set; }

    /// <summary>Account currency.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Commission, basis points of notional.</summary>
    public decimal FeeBps { get; set; }

    /// <summary>Why it failed, or null.</summary>
    public string? Error { get; set; }

    /// <summary>The report (statistics, equity curve, trades) as JSON once it ended, else null.</summary>
    public string? ReportJson { get; set; }

    /// <summary>When it was asked for.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it ended, or null.</summary>
    public DateTime? EndedAt { get; set; }
}
