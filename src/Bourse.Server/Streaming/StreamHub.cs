using System.Collections.Concurrent;
using System.Net.WebSockets;
using Bourse.Data.Feeds;
using Bourse.Engine.Runs;
using Bourse.Persistence;
using Bourse.Sdk.MarketData;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Bourse.Server.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Streaming;

/// <summary>
/// Publishes updates to the WebSocket clients subscribed to their topics (see <see cref="TopicKeys"/>), on <c>/ws</c> (JSON) and
/// <c>/ws/v2</c> (protobuf) alike. Each update is serialized once per topic and encoding, and the same bytes are queued for every subscriber; publishing never blocks and costs
/// nothing for a topic without subscribers (see <see cref="StreamClient"/> for slow clients). A run's updates reach the
/// subscribers of the route-wide topic (<c>orders</c>) who own the run or are admins, and the subscribers of the run's
/// own topic (<c>orders?run_id=…</c>), who were checked when they subscribed.
/// </summary>
public sealed class StreamHub(
    IOptions<StreamingOptions> options,
    CredentialValidator credentials,
    IDbContextFactory<BourseDbContext> contexts,
    IMarketDataFeed feed,
    TimeProvider clock,
    ILogger<StreamHub> logger)
{
    private readonly ConcurrentDictionary<StreamClient, byte> _clients = new();
    private readonly TopicRegistry _topics = new();
    private long _messagesSent;

    /// <summary>Connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Messages written to clients' sockets since the start.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Counts messages written to a client's socket (once per burst: the counter is shared by every send loop).</summary>
    internal void CountSent(int messages) => Interlocked.Add(ref _messagesSent, messages);

    /// <summary>The topics with subscribers: key and number of subscribed clients.</summary>
    public IReadOnlyDictionary<string, int> Topics => _topics.Counts();

    /// <summary>Publishes a bar to <c>bars?symbol=…&amp;timeframe=…</c> (the bar's own period: no resampling).</summary>
    public void Publish(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        var topic = TopicKeys.ForBars(bar.Instrument, bar.Period);
        Deliver(_topics.Subscribers(topic), TopicKeys.Bars, topic, "bar", () => StreamMessage.Payload(RunEventMessages.For(bar)), owner: null);
    }

    /// <summary>Publishes a quote to <c>quotes?symbol=…</c>.</summary>
    public void Publish(QuoteTick quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var topic = TopicKeys.ForQuotes(quote.Instrument);
        Deliver(_topics.Subscribers(topic), TopicKeys.Quotes, topic, "quote", () => StreamMessage.Payload(RunEventMessages.For(quote)), owner: null);
    }

    /// <summary>
    /// Publishes a run event (after it is stored) to its routes' topics. <paramref name="origin"/> is the run's plugin and
    /// owner; when null (a run this process did not start) the route-wide topics deliver it to admins only.
    /// </summary>
    public void Publish(RunEvent runEvent, RunOrigin? origin)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        foreach (var (route, name, data) in RunEventMessages.For(runEvent, origin?.PluginId))
        {
            var all = _topics.Subscribers(route);
            var runTopic = TopicKeys.ForRun(route, runEvent.RunId.Value);
            var one = _topics.Subscribers(runTopic);
            if (all.Length == 0 && one.Length == 0)
            {
                continue;
            }

            var payload = StreamMessage.Payload(data);
            Deliver(all, route, route, name, () => payload, new Owner(origin?.OwnerId));
            Deliver(one, route, runTopic, name, () => payload, owner: null);
        }
    }

    /// <summary>
    /// Serves one accepted WebSocket until it closes. <paramref name="user"/> is who authenticated the upgrade (query
    /// string or header); when null the client must authenticate with its first message. <paramref name="transport"/>,
    /// when the socket runs over one, lets bursts of updates leave in one write.
    /// </summary>
    internal async Task ServeAsync(WebSocket socket, StreamEncoding encoding, CurrentUser? user, CancellationToken cancellationToken, BatchingStream? transport = null)
    {
        using var client = new StreamClient(socket, transport, encoding, user, this, credentials, options.Value, clock);
        _clients[client] = 0;
        try
        {
            await client.RunAsync(cancellationToken);
        }
        finally
        {
            Forget(client);
            _clients.TryRemove(client, out _);
            if (client.IsSlow)
            {
                logger.LogWarning("WebSocket client of {User} disconnected as a slow consumer ({Capacity} messages behind)", client.User?.Name, options.Value.ClientQueueCapacity);
            }
        }
    }

    /// <summary>
    /// Subscribes a client to a parsed request: a run must be the user's (an admin: any), an instrument must be one the
    /// feed publishes; a market topic's first subscriber takes a feed subscription on its instrument, released with the
    /// topic's last subscriber.
    /// </summary>
    internal async Task<StreamReply> SubscribeAsync(StreamClient client, string action, TopicRequest request, CancellationToken cancellationToken)
    {
        if (request.RunId is { } runId && !await CanSeeRunAsync(client.User!, runId, cancellationToken))
        {
            return StreamReply.Error(action, "run_id", $"Run {runId} not found.", request.Key);
        }

        if (request.Instrument is { } instrument && !feed.Instruments.Any(i => i.Id == instrument))
        {
            return StreamReply.Error(action, "symbol", $"The market data feed does not publish {instrument}; it publishes {string.Join(", ", feed.Instruments.Select(i => i.Id))}.", request.Key);
        }

        return _topics.Add(request.Key, client, () => request.Instrument is { } id ? feed.Subscriptions.Subscribe(id) : null)
            ? StreamReply.Ok(action, $"Subscribed to {request.Key}.", request.Key)
            : StreamReply.Ok(action, $"Already subscribed to {request.Key} (a subscription counts once).", request.Key);
    }

    /// <summary>Removes a subscriber from a topic; false when it was not subscribed.</summary>
    internal bool Unsubscribe(string key, StreamClient client) => _topics.Remove(key, client);

    /// <summary>Removes a client from every topic: it is gone, or too slow to keep.</summary>
    internal void Forget(StreamClient client) => _topics.RemoveEverywhere(client);

    /// <summary>True when <paramref name="user"/> may follow <paramref name="runId"/>: an admin, or the run's owner.</summary>
    private async Task<bool> CanSeeRunAsync(CurrentUser user, Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.VisibleTo(user).AnyAsync(r => r.Id == runId, cancellationToken);
    }

    private void Deliver(StreamClient[] subscribers, string route, string topic, string eventName, Func<byte[]> payload, Owner? owner)
    {
        byte[]? json = null, protobuf = null;
        foreach (var client in subscribers)
        {
            if (owner is { } o && client.User?.Owns(o.Id) != true)
            {
                continue;
            }

            ref var frame = ref client.Encoding == StreamEncoding.Json ? ref json : ref protobuf;
            frame ??= client.Encoding.Update(route, topic, eventName, payload(), clock.GetUtcNow());
            client.Enqueue(frame);
        }
    }

    /// <summary>The owner a route-wide run topic filters by (null: admins only).</summary>
    private readonly record struct Owner(Guid? Id);
}
