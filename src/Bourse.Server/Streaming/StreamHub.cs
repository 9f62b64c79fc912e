using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Streaming;

/// <summary>
/// Fans messages out to WebSocket clients: run events to every client, bars to the clients subscribed to
/// <c>bars:SYMBOL.VENUE</c>. Each message is serialized once; publishing never blocks (see <see cref="StreamClient"/>).
/// </summary>
public sealed class StreamHub(IOptions<StreamingOptions> options, TimeProvider clock, ILogger<StreamHub> logger)
{
    private readonly ConcurrentDictionary<Guid, StreamClient> _clients = new();

    /// <summary>Connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Publishes a run event message to every client.</summary>
    public void PublishToAll(string type, object data)
    {
        if (_clients.IsEmpty)
        {
            return;
        }

        var bytes = Serialize(type, data);
        foreach (var client in _clients.Values)
        {
            client.Enqueue(bytes);
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

    /// <summary>Serves one accepted WebSocket until it closes.</summary>
    public async Task ServeAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var client = new StreamClient(socket, options.Value.ClientQueueCapacity, clock);
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
