using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Bourse.Sdk.Identifiers;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Streaming;

/// <summary>
/// One WebSocket connection. Outgoing messages go through a bounded queue; when the client reads too slowly and the
/// queue is full, the OLDEST message is dropped (counted in <see cref="Dropped"/>), so a slow client never blocks the
/// hub, the runs or other clients. A client not authenticated by its upgrade must first send
/// <c>{"action":"auth","token":"…"}</c> within <see cref="StreamingOptions.AuthTimeout"/>; until then it receives nothing
/// else, and anything else (or a bad token) closes the connection (1008 policy violation). Then it receives
/// subscribe/unsubscribe commands for market data topics (<c>bars:SYMBOL.VENUE</c>, <c>bars:*</c>).
/// </summary>
internal sealed class StreamClient
{
    /// <summary>Queued after a refusal: the send loop closes the connection (policy violation) when it reaches it.</summary>
    private static readonly byte[] CloseMarker = [];

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _outgoing;
    private readonly ConcurrentDictionary<string, byte> _topics = new(StringComparer.OrdinalIgnoreCase);
    private readonly CredentialValidator _credentials;
    private readonly TimeSpan _authTimeout;
    private readonly TimeProvider _clock;
    private readonly StreamHub _hub;
    private long _dropped;

    public StreamClient(WebSocket socket, CurrentUser? user, StreamHub hub, CredentialValidator credentials, StreamingOptions options, TimeProvider clock)
    {
        _socket = socket;
        _hub = hub;
        User = user;
        _credentials = credentials;
        _authTimeout = options.AuthTimeout;
        _clock = clock;
        _outgoing = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(Math.Max(8, options.ClientQueueCapacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref _dropped));
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The authenticated user; null until the client authenticated.</summary>
    public CurrentUser? User { get; private set; }

    /// <summary>Messages dropped because the client was slow.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True when subscribed to <paramref name="topic"/> (or to <c>bars:*</c> for a bars topic).</summary>
    public bool IsSubscribed(string topic) =>
        User is not null && _topics.ContainsKey(topic) || (topic.StartsWith("bars:", StringComparison.Ordinal) && _topics.ContainsKey("bars:*"));

    /// <summary>Queues a serialized message; never blocks.</summary>
    public void Enqueue(byte[] message) => _outgoing.Writer.TryWrite(message);

    /// <summary>Sends and receives until the client closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendLoopAsync(linked.Token);
        await using var authDeadline = _clock.CreateTimer(_ => Refuse("Authenticate within the time allowed: send {\"action\":\"auth\",\"token\":\"…\"}."), null, _authTimeout, Timeout.InfiniteTimeSpan);
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

            if (ReferenceEquals(message, CloseMarker))
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "authentication required", cancellationToken);
                return;
            }

            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            _hub.CountSent();
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
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
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
                await HandleAsync(message.ToArray(), cancellationToken);
                message.SetLength(0);
            }
        }
    }

    private async Task HandleAsync(byte[] text, CancellationToken cancellationToken)
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
        if (User is null)
        {
            await AuthenticateAsync(action, command?.Token, cancellationToken);
            return;
        }

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

    private async Task AuthenticateAsync(string? action, string? token, CancellationToken cancellationToken)
    {
        if (action != "auth")
        {
            Refuse("Authenticate first: {\"action\":\"auth\",\"token\":\"<access token or API key>\"}.", "action");
            return;
        }

        User = await _credentials.ValidateAsync(token, cancellationToken);
        if (User is null)
        {
            Refuse("The token is not a valid access token or API key (or it expired or was revoked).", "token");
            return;
        }

        Reply("authenticated", new { user_id = User.Id, username = User.Name, role = User.Role });
    }

    /// <summary>Queues an error and then a close (1008), unless the client authenticated meanwhile; no message follows.</summary>
    private void Refuse(string message, string field = "token")
    {
        if (User is not null)
        {
            return;
        }

        Error(field, message);
        _outgoing.Writer.TryWrite(CloseMarker);
        _outgoing.Writer.TryComplete();
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
