using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Feeds;

/// <summary>
/// A source of live market data: the replay of historical files, or a venue's live feed. It publishes only the
/// instruments someone has subscribed through <see cref="Subscriptions"/> (reference counted: from the first subscriber
/// until the last one leaves).
/// </summary>
public interface IMarketDataFeed
{
    /// <summary>The instruments the feed publishes.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>
    /// The feed's market clock, UTC: for a replay, the shifted and sped-up data time; for a live venue, the wall clock.
    /// Live runs on this feed use it as their clock.
    /// </summary>
    TimeProvider Clock { get; }

    /// <summary>Who subscribes which of <see cref="Instruments"/>; an instrument without subscribers is not published.</summary>
    FeedSubscriptions Subscriptions { get; }

    /// <summary>
    /// Completed bars of every subscribed instrument, in close-time order, each yielded when <see cref="Clock"/> reaches its
    /// <see cref="Bar.CloseTime"/>. Runs until <paramref name="cancellationToken"/> is canceled (a looping replay never ends).
    /// </summary>
    IAsyncEnumerable<Bar> ReadAllAsync(CancellationToken cancellationToken);
}
