using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Runs.Recovery;

/// <summary>
/// The run resumed after a server restart (instead of <see cref="RunStarted"/>): <paramref name="Fills"/> persisted fills
/// were replayed into the account, <paramref name="OpenOrders"/> open orders restored into the venue, and
/// <paramref name="Differences"/> reconciliation differences found (each also logged).
/// </summary>
public sealed record RunResumed(RunId RunId, long Sequence, DateTime Timestamp, int Fills, int OpenOrders, int Differences)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>
/// The run's loop ended because the server is shutting down; the run itself goes on: its orders stay working, its
/// state was saved, and it resumes when the server starts again (its stored status stays running).
/// </summary>
public sealed record RunSuspended(RunId RunId, long Sequence, DateTime Timestamp, string Reason)
    : RunEvent(RunId, Sequence, Timestamp);

/// <summary>The strategy saved its state (<see cref="Strategy.OnSave"/>); published only when it changed since the last save.</summary>
public sealed record StrategyStateSaved(RunId RunId, long Sequence, DateTime Timestamp, StrategyState State)
    : RunEvent(RunId, Sequence, Timestamp);
