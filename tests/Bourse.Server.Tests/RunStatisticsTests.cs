using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>GET /api/v1/strategies/{runId}/stats: the engine's performance statistics, live while running and stored at the stop.</summary>
public sealed class RunStatisticsTests
{
    [Fact]
    public async Task A_running_run_computes_its_statistics_live_and_a_stopped_one_answers_from_the_stored_statistics_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        Guid runId;
        JsonElement final;
        await using (var server = new BourseServer(folder, null))
        {
            var plugin = (await BourseServer.ReadJsonAsync(await server.UploadSourceAsync("stats.cs", Strategies.EveryBar("Stats Run"))))
                .GetProperty("data").GetProperty("id").GetGuid();

            // One order per 10 minutes of run time, a signal every 2 bars: most signal orders are denied by the throttle.
            var start = await server.StartAsync(new
            {
                plugin_id = plugin,
                symbols = new[] { "BTCUSD.COINBASE" },
                parameters = new Dictionary<string, object> { ["every"] = 2 },
                risk = new { auto_execute = true, position_size_pct = 0.1, order_rate = new { max_orders = 1, window_seconds = 600 } },
            });
            Assert.Equal(HttpStatusCode.Created, start.StatusCode);
            runId = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
            await BourseServer.WaitForAsync(async () => (await StatsAsync(server, runId)).GetProperty("closed_trades").GetInt32() >= 2, TimeSpan.FromSeconds(60), "two closed trades");

            var live = await StatsAsync(server, runId);
            Assert.True(live.GetProperty("live").GetBoolean());
            Assert.True(live.GetProperty("risk").GetProperty("denials").GetProperty("order_rate").GetInt32() > 0);
            Assert.Equal("active", live.GetProperty("risk").GetProperty("state").GetString());
            var performance = live.GetProperty("performance");
            Assert.Equal(525_600d, performance.GetProperty("periods_per_year").GetDouble()); // 1-minute crypto bars
            Assert.True(performance.GetProperty("traded_notional").GetDecimal() > 0m);
            Assert.True(performance.GetProperty("exposure").GetDouble() > 0d);

            var stop = await server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null);
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            final = await StatsAsync(server, runId);
            Assert.False(final.GetProperty("live").GetBoolean());

            // The stored figures agree with the stored rows and with each other.
            await using var db = server.OpenDatabase();
            var fills = await db.Fills.Where(f => f.RunId == runId).ToListAsync();
            var run = await db.Runs.SingleAsync(r => r.Id == runId);
            Assert.Equal(fills.Count, final.GetProperty("total_trades").GetInt32());
            Assert.Equal(fills.Sum(f => f.Commission), final.GetProperty("commissions").GetDecimal());
            Assert.Equal(fills.Sum(f => Math.Abs(f.Price * f.Quantity)), final.GetProperty("performance").GetProperty("traded_notional").GetDecimal());
            Assert.Equal(run.ProfitLoss, final.GetProperty("net_pnl").GetDecimal());
            Assert.Equal(run.ProfitLoss / run.StartingCash, final.GetProperty("performance").GetProperty("total_return").GetDecimal());
            Assert.InRange(final.GetProperty("closed_trades").GetInt32(), 2, fills.Count);

            // The status counts the same fills and closed trades, so a dashboard need not ask the engine for them.
            var status = await server.StatusAsync(runId);
            Assert.Equal(fills.Count, status.GetProperty("total_trades").GetInt32());
            Assert.Equal(final.GetProperty("closed_trades").GetInt32(), status.GetProperty("closed_trades").GetInt32());
            Assert.InRange(final.GetProperty("performance").GetProperty("win_rate").GetDouble(), 0d, 1d);
            var denials = final.GetProperty("risk").GetProperty("denials").EnumerateObject().Sum(d => d.Value.GetInt32());
            Assert.InRange(denials, 1, await db.Orders.CountAsync(o => o.RunId == runId && o.Status == "rejected"));
        }

        await using var restarted = new BourseServer(folder, null);
        var stored = await StatsAsync(restarted, runId);
        Assert.Equal(final.GetRawText(), stored.GetRawText());
        Assert.Equal(final.GetProperty("closed_trades").GetInt32(), (await restarted.StatusAsync(runId)).GetProperty("closed_trades").GetInt32());
        Assert.True(stored.GetProperty("performance").TryGetProperty("sharpe_ratio", out _));
        Assert.Equal(JsonValueKind.String, stored.GetProperty("performance").GetProperty("max_drawdown_duration").ValueKind);
    }

    private static async Task<JsonElement> StatsAsync(BourseServer server, Guid runId)
    {
        var response = await server.CreateClient().GetAsync($"/api/v1/strategies/{runId}/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data");
    }
}
