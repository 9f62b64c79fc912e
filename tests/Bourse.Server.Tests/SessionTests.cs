using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>
/// Trading sessions end to end through HTTP: validation, the feed's reference-counted subscriptions (observed through
/// <c>GET /api/v1/market/subscriptions</c>, with no standing subscription), isolation, and restore at a restart on the same
/// folder and database.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> NoStandingSubscriptions = new() { ["MarketData:AlwaysSubscribed"] = "" };

    private readonly BourseServer _server = new(null, NoStandingSubscriptions);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_session_is_validated_field_by_field_and_the_list_filters()
    {
        var client = _server.CreateClient();
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var strategy = await LiveTradingTests.CreateAsync(client, new { name = "btc", plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" } });
        var cases = new (string Field, object Body)[]
        {
            ("strategy_id", new { symbol = "BTCUSD.COINBASE", type = "crypto" }),
            ("strategy_id", new { symbol = "BTCUSD.COINBASE", type = "crypto", strategy_id = Guid.NewGuid() }),
            ("symbol", new { type = "crypto", strategy_id = strategy }),
            ("symbol", new { symbol = "DOGE.NOWHERE", type = "crypto", strategy_id = strategy }),
            ("symbol", new { symbol = "SPY.NASDAQ", type = "stock", strategy_id = strategy }),
            ("type", new { symbol = "BTCUSD.COINBASE", strategy_id = strategy }),
            ("type", new { symbol = "BTCUSD.COINBASE", type = "forex", strategy_id = strategy }),
            ("type", new { symbol = "BTCUSD.COINBASE", type = "stock", strategy_id = strategy }),
        };
        foreach (var (field, body) in cases)
        {
            var response = await client.PostAsJsonAsync("/api/v1/sessions", body, BourseServer.Json);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            Assert.True((await BourseServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"{field} not named");
        }

        var session = await StartSessionAsync(client, strategy, "BTCUSD.COINBASE", "crypto");
        var duplicate = await client.PostAsJsonAsync("/api/v1/sessions", new { symbol = "BTCUSD.COINBASE", type = "crypto", strategy_id = strategy }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/sessions/{Guid.NewGuid()}/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/sessions/{session}/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/sessions/{session}/stop", null)).StatusCode);
        var again = await StartSessionAsync(client, strategy, "BTCUSD.COINBASE", "crypto");

        Assert.Equal([again], await SessionIdsAsync(client, "status=active"));
        Assert.Equal([session], await SessionIdsAsync(client, "status=stopped"));
        Assert.Equal(2, (await SessionIdsAsync(client, $"strategy_id={strategy}&symbol=BTCUSD.COINBASE")).Count);
        Assert.Empty(await SessionIdsAsync(client, "symbol=SPY.NASDAQ"));
        Assert.Single(await SessionIdsAsync(client, "limit=1&offset=1"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/sessions?status=paused")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/sessions?limit=0")).StatusCode);

        // A strategy with an active session cannot be deleted; another user sees nothing of it.
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/v1/live-trading/strategies/{strategy}")).StatusCode);
        var bob = _server.CreateClient(await _server.SignUpAsync("bob"));
        Assert.Empty(await SessionIdsAsync(bob, ""));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/v1/sessions/{again}/stop", null)).StatusCode);
        var byReference = await bob.PostAsJsonAsync("/api/v1/sessions", new { symbol = "BTCUSD.COINBASE", type = "crypto", strategy_id = strategy }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.BadRequest, byReference.StatusCode);
        Assert.Contains("No live strategy has the id", (await BourseServer.ReadJsonAsync(byReference)).GetProperty("errors").GetProperty("strategy_id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/sessions/{again}/stop", null)).StatusCode);
    }

    [Fact]
    public async Task Two_sessions_on_one_symbol_keep_the_feed_subscribed_until_both_stop_and_each_strategy_runs_while_its_session_does()
    {
        var client = _server.CreateClient();
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var first = await LiveTradingTests.CreateAsync(client, new { name = "first", plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE", "SPY.NASDAQ" } });
        var second = await LiveTradingTests.CreateAsync(client, new { name = "second", plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" } });
        Assert.Empty(await SubscriptionsAsync(client));

        // Each session holds one subscription, and starts its stopped strategy, whose run holds one per symbol.
        var a = await StartSessionAsync(client, first, "BTCUSD.COINBASE", "crypto");
        Assert.Equal(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 2, ["SPY.NASDAQ"] = 1 }, await SubscriptionsAsync(client));
        Assert.True((await LiveTradingTests.StatusAsync(client, first)).GetProperty("running").GetBoolean());
        var b = await StartSessionAsync(client, second, "BTCUSD.COINBASE", "crypto");
        var spy = await StartSessionAsync(client, first, "SPY.NASDAQ", "stock");
        Assert.Equal(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 4, ["SPY.NASDAQ"] = 2 }, await SubscriptionsAsync(client));

        // The first strategy keeps running while one of its sessions does.
        await StopSessionAsync(client, a);
        Assert.True((await LiveTradingTests.StatusAsync(client, first)).GetProperty("running").GetBoolean());
        await WaitForSubscriptionsAsync(client, new() { ["BTCUSD.COINBASE"] = 3, ["SPY.NASDAQ"] = 2 });
        await StopSessionAsync(client, spy);
        Assert.Equal("stopped", (await LiveTradingTests.StatusAsync(client, first)).GetProperty("strategy").GetProperty("status").GetString());
        await WaitForSubscriptionsAsync(client, new() { ["BTCUSD.COINBASE"] = 2 });

        // BTC stays subscribed until the second session stops too.
        Assert.True((await LiveTradingTests.StatusAsync(client, second)).GetProperty("running").GetBoolean());
        var stopped = await StopSessionAsync(client, b);
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        await WaitForSubscriptionsAsync(client, []);
        Assert.Equal("stopped", (await LiveTradingTests.StatusAsync(client, second)).GetProperty("strategy").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Active_sessions_and_their_running_strategies_are_restored_when_the_server_restarts()
    {
        var client = _server.CreateClient();
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var strategy = await LiveTradingTests.CreateAsync(client, new { name = "survivor", plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" } });
        var paused = await LiveTradingTests.CreateAsync(client, new { name = "sleeper", plugin_id = ema, symbols = new[] { "SPY.NASDAQ" } });
        var session = await StartSessionAsync(client, strategy, "BTCUSD.COINBASE", "crypto");
        await LiveTradingTests.CommandAsync(client, paused, "start");
        await LiveTradingTests.CommandAsync(client, paused, "pause");
        var run = (await LiveTradingTests.StatusAsync(client, strategy)).GetProperty("run").GetProperty("run_id").GetGuid();
        await _server.DisposeAsync();

        await using var restarted = new BourseServer(_server.Folder, NoStandingSubscriptions);
        var again = restarted.CreateClient();
        Assert.Equal(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 2, ["SPY.NASDAQ"] = 1 }, await SubscriptionsAsync(again));
        var status = await LiveTradingTests.StatusAsync(again, strategy);
        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Equal("running", status.GetProperty("strategy").GetProperty("status").GetString());
        Assert.Equal(run, status.GetProperty("run").GetProperty("run_id").GetGuid()); // resumed by crash recovery, with its check interval
        var sleeper = await LiveTradingTests.StatusAsync(again, paused);
        Assert.True(sleeper.GetProperty("running").GetBoolean());
        Assert.Equal("paused", sleeper.GetProperty("strategy").GetProperty("status").GetString());
        Assert.Equal([session], await SessionIdsAsync(again, "status=active"));

        await StopSessionAsync(again, session);
        await LiveTradingTests.CommandAsync(again, paused, "stop");
        await WaitForSubscriptionsAsync(again, []);
    }

    private static async Task<Guid> StartSessionAsync(HttpClient client, Guid strategy, string symbol, string type)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sessions", new { symbol, type, strategy_id = strategy }, BourseServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var data = (await BourseServer.ReadJsonAsync(response)).GetProperty("data");
        Assert.Equal("active", data.GetProperty("status").GetString());
        Assert.True(data.GetProperty("subscribers").GetInt32() >= 1);
        return data.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> StopSessionAsync(HttpClient client, Guid session)
    {
        var response = await client.PostAsync($"/api/v1/sessions/{session}/stop", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data");
    }

    private static async Task<List<Guid>> SessionIdsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/sessions?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid())];
    }

    private static async Task<Dictionary<string, int>> SubscriptionsAsync(HttpClient client)
    {
        var json = await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/market/subscriptions"));
        return json.GetProperty("data").EnumerateArray().ToDictionary(s => s.GetProperty("symbol").GetString()!, s => s.GetProperty("subscribers").GetInt32());
    }

    /// <summary>A run's subscriptions are released as its loop ends, just after its stop answered.</summary>
    private static Task WaitForSubscriptionsAsync(HttpClient client, Dictionary<string, int> expected) =>
        BourseServer.WaitForAsync(async () =>
        {
            var now = await SubscriptionsAsync(client);
            return now.Count == expected.Count && !now.Except(expected).Any();
        }, TimeSpan.FromSeconds(30), $"subscriptions {string.Join(", ", expected)}");
}
