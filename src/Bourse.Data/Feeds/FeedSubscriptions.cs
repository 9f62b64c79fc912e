using Bourse.Sdk.Identifiers;

namespace Bourse.Data.Feeds;

/// <summary>
/// The reference-counted market data subscriptions of one feed. Every consumer (a run, a session, a standing
/// subscription of the server) takes a <see cref="FeedSubscription"/> per instrument and disposes it when done: the
/// feed publishes an instrument while at least one subscription on it is alive, from its first subscriber until its last
/// one leaves. Thread-safe; subscribing and disposing may race from any threads.
/// <para>
/// <see cref="Changed"/> fires (outside the lock, on the thread that made the change) after an instrument gained its
/// first or lost its last subscriber. Handlers that talk to a venue should not act on the argument alone but reconcile
/// with <see cref="Current"/>: two changes racing on two threads may call the handlers in either order, whereas
/// <see cref="Current"/> is always the latest truth.
/// </para>
/// </summary>
public sealed class FeedSubscriptions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<InstrumentId, int> _counts = [];
    private readonly HashSet<InstrumentId> _known;

    /// <summary>Subscriptions over the instruments a feed publishes.</summary>
    /// <param name="instruments">The feed's instruments; only these can be subscribed.</param>
    public FeedSubscriptions(IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _known = [.. instruments.Select(i => i.Id)];
    }

    /// <summary>Raised after an instrument's first subscriber came (<see cref="SubscriptionChange.Added"/>) or its last one left.</summary>
    public event Action<SubscriptionChange>? Changed;

    /// <summary>The instruments with at least one subscriber, in id order.</summary>
    public IReadOnlyList<InstrumentId> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _counts.Keys.OrderBy(id => id.ToString(), StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>One consistent snapshot of the subscribed instruments with their number of subscribers, in id order.</summary>
    public IReadOnlyList<KeyValuePair<InstrumentId, int>> Counts
    {
        get
        {
            lock (_gate)
            {
                return [.. _counts.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>True while <paramref name="instrument"/> has at least one subscriber.</summary>
    public bool IsSubscribed(InstrumentId instrument)
    {
        lock (_gate)
        {
            return _counts.ContainsKey(instrument);
        }
    }

    /// <summary>Number of live subscriptions on <paramref name="instrument"/> (0 when none).</summary>
    public int CountOf(InstrumentId instrument)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(instrument);
        }
    }

    /// <summary>Subscribes one consumer to <paramref name="instrument"/>; dispose the handle to leave.</summary>
    /// <exception cref="ArgumentException">The feed does not publish <paramref name="instrument"/>.</exception>
    public FeedSubscription Subscribe(InstrumentId instrument)
    {
        if (!_known.Contains(instrument))
        {
            throw new ArgumentException($"The feed does not publish {instrument}.", nameof(instrument));
        }

        bool first;
        lock (_gate)
        {
            var count = _counts.GetValueOrDefault(instrument) + 1;
            _counts[instrument] = count;
            first = count == 1;
        }

        if (first)
        {
            Changed?.Invoke(new SubscriptionChange(instrument, Added: true));
        }

        return new FeedSubscription(this, instrument);
    }

    /// <summary>
    /// Subscribes one consumer to each of <paramref name="instruments"/> (all or none); disposing the result leaves them all.
    /// </summary>
    /// <exception cref="ArgumentException">The feed does not publish one of them (nothing is then subscribed).</exception>
    public IDisposable SubscribeAll(IEnumerable<InstrumentId> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var list = instruments.ToList();
        var unknown = list.Where(i => !_known.Contains(i)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The feed does not publish {string.Join(", ", unknown)}.", nameof(instruments));
        }

        return new SubscriptionGroup([.. list.Select(Subscribe)]);
    }

    internal void Release(InstrumentId instrument)
    {
        bool last;
        lock (_gate)
        {
            var count = _counts[instrument] - 1;
            last = count == 0;
            if (last)
            {
                _counts.Remove(instrument);
            }
            else
            {
                _counts[instrument] = count;
            }
        }

        if (last)
        {
            Changed?.Invoke(new SubscriptionChange(instrument, Added: false));
        }
    }

    private sealed class SubscriptionGroup(FeedSubscription[] members) : IDisposable
    {
        public void Dispose()
        {
            foreach (var member in members)
            {
                member.Dispose();
            }
        }
    }
}

/// <summary>An instrument gained its first subscriber (<paramref name="Added"/>) or lost its last one.</summary>
public readonly record struct SubscriptionChange(InstrumentId Instrument, bool Added);

/// <summary>One consumer's subscription to one instrument of a feed. Disposing it leaves; a second dispose does nothing.</summary>
public sealed class FeedSubscription : IDisposable
{
    private FeedSubscriptions? _owner;

    internal FeedSubscription(FeedSubscriptions owner, InstrumentId instrument)
    {
        _owner = owner;
        Instrument = instrument;
    }

    /// <summary>The subscribed instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Leaves the subscription (the feed drops the instrument when this was its last subscriber).</summary>
    public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(Instrument);
}
