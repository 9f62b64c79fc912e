using System.Net.WebSockets;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Streaming;

/// <summary>
/// One WebSocket connection, in one <see cref="StreamEncoding"/> (JSON on <c>/ws</c>, protobuf on <c>/ws/v2</c>). Outgoing frames (ready-made, see <see cref="WebSocketFrames"/>) go through a bounded
/// <see cref="FrameQueue"/> of <see cref="StreamingOptions.ClientQueueCapacity"/> frames, which the send loop empties a
/// burst at a time, each burst in one socket write (see <see cref="BatchingStream"/>); a client that falls that far
/// behind is a slow consumer: its queue is discarded, it is sent a close (1008, <c>slow consumer: N messages behind</c>)
/// and, if it does not even read that within <see cref="StreamingOptions.CloseTimeout"/>, its connection is aborted. Enqueuing never blocks, so a slow client
/// never slows the publisher or the other clients. A client not authenticated by its upgrade must first send
/// <c>{"action":"auth","token":"…"}</c> within <see cref="StreamingOptions.AuthTimeout"/>; until then it receives nothing
/// else, and anything else (or a bad token) closes the connection (1008). Then it sends
/// <c>{route}.subscribe</c> / <c>{route}.unsubscribe</c> actions, each answered by a <see cref="StreamReply"/>.
/// </summary>
internal sealed class StreamClient : IDisposable
{
    private readonly WebSocket _socket;
    private readonly BatchingStream? _transport;
    private readonly StreamHub _hub;
    private readonly CredentialValidator _credentials;
    private readonly FrameQueue _outgoing;
    private readonly StreamingOptions _options;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _sendAbort = new();
    private Closing? _closing;
    private volatile bool _slow;

    public StreamClient(
        WebSocket socket, BatchingStream? transport, StreamEncoding encoding, CurrentUser? user, StreamHub hub, CredentialValidator credentials, StreamingOptions options, TimeProvider clock)
    {
        _socket = socket;
        Encoding = encoding;
        _transport = transport;
        User = user;
        _hub = hub;
        _credentials = credentials;
        _options = options;
        _clock = clock;
        _outgoing = new FrameQueue(Math.Max(8, options.ClientQueueCapacity));
    }

    /// <summary>How the client's messages are written and read.</summary>
    public StreamEncoding Encoding { get; }

    /// <summary>The authenticated user; null until the client authenticated.</summary>
    public CurrentUser? User { get; private set; }

    /// <summary>True once the client was found too slow and is being disconnected.</summary>
    public bool IsSlow => _slow;

    private bool Discarding => Volatile.Read(ref _closing)?.DiscardQueued == true;

    /// <summary>Queues a frame; never blocks. A full queue makes the client a slow consumer (see the class summary).</summary>
    public void Enqueue(byte[] frame)
    {
        if (_outgoing.TryAdd(frame) || !Close(new Closing(WebSocketCloseStatus.PolicyViolation, $"slow consumer: {_outgoing.Capacity} messages behind", DiscardQueued: true)))
        {
            return;
        }

        _slow = true;
        _hub.Forget(this);
        try
        {
            _sendAbort.CancelAfter(_options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection ended meanwhile.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sendAbort.Dispose();

    /// <summary>Sends and receives until the client closes, is closed, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sendAbort.Token);
        await using var authDeadline = _clock.CreateTimer(_ => Refuse("Authenticate within the time allowed: send {\"action\":\"auth\",\"token\":\"…\"}."), null, _options.AuthTimeout, Timeout.InfiniteTimeSpan);
        var receiving = ReceiveAndCompleteAsync(cancellationToken);
        try
        {
            await SendLoopAsync(sending.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }

        try
        {
            await receiving.WaitAsync(_options.CloseTimeout, _clock, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _socket.Abort();
            await receiving;
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        using var wake = cancellationToken.UnsafeRegister(static queue => ((FrameQueue)queue!).Wake(), _outgoing);
        while (!Discarding)
        {
            var burst = _outgoing.Take();
            if (burst.IsEmpty)
            {
                if (_outgoing.IsCompleted)
                {
                    break;
                }

                await _outgoing.WaitAsync();
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            var sent = burst.Length;
            if (_transport is not null)
            {
                await _transport.WriteFramesAsync(burst, cancellationToken);
            }
            else
            {
                for (sent = 0; sent < burst.Length && !Discarding; sent++)
                {
                    await _socket.SendAsync(WebSocketFrames.Payload(burst.Span[sent]), Encoding.MessageType, endOfMessage: true, cancellationToken);
                }
            }

            _hub.CountSent(sent);
        }

        if (_closing is { } closing && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(closing.Status, closing.Reason, cancellationToken);
        }
    }

    private async Task ReceiveAndCompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveLoopAsync(cancellationToken);
        }
        finally
        {
            Close(new Closing(WebSocketCloseStatus.NormalClosure, "bye", DiscardQueued: true));
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested)
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
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > 64 * 1024)
            {
                Reply(StreamReply.Error("error", "message", "Messages are limited to 64 KiB."));
                message.SetLength(0);
                continue;
            }

            if (result.EndOfMessage)
            {
                await HandleAsync(message.ToArray(), result.MessageType, cancellationToken);
                message.SetLength(0);
            }
        }
    }

    private async Task HandleAsync(byte[] received, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        var (command, error) = Encoding.Read(received, type);
        if (error is not null)
        {
            Reply(StreamReply.Error("error", "message", error));
            return;
        }

        var action = command?.Action?.Trim().ToLowerInvariant() ?? "";
        if (User is null)
        {
            await AuthenticateAsync(action, command?.Token, cancellationToken);
            return;
        }

        var dot = action.LastIndexOf('.');
        var verb = dot < 0 ? "" : action[(dot + 1)..];
        if (verb is not ("subscribe" or "unsubscribe"))
        {
            var reply = action == "auth" ? StreamReply.Error("auth", "action", "Already authenticated.")
                : StreamReply.Error("error", "action", $"Unknown action '{command?.Action}'; send {{route}}.subscribe or {{route}}.unsubscribe with route one of {string.Join(", ", TopicKeys.Routes)}.");
            Reply(reply);
            return;
        }

        var parsed = TopicKeys.Parse(action[..dot], command!.Params);
        if (parsed.Request is not { } request)
        {
            Reply(StreamReply.Error(action, parsed.Field!, parsed.Error!));
        }
        else if (verb == "subscribe")
        {
            Reply(await _hub.SubscribeAsync(this, action, request, cancellationToken));
        }
        else
        {
            Reply(_hub.Unsubscribe(request.Key, this)
                ? StreamReply.Ok(action, $"Unsubscribed from {request.Key}.", request.Key)
                : StreamReply.Error(action, "params", $"Not subscribed to {request.Key}.", request.Key));
        }
    }

    private async Task AuthenticateAsync(string action, string? token, CancellationToken cancellationToken)
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

        Reply(new StreamReply("auth", "ok", $"Authenticated as '{User.Name}' ({User.Role}).", User: new StreamUser(User.Id, User.Name, User.Role)));
    }

    /// <summary>Queues an error and then a close (1008), unless the client authenticated meanwhile; no message follows.</summary>
    private void Refuse(string message, string field = "token")
    {
        if (User is not null)
        {
            return;
        }

        Reply(StreamReply.Error("auth", field, message));
        Close(new Closing(WebSocketCloseStatus.PolicyViolation, "authentication required", DiscardQueued: false));
    }

    /// <summary>
    /// Completes the queue: the send loop sends what is queued (unless <see cref="Closing.DiscardQueued"/>), then the
    /// close. False when the connection was already closing.
    /// </summary>
    private bool Close(Closing closing)
    {
        if (Interlocked.CompareExchange(ref _closing, closing, null) is not null)
        {
            return false;
        }

        _outgoing.Complete(closing.DiscardQueued);
        return true;
    }

    private void Reply(StreamReply reply) => Enqueue(Encoding.Reply(reply));

    /// <summary>How the server ends a connection.</summary>
    private sealed record Closing(WebSocketCloseStatus Status, string Reason, bool DiscardQueued);
}
