using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.Server.Auth;
using Bourse.Server.Trading;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>An update on the <c>trade_updates</c> stream, in Alpaca's form (decimals as strings).</summary>
public sealed record AlpacaTradeUpdateDto(
    string Event,
    string? ExecutionId,
    AlpacaOrderDto Order,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Price,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal? Qty,
    [property: JsonConverter(typeof(AlpacaDecimalConverter))] decimal PositionQty,
    DateTime Timestamp);

/// <summary>
/// One client of Alpaca's trading stream (<c>GET {base}/stream</c>, also <c>/v2/stream</c>): authenticates in band with
/// <c>{"action":"authenticate","data":{"key_id","secret_key"}}</c> or <c>{"action":"auth","key","secret"}</c> (a Bourse API
/// key's id and secret), answered <c>{"stream":"authorization","data":{"action","status":"authorized"|"unauthorized"}}</c>;
/// then <c>{"action":"listen","data":{"streams":["trade_updates"]}}</c>, answered
/// <c>{"stream":"listening","data":{"streams":[…]}}</c>, after which every update of the caller's paper account's orders
/// arrives as <c>{"stream":"trade_updates","data":{event, execution_id, order, price, qty, position_qty, timestamp}}</c>
/// once stored. Messages go out as binary frames holding UTF-8 JSON, as Alpaca's paper stream sends them; the client's
/// messages may be text or binary. An unknown action or malformed message gets
/// <c>{"stream":"error","data":{"error_message"}}</c>; an unauthorized client is closed (policy violation).
/// </summary>
internal sealed class AlpacaTradeStream(
    WebSocket socket, CredentialValidator credentials, BrokerAccounts accounts, AlpacaOrderMapping mapping, JsonSerializerOptions json)
{
    /// <summary>The stream this server publishes.</summary>
    public const string TradeUpdates = "trade_updates";

    private readonly SemaphoreSlim _send = new(1, 1);
    private CurrentUser? _user;
    private Task? _pump;

    /// <summary>Serves the client until it closes or <paramref name="cancellationToken"/> is canceled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (socket.State == WebSocketState.Open && await ReceiveAsync(stop.Token) is { } message)
            {
                if (!await HandleAsync(message, stop.Token))
                {
                    await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // the client went away
        }
        finally
        {
            await stop.CancelAsync();
            if (_pump is not null)
            {
                await _pump.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            _send.Dispose();
        }
    }

    /// <summary>Handles one client message; false when the client must be closed (failed authentication).</summary>
    private async Task<bool> HandleAsync(byte[] message, CancellationToken cancellationToken)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(message).RootElement;
        }
        catch (JsonException)
        {
            await SendAsync(new { stream = "error", data = new { error_message = "the message is not JSON" } }, cancellationToken);
            return true;
        }

        var action = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("action", out var a) ? a.GetString() : null;
        switch (action)
        {
            case "authenticate" or "auth":
                var data = action == "auth" ? root : root.TryGetProperty("data", out var d) ? d : default;
                var key = Text(data, action == "auth" ? "key" : "key_id");
                var secret = Text(data, action == "auth" ? "secret" : "secret_key");
                _user = key is null || secret is null ? null : await credentials.ValidateAsync($"{key}.{secret}", cancellationToken);
                await SendAsync(new { stream = "authorization", data = new { action, status = _user is null ? "unauthorized" : "authorized" } }, cancellationToken);
                return _user is not null;
            case "listen" when _user is null:
                await SendAsync(new { stream = "authorization", data = new { action, status = "unauthorized" } }, cancellationToken);
                return false;
            case "listen":
                var wanted = root.TryGetProperty("data", out var listen) && listen.ValueKind == JsonValueKind.Object && listen.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array
                    ? s.EnumerateArray().Select(x => x.GetString()).ToList()
                    : [];
                var listening = wanted.Contains(TradeUpdates);
                if (listening && _pump is null)
                {
                    var account = await accounts.GetOrCreateAsync(_user, cancellationToken);
                    _pump = PumpAsync(account, cancellationToken);
                }

                await SendAsync(new { stream = "listening", data = new { streams = listening || _pump is not null ? new[] { TradeUpdates } : [] } }, cancellationToken);
                return true;
            default:
                await SendAsync(new { stream = "error", data = new { error_message = $"unknown action '{action}': use authenticate, auth or listen" } }, cancellationToken);
                return true;
        }
    }

    private async Task PumpAsync(BrokerAccount account, CancellationToken cancellationToken)
    {
        await foreach (var update in accounts.OrderUpdatesAsync(account, cancellationToken))
        {
            var order = mapping.ToAlpaca(update.Order);
            var executionId = update.Event is "fill" or "partial_fill" ? Guid.NewGuid().ToString() : null;
            await SendAsync(new { stream = TradeUpdates, data = new AlpacaTradeUpdateDto(update.Event, executionId, order, AlpacaOrderMapping.Plain(update.Price), AlpacaOrderMapping.Plain(update.Quantity), AlpacaOrderMapping.Plain(update.PositionQuantity), update.Timestamp) }, cancellationToken);
        }
    }

    private async Task SendAsync<T>(T message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, json);
        await _send.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The next whole message, or null when the client closed.</summary>
    private async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > 64 * 1024)
            {
                return [];
            }

            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
