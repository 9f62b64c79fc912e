using System.Net;
using System.Text.Json;
using Bourse.Persistence.Entities;
using Bourse.Plugins.Compilation;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>Runs survive a server shutdown: they are suspended, then resumed with their orders, positions and strategy state.</summary>
public sealed class RecoveryTests
{
    /// <summary>State saves every 300 ms; the replay at 1500x (a bar every 40 ms): strategies that trade every bar keep the writer busy, not swamped.</summary>
    internal static readonly Dictionary<string, string> Settings = new() { ["Runs:StateSaveInterval"] = "00:00:00.300", ["MarketData:Speed"] = "1500" };

    /// <summary>
    /// <see cref="Strategies.Recovering"/> compiled here through the sandbox compiler (its source passes the allowlist), so a
    /// restarted server loads the binary instead of compiling the source again.
    /// </summary>
    internal static byte[] RecoveringDll { get; } = new StrategyCompiler().Compile(Strategies.Recovering("Recovering"), "Tests.Recovering").Assembly!;

    [Fact]
    public async Task A_shutdown_suspends_running_runs_and_the_next_start_resumes_them_with_orders_positions_and_state()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        Guid run, stopped, unresumable = Guid.NewGuid();
        int tradesBefore, openBefore;
        await using (var first = new BourseServer(folder, Settings))
        {
            var upload = await BourseServer.ReadJsonAsync(await first.UploadAsync("recovering.dll", RecoveringDll));
            var pluginId = upload.GetProperty("data").GetProperty("id").GetGuid();
            run = await StartAsync(first, pluginId, "BTCUSD.COINBASE");
            stopped = await StartAsync(first, pluginId, "SPY.NASDAQ");
            Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().PostAsync($"/api/v1/strategies/{stopped}/stop", null)).StatusCode);
            await BourseServer.WaitForAsync(async () => (await first.StatusAsync(run)).GetProperty("total_trades").GetInt32() >= 6, TimeSpan.FromSeconds(30), "six trades");

            await using var db = first.OpenDatabase();
            db.Runs.Add(new RunEntity
            {
                Id = unresumable, PluginId = pluginId, OwnerId = (await db.Runs.SingleAsync(r => r.Id == run)).OwnerId, Status = "running",
                Symbols = "NOPE.NOWHERE", RiskJson = "{}", StartTime = DateTime.UtcNow, StartingCash = 100_000m,
            });
            await db.SaveChangesAsync();
        }

        // Between the two processes: the run is still "running", suspended with its state saved and its limit open.
        string savedBars;
        await using (var db = new BourseServer(folder, null).OpenDatabase())
        {
            var row = await db.Runs.SingleAsync(r => r.Id == run);
            Assert.Equal("running", row.Status);
            Assert.Null(row.EndTime);
            var state = JsonSerializer.Deserialize<Dictionary<string, string>>(row.StrategyState!)!;
            savedBars = state["bars"];
            Assert.True(await db.ExecutionLogs.AnyAsync(l => l.RunId == run && l.Message.StartsWith("Run suspended (server shutdown)")));
            Assert.Equal(1, await db.Orders.CountAsync(o => o.RunId == run && o.Status == "accepted" && o.OrderType == "limit"));
            Assert.Equal("stopped", (await db.Runs.SingleAsync(r => r.Id == stopped)).Status);
            tradesBefore = await db.Fills.CountAsync(f => f.RunId == run);
            openBefore = await db.Orders.CountAsync(o => o.RunId == run && (o.Status == "submitted" || o.Status == "accepted"));
        }

        await using var second = new BourseServer(folder, Settings);
        await BourseServer.WaitForAsync(async () => (await LogsAsync(second, run)).Any(m => m.StartsWith("loaded bars=", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the resume");
        var logs = await LogsAsync(second, run);
        Assert.Contains($"loaded bars={savedBars} keys=2", logs);
        Assert.Contains($"started open_orders={openBefore}", logs);
        Assert.Contains($"Run resumed after a server restart: {tradesBefore} fill(s) replayed, {openBefore} open order(s) restored, 0 reconciliation difference(s).", logs);
        Assert.Contains($"reconciled with the paper venue: {openBefore} open order(s) and {tradesBefore} fill(s) in the database, 0 difference(s)", logs);

        // It trades on; a stopped run stays stopped; a run that cannot resume goes to error with the reason.
        await BourseServer.WaitForAsync(async () => (await second.StatusAsync(run)).GetProperty("total_trades").GetInt32() >= tradesBefore + 4, TimeSpan.FromSeconds(30), "trades after the resume");
        Assert.Equal("running", (await second.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Equal("stopped", (await second.StatusAsync(stopped)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().PostAsync($"/api/v1/strategies/{run}/stop", null)).StatusCode);
        await using (var db = second.OpenDatabase())
        {
            var failed = await db.Runs.SingleAsync(r => r.Id == unresumable);
            Assert.Equal("error", failed.Status);
            Assert.StartsWith("could not resume after a restart: ", failed.StopReason, StringComparison.Ordinal);
            Assert.Contains("NOPE.NOWHERE", failed.StopReason, StringComparison.Ordinal);
            await AssertConsistentAsync(db, run);
        }
    }

    /// <summary>Positions equal the sum of the persisted fills; order ids are unique; every order's filled quantity is the sum of its fills.</summary>
    internal static async Task AssertConsistentAsync(Bourse.Persistence.BourseDbContext db, Guid run)
    {
        var fills = await db.Fills.Where(f => f.RunId == run).ToListAsync();
        var positions = await db.Positions.Where(p => p.RunId == run).ToListAsync();
        foreach (var symbol in fills.Select(f => f.Symbol).Distinct())
        {
            var sum = fills.Where(f => f.Symbol == symbol).Sum(f => f.Side == "buy" ? f.Quantity : -f.Quantity);
            Assert.Equal(sum, positions.Single(p => p.Symbol == symbol).NetQuantity);
        }

        var orders = await db.Orders.Where(o => o.RunId == run).ToListAsync();
        foreach (var order in orders)
        {
            Assert.Equal(fills.Where(f => f.ClientOrderId == order.ClientOrderId).Sum(f => f.Quantity), order.FilledQuantity);
        }

        Assert.Equal(fills.Count, fills.Select(f => f.TradeId).Distinct().Count());
    }

    internal static async Task<Guid> StartAsync(BourseServer server, Guid pluginId, string symbol)
    {
        var start = await server.StartAsync(new { plugin_id = pluginId, symbols = new[] { symbol } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        return (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
    }

    private static async Task<List<string>> LogsAsync(BourseServer server, Guid run)
    {
        var logs = await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync($"/api/v1/strategies/{run}/logs?limit=1000"));
        return [.. logs.GetProperty("data").GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
    }
}
