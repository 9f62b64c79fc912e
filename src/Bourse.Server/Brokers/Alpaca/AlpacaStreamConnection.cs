using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bourse.Server.Brokers.Alpaca;

/// <summary>
/// One connection to an Alpaca trading stream (<c>{base}/stream</c>): authenticates with
/// <c>{"action":"auth","key","secret"}</c>, waits for <c>authorization</c> status <c>authorized</c>, listens to
/// <c>trade_updates</c> and then yields the <c>data</c> of each trade update. Messages may come in text or binary frames
/// (Alpaca's paper stream sends binary).
/// </summary>
public sealed class AlpacaStreamConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    private AlpacaStreamConnection()
    {
    }

    /// <summary>Connects, authenticates and listens to trade_updates.</summary>
    /// <exception cref="WebSocketException">The connection failed.</exception>
    /// <exception cref="InvalidOperationException">The stream refused the credentials or the listen request (its message is named).</exception>
    public static async Task<AlpacaStreamConnection> ConnectAsync(Uri address, string keyId, string secretKey, CancellationToken cancellationToken)
    {
        var stream = new AlpacaStreamConnection();
        try
        {
            await stream._socket.ConnectAsync(address, cancellationToken);
            await stream.SendAsync(new JsonObject { ["action"] = "auth", ["key"] = keyId, ["secret"] = secretKey }, cancellationToken);
            var authorization = await stream.ExpectAsync("authorization", cancellationToken);
            if (authorization.GetProperty("data").TryGetProperty("status", out var status) && status.GetString() != "authorized")
            {
                throw new InvalidOperationException($"the stream refused the credentials: {authorization.GetProperty("data")}");
            }

            await stream.SendAsync(new JsonObject { ["action"] = "listen", ["data"] = new JsonObject { ["streams"] = new JsonArray("trade_updates") } }, cancellationToken);
            var listening = await stream.ExpectAsync("listening", cancellationToken);
            if (!listening.GetProperty("data").GetProperty("streams").EnumerateArray().Any(s => s.GetString() == "trade_updates"))
            {
                throw new InvalidOperationException("the stream does not offer trade_updates");
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The <c>data</c> of each trade update, until the connection closes.</summary>
    /// <exception cref="WebSocketException">The connection broke.</exception>
    public async IAsyncEnumerable<AlpacaTradeUpdate> UpdatesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken) is { } message)
        {
            if (message.TryGetProperty("stream", out var name) && name.GetString() == "trade_updates"
                && message.GetProperty("data").Deserialize<AlpacaTradeUpdate>(AlpacaJson.Options) is { } update)
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // the peer is gone already
            }
        }

        _socket.Dispose();
    }

    private Task SendAsync(JsonObject message, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Reads messages until one of <paramref name="stream"/> arrives.</summary>
    private async Task<JsonElement> ExpectAsync(string stream, CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken) is { } message)
        {
            if (message.TryGetProperty("stream", out var name) && name.GetString() == stream)
            {
                return message;
            }
        }

        throw new WebSocketException($"the stream closed before its {stream} answer");
    }

    /// <summary>The next whole message as JSON, or null once the connection closed.</summary>
    private async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(message.ToArray());
                return document.RootElement.Clone();
            }
        }
    }
}
