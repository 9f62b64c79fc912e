using System.Globalization;
using Bourse.Persistence.Entities;
using Bourse.Plugins.Compilation;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>
/// A server restarted on the same database continues the replay after the bars it stored: the replay (6000x here) runs
/// ahead of the wall clock, so a replay restarted at now would publish bars older than the stored ones until it caught up.
/// </summary>
public sealed class ReplayResumeTests
{
    private const string Symbol = "BTCUSD.COINBASE";

    /// <summary>Logs the close time of the first bar each instance of it sees (one instance per server process).</summary>
    private static byte[] FirstBarDll { get; } = new StrategyCompiler().Compile("""
        using Bourse.Sdk.MarketData;
        using Bourse.Sdk.Strategies;

        namespace Uploaded;

        [Strategy("FirstBar", Description = "Logs the close time of the first bar it sees.")]
        public sealed class FirstBar : Strategy
        {
            private bool _seen;

            public override void OnBar(Bar bar)
            {
                if (!_seen)
                {
                    _seen = true;
                    Log("first bar closes " + bar.CloseTime.Ticks);
                }
            }
        }
        """, "Tests.FirstBar").Assembly!;

    [Fact]
    public async Task After_a_restart_the_replay_continues_after_the_last_stored_bar_and_a_recovered_run_gets_a_newer_bar_at_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        Guid run;
        DateTime firstSeenBefore;
        await using (var first = new BourseServer(folder, null))
        {
            var upload = await BourseServer.ReadJsonAsync(await first.UploadAsync("first-bar.dll", FirstBarDll));
            run = await RecoveryTests.StartAsync(first, upload.GetProperty("data").GetProperty("id").GetGuid(), Symbol);
            firstSeenBefore = (await FirstBarsAsync(first, run, 1, TimeSpan.FromSeconds(10))).Single();

            // Three wall seconds of replay at 6000x: the stored bars run about five market hours ahead of the wall clock.
            await BourseServer.WaitForAsync(async () =>
            {
                await using var db = first.OpenDatabase();
                return await db.Bars.CountAsync(b => b.Symbol == Symbol) >= 300;
            }, TimeSpan.FromSeconds(20), "300 stored bars");
        }

        DateTime lastStored; // the close of the newest stored bar of the replayed instruments, after the shutdown drained the writer
        await using (var db = TestDatabase.Open(TestDatabase.ConnectionString(folder)))
        {
            var newest = await db.Bars.AsNoTracking().OrderByDescending(b => b.OpenTime).ThenByDescending(b => b.PeriodSeconds).FirstAsync();
            lastStored = DateTime.SpecifyKind(newest.OpenTime, DateTimeKind.Utc).AddSeconds(newest.PeriodSeconds);
        }

        Assert.True(lastStored > DateTime.UtcNow.AddHours(1), $"the replay ran ahead of the wall clock (last stored bar closed {lastStored:O})");

        await using var second = new BourseServer(folder, null);
        var seen = await FirstBarsAsync(second, run, 2, TimeSpan.FromSeconds(10)); // the run resumed and saw a bar
        var firstSeenAfter = seen.Single(t => t != firstSeenBefore);
        Assert.True(firstSeenAfter > lastStored, $"the recovered run's first bar after the restart closes at {firstSeenAfter:O}, not after the last stored bar ({lastStored:O})");

        // Charts: the bars topic streams bars newer than the stored ones, and the writer stores them on, continuing the series.
        using var socket = await second.ConnectAsync();
        await BourseServer.SubscribeAsync(socket, "bars", new { symbol = Symbol });
        var update = await BourseServer.ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "bars.update", TimeSpan.FromSeconds(5));
        Assert.True(update.GetProperty("payload").GetProperty("open_time").GetDateTime() >= lastStored, update.GetRawText());
        await BourseServer.WaitForAsync(async () =>
        {
            await using var db = second.OpenDatabase();
            return await db.Bars.AnyAsync(b => b.Symbol == Symbol && b.OpenTime >= lastStored);
        }, TimeSpan.FromSeconds(5), "a bar stored after the last one stored before the restart");
    }

    [Fact]
    public async Task Stored_bars_too_far_in_the_future_or_of_instruments_no_longer_replayed_leave_the_replay_starting_at_now()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        await using (var first = new BourseServer(folder, new Dictionary<string, string> { ["MarketData:Enabled"] = "false" }))
        {
            _ = first.AdminKey; // starts the server, which creates the database
            await using var db = first.OpenDatabase();
            db.Bars.AddRange(
                Row("DOGEUSD.COINBASE", new DateTime(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc)), // an instrument the data folder no longer has
                Row(Symbol, new DateTime(9999, 12, 31, 23, 59, 0, DateTimeKind.Utc))); // the replay could not continue after it
            await db.SaveChangesAsync();
        }

        var now = DateTime.UtcNow;
        await using var second = new BourseServer(folder, null);
        using var socket = await second.ConnectAsync();
        await BourseServer.SubscribeAsync(socket, "bars", new { symbol = Symbol });
        var update = await BourseServer.ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "bars.update", TimeSpan.FromSeconds(10));
        var open = update.GetProperty("payload").GetProperty("open_time").GetDateTime();
        Assert.InRange(open, now.AddMinutes(-1), now.AddDays(1)); // started at now (6000x: under two market hours a wall second)
        Assert.Contains(second.Logs, l => l.Contains("The stored bars close up to 9999-12-31T23:59:59.9999999Z, too late for the replay to continue after them", StringComparison.Ordinal));
        await BourseServer.WaitForAsync(async () =>
        {
            await using var db = second.OpenDatabase();
            return await db.Bars.AnyAsync(b => b.Symbol == "SPY.NASDAQ");
        }, TimeSpan.FromSeconds(10), "the other instrument's bars stored");
    }

    private static BarEntity Row(string symbol, DateTime open) =>
        new() { Symbol = symbol, PeriodSeconds = 60, OpenTime = open, Open = 1, High = 1, Low = 1, Close = 1, Volume = 1 };

    /// <summary>Waits until <paramref name="run"/> logged <paramref name="count"/> first bars; returns their close times.</summary>
    private static async Task<List<DateTime>> FirstBarsAsync(BourseServer server, Guid run, int count, TimeSpan timeout)
    {
        List<DateTime> closes = [];
        await BourseServer.WaitForAsync(async () =>
        {
            var logs = await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync($"/api/v1/strategies/{run}/logs?limit=1000"));
            closes = [.. logs.GetProperty("data").GetProperty("items").EnumerateArray()
                .Select(l => l.GetProperty("message").GetString()!)
                .Where(m => m.StartsWith("first bar closes ", StringComparison.Ordinal))
                .Select(m => new DateTime(long.Parse(m["first bar closes ".Length..], CultureInfo.InvariantCulture), DateTimeKind.Utc))];
            return closes.Count >= count;
        }, timeout, $"{count} first bar(s) logged by the run");
        return closes;
    }
}
