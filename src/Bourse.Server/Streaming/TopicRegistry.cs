using System.Collections.Concurrent;

namespace Bourse.Server.Streaming;

/// <summary>
/// The topics that have subscribers, each with its subscribers (reference counted: a topic exists from its first
/// subscriber to its last, so publishers find nothing, and serialize nothing, for a topic nobody reads). A client
/// subscribed twice to one topic counts once. Subscribing and unsubscribing take a lock; publishers read a topic's
/// subscriber array without one (copy on write), so a message published while a client unsubscribes may still reach it.
/// </summary>
internal sealed class TopicRegistry
{
    private readonly ConcurrentDictionary<string, StreamClient[]> _topics = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The subscribers of <paramref name="key"/>; empty when the topic has none.</summary>
    public StreamClient[] Subscribers(string key) => _topics.TryGetValue(key, out var subscribers) ? subscribers : [];

    /// <summary>Each topic's key and subscriber count.</summary>
    public IReadOnlyDictionary<string, int> Counts() => _topics.ToDictionary(t => t.Key, t => t.Value.Length, StringComparer.Ordinal);

    /// <summary>Adds <paramref name="client"/> to <paramref name="key"/>; false when it was already subscribed.</summary>
    public bool Add(string key, StreamClient client)
    {
        lock (_gate)
        {
            var subscribers = Subscribers(key);
            if (subscribers.Contains(client))
            {
                return false;
            }

            _topics[key] = [.. subscribers, client];
            return true;
        }
    }

    /// <summary>Removes <paramref name="client"/> from <paramref name="key"/> (the topic goes with its last subscriber); false when it was not subscribed.</summary>
    public bool Remove(string key, StreamClient client)
    {
        lock (_gate)
        {
            return RemoveLocked(key, client);
        }
    }

    /// <summary>Removes <paramref name="client"/> from every topic (it disconnected or is being disconnected).</summary>
    public void RemoveEverywhere(StreamClient client)
    {
        lock (_gate)
        {
            foreach (var key in _topics.Keys)
            {
                RemoveLocked(key, client);
            }
        }
    }

    private bool RemoveLocked(string key, StreamClient client)
    {
        var subscribers = Subscribers(key);
        if (!subscribers.Contains(client))
        {
            return false;
        }

        if (subscribers.Length == 1)
        {
            _topics.TryRemove(key, out _);
        }
        else
        {
            _topics[key] = subscribers.Where(s => s != client).ToArray();
        }

        return true;
    }
}
