namespace Bourse.Persistence.Entities;

/// <summary>A line of a run's execution log (table <c>execution_logs</c>): strategy logs, engine notes, errors.</summary>
public sealed class ExecutionLogEntity
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>debug, info, warning or error.</summary>
    public string Level { get; set; } = "info";

    /// <summary>Who wrote it: strategy, engine, server.</summary>
    public string Source { get; set; } = "";

    /// <summary>The text.</summary>
    public string Message { get; set; } = "";

    /// <summary>Time, UTC.</summary>
    public DateTime Timestamp { get; set; }
}
