using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>Reads every message of a WebSocket in the background and answers questions about them.</summary>
internal sealed class StreamRecorder
{
    private readonly WebSocket _socket;
    private readonly ConcurrentQueue<JsonElement> _messages = new();

    private StreamRecorder(WebSocket socket)
    {
        _socket = socket;
        _ = Task.Run(ReadAsync);
    }

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Messages => _messages.ToList();

    /// <summary>A recorder of <paramref name="socket"/> once it is subscribed to <paramref name="routes"/> (all of the caller's runs).</summary>
    public static async Task<StreamRecorder> SubscribedAsync(WebSocket socket, params string[] routes)
    {
        foreach (var route in routes)
        {
            await BourseServer.SubscribeAsync(socket, route);
        }

        return new StreamRecorder(socket);
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public bool Received(string eventName) => _messages.Any(m => Is(m, eventName));

    public bool Contains(Guid run, string eventName) => _messages.Any(m => Is(m, eventName) && Mentions(m, run.ToString()));

    /// <summary>The first update of <paramref name="eventName"/> for <paramref name="run"/> on <paramref name="topic"/>, if any.</summary>
    public JsonElement? Find(string topic, string eventName, Guid run) =>
        _messages.Where(m => m.TryGetProperty("topic", out var t) && t.GetString() == topic && BourseServer.IsRunUpdate(m, eventName, run))
            .Select(m => (JsonElement?)m).FirstOrDefault();

    public bool Mentions(string id) => _messages.Any(m => Mentions(m, id));

    private static bool Is(JsonElement message, string eventName) => message.TryGetProperty("event", out var e) && e.GetString() == eventName;

    private static bool Mentions(JsonElement message, string id) => message.GetRawText().Contains(id, StringComparison.OrdinalIgnoreCase);

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                _messages.Enqueue(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
