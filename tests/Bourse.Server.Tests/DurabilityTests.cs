using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>An event is durable before it is acknowledged, and a batch the database refuses is retried, never dropped.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly BourseServer _server = new(null, RecoveryTests.Settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task While_the_database_refuses_fills_nothing_is_streamed_or_lost_and_everything_is_stored_once_it_takes_them_again()
    {
        // A real failure of the real database: a trigger refuses every fill while fail_fills has a row.
        _ = _server.AdminKey; // starts the server, which creates the schema
        await using (var db = _server.OpenDatabase())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE fail_fills (x INTEGER)");
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE FUNCTION refuse_fills() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF EXISTS (SELECT 1 FROM fail_fills) THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_fills BEFORE INSERT ON fills FOR EACH ROW EXECUTE FUNCTION refuse_fills()");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TRIGGER refuse_fills BEFORE INSERT ON fills WHEN EXISTS (SELECT 1 FROM fail_fills) BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
            }
        }

        using var socket = await _server.ConnectAsync();
        await BourseServer.SubscribeAsync(socket, "orders");
        var fills = new ConcurrentQueue<(Guid Run, string Trade)>();
        var recording = RecordFillsAsync(socket, fills);
        var plugin = (await BourseServer.ReadJsonAsync(await _server.UploadAsync("recovering.dll", RecoveryTests.RecoveringDll))).GetProperty("data").GetProperty("id").GetGuid();
        var run = await RecoveryTests.StartAsync(_server, plugin, "BTCUSD.COINBASE");
        await BourseServer.WaitForAsync(() => Task.FromResult(fills.Count >= 2), TimeSpan.FromSeconds(30), "two fills");

        await using (var db = _server.OpenDatabase())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO fail_fills VALUES (1)");
        }

        // The writer fails and retries (attempts with back-off: the old writer dropped the batch after the third).
        await BourseServer.WaitForAsync(
            () => Task.FromResult(_server.Logs.Count(l => l.Contains("run events failed (attempt 4)", StringComparison.Ordinal)) > 0), TimeSpan.FromSeconds(30), "four failed attempts");
        var streamedDuringFailure = fills.Count;
        await using (var db = _server.OpenDatabase())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM fail_fills");
        }

        await BourseServer.WaitForAsync(() => Task.FromResult(fills.Count >= streamedDuringFailure + 4), TimeSpan.FromSeconds(30), "fills after the database recovered");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _server.CreateClient().PostAsync($"/api/v1/strategies/{run}/stop", null)).StatusCode);
        socket.Abort();
        await recording;

        await using (var db = _server.OpenDatabase())
        {
            var stored = (await db.Fills.Where(f => f.RunId == run).Select(f => f.TradeId).ToListAsync()).ToHashSet();
            Assert.All(fills.Where(f => f.Run == run), f => Assert.Contains(f.Trade, stored));

            // No gap: trades are numbered T-000001, T-000002, … and every number up to the last one is stored.
            var numbers = stored.Select(t => int.Parse(t[2..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
            await RecoveryTests.AssertConsistentAsync(db, run);
        }

        Assert.DoesNotContain(_server.Logs, l => l.Contains("dropped", StringComparison.OrdinalIgnoreCase) && l.Contains("run events", StringComparison.Ordinal));
    }

    private static async Task RecordFillsAsync(WebSocket socket, ConcurrentQueue<(Guid, string)> fills)
    {
        try
        {
            while (true)
            {
                var message = await BourseServer.ReceiveUntilAsync(socket, m => m.TryGetProperty("event", out var e) && e.GetString() == "order_filled", TimeSpan.FromMinutes(2));
                var data = message.GetProperty("payload");
                fills.Enqueue((data.GetProperty("run_id").GetGuid(), data.GetProperty("trade_id").GetString()!));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            // The test closed the socket.
        }
    }
}
