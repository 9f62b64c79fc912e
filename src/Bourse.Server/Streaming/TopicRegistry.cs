using System.Collections.Concurrent;

namespace Bourse.Server.Streaming;

/// <summary>
/// The topics that have subscribers, each with its subscribers and its source (reference counted: a topic, and the
/// source attached for it, such as the feed subscription of a bars topic's instrument, exist from its first subscriber
/// to its last, so publishers find nothing, and serialize nothing, for a topic nobody reads). A client subscribed twice
/// to one topic counts once. Subscribing and unsubscribing take a lock; publishers read a topic's subscriber array
/// without one (copy on write), so a message published while a client unsubscribes may still reach it.
/// </summary>
internal sealed class TopicRegistry
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The subscribers of <paramref name="key"/>; empty when the topic has none.</summary>
    public StreamClient[] Subscribers(string key) => _topics.TryGetValue(key, out var topic) ? topic.Subscribers : [];

    /// <summary>Each topic's key and subscriber count.</summary>
    public IReadOnlyDictionary<string, int> Counts() => _topics.ToDictionary(t => t.Key, t => t.Value.Subscribers.Length, StringComparer.Ordinal);

    /// <summary>
    /// Adds <paramref name="client"/> to <paramref name="key"/>, calling <paramref name="attach"/> for the source when
    /// it is the topic's first subscriber; false when it was already subscribed.
    /// </summary>
    public bool Add(string key, StreamClient client, Func<IDisposable?> attach)
    {
        lock (_gate)
        {
            if (!_topics.TryGetValue(key, out var topic))
            {
                _topics[key] = new Topic([client], attach());
                return true;
            }

            if (topic.Subscribers.Contains(client))
            {
                return false;
            }

            _topics[key] = topic with { Subscribers = [.. topic.Subscribers, client] };
            return true;
        }
    }

    /// <summary>Removes <paramref name="client"/> from <paramref name="key"/> (the topic and its source go with its last subscriber); false when it was not subscribed.</summary>
    public bool Remove(string key, StreamClient client)
    {
        IDisposable? released;
        bool removed;
        lock (_gate)
        {
            removed = RemoveLocked(key, client, out released);
        }

        released?.Dispose();
        return removed;
    }

    /// <summary>Removes <paramref name="client"/> from every topic (it disconnected or is being disconnected).</summary>
    public void RemoveEverywhere(StreamClient client)
    {
        var released = new List<IDisposable>();
        lock (_gate)
        {
            foreach (var key in _topics.Keys)
            {
                if (RemoveLocked(key, client, out var source) && source is not null)
                {
                    released.Add(source);
                }
            }
        }

        released.ForEach(s => s.Dispose());
    }

    private bool RemoveLocked(string key, StreamClient client, out IDisposable? released)
    {
        released = null;
        if (!_topics.TryGetValue(key, out var topic) || !topic.Subscribers.Contains(client))
        {
            return false;
        }

        if (topic.Subscribers.Length == 1)
        {
            _topics.TryRemove(key, out _);
            released = topic.Source;
        }
        else
        {
            _topics[key] = topic with { Subscribers = topic.Subscribers.Where(s => s != client).ToArray() };
        }

        return true;
    }

    /// <summary>A topic: its subscribers (never empty) and the source attached for it, if any.</summary>
    private sealed record Topic(StreamClient[] Subscribers, IDisposable? Source);
}
