using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

public sealed class RunTests : IAsyncLifetime
{
    private readonly BourseServer _server = new(null, new Dictionary<string, string> { ["Runs:MaxErrors"] = "3" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_run_streams_signals_and_fills_and_its_status_and_stats_agree_with_the_stored_rows()
    {
        using var socket = await _server.ConnectAsync();
        await BourseServer.SubscribeAsync(socket, "runs");
        await BourseServer.SubscribeAsync(socket, "orders");
        var upload = await BourseServer.ReadJsonAsync(await _server.UploadSourceAsync("every.cs", Strategies.EveryBar("Every Bar Run")));
        var pluginId = upload.GetProperty("data").GetProperty("id").GetGuid();

        var start = await _server.StartAsync(new
        {
            plugin_id = pluginId,
            symbols = new[] { "BTCUSD.COINBASE" },
            parameters = new Dictionary<string, object> { ["every"] = 2 },
            risk = new { auto_execute = true, signal_strength_threshold = 0.5, position_size_pct = 0.1, max_positions = 1 },
        });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var runId = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();

        var signal = await BourseServer.ReceiveUntilAsync(socket, m => BourseServer.IsRunUpdate(m, "signal_generated", runId), TimeSpan.FromSeconds(30));
        var data = signal.GetProperty("payload");
        Assert.Equal("BTCUSD.COINBASE", data.GetProperty("symbol").GetString());
        Assert.Equal("COINBASE", data.GetProperty("venue").GetString());
        Assert.Equal(0.9, data.GetProperty("strength").GetDouble());
        Assert.True(signal.TryGetProperty("ts", out _));
        var fill = await BourseServer.ReceiveUntilAsync(socket, m => BourseServer.IsRunUpdate(m, "order_filled", runId), TimeSpan.FromSeconds(30));
        Assert.True(fill.GetProperty("payload").GetProperty("quantity").GetDecimal() > 0);

        // What was streamed is already stored: a client reacting to a message finds the rows.
        var tradeId = fill.GetProperty("payload").GetProperty("trade_id").GetString();
        var signalId = data.GetProperty("signal_id").GetInt64();
        await using (var stored = _server.OpenDatabase())
        {
            Assert.True(await stored.Fills.AnyAsync(f => f.RunId == runId && f.TradeId == tradeId), "the streamed fill is not stored yet");
            Assert.True(await stored.Signals.AnyAsync(s => s.RunId == runId && s.SignalId == signalId), "the streamed signal is not stored yet");
        }

        // The plugin cannot be deleted while the run uses it.
        var delete = await _server.CreateClient().DeleteAsync($"/api/v1/plugins/{pluginId}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        await BourseServer.WaitForAsync(async () => (await _server.StatusAsync(runId)).GetProperty("total_trades").GetInt32() >= 4, TimeSpan.FromSeconds(30), "four trades");

        var stop = await _server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var status = await _server.StatusAsync(runId);
        Assert.Equal("stopped", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, status.GetProperty("end_time").ValueKind);
        Assert.True(status.GetProperty("memory_usage").GetInt64() > 0);
        Assert.InRange(status.GetProperty("cpu_usage").GetDouble(), 0, 100);
        var stats = (await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync($"/api/v1/strategies/{runId}/stats"))).GetProperty("data");

        var again = await _server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await using var db = _server.OpenDatabase();
        var run = await db.Runs.SingleAsync(r => r.Id == runId);
        var signals = await db.Signals.Where(s => s.RunId == runId).ToListAsync();
        var orders = await db.Orders.Where(o => o.RunId == runId).ToListAsync();
        var fills = await db.Fills.Where(f => f.RunId == runId).ToListAsync();
        Assert.Equal("stopped", run.Status);
        Assert.Equal(signals.Count, status.GetProperty("total_signals").GetInt32());
        Assert.Equal(signals.Count, stats.GetProperty("total_signals").GetInt32());
        Assert.Equal(signals.Count(s => s.SignalType == "buy"), stats.GetProperty("buy_signals").GetInt32());
        Assert.Equal(signals.Count(s => s.SignalType == "sell"), stats.GetProperty("sell_signals").GetInt32());
        Assert.Equal(signals.Count(s => s.Executed), stats.GetProperty("executed_signals").GetInt32());
        Assert.Equal(orders.Count, stats.GetProperty("total_orders").GetInt32());
        Assert.Equal(orders.Count(o => o.Status == "filled"), stats.GetProperty("filled_orders").GetInt32());
        Assert.Equal(orders.Count(o => o.Status == "rejected"), stats.GetProperty("rejected_orders").GetInt32());
        Assert.Equal(fills.Count, status.GetProperty("total_trades").GetInt32());
        Assert.Equal(run.ProfitLoss, status.GetProperty("profit_loss").GetDecimal());
        Assert.Contains(await db.ExecutionLogs.Where(l => l.RunId == runId).Select(l => l.Message).ToListAsync(), m => m.Contains("stopped by request", StringComparison.Ordinal));

        var trades = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync($"/api/v1/strategies/{runId}/trades?limit=1000"));
        Assert.Equal(fills.Count, trades.GetProperty("data").GetProperty("count").GetInt32());
        var positions = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync($"/api/v1/strategies/{runId}/positions"));
        Assert.Equal(1, positions.GetProperty("data").GetProperty("count").GetInt32());
        var list = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync($"/api/v1/strategies/runs?plugin_id={pluginId}&status=stopped"));
        Assert.Equal(1, list.GetProperty("data").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_throwing_strategy_goes_to_error_while_a_healthy_run_beside_it_carries_on()
    {
        using var socket = await _server.ConnectAsync();
        await BourseServer.SubscribeAsync(socket, "runs");
        var throwing = (await BourseServer.ReadJsonAsync(await _server.UploadSourceAsync("throws.cs", Strategies.Throwing))).GetProperty("data").GetProperty("id").GetGuid();
        var ema = await _server.PluginIdAsync("EMA Crossover");

        var healthy = (await BourseServer.ReadJsonAsync(await _server.StartAsync(new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" } })))
            .GetProperty("data").GetProperty("run_id").GetGuid();
        var failing = (await BourseServer.ReadJsonAsync(await _server.StartAsync(new { plugin_id = throwing, symbols = new[] { "BTCUSD.COINBASE" } })))
            .GetProperty("data").GetProperty("run_id").GetGuid();

        var error = await BourseServer.ReceiveUntilAsync(socket, m => BourseServer.IsRunUpdate(m, "strategy_error", failing), TimeSpan.FromSeconds(30));
        Assert.Contains("boom", error.GetProperty("payload").GetProperty("message").GetString(), StringComparison.Ordinal);

        await BourseServer.WaitForAsync(async () => (await _server.StatusAsync(failing)).GetProperty("status").GetString() == "error", TimeSpan.FromSeconds(30), "the error status");
        var status = await _server.StatusAsync(failing);
        Assert.Equal(3, status.GetProperty("error_count").GetInt32());
        Assert.Contains("boom", status.GetProperty("last_error").GetString(), StringComparison.Ordinal);

        await using (var db = _server.OpenDatabase())
        {
            var logs = await db.ExecutionLogs.Where(l => l.RunId == failing && l.Level == "error" && l.Source == "strategy").CountAsync();
            Assert.Equal(3, logs);
        }

        Assert.Equal("running", (await _server.StatusAsync(healthy)).GetProperty("status").GetString());
        var health = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync("/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var stop = await _server.CreateClient().PostAsync($"/api/v1/strategies/{healthy}/stop", null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }

    [Fact]
    public async Task The_kill_switch_halts_a_run_flattens_its_position_and_is_audited()
    {
        using var socket = await _server.ConnectAsync();
        await BourseServer.SubscribeAsync(socket, "runs");
        var plugin = (await BourseServer.ReadJsonAsync(await _server.UploadSourceAsync("kill.cs", Strategies.EveryBar("Kill Switch Run")))).GetProperty("data").GetProperty("id").GetGuid();
        var runId = (await BourseServer.ReadJsonAsync(await _server.StartAsync(new
        {
            plugin_id = plugin,
            symbols = new[] { "BTCUSD.COINBASE" },
            parameters = new Dictionary<string, object> { ["every"] = 4 },
            risk = new { auto_execute = true, signal_strength_threshold = 0.5, position_size_pct = 0.1, max_positions = 1 },
            starting_cash = 25_000,
        }))).GetProperty("data").GetProperty("run_id").GetGuid();
        var started = await _server.StatusAsync(runId);
        Assert.Equal(25_000m, started.GetProperty("starting_cash").GetDecimal());
        Assert.Equal("active", started.GetProperty("trading_state").GetString());
        Assert.Equal(1, started.GetProperty("risk").GetProperty("max_positions").GetInt32());

        async Task<decimal> NetQuantityAsync()
        {
            await using var db = _server.OpenDatabase();
            return await db.Positions.Where(p => p.RunId == runId).Select(p => p.NetQuantity).FirstOrDefaultAsync();
        }

        await BourseServer.WaitForAsync(async () => await NetQuantityAsync() > 0m, TimeSpan.FromSeconds(30), "an open long position");
        var kill = await _server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/kill?flatten=true", null);
        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);

        var killed = await BourseServer.ReceiveUntilAsync(socket, m => BourseServer.IsRunUpdate(m, "kill_switch", runId), TimeSpan.FromSeconds(30));
        Assert.NotNull(killed.GetProperty("payload").GetProperty("reason").GetString());
        await BourseServer.WaitForAsync(async () => await NetQuantityAsync() == 0m, TimeSpan.FromSeconds(30), "the flattened position");
        var halted = await _server.StatusAsync(runId);
        Assert.Equal("halted", halted.GetProperty("trading_state").GetString());
        Assert.Contains("kill switch", halted.GetProperty("trading_state_reason").GetString(), StringComparison.Ordinal);

        // HALTED: the strategy keeps signalling, but nothing reaches the market any more.
        async Task<int> FillCountAsync()
        {
            await using var db = _server.OpenDatabase();
            return await db.Fills.CountAsync(f => f.RunId == runId);
        }

        var fills = await FillCountAsync();
        async Task<bool> DeniedSignalAsync()
        {
            await using var db = _server.OpenDatabase();
            return await db.Signals.AnyAsync(s => s.RunId == runId && !s.Executed && s.Reason != null && s.Reason.StartsWith("rejected by risk"));
        }

        await BourseServer.WaitForAsync(DeniedSignalAsync, TimeSpan.FromSeconds(30), "a buy signal denied by the halted run");
        Assert.Equal(fills, await FillCountAsync());
        Assert.Equal(0m, await NetQuantityAsync());

        await using (var db = _server.OpenDatabase())
        {
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "run.kill_switch" && a.Target == runId.ToString()), "the kill switch is not in the audit log");
        }

        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/kill", null)).StatusCode);
    }

    [Fact]
    public async Task A_plugin_cannot_be_deleted_while_a_run_of_it_is_starting()
    {
        var pluginId = (await BourseServer.ReadJsonAsync(await _server.UploadSourceAsync("lease.cs", Strategies.EveryBar("Lease Test"))))
            .GetProperty("data").GetProperty("id").GetGuid();

        // A writer holding the database makes the start wait on its insert of the run row, after it has looked the plugin up.
        var blocker = await _server.BlockRunInsertsAsync();
        var start = _server.StartAsync(new { plugin_id = pluginId, symbols = new[] { "BTCUSD.COINBASE" } });
        await Task.Delay(500);
        var delete = _server.CreateClient().DeleteAsync($"/api/v1/plugins/{pluginId}");
        await Task.Delay(300);
        await blocker.DisposeAsync();

        var started = await start;
        var deleted = await delete;
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        var runId = (await BourseServer.ReadJsonAsync(started)).GetProperty("data").GetProperty("run_id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null)).StatusCode);

        // Once its run has ended the plugin can go.
        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient().DeleteAsync($"/api/v1/plugins/{pluginId}")).StatusCode);
    }

    [Fact]
    public async Task Bars_stream_to_subscribers()
    {
        using var socket = await _server.ConnectAsync();
        var topic = await BourseServer.SubscribeAsync(socket, "bars", new { symbol = "SPY.NASDAQ" });
        Assert.Equal("bars?symbol=SPY.NASDAQ&timeframe=1m", topic);
        var bar = await BourseServer.ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "bars.update", TimeSpan.FromSeconds(30));
        Assert.Equal(topic, bar.GetProperty("topic").GetString());
        Assert.Equal("bar", bar.GetProperty("event").GetString());
        Assert.Equal("SPY.NASDAQ", bar.GetProperty("payload").GetProperty("symbol").GetString());
    }
}
