namespace Bourse.Persistence.Entities;

/// <summary>
/// A trading session (table <c>sessions</c>): one symbol traded by one live strategy, holding a market data subscription
/// on the symbol while it is active. Restored (re-subscribed) when the server starts.
/// </summary>
public sealed class SessionEntity
{
    /// <summary>The session id.</summary>
    public Guid Id { get; set; }

    /// <summary>The owning user (the live strategy's owner).</summary>
    public Guid OwnerId { get; set; }

    /// <summary>Instrument id, e.g. BTCUSD.COINBASE.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>stock or crypto.</summary>
    public string Type { get; set; } = "";

    /// <summary>The live strategy.</summary>
    public Guid StrategyId { get; set; }

    /// <summary>active or stopped.</summary>
    public string Status { get; set; } = "active";

    /// <summary>Start time, UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>Stop time, UTC; null while active.</summary>
    public DateTime? StoppedAt { get; set; }
}
