using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static Bourse.Server.Tests.AlpacaClients;

namespace Bourse.Server.Tests.Alpaca;

/// <summary>Alpaca's trading endpoints and <c>trade_updates</c> stream over HTTP and a real socket, on the paper account.</summary>
public sealed class AlpacaTradingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>An Alpaca client of a fresh account whose run has seen a BTC price (an unaffordable buy gets 403 for buying power).</summary>
    private async Task<HttpClient> TradingClientAsync()
    {
        var alpaca = await _server.CreateAlpacaClientAsync();
        await BourseServer.WaitForAsync(async () =>
            (await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "1000", side = "buy", type = "market", time_in_force = "gtc" })).StatusCode == HttpStatusCode.Forbidden,
            Timeout, "a BTC price");
        return alpaca;
    }

    private static async Task<JsonElement> OrderAsync(HttpClient alpaca, string id) => await BourseServer.ReadJsonAsync(await alpaca.GetAsync($"/v2/orders/{id}"));

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient alpaca, string id, string status)
    {
        JsonElement order = default;
        await BourseServer.WaitForAsync(async () => (order = await OrderAsync(alpaca, id)).GetProperty("status").GetString() == status, Timeout, $"order {id} {status}");
        return order;
    }

    [Fact]
    public async Task Orders_are_checked_field_by_field_with_alpacas_codes_and_client_order_ids_are_unique_per_account()
    {
        var alpaca = await TradingClientAsync();
        var account = await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account"));
        Assert.Equal("ACTIVE", account.GetProperty("status").GetString());
        Assert.Equal("100000", account.GetProperty("cash").GetString());
        Assert.Equal("USD", account.GetProperty("currency").GetString());

        async Task InvalidAsync(object order, string field)
        {
            var message = await AssertAlpacaErrorAsync(await alpaca.PostAsJsonAsync("/v2/orders", order), HttpStatusCode.UnprocessableEntity, 42210000);
            Assert.Contains(field, message, StringComparison.Ordinal);
        }

        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "hold", type = "market", time_in_force = "gtc" }, "side");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "buy", type = "iceberg", time_in_force = "gtc" }, "type");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "buy", type = "market", time_in_force = "forever" }, "time_in_force");
        await InvalidAsync(new { symbol = "NOPE", qty = 1, side = "buy", type = "market", time_in_force = "gtc" }, "symbol");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "buy", type = "limit", time_in_force = "gtc" }, "limit_price");
        await InvalidAsync(new { symbol = "BTC/USD", side = "buy", type = "market", time_in_force = "gtc" }, "qty");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, notional = 10, side = "buy", type = "market", time_in_force = "gtc" }, "notional");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "buy", type = "trailing_stop", time_in_force = "gtc" }, "trail_price");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "buy", type = "market", time_in_force = "gtc", client_order_id = new string('c', 49) }, "client_order_id");
        await InvalidAsync(new { symbol = "BTC/USD", qty = 1, side = "buy", type = "market", time_in_force = "gtc", order_class = "bracket", take_profit = new { limit_price = 1 } }, "stop_loss");
        var message = await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "1000", side = "buy", type = "market", time_in_force = "gtc" }), HttpStatusCode.Forbidden, 40310000);
        Assert.Contains("buying power", message, StringComparison.Ordinal);

        // Decimals as strings or numbers in, strings out; a client order id once per account.
        // GTC: the replayed market's clock may be minutes before the crypto day's end (00:00 UTC), which expires a DAY order.
        var placed = await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTCUSD", qty = 0.01, side = "buy", type = "limit", limit_price = "1000.5", time_in_force = "gtc", client_order_id = "unique-1" });
        var order = await BourseServer.ReadJsonAsync(placed);
        Assert.True(placed.StatusCode == HttpStatusCode.OK, order.ToString());
        Assert.Equal("0.01", order.GetProperty("qty").GetString());
        Assert.Equal("1000.5", order.GetProperty("limit_price").GetString());
        Assert.Equal("BTC/USD", order.GetProperty("symbol").GetString());
        Assert.Equal("crypto", order.GetProperty("asset_class").GetString());
        Assert.Equal("gtc", order.GetProperty("time_in_force").GetString());
        Assert.Equal("simple", order.GetProperty("order_class").GetString());
        var id = order.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        message = await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = 1, side = "buy", type = "market", time_in_force = "gtc", client_order_id = "unique-1" }), HttpStatusCode.UnprocessableEntity, 42210000);
        Assert.Contains("client_order_id", message, StringComparison.Ordinal);
        Assert.Equal(id, (await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/orders:by_client_order_id?client_order_id=unique-1"))).GetProperty("id").GetString());

        // Another user's client may use the same client order id, and does not see this account's order.
        var otherToken = await _server.SignUpAsync("other-trader");
        var other = await _server.CreateAlpacaClientAsync(otherToken);
        await AssertAlpacaErrorAsync(await other.GetAsync($"/v2/orders/{id}"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await other.GetAsync("/v2/orders:by_client_order_id?client_order_id=unique-1"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await other.DeleteAsync($"/v2/orders/{id}"), HttpStatusCode.NotFound, 40410000);

        // Replace, cancel, and the errors of an order that is done.
        await WaitForStatusAsync(alpaca, id, "new");
        var replaced = await BourseServer.ReadJsonAsync(await alpaca.PatchAsJsonAsync($"/v2/orders/{id}", new { limit_price = "999" }));
        Assert.Equal(id, replaced.GetProperty("id").GetString());
        await BourseServer.WaitForAsync(async () => (await OrderAsync(alpaca, id)).GetProperty("limit_price").GetString() == "999", Timeout, "the replaced limit");
        Assert.Equal(HttpStatusCode.NoContent, (await alpaca.DeleteAsync($"/v2/orders/{id}")).StatusCode);
        await WaitForStatusAsync(alpaca, id, "canceled");
        await AssertAlpacaErrorAsync(await alpaca.DeleteAsync($"/v2/orders/{id}"), HttpStatusCode.UnprocessableEntity, 42210000);
        await AssertAlpacaErrorAsync(await alpaca.PatchAsJsonAsync($"/v2/orders/{id}", new { limit_price = "998" }), HttpStatusCode.UnprocessableEntity, 42210000);
        await AssertAlpacaErrorAsync(await alpaca.GetAsync($"/v2/orders/{Guid.NewGuid()}"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/orders?status=sideways"), HttpStatusCode.UnprocessableEntity, 42210000);

        var closed = await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/orders?status=closed&symbols=BTC/USD"));
        Assert.Contains(closed.EnumerateArray(), o => o.GetProperty("id").GetString() == id && o.GetProperty("status").GetString() == "canceled");
        Assert.Empty((await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/orders"))).EnumerateArray());

        // A DAY order keeps its time in force (it ends with the crypto day at 00:00 UTC, so its status is not waited for).
        var day = await BourseServer.ReadJsonAsync(await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = 0.01, side = "buy", type = "limit", limit_price = "1000.5", time_in_force = "day" }));
        Assert.Equal("day", day.GetProperty("time_in_force").GetString());
    }

    [Fact]
    public async Task A_bracket_holds_its_legs_until_the_entry_fills_and_a_position_closes_by_percentage()
    {
        var alpaca = await TradingClientAsync();
        var response = await alpaca.PostAsJsonAsync("/v2/orders", new
        {
            symbol = "BTC/USD", qty = "0.04", side = "buy", type = "market", time_in_force = "gtc", order_class = "bracket",
            take_profit = new { limit_price = "1000000" }, stop_loss = new { stop_price = "1", limit_price = "0.5" },
        });
        var bracket = await BourseServer.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, bracket.ToString());
        Assert.Equal("bracket", bracket.GetProperty("order_class").GetString());
        var legs = bracket.GetProperty("legs").EnumerateArray().ToList();
        Assert.Equal(["limit", "stop_limit"], legs.Select(l => l.GetProperty("type").GetString()).Order());
        Assert.All(legs, l => Assert.Equal("sell", l.GetProperty("side").GetString()));
        Assert.All(legs, l => Assert.Contains(l.GetProperty("status").GetString(), new[] { "held", "new" })); // held until the entry fills (a bar at 6000x may come first)

        await WaitForStatusAsync(alpaca, bracket.GetProperty("id").GetString()!, "filled");
        var takeProfit = await WaitForStatusAsync(alpaca, legs.Single(l => l.GetProperty("type").GetString() == "limit").GetProperty("id").GetString()!, "new");
        Assert.Equal("1000000", takeProfit.GetProperty("limit_price").GetString());
        var nested = await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/orders?status=all&nested=true"));
        Assert.Equal(2, nested.EnumerateArray().Single(o => o.GetProperty("id").GetString() == bracket.GetProperty("id").GetString()).GetProperty("legs").GetArrayLength());
        Assert.Equal(1, nested.GetArrayLength());

        var position = await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/positions/BTCUSD"));
        Assert.Equal("0.04", position.GetProperty("qty").GetString());
        Assert.Equal("long", position.GetProperty("side").GetString());
        Assert.Equal("BTC/USD", position.GetProperty("symbol").GetString());

        var close = await BourseServer.ReadJsonAsync(await alpaca.DeleteAsync("/v2/positions/BTCUSD?percentage=25"));
        Assert.Equal("0.01", close.GetProperty("qty").GetString());
        Assert.Equal("sell", close.GetProperty("side").GetString());
        await WaitForStatusAsync(alpaca, close.GetProperty("id").GetString()!, "filled");
        await BourseServer.WaitForAsync(async () => (await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/positions/BTCUSD"))).GetProperty("qty").GetString() == "0.03", Timeout, "0.03 left");
        await AssertAlpacaErrorAsync(await alpaca.DeleteAsync("/v2/positions/BTCUSD?percentage=150"), HttpStatusCode.UnprocessableEntity, 42210000);
        await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/positions/SPY"), HttpStatusCode.NotFound, 40410000);

        var canceled = await alpaca.DeleteAsync("/v2/orders");
        Assert.Equal(HttpStatusCode.MultiStatus, canceled.StatusCode);
        Assert.Equal(2, (await BourseServer.ReadJsonAsync(canceled)).GetArrayLength());
        var closedAll = await alpaca.DeleteAsync("/v2/positions?cancel_orders=true");
        Assert.Equal(HttpStatusCode.MultiStatus, closedAll.StatusCode);
        Assert.Equal("BTC/USD", (await BourseServer.ReadJsonAsync(closedAll)).EnumerateArray().Single().GetProperty("symbol").GetString());
        await BourseServer.WaitForAsync(async () => (await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/positions"))).GetArrayLength() == 0, Timeout, "a flat account");
    }

    [Theory]
    [InlineData("/stream", "authenticate")]
    [InlineData("/v2/stream", "auth")]
    public async Task The_trade_updates_stream_takes_both_authentications_and_sends_the_accounts_order_events(string path, string action)
    {
        var address = _server.StartOnKestrel();
        var alpaca = await TradingClientAsync();
        var keyId = alpaca.DefaultRequestHeaders.GetValues("APCA-API-KEY-ID").Single();
        var secret = alpaca.DefaultRequestHeaders.GetValues("APCA-API-SECRET-KEY").Single();
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);

        using var refused = new ClientWebSocket();
        await refused.ConnectAsync(new Uri($"ws://{address.Authority}{path}"), CancellationToken.None);
        await SendAsync(refused, action == "auth" ? new { action, key = keyId, secret = "wrong" } : new { action, data = new { key_id = keyId, secret_key = "wrong" } });
        var denied = await ReceiveAsync(refused);
        Assert.Equal("authorization", denied.GetProperty("stream").GetString());
        Assert.Equal("unauthorized", denied.GetProperty("data").GetProperty("status").GetString());

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}{path}"), CancellationToken.None);
        await SendAsync(socket, action == "auth" ? new { action, key = keyId, secret } : new { action, data = new { key_id = keyId, secret_key = secret } });
        var authorized = await ReceiveAsync(socket);
        Assert.Equal("authorized", authorized.GetProperty("data").GetProperty("status").GetString());
        await SendAsync(socket, new { action = "listen", data = new { streams = new[] { "trade_updates" } } });
        var listening = await ReceiveAsync(socket);
        Assert.Equal("listening", listening.GetProperty("stream").GetString());
        Assert.Equal("trade_updates", listening.GetProperty("data").GetProperty("streams")[0].GetString());

        var order = await BourseServer.ReadJsonAsync(await http.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.01", side = "buy", type = "market", time_in_force = "gtc" }));
        var id = order.GetProperty("id").GetString();
        var events = new List<JsonElement>();
        while (!events.Any(e => e.GetProperty("event").GetString() == "fill"))
        {
            var message = await ReceiveAsync(socket);
            Assert.Equal("trade_updates", message.GetProperty("stream").GetString());
            events.Add(message.GetProperty("data"));
        }

        Assert.Equal(["new", "fill"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("order").GetProperty("id").GetString()));
        var fill = events[^1];
        Assert.Equal("0.01", fill.GetProperty("qty").GetString());
        Assert.Equal("0.01", fill.GetProperty("position_qty").GetString());
        Assert.True(decimal.Parse(fill.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0m);
        Assert.True(fill.TryGetProperty("timestamp", out _));
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cts.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
        return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
    }
}
