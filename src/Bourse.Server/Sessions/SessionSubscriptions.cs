using System.Collections.Concurrent;
using Bourse.Data.Feeds;
using Bourse.Sdk.Identifiers;

namespace Bourse.Server.Sessions;

/// <summary>
/// The feed subscription each active session holds (the counting is the feed's <see cref="FeedSubscriptions"/>; this only
/// keeps every session's handle so its stop can release it). Thread-safe.
/// </summary>
public sealed class SessionSubscriptions(IMarketDataFeed feed)
{
    private readonly ConcurrentDictionary<Guid, FeedSubscription> _held = new();

    /// <summary>Subscribes the feed to <paramref name="instrument"/> for session <paramref name="sessionId"/> (once per session).</summary>
    /// <exception cref="ArgumentException">The feed does not publish the instrument.</exception>
    public void Hold(Guid sessionId, InstrumentId instrument) => _held.GetOrAdd(sessionId, _ => feed.Subscriptions.Subscribe(instrument));

    /// <summary>Releases the session's subscription (the feed drops the symbol when it was its last subscriber); nothing when it holds none.</summary>
    public void Release(Guid sessionId)
    {
        if (_held.TryRemove(sessionId, out var subscription))
        {
            subscription.Dispose();
        }
    }

    /// <summary>Live subscriptions on <paramref name="symbol"/> (every consumer, not only sessions); 0 for an unknown symbol.</summary>
    public int SubscribersOf(string symbol) => InstrumentId.TryParse(symbol, out var id) ? feed.Subscriptions.CountOf(id) : 0;
}
