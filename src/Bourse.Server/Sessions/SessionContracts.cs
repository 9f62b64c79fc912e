using Bourse.Persistence.Entities;

namespace Bourse.Server.Sessions;

/// <summary>Body of <c>POST /api/v1/sessions</c>.</summary>
/// <param name="Symbol">An instrument id the feed publishes and the strategy trades, e.g. BTCUSD.COINBASE.</param>
/// <param name="Type"><c>stock</c> (an equity) or <c>crypto</c>: must be the instrument's kind.</param>
/// <param name="StrategyId">The caller's live strategy that trades the symbol during the session.</param>
public sealed record SessionRequest(string? Symbol = null, string? Type = null, Guid? StrategyId = null);

/// <summary>A trading session. <paramref name="Subscribers"/>: live subscriptions on the symbol now (sessions, runs, standing ones).</summary>
public sealed record SessionDto(Guid Id, string Symbol, string Type, Guid StrategyId, string Status, DateTime StartedAt, DateTime? StoppedAt, int Subscribers)
{
    /// <summary>From a row and the symbol's subscriber count.</summary>
    public static SessionDto From(SessionEntity s, int subscribers) => new(s.Id, s.Symbol, s.Type, s.StrategyId, s.Status, s.StartedAt, s.StoppedAt, subscribers);
}

/// <summary>A page of sessions.</summary>
public sealed record SessionPage(IReadOnlyList<SessionDto> Sessions, int Count, int Limit, int Offset);
