#if !POSTGRES
using System.Net;
using Bourse.Server.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>
/// The outbox's back-pressure policy on the real server and a real SQLite file, the database made unavailable by another
/// connection holding its write lock: a full queue pauses the runs between events (never inside one), a database that
/// stays down fails the runs with the reason, and once it is back every queued event is written (none dropped).
/// SQLite only: the outage is made with SQLite's write lock.
/// </summary>
public sealed class BackPressureTests
{
    [Fact]
    public async Task A_full_queue_pauses_the_runs_between_events_and_when_the_database_is_back_every_event_is_written()
    {
        await using var server = new BourseServer(null, new Dictionary<string, string>
        {
            ["Outbox:Capacity"] = "32",
            ["Outbox:ResumeBelow"] = "0",
            ["Runs:InputQueueCapacity"] = "16",
        });
        var runId = await StartRunAsync(server);
        var outbox = server.Services.GetRequiredService<RunEventOutbox>();
        var host = server.Services.GetRequiredService<RunRegistry>().Find(runId)!;

        await using (await LockAsync(server))
        {
            await BourseServer.WaitForAsync(() => Task.FromResult(outbox.IsPaused), TimeSpan.FromSeconds(30), "the queue to reach its high-water mark");

            // Paused, the loop takes no input: its input queue fills and the feed's bars are dropped (counted), while the
            // outbox holds at most the mark plus what the last kernel call published. It may hold fewer than the mark: on a
            // loaded machine the queue can reach the mark before the lock is taken, and a batch committed in between
            // lowers the depth while the runs stay paused (they resume only at the low-water mark, 0 here).
            await BourseServer.WaitForAsync(() => Task.FromResult(host.DroppedBars > 0), TimeSpan.FromSeconds(30), "the paused run's input queue to fill");
            Assert.True(outbox.IsPaused);
            Assert.InRange(outbox.Depth, 1, outbox.HighWaterMark + 50);
            Assert.Same(host, server.Services.GetRequiredService<RunRegistry>().Find(runId));
        }

        await BourseServer.WaitForAsync(() => Task.FromResult(!outbox.IsPaused), TimeSpan.FromSeconds(60), "the runs to resume");
        var dropped = host.DroppedBars;
        var trades = (await server.StatusAsync(runId)).GetProperty("total_trades").GetInt32();
        await BourseServer.WaitForAsync(async () => (await server.StatusAsync(runId)).GetProperty("total_trades").GetInt32() > trades, TimeSpan.FromSeconds(30), "the run to go on");
        Assert.True(outbox.Pauses >= 1);

        var stop = await server.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.True(await outbox.FlushAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(outbox.Enqueued, outbox.Processed);
        Assert.True(host.DroppedBars >= dropped);
        await AssertEverythingStoredAsync(server, runId, "stopped");
    }

    [Fact]
    public async Task A_database_that_stays_down_fails_the_runs_with_the_reason_and_nothing_is_lost_when_it_is_back()
    {
        // A writer waits at most 1 s for the lock (the default is 30 s), so each attempt fails quickly.
        var folder = Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        await using var server = new BourseServer(folder, new Dictionary<string, string>
        {
            ["Database:ConnectionString"] = $"{TestDatabase.ConnectionString(folder)};Default Timeout=1",
            ["Outbox:FailRunsAfter"] = "00:00:02",
            ["Outbox:RetryDelayMilliseconds"] = "20",
            ["Outbox:MaxRetryDelayMilliseconds"] = "200",
        });
        var runId = await StartRunAsync(server);
        var outbox = server.Services.GetRequiredService<RunEventOutbox>();
        var writer = server.Services.GetRequiredService<OutboxWriter>();
        var registry = server.Services.GetRequiredService<RunRegistry>();

        await using (await LockAsync(server))
        {
            await BourseServer.WaitForAsync(() => Task.FromResult(writer.FailedAttempts >= 2), TimeSpan.FromSeconds(30), "failed write attempts");
            Assert.NotNull(writer.FailingSince);
            Assert.Contains("locked", writer.LastError, StringComparison.OrdinalIgnoreCase);

            // Past Outbox:FailRunsAfter the run is stopped with status error; its events wait in the queue.
            await BourseServer.WaitForAsync(() => Task.FromResult(registry.Find(runId) is null), TimeSpan.FromSeconds(30), "the run to be failed");
            Assert.True(outbox.Depth > 0);
        }

        Assert.True(await outbox.FlushAsync(TimeSpan.FromSeconds(60)));
        Assert.Null(writer.FailingSince);
        Assert.Equal(outbox.Enqueued, outbox.Processed);
        var run = await AssertEverythingStoredAsync(server, runId, "error");
        Assert.StartsWith("database unavailable for ", run.StopReason);
        Assert.Contains("locked", run.StopReason, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Guid> StartRunAsync(BourseServer server)
    {
        // The market maker re-quotes both sides on every bar: many order events per bar.
        var start = await server.StartAsync(new { plugin_id = await server.PluginIdAsync("Market Maker"), symbols = new[] { "BTCUSD.COINBASE" } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var runId = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
        await BourseServer.WaitForAsync(async () => (await server.StatusAsync(runId)).GetProperty("total_trades").GetInt32() >= 2, TimeSpan.FromSeconds(30), "two trades");
        return runId;
    }

    /// <summary>Another connection takes the database's write lock (<c>BEGIN IMMEDIATE</c>) until disposed: every writer is refused.</summary>
    private static async Task<IAsyncDisposable> LockAsync(BourseServer server)
    {
        var connection = new SqliteConnection($"Data Source={new SqliteConnectionStringBuilder(server.ConnectionString).DataSource};Pooling=False");
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(deferred: false);
        return new Lock(connection, transaction);
    }

    /// <summary>Every signal, order and fill the engine counted is stored, and the stored row has the final status.</summary>
    private static async Task<Bourse.Persistence.Entities.RunEntity> AssertEverythingStoredAsync(BourseServer server, Guid runId, string status)
    {
        await using var db = server.Services.GetRequiredService<IDbContextFactory<Bourse.Persistence.BourseDbContext>>().CreateDbContext();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal(status, run.Status);
        Assert.True(run.TotalOrders > 0);
        Assert.Equal(run.TotalSignals, await db.Signals.CountAsync(s => s.RunId == runId));
        Assert.Equal(run.TotalOrders, await db.Orders.CountAsync(o => o.RunId == runId));
        Assert.Equal(run.TotalTrades, await db.Fills.CountAsync(f => f.RunId == runId));
        var position = await db.Positions.AsNoTracking().SingleAsync(p => p.RunId == runId);
        var fills = await db.Fills.Where(f => f.RunId == runId).ToListAsync();
        Assert.Equal(fills.Sum(f => f.Side == "buy" ? f.Quantity : -f.Quantity), position.NetQuantity);
        return run;
    }

    private sealed class Lock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
#endif
