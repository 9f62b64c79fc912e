using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Bourse.Sdk.Identifiers;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Streaming;

/// <summary>
/// One WebSocket connection. Outgoing messages go through a bounded queue; when the client reads too slowly and the
/// queue is full, the OLDEST message is dropped (counted in <see cref="Dropped"/>), so a slow client never blocks the
/// hub, the runs or other clients. Receives subscribe/unsubscribe commands for market data topics (<c>bars:SYMBOL.VENUE</c>, <c>bars:*</c>).
/// </summary>
internal sealed class StreamClient
{
    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _outgoing;
    private readonly ConcurrentDictionary<string, byte> _topics = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock;
    private long _dropped;

    public StreamClient(WebSocket socket, int capacity, TimeProvider clock)
    {
        _socket = socket;
        _clock = clock;
        _outgoing = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(Math.Max(8, capacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref _dropped));
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Messages dropped because the client was slow.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True when subscribed to <paramref name="topic"/> (or to <c>bars:*</c> for a bars topic).</summary>
    public bool IsSubscribed(string topic) =>
        _topics.ContainsKey(topic) || (topic.StartsWith("bars:", StringComparison.Ordinal) && _topics.ContainsKey("bars:*"));

    /// <summary>Queues a serialized message; never blocks.</summary>
    public void Enqueue(byte[] message) => _outgoing.Writer.TryWrite(message);

    /// <summary>Sends and receives until the client closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendLoopAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(linked.Token);
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await linked.CancelAsync();
            try
            {
                await sending;
            }
            catch (OperationCanceledException)
            {
            }
            catch (WebSocketException)
            {
            }
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            if (_socket.State != WebSocketState.Open)
            {
                return;
            }

            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

                return;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > 64 * 1024)
            {
                Error("message", "Messages are limited to 64 KiB.");
                message.SetLength(0);
                continue;
            }

            if (result.EndOfMessage)
            {
                Handle(message.ToArray());
                message.SetLength(0);
            }
        }
    }

    private void Handle(byte[] text)
    {
        ClientCommand? command;
        try
        {
            command = JsonSerializer.Deserialize<ClientCommand>(text, JsonSetup.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            Error("message", $"Invalid JSON: {e.Message}");
            return;
        }

        var action = command?.Action?.ToLowerInvariant();
        if (action is not ("subscribe" or "unsubscribe"))
        {
            Error("action", "action must be 'subscribe' or 'unsubscribe'.");
            return;
        }

        var topics = new List<string>();
        var invalid = new List<string?>();
        foreach (var topic in command!.Topics ?? [])
        {
            if (Normalize(topic) is { } normalized)
            {
                topics.Add(normalized);
            }
            else
            {
                invalid.Add(topic);
            }
        }

        if (invalid.Count > 0)
        {
            Error("topics", $"Unknown topic(s) {string.Join(", ", invalid.Select(t => $"'{t}'"))}; topics are bars:SYMBOL.VENUE or bars:*.");
            return;
        }

        if (action == "subscribe")
        {
            topics.ForEach(t => _topics[t] = 0);
            Reply("subscribed", new { topics = _topics.Keys.Order().ToList() });
        }
        else
        {
            topics.ForEach(t => _topics.TryRemove(t, out _));
            Reply("unsubscribed", new { topics = _topics.Keys.Order().ToList() });
        }
    }

    /// <summary><c>bars:*</c> or <c>bars:SYMBOL.VENUE</c> (a valid instrument id, upper-cased); null for anything else.</summary>
    private static string? Normalize(string? topic)
    {
        var text = topic?.Trim();
        if (text is null || !text.StartsWith("bars:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[5..];
        return rest == "*" ? "bars:*"
            : InstrumentId.TryParse(rest.ToUpperInvariant(), out var id) ? $"bars:{id}"
            : null;
    }

    private void Error(string field, string message) => Reply("error", new { field, message });

    private void Reply(string type, object data) =>
        Enqueue(StreamMessage.Encode(type, data, _clock));
}
