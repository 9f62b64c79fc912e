using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>Live-trading automation end to end through HTTP (and the WebSocket for bars), on the real replayed data.</summary>
public sealed class LiveTradingTests : IAsyncLifetime
{
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Each_field_of_a_live_strategy_is_validated_with_a_problem_naming_it()
    {
        var client = _server.CreateClient();
        var ema = await _server.PluginIdAsync("EMA Crossover");
        object Valid(Action<Dictionary<string, object?>>? change = null)
        {
            var body = new Dictionary<string, object?> { ["name"] = "valid", ["plugin_id"] = ema, ["symbols"] = new[] { "BTCUSD.COINBASE" } };
            change?.Invoke(body);
            return body;
        }

        var cases = new (string Field, object Body)[]
        {
            ("name", Valid(b => b.Remove("name"))),
            ("name", Valid(b => b["name"] = new string('n', 201))),
            ("plugin_id", Valid(b => b.Remove("plugin_id"))),
            ("plugin_id", Valid(b => b["plugin_id"] = Guid.NewGuid())),
            ("symbols", Valid(b => b.Remove("symbols"))),
            ("symbols", Valid(b => b["symbols"] = Array.Empty<string>())),
            ("symbols", Valid(b => b["symbols"] = new[] { "NOPE.NOWHERE" })),
            ("symbols", Valid(b => b["symbols"] = new[] { "not an id" })),
            ("check_interval", Valid(b => b["check_interval"] = 120)),
            ("max_position_size", Valid(b => b["max_position_size"] = 0)),
            ("max_positions", Valid(b => b["max_positions"] = 0)),
            ("max_positions", Valid(b => b["max_positions"] = 21)),
            ("daily_loss_limit", Valid(b => b["daily_loss_limit"] = -5)),
            ("position_size_pct", Valid(b => b["position_size_pct"] = 0.0005)),
            ("position_size_pct", Valid(b => b["position_size_pct"] = 0.6)),
            ("signal_strength_threshold", Valid(b => b["signal_strength_threshold"] = 1.5)),
            ("parameters.FastPeriod", Valid(b => b["parameters"] = new Dictionary<string, object> { ["FastPeriod"] = -3 })),
            ("config_id", Valid(b => b["config_id"] = Guid.NewGuid())),
        };
        foreach (var (field, body) in cases)
        {
            var response = await client.PostAsJsonAsync("/api/v1/live-trading/strategies", body, BourseServer.Json);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await BourseServer.ReadJsonAsync(response)).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        }

        // The boundaries are accepted, the defaults filled in, and a second strategy of the same name refused.
        var created = await client.PostAsJsonAsync("/api/v1/live-trading/strategies", Valid(b =>
        {
            b["max_positions"] = 20;
            b["position_size_pct"] = 0.001;
            b["check_interval"] = 3600;
            b["signal_strength_threshold"] = 1;
        }), BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var data = (await BourseServer.ReadJsonAsync(created)).GetProperty("data");
        Assert.Equal("stopped", data.GetProperty("status").GetString());
        Assert.Equal(3600, data.GetProperty("check_interval").GetInt32());
        Assert.False(data.GetProperty("auto_execute").GetBoolean());
        var again = await client.PostAsJsonAsync("/api/v1/live-trading/strategies", Valid(), BourseServer.Json);
        Assert.True((await BourseServer.ReadJsonAsync(again)).GetProperty("errors").TryGetProperty("name", out _));

        // An update is validated the same way and keeps what it does not name.
        var id = data.GetProperty("id").GetGuid();
        var bad = await client.PutAsJsonAsync($"/api/v1/live-trading/strategies/{id}", new { check_interval = 61 }, BourseServer.Json);
        Assert.True((await BourseServer.ReadJsonAsync(bad)).GetProperty("errors").TryGetProperty("check_interval", out _));
        var updated = await client.PutAsJsonAsync($"/api/v1/live-trading/strategies/{id}", new { max_positions = 3, auto_execute = true }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await BourseServer.ReadJsonAsync(updated)).GetProperty("data");
        Assert.Equal(3, after.GetProperty("max_positions").GetInt32());
        Assert.True(after.GetProperty("auto_execute").GetBoolean());
        Assert.Equal(3600, after.GetProperty("check_interval").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/live-trading/strategies?status=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/live-trading/signals/recent?type=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/live-trading/signals/recent?limit=0")).StatusCode);
    }

    [Fact]
    public async Task Start_pause_resume_stop_follow_the_transition_table_and_a_paused_strategy_is_not_evaluated()
    {
        var client = _server.CreateClient();
        var plugin = await UploadFlipperAsync(client, "Flipper Lifecycle");
        var id = await CreateAsync(client, new { name = "lifecycle", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, check_interval = 60 });
        using var socket = await _server.ConnectAsync();
        await BourseServer.SendActionAsync(socket, "bars.subscribe", new { symbol = "BTCUSD.COINBASE" });

        await AssertConflictAsync(client, id, "stop");
        await AssertConflictAsync(client, id, "pause");
        await AssertConflictAsync(client, id, "resume");
        Assert.Equal("running", (await CommandAsync(client, id, "start")).GetProperty("status").GetString());
        await AssertConflictAsync(client, id, "start");
        await AssertConflictAsync(client, id, "resume");
        var running = await StatusAsync(client, id);
        Assert.True(running.GetProperty("running").GetBoolean());
        var runId = running.GetProperty("run").GetProperty("run_id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync($"/api/v1/live-trading/strategies/{id}", new { max_positions = 2 }, BourseServer.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/v1/live-trading/strategies/{id}")).StatusCode);
        await BourseServer.WaitForAsync(async () => await SignalCountAsync(client, id) >= 3, TimeSpan.FromSeconds(30), "signals of the running strategy");

        // Paused: the run goes on (bars flow, the run stays active) but the strategy is not evaluated.
        Assert.Equal("paused", (await CommandAsync(client, id, "pause")).GetProperty("status").GetString());
        await AssertConflictAsync(client, id, "pause");
        await AssertConflictAsync(client, id, "start");
        var whilePaused = await SignalCountAsync(client, id);
        await ReceiveBarsAsync(socket, 30);
        Assert.Equal(whilePaused, await SignalCountAsync(client, id));
        var paused = await StatusAsync(client, id);
        Assert.True(paused.GetProperty("running").GetBoolean());
        Assert.Equal("paused", paused.GetProperty("strategy").GetProperty("status").GetString());
        Assert.Equal(runId, paused.GetProperty("run").GetProperty("run_id").GetGuid());

        Assert.Equal("running", (await CommandAsync(client, id, "resume")).GetProperty("status").GetString());
        await BourseServer.WaitForAsync(async () => await SignalCountAsync(client, id) > whilePaused, TimeSpan.FromSeconds(30), "signals after the resume");
        Assert.Equal("stopped", (await CommandAsync(client, id, "stop")).GetProperty("status").GetString());
        await AssertConflictAsync(client, id, "stop");
        var stopped = await StatusAsync(client, id);
        Assert.False(stopped.GetProperty("running").GetBoolean());
        Assert.Equal("stopped", stopped.GetProperty("run").GetProperty("status").GetString());

        // Started again: a new run of the same strategy; the list filters by status.
        await CommandAsync(client, id, "start");
        Assert.NotEqual(runId, (await StatusAsync(client, id)).GetProperty("run").GetProperty("run_id").GetGuid());
        var other = await CreateAsync(client, new { name = "idle", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" } });
        var runningList = (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/live-trading/strategies?status=running"))).GetProperty("data");
        Assert.Equal([id], runningList.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        var stoppedList = (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/live-trading/strategies?status=stopped&limit=1"))).GetProperty("data");
        Assert.Equal([other], stoppedList.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal(2, (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/live-trading/strategies?limit=1&offset=1"))).GetProperty("data").GetProperty("count").GetInt32());
        await CommandAsync(client, id, "stop");
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/live-trading/strategies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/live-trading/strategies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/live-trading/strategies/{id}/start", null)).StatusCode);
    }

    [Fact]
    public async Task Every_signal_is_recorded_with_its_indicators_and_its_order_or_why_it_was_not_executed_and_the_recent_signals_filter()
    {
        var client = _server.CreateClient();
        var plugin = await UploadFlipperAsync(client, "Flipper Signals");
        var manual = await CreateAsync(client, new { name = "manual", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, check_interval = 1800 });
        var weak = await CreateAsync(client, new
        {
            name = "weak", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, check_interval = 900, auto_execute = true,
            signal_strength_threshold = 0.95, parameters = new { strength = 0.9 },
        });
        var auto = await CreateAsync(client, new
        {
            name = "auto", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, check_interval = 300, auto_execute = true, position_size_pct = 0.05,
        });
        foreach (var id in new[] { manual, weak, auto })
        {
            await CommandAsync(client, id, "start");
        }

        await BourseServer.WaitForAsync(
            async () => await SignalCountAsync(client, manual) >= 2 && await SignalCountAsync(client, weak) >= 2 && await SignalCountAsync(client, auto, "&executed=true") >= 2,
            TimeSpan.FromSeconds(30), "signals of the three strategies");

        var manualSignal = (await SignalsAsync(client, $"strategy_id={manual}&limit=1")).Single();
        Assert.False(manualSignal.GetProperty("executed").GetBoolean());
        Assert.Equal("auto_execute is off", manualSignal.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, manualSignal.GetProperty("order_id").ValueKind);
        Assert.Equal(0.9, manualSignal.GetProperty("strength").GetDouble());
        var indicators = manualSignal.GetProperty("indicators");
        Assert.Equal(manualSignal.GetProperty("price").GetDouble(), indicators.GetProperty("close").GetDouble());
        Assert.Equal(30, indicators.GetProperty("minutes").GetDouble()); // evaluated on 30-minute bars (check_interval 1800)

        var weakSignal = (await SignalsAsync(client, $"strategy_id={weak}&limit=1")).Single();
        Assert.Contains("below the threshold 0.95", weakSignal.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(15, weakSignal.GetProperty("indicators").GetProperty("minutes").GetDouble());

        var executed = await SignalsAsync(client, $"strategy_id={auto}&executed=true&type=buy");
        Assert.NotEmpty(executed);
        Assert.All(executed, s =>
        {
            Assert.Equal("buy", s.GetProperty("signal_type").GetString());
            Assert.StartsWith("O-", s.GetProperty("order_id").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, s.GetProperty("reason").ValueKind);
        });
        var runId = executed[0].GetProperty("run_id").GetGuid();
        var orders = (await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/strategies/{runId}/orders?limit=1000"))).GetProperty("data").GetProperty("items");
        Assert.Contains(orders.EnumerateArray(), o => o.GetProperty("order_id").GetString() == executed[0].GetProperty("order_id").GetString());

        // The status shows the recent signals and the run; the dashboard counts them.
        var status = await StatusAsync(client, auto);
        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.NotEmpty(status.GetProperty("recent_signals").EnumerateArray());
        Assert.Equal("active", status.GetProperty("run").GetProperty("trading_state").GetString());
        var dashboard = (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/live-trading/dashboard"))).GetProperty("data");
        Assert.Equal(3, dashboard.GetProperty("active_strategies").GetInt32());
        Assert.Equal(3, dashboard.GetProperty("total_strategies").GetInt32());
        Assert.True(dashboard.GetProperty("signals_today").GetInt32() > 0);
        Assert.True(dashboard.GetProperty("trades_today").GetInt32() > 0);
        await CommandAsync(client, manual, "stop");
        await CommandAsync(client, weak, "stop");
        await CommandAsync(client, auto, "stop");
        Assert.Equal(0, (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/live-trading/dashboard"))).GetProperty("data").GetProperty("active_strategies").GetInt32());

        // Filters: strategy, symbol, type, executed, since; newest first.
        Assert.All(await SignalsAsync(client, "type=sell&limit=200"), s => Assert.Equal("sell", s.GetProperty("signal_type").GetString()));
        Assert.All(await SignalsAsync(client, "executed=false&limit=200"), s => Assert.False(s.GetProperty("executed").GetBoolean()));
        Assert.Empty(await SignalsAsync(client, "symbol=SPY.NASDAQ"));
        Assert.NotEmpty(await SignalsAsync(client, "symbol=BTCUSD.COINBASE"));
        Assert.Equal([weak], (await SignalsAsync(client, $"strategy_id={weak}&limit=200")).Select(s => s.GetProperty("strategy_id").GetGuid()).Distinct());
        var all = await SignalsAsync(client, "limit=1000");
        var times = all.Select(s => s.GetProperty("timestamp").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        var since = times[times.Count / 2];
        Assert.Equal(times.Count(t => t >= since), (await SignalsAsync(client, $"since={since:O}&limit=1000")).Count);

    }

    [Fact]
    public async Task Two_users_see_only_their_own_live_strategies_signals_positions_and_dashboard()
    {
        var alice = _server.CreateClient(await _server.SignUpAsync("alice"));
        var bob = _server.CreateClient(await _server.SignUpAsync("bob"));
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var plugin = await UploadFlipperAsync(alice, "Flipper Isolation");
        var id = await CreateAsync(alice, new { name = "alice's", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, check_interval = 60, auto_execute = true });
        await CommandAsync(alice, id, "start");
        await BourseServer.WaitForAsync(async () => (await BourseServer.ReadJsonAsync(await alice.GetAsync("/api/v1/live-trading/positions"))).GetProperty("data").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "alice's position");

        // Bob may use the same name; he cannot reach Alice's strategy, nor her plugin by reference.
        var bobs = await CreateAsync(bob, new { name = "alice's", plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" } });
        var byReference = await bob.PostAsJsonAsync("/api/v1/live-trading/strategies", new { name = "x", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" } }, BourseServer.Json);
        Assert.True((await BourseServer.ReadJsonAsync(byReference)).GetProperty("errors").TryGetProperty("plugin_id", out _));
        foreach (var (method, path) in new[]
        {
            ("GET", ""), ("GET", "/status"), ("PUT", ""), ("DELETE", ""), ("POST", "/start"), ("POST", "/stop"), ("POST", "/pause"), ("POST", "/resume"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/live-trading/strategies/{id}{path}") { Content = JsonContent.Create(new { }) };
            var response = await bob.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        var bobList = await (await bob.GetAsync("/api/v1/live-trading/strategies")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(id.ToString(), bobList, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(bobs.ToString(), bobList, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await SignalsAsync(bob, "limit=1000"));
        Assert.Equal(0, (await BourseServer.ReadJsonAsync(await bob.GetAsync("/api/v1/live-trading/positions"))).GetProperty("data").GetArrayLength());
        var bobDashboard = (await BourseServer.ReadJsonAsync(await bob.GetAsync("/api/v1/live-trading/dashboard"))).GetProperty("data");
        Assert.Equal(1, bobDashboard.GetProperty("total_strategies").GetInt32());
        Assert.Equal(0, bobDashboard.GetProperty("active_strategies").GetInt32());
        Assert.Equal(0, bobDashboard.GetProperty("signals_today").GetInt32());
        Assert.Equal(0, bobDashboard.GetProperty("open_positions").GetInt32());

        // Alice and an admin see hers; Bob's 404s changed nothing.
        Assert.NotEmpty(await SignalsAsync(alice, "limit=10"));
        var aliceDashboard = (await BourseServer.ReadJsonAsync(await alice.GetAsync("/api/v1/live-trading/dashboard"))).GetProperty("data");
        Assert.Equal(1, aliceDashboard.GetProperty("active_strategies").GetInt32());
        Assert.Equal(1, aliceDashboard.GetProperty("total_strategies").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient().GetAsync($"/api/v1/live-trading/strategies/{id}")).StatusCode);
        Assert.Equal("running", (await StatusAsync(alice, id)).GetProperty("strategy").GetProperty("status").GetString());
        await CommandAsync(alice, id, "stop");
    }

    internal static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/live-trading/strategies", body, BourseServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("id").GetGuid();
    }

    internal static async Task<JsonElement> CommandAsync(HttpClient client, Guid id, string action)
    {
        var response = await client.PostAsync($"/api/v1/live-trading/strategies/{id}/{action}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data");
    }

    internal static async Task<JsonElement> StatusAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/live-trading/strategies/{id}/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data");
    }

    internal static async Task<List<JsonElement>> SignalsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/live-trading/signals/recent?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("signals").EnumerateArray()];
    }

    internal static async Task<Guid> UploadFlipperAsync(HttpClient client, string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Strategies.Flipper(name))), "plugin", "flipper.cs" } };
        var response = await client.PostAsync("/api/v1/plugins/upload", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("id").GetGuid();
    }

    private static async Task<int> SignalCountAsync(HttpClient client, Guid id, string filter = "")
    {
        var response = await client.GetAsync($"/api/v1/live-trading/signals/recent?strategy_id={id}&limit=1{filter}");
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("count").GetInt32();
    }

    private static async Task AssertConflictAsync(HttpClient client, Guid id, string action)
    {
        var response = await client.PostAsync($"/api/v1/live-trading/strategies/{id}/{action}", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await BourseServer.ReadJsonAsync(response);
        Assert.Contains($"Cannot {action} a strategy that is", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task ReceiveBarsAsync(WebSocket socket, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await BourseServer.ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "bars.update", TimeSpan.FromSeconds(30));
        }
    }
}
