using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Streaming;

/// <summary>
/// Fans messages out to authenticated WebSocket clients: a run's events to its owner's clients and to admins, bars to
/// the clients subscribed to <c>bars:SYMBOL.VENUE</c>. Each message is serialized once; publishing never blocks (see <see cref="StreamClient"/>).
/// </summary>
public sealed class StreamHub(IOptions<StreamingOptions> options, CredentialValidator credentials, TimeProvider clock, ILogger<StreamHub> logger)
{
    private readonly ConcurrentDictionary<Guid, StreamClient> _clients = new();
    private long _messagesSent;

    /// <summary>Connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Messages written to clients' sockets since the start.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Publishes a run event message to the clients of <paramref name="ownerId"/> and of admins (admins only when the owner is unknown).</summary>
    public void PublishToOwner(Guid? ownerId, string type, object data)
    {
        byte[]? bytes = null;
        foreach (var client in _clients.Values)
        {
            if (client.User is { } user && (user.IsAdmin || user.Id == ownerId))
            {
                bytes ??= Serialize(type, data);
                client.Enqueue(bytes);
            }
        }
    }

    /// <summary>Publishes a message to the clients subscribed to <paramref name="topic"/>.</summary>
    public void PublishToTopic(string topic, string type, object data)
    {
        byte[]? bytes = null;
        foreach (var client in _clients.Values)
        {
            if (client.IsSubscribed(topic))
            {
                bytes ??= Serialize(type, data);
                client.Enqueue(bytes);
            }
        }
    }

    /// <summary>Counts a message written to a client's socket.</summary>
    internal void CountSent() => Interlocked.Increment(ref _messagesSent);

    /// <summary>
    /// Serves one accepted WebSocket until it closes. <paramref name="user"/> is who authenticated the upgrade (query
    /// string or header); when null the client must authenticate with its first message.
    /// </summary>
    public async Task ServeAsync(WebSocket socket, CurrentUser? user, CancellationToken cancellationToken)
    {
        var client = new StreamClient(socket, user, this, credentials, options.Value, clock);
        _clients[client.Id] = client;
        try
        {
            await client.RunAsync(cancellationToken);
        }
        finally
        {
            _clients.TryRemove(client.Id, out _);
            if (client.Dropped > 0)
            {
                logger.LogInformation("WebSocket client {Client} disconnected; {Dropped} message(s) were dropped because it read too slowly", client.Id, client.Dropped);
            }
        }
    }

    private byte[] Serialize(string type, object data) => StreamMessage.Encode(type, data, clock);
}
