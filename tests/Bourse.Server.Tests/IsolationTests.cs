using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bourse.Persistence.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>
/// The isolation matrix: user A owns a plugin, a config, a running run (with its signals, orders, fills, positions and
/// logs), an API key and, in its paper brokerage account, an Alpaca watchlist, a resting order and a position. For every endpoint of the app (enumerated from the EndpointDataSource, so a new endpoint is
/// covered or the test fails) user B gets 404 for A's resources, sees none of them in lists, cannot use them by
/// reference in a body, and never receives A's WebSocket events; A and an admin do.
/// </summary>
public sealed class IsolationTests : IAsyncLifetime
{
    /// <summary>Body fields that refer to a resource of the caller; a new one must be added here (and checked).</summary>
    private static readonly string[] KnownReferenceFields = ["plugin_id", "config_id", "strategy_id", "client_order_id"];

    /// <summary>
    /// Routes whose parameters name market data anyone may read (a symbol, a venue), not a resource of a user: they are
    /// not part of the 404 matrix. A user's own symbol-keyed resources (an Alpaca position) are.
    /// </summary>
    private static readonly string[] PublicRoutes = ["/v2/assets/", "/v2/stocks/", "/v1beta3/crypto/", "/api/v1/datafeed/"];

    /// <summary>
    /// Route parameters that name a kind of thing (an Alpaca activity type), not a resource of a user: such a route lists the
    /// caller's own things of that kind, so it is checked like a list (B's answer shows none of A's ids), not for a 404.
    /// </summary>
    private static readonly Dictionary<string, string> KindParameters = new() { ["activity_type"] = "FILL" };

    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task User_b_gets_404_for_each_of_user_a_s_resources_on_every_endpoint_and_never_sees_a_s_events()
    {
        var aliceToken = await _server.SignUpAsync("alice");
        var bobToken = await _server.SignUpAsync("bob");
        var alice = _server.CreateClient(aliceToken);
        var bob = _server.CreateClient(bobToken);
        var admin = _server.CreateClient();

        // Everyone follows every run route (all of their runs); B also follows BTC bars, so B's stream is not empty.
        string[] runRoutes = ["orders", "positions", "executions", "equity", "runs"];
        var aliceStream = await StreamRecorder.SubscribedAsync(await _server.ConnectAsync(aliceToken), runRoutes);
        var bobStream = await StreamRecorder.SubscribedAsync(await _server.ConnectAsync(bobToken), runRoutes);
        var adminStream = await StreamRecorder.SubscribedAsync(await _server.ConnectAsync(), runRoutes);
        await bobStream.SendAsync("{\"action\":\"bars.subscribe\",\"params\":{\"symbol\":\"BTCUSD.COINBASE\"}}");

        // A's resources.
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Strategies.EveryBar("Alice Every Bar"))), "plugin", "alice.cs" } };
        var upload = await alice.PostAsync("/api/v1/plugins/upload", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var plugin = (await BourseServer.ReadJsonAsync(upload)).GetProperty("data").GetProperty("id").GetGuid();
        var aliceId = (await BourseServer.ReadJsonAsync(await alice.GetAsync("/api/v1/auth/me"))).GetProperty("data").GetProperty("id").GetGuid();
        var config = Guid.NewGuid();
        await using (var db = _server.OpenDatabase())
        {
            db.Configs.Add(new ConfigEntity { Id = config, OwnerId = aliceId, PluginId = plugin, Version = 1, ParametersJson = "{\"every\":2}", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var start = await alice.PostAsJsonAsync("/api/v1/strategies/start", new
        {
            plugin_id = plugin, config_id = config, symbols = new[] { "BTCUSD.COINBASE" },
            risk = new { auto_execute = true, position_size_pct = 0.1, max_positions = 1 },
        }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var run = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
        await BourseServer.WaitForAsync(async () => (await _server.StatusAsync(run)).GetProperty("total_trades").GetInt32() >= 2, TimeSpan.FromSeconds(30), "alice's run to trade");
        var key = (await BourseServer.ReadJsonAsync(await alice.PostAsJsonAsync("/api/v1/auth/keys", new { name = "alice's bot" }, BourseServer.Json))).GetProperty("data");
        var keyId = key.GetProperty("key_id").GetString()!;

        var live = await LiveTradingTests.CreateAsync(alice, new { name = "alice's live", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" } });
        var sessionStart = await alice.PostAsJsonAsync("/api/v1/sessions", new { symbol = "BTCUSD.COINBASE", type = "crypto", strategy_id = live }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, sessionStart.StatusCode);
        var session = (await BourseServer.ReadJsonAsync(sessionStart)).GetProperty("data").GetProperty("id").GetGuid();

        // A's paper brokerage account (the Alpaca dialect): a watchlist, a resting order and a BTC position.
        const string Watchlist = "alice's list";
        var watchlist = (await BourseServer.ReadJsonAsync(await alice.PostAsJsonAsync("/v2/watchlists", new { name = Watchlist, symbols = new[] { "BTCUSD" } }, BourseServer.Json))).GetProperty("id").GetString()!;
        var resting = await alice.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.01", side = "buy", type = "limit", time_in_force = "gtc", limit_price = "1", client_order_id = "alice-resting" }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.OK, resting.StatusCode);
        var order = (await BourseServer.ReadJsonAsync(resting)).GetProperty("id").GetString()!;
        var bought = await alice.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.01", side = "buy", type = "market", time_in_force = "gtc" }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        var filledOrder = (await BourseServer.ReadJsonAsync(bought)).GetProperty("id").GetString()!;
        await BourseServer.WaitForAsync(async () => (await alice.GetAsync("/v2/positions/BTCUSD")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "alice's BTC position");
        Assert.Equal(HttpStatusCode.OK, (await alice.PatchAsJsonAsync("/v2/account/configurations", new { no_shorting = true, trade_confirm_email = "none" }, BourseServer.Json)).StatusCode);
        var aliceAccount = (await BourseServer.ReadJsonAsync(await alice.GetAsync("/v2/account"))).GetProperty("id").GetString()!;
        var backtestStart = await alice.PostAsJsonAsync("/api/v1/backtests", new { plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" } }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Accepted, backtestStart.StatusCode);
        var backtest = (await BourseServer.ReadJsonAsync(backtestStart)).GetProperty("data").GetProperty("id").GetGuid();

        var resources = new Dictionary<string, string>
        {
            ["backtestId"] = backtest.ToString(),
            ["id"] = plugin.ToString(), ["runId"] = run.ToString(), ["keyId"] = keyId, ["configId"] = config.ToString(), ["strategyId"] = live.ToString(), ["sessionId"] = session.ToString(),
            ["watchlist_id"] = watchlist, ["order_id"] = order, ["symbol_or_asset_id"] = "BTCUSD", ["symbol"] = "BTCUSD",
        };
        string[] aliceIds = [plugin.ToString(), run.ToString(), keyId, config.ToString(), live.ToString(), session.ToString(), watchlist, order, backtest.ToString(), filledOrder, aliceAccount];

        var failures = new List<string>();
        var endpoints = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (PublicRoutes.Any(prefix => pattern.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var path = pattern;
            var missing = false;
            var kindsOnly = endpoint.RoutePattern.Parameters.All(p => KindParameters.ContainsKey(p.Name));
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                if (!resources.TryGetValue(parameter.Name, out var value) && !KindParameters.TryGetValue(parameter.Name, out value))
                {
                    failures.Add($"{pattern}: no resource of user A for the route parameter '{parameter.Name}'; add one to this matrix");
                    missing = true;
                    continue;
                }

                path = path.Replace($"{{{parameter.Name}}}", value, StringComparison.Ordinal);
            }

            if (missing)
            {
                continue;
            }

            if (pattern.Contains(":by_name", StringComparison.Ordinal))
            {
                path += "?name=" + Uri.EscapeDataString(Watchlist);
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var where = $"{method} {pattern}";
                if (endpoint.RoutePattern.Parameters.Count > 0 && !kindsOnly)
                {
                    var response = await SendAsync(bob, method, path);
                    if (response.StatusCode != HttpStatusCode.NotFound || !await ErrorBodies.IsErrorBodyAsync(response, pattern))
                    {
                        failures.Add($"{where}: user B got {(int)response.StatusCode} for user A's resource, not a 404 error body");
                    }

                    if (method == "GET" && (await SendAsync(alice, method, path)).StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{where}: user A cannot read its own resource (the matrix would prove nothing)");
                    }
                }
                else if (method == "GET")
                {
                    var body = await (await SendAsync(bob, method, path)).Content.ReadAsStringAsync();
                    failures.AddRange(aliceIds.Where(id => body.Contains(id, StringComparison.OrdinalIgnoreCase)).Select(id => $"{where}: user B's answer shows user A's {id}"));
                }
            }
        }

        // A's account configuration, activities and equity history stay A's: B has the default configuration and a flat
        // history at its starting cash, while A's shows its fill (the commission paid) and its activities list it.
        var bobsConfiguration = await BourseServer.ReadJsonAsync(await bob.GetAsync("/v2/account/configurations"));
        if (bobsConfiguration.GetProperty("no_shorting").GetBoolean() || bobsConfiguration.GetProperty("trade_confirm_email").GetString() != "all")
        {
            failures.Add($"GET /v2/account/configurations: user B sees user A's configuration: {bobsConfiguration}");
        }

        const string History = "/v2/account/portfolio/history?period=1D&timeframe=1Min&intraday_reporting=continuous&pnl_reset=no_reset";
        var aliceEquity = (await BourseServer.ReadJsonAsync(await alice.GetAsync(History))).GetProperty("equity").EnumerateArray().Select(e => e.GetDecimal()).ToList();
        var bobsEquity = (await BourseServer.ReadJsonAsync(await bob.GetAsync(History))).GetProperty("equity").EnumerateArray().Select(e => e.GetDecimal()).ToList();
        Assert.NotEqual(100_000m, aliceEquity[^1]);
        if (bobsEquity.Count == 0 || bobsEquity.Any(e => e != 100_000m))
        {
            failures.Add($"GET /v2/account/portfolio/history: user B's equity is not its own flat 100000: {string.Join(", ", bobsEquity.Distinct().Take(5))}");
        }

        Assert.Contains(filledOrder, await (await alice.GetAsync("/v2/account/activities")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Body references: A's plugin or config given by B is answered exactly like an id that does not exist.
        await AssertLikeMissingAsync(bob, new { plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" } }, new { plugin_id = Guid.NewGuid(), symbols = new[] { "BTCUSD.COINBASE" } }, "plugin_id", failures);
        var builtIn = await _server.PluginIdAsync("EMA Crossover");
        await AssertLikeMissingAsync(bob, new { plugin_id = builtIn, config_id = config, symbols = new[] { "BTCUSD.COINBASE" } }, new { plugin_id = builtIn, config_id = Guid.NewGuid(), symbols = new[] { "BTCUSD.COINBASE" } }, "config_id", failures);
        var othersStrategy = await bob.PostAsJsonAsync("/api/v1/sessions", new { symbol = "BTCUSD.COINBASE", type = "crypto", strategy_id = live }, BourseServer.Json);
        var missingStrategy = await bob.PostAsJsonAsync("/api/v1/sessions", new { symbol = "BTCUSD.COINBASE", type = "crypto", strategy_id = Guid.NewGuid() }, BourseServer.Json);
        if (othersStrategy.StatusCode != missingStrategy.StatusCode || !(await BourseServer.ReadJsonAsync(othersStrategy)).GetProperty("errors").TryGetProperty("strategy_id", out _))
        {
            failures.Add("POST /api/v1/sessions: user A's strategy_id is not answered like a missing one");
        }

        // client_order_id is unique per account: B neither finds A's nor is refused the same one for its own order.
        var byClientId = await bob.GetAsync("/v2/orders:by_client_order_id?client_order_id=alice-resting");
        if (byClientId.StatusCode != HttpStatusCode.NotFound || !await ErrorBodies.IsErrorBodyAsync(byClientId, "/v2/orders"))
        {
            failures.Add($"GET /v2/orders:by_client_order_id: user B got {(int)byClientId.StatusCode} for user A's client_order_id, not a 404");
        }

        var bobsOwn = await bob.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.01", side = "buy", type = "limit", time_in_force = "gtc", limit_price = "1", client_order_id = "alice-resting" }, BourseServer.Json);
        if (bobsOwn.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"POST /v2/orders: user B's order with user A's client_order_id got {(int)bobsOwn.StatusCode}: {await bobsOwn.Content.ReadAsStringAsync()}");
        }

        var document = await BourseServer.ReadJsonAsync(await admin.GetAsync("/openapi/v1.json"));
        var referenceFields = document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Name.EndsWith("Request", StringComparison.Ordinal) && s.Value.TryGetProperty("properties", out _))
            .SelectMany(s => s.Value.GetProperty("properties").EnumerateObject().Select(p => p.Name))
            .Where(n => n.EndsWith("_id", StringComparison.Ordinal))
            .Distinct();
        failures.AddRange(referenceFields.Except(KnownReferenceFields).Select(f => $"request field {f} refers to a resource: add it to the matrix"));

        // Nothing of A's changed through B's calls (B's DELETE and stop were 404s).
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/plugins/{plugin}")).StatusCode);
        Assert.Equal("running", (await BourseServer.ReadJsonAsync(await alice.GetAsync($"/api/v1/strategies/{run}/status"))).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient(key.GetProperty("token").GetString()!).GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/strategies/{run}/orders")).StatusCode);
        Assert.Equal("running", (await LiveTradingTests.StatusAsync(alice, live)).GetProperty("strategy").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/api/v1/sessions/{session}/stop", null)).StatusCode);
        Assert.Contains(keyId, await (await admin.GetAsync("/api/v1/auth/keys")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("new", (await BourseServer.ReadJsonAsync(await alice.GetAsync($"/v2/orders/{order}"))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/v2/watchlists/{watchlist}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/v2/positions/BTCUSD")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/api/v1/strategies/{run}/stop", null)).StatusCode);
        await BourseServer.WaitForAsync(() => Task.FromResult(aliceStream.Contains(run, "strategy_stopped") && adminStream.Contains(run, "strategy_stopped")), TimeSpan.FromSeconds(60), "the stop on A's and the admin's streams");
        Assert.True(aliceStream.Contains(run, "order_filled"), "user A did not receive its own fills");
        Assert.True(bobStream.Received("bar"), "user B's stream delivered nothing at all (the check below would prove nothing)");
        Assert.False(bobStream.Mentions(run.ToString()), "user B received one of user A's run events");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_websocket_authenticates_with_its_first_message_and_is_closed_when_that_fails()
    {
        var token = await _server.SignUpAsync("carol");
        var client = _server.Server.CreateWebSocketClient();
        using (var socket = await client.ConnectAsync(new Uri(_server.Server.BaseAddress, "/ws"), CancellationToken.None))
        {
            await SendTextAsync(socket, $"{{\"action\":\"auth\",\"token\":\"{token}\"}}");
            var reply = await BourseServer.ReceiveUntilAsync(socket, _ => true, TimeSpan.FromSeconds(10));
            Assert.Equal("auth", reply.GetProperty("type").GetString());
            Assert.Equal("ok", reply.GetProperty("status").GetString());
            Assert.Equal("carol", reply.GetProperty("user").GetProperty("username").GetString());
        }

        using (var socket = await client.ConnectAsync(new Uri(_server.Server.BaseAddress, "/ws"), CancellationToken.None))
        {
            await SendTextAsync(socket, "{\"action\":\"runs.subscribe\"}");
            var error = await BourseServer.ReceiveUntilAsync(socket, _ => true, TimeSpan.FromSeconds(10));
            Assert.Equal("error", error.GetProperty("status").GetString());
            Assert.Equal("action", error.GetProperty("field").GetString());
            var close = await socket.ReceiveAsync(new byte[1024], CancellationToken.None);
            Assert.Equal(WebSocketMessageType.Close, close.MessageType);
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        }

        var forged = _server.Server.CreateWebSocketClient();
        forged.ConfigureRequest = r => r.Headers.Authorization = "Bearer bk_AAAAAAAAAAAAAAAAAAAA.wrong";
        await Assert.ThrowsAnyAsync<Exception>(() => forged.ConnectAsync(new Uri(_server.Server.BaseAddress, "/ws"), CancellationToken.None));
    }

    private static async Task AssertLikeMissingAsync(HttpClient client, object others, object missing, string field, List<string> failures)
    {
        var a = await client.PostAsJsonAsync("/api/v1/strategies/start", others, BourseServer.Json);
        var b = await client.PostAsJsonAsync("/api/v1/strategies/start", missing, BourseServer.Json);
        var (bodyA, bodyB) = (await BourseServer.ReadJsonAsync(a), await BourseServer.ReadJsonAsync(b));
        if (a.StatusCode != b.StatusCode || !bodyA.GetProperty("errors").TryGetProperty(field, out _) || !bodyB.GetProperty("errors").TryGetProperty(field, out _))
        {
            failures.Add($"POST /api/v1/strategies/start: user A's {field} is not answered like a missing one ({(int)a.StatusCode} vs {(int)b.StatusCode})");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            // The Alpaca dialect validates a body before it looks the resource up: send one valid for its watchlist writes.
            request.Content = ErrorBodies.IsAlpacaPath(path)
                ? JsonContent.Create(new { name = "bob's list", symbol = "BTCUSD", symbols = new[] { "BTCUSD" } })
                : JsonContent.Create(new { });
        }

        return await client.SendAsync(request);
    }

    private static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
