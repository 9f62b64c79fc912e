using Bourse.Persistence.Entities;

namespace Bourse.Persistence.Writing;

/// <summary>
/// The rows one batch of run events becomes: new signals, fills and execution log lines (inserted), the final state of
/// every order and position the batch touched (inserted or updated in place, one write each however many events touched
/// it) and one <see cref="RunChange"/> per run.
/// </summary>
public sealed class RunEventRows
{
    /// <summary>Signals to insert, in event order.</summary>
    public List<SignalEntity> Signals { get; } = [];

    /// <summary>Fills to insert, in event order.</summary>
    public List<FillEntity> Fills { get; } = [];

    /// <summary>Execution log lines to insert, in event order.</summary>
    public List<ExecutionLogEntity> Logs { get; } = [];

    /// <summary>Orders to upsert (key: run, client order id), complete rows.</summary>
    public Dictionary<(Guid RunId, string ClientOrderId), OrderEntity> Orders { get; } = [];

    /// <summary>Positions to upsert (key: run, symbol), complete rows.</summary>
    public Dictionary<(Guid RunId, string Symbol), PositionEntity> Positions { get; } = [];

    /// <summary>Run rows to update.</summary>
    public Dictionary<Guid, RunChange> Runs { get; } = [];

    /// <summary>Events that became rows (events of runs without a row are skipped).</summary>
    public int Applied { get; set; }

    /// <summary>Rows written: inserts, upserts and run updates.</summary>
    public int RowCount => Signals.Count + Fills.Count + Logs.Count + Orders.Count + Positions.Count + Runs.Count;
}
