using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bourse.Server.Tests;

/// <summary>
/// The proof of crash recovery: the real server as a child process, live runs trading on every bar, SIGKILL in the
/// middle, a restart on the same database. Every order and fill acknowledged on the WebSocket before the kill is in the
/// database, positions are the sum of the persisted fills, and the runs resume with their open orders and strategy state
/// and trade on.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_server_killed_in_the_middle_of_live_runs_keeps_every_acknowledged_order_and_fill_and_resumes_the_runs()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
        var folder = Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        var acknowledgedOrders = new ConcurrentDictionary<(Guid Run, string Order), byte>();
        var acknowledgedFills = new ConcurrentDictionary<(Guid Run, string Trade), byte>();
        List<Guid> runs;
        await using (var first = await ServerProcess.StartAsync(folder))
        {
            Step("first server process healthy");
            using var client = first.CreateClient();
            using var socket = await first.ConnectAsync();
            await BourseServer.SubscribeAsync(socket, "orders");
            var recording = RecordAsync(socket, acknowledgedOrders, acknowledgedFills);
            var plugin = await UploadAsync(client);
            runs = [await StartAsync(client, plugin, "BTCUSD.COINBASE"), await StartAsync(client, plugin, "BTCUSD.COINBASE"), await StartAsync(client, plugin, "BTCUSD.COINBASE")];

            await BourseServer.WaitForAsync(() => Task.FromResult(runs.All(r => acknowledgedFills.Keys.Count(k => k.Run == r) >= 10)), TimeSpan.FromSeconds(90), "ten acknowledged fills per run");
            await BourseServer.WaitForAsync(async () =>
            {
                await using var db = first.OpenDatabase();
                return await db.Runs.CountAsync(r => runs.Contains(r.Id) && r.StrategyState != null) == runs.Count;
            }, TimeSpan.FromSeconds(60), "a saved state per run");
            Step($"SIGKILL after {acknowledgedOrders.Count} orders and {acknowledgedFills.Count} fills acknowledged");
            first.Kill();
            await recording; // the socket dies with the process
        }

        var ordersAtKill = acknowledgedOrders.Keys.ToList();
        var fillsAtKill = acknowledgedFills.Keys.ToList();
        var savedBars = new Dictionary<Guid, string>();
        var fillsBefore = new Dictionary<Guid, int>();
        await using (var db = ServerProcess.OpenDatabase(folder))
        {
            // What the killed process left: the state each strategy saved last.
            foreach (var run in runs)
            {
                var row = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run);
                Assert.NotNull(row.StrategyState);
                savedBars[run] = JsonSerializer.Deserialize<Dictionary<string, string>>(row.StrategyState!)!["bars"];
            }
        }

        await using (var process = await ServerProcess.StartAsync(folder))
        {
            Step("second server process healthy on the same database");
            using var client = process.CreateClient();
            foreach (var run in runs)
            {
                await BourseServer.WaitForAsync(async () => (await LogsAsync(client, run)).Any(m => m.StartsWith("loaded bars=", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the resume");
                var logs = await LogsAsync(client, run);
                Assert.Contains(logs, m => m.StartsWith("Run resumed after a server restart:", StringComparison.Ordinal) && m.EndsWith(", 0 reconciliation difference(s).", StringComparison.Ordinal));
                Assert.Contains(logs, m => m.StartsWith("reconciled with the paper venue:", StringComparison.Ordinal) && m.EndsWith(", 0 difference(s)", StringComparison.Ordinal));
                Assert.Contains($"loaded bars={savedBars[run]} keys=2", logs); // OnLoad saw what OnSave wrote last
            }

            await using (var db = process.OpenDatabase())
            {
                var orders = (await db.Orders.AsNoTracking().Where(o => runs.Contains(o.RunId)).Select(o => new { o.RunId, o.ClientOrderId }).ToListAsync())
                    .Select(o => (o.RunId, o.ClientOrderId)).ToHashSet();
                var fills = (await db.Fills.AsNoTracking().Where(f => runs.Contains(f.RunId)).Select(f => new { f.RunId, f.TradeId }).ToListAsync())
                    .Select(f => (f.RunId, f.TradeId)).ToHashSet();
                Assert.All(ordersAtKill, o => Assert.Contains(o, orders));
                Assert.All(fillsAtKill, f => Assert.Contains(f, fills));
                foreach (var run in runs)
                {
                    fillsBefore[run] = fills.Count(f => f.RunId == run);
                    Assert.Equal("running", (await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run)).Status);
                }
            }

            Step("every acknowledged order and fill found; runs resumed and reconciled");

            // The runs trade on after the restart.
            foreach (var run in runs)
            {
                await BourseServer.WaitForAsync(async () =>
                {
                    await using var db = process.OpenDatabase();
                    return await db.Fills.CountAsync(f => f.RunId == run) >= fillsBefore[run] + 4;
                }, TimeSpan.FromSeconds(60), "fills after the restart");
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/strategies/{run}/stop", null)).StatusCode);
            }

            await using (var db = process.OpenDatabase())
            {
                foreach (var run in runs)
                {
                    await RecoveryTests.AssertConsistentAsync(db, run);
                }
            }
        }

        Step("runs traded on after the restart and stopped; positions = Σ fills");
        output.WriteLine($"Acknowledged on the WebSocket before SIGKILL: {ordersAtKill.Count} orders, {fillsAtKill.Count} fills; all found in the database after the restart; " +
            $"persisted fills at the restart: {fillsBefore.Values.Sum()} (runs: {runs.Count}).");
    }

    private static async Task RecordAsync(WebSocket socket, ConcurrentDictionary<(Guid, string), byte> orders, ConcurrentDictionary<(Guid, string), byte> fills)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var json = JsonDocument.Parse(message.ToArray());
                var type = json.RootElement.TryGetProperty("event", out var kind) ? kind.GetString() : null;
                if (type is not ("order_placed" or "order_updated" or "order_filled"))
                {
                    continue;
                }

                var data = json.RootElement.GetProperty("payload");
                var run = data.GetProperty("run_id").GetGuid();
                orders.TryAdd((run, data.GetProperty("order_id").GetString()!), 0);
                if (type == "order_filled")
                {
                    fills.TryAdd((run, data.GetProperty("trade_id").GetString()!), 0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The server was killed.
        }
    }

    private static async Task<Guid> UploadAsync(HttpClient client)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(RecoveryTests.RecoveringDll), "plugin", "recovering.dll" } };
        var upload = await client.PostAsync("/api/v1/plugins/upload", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return (await BourseServer.ReadJsonAsync(upload)).GetProperty("data").GetProperty("id").GetGuid();
    }

    private static async Task<Guid> StartAsync(HttpClient client, Guid plugin, string symbol)
    {
        var start = await client.PostAsJsonAsync("/api/v1/strategies/start", new { plugin_id = plugin, symbols = new[] { symbol } }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        return (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
    }

    private static async Task<List<string>> LogsAsync(HttpClient client, Guid run)
    {
        var logs = await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/strategies/{run}/logs?limit=1000"));
        return [.. logs.GetProperty("data").GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
    }
}
