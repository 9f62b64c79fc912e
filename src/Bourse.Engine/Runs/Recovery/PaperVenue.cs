using Bourse.Engine.Execution;

namespace Bourse.Engine.Runs.Recovery;

/// <summary>The paper venue's side of reconciliation: the simulated exchange's restored book and the paper account's positions.</summary>
internal sealed class PaperVenue(ExecutionEngine execution) : IVenueReconciliation
{
    /// <summary>The venue name in log lines.</summary>
    public const string Name = "paper";

    public string Venue => Name;

    public VenueSnapshot Snapshot() => execution.PaperSnapshot();
}
