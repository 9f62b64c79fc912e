using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>
/// The daily loss limit of a live strategy, driven there on the real replayed BTC-USD bars: a strategy that buys and sells
/// on every evaluation pays commissions and spreads, so a tiny limit is reached within minutes of market time. The replay
/// runs at 20000× (a market day in about 4.3 s) so the next trading day comes within the test.
/// </summary>
public sealed class LiveTradingHaltTests : IAsyncLifetime
{
    private readonly BourseServer _server = new(null, new Dictionary<string, string> { ["MarketData:Speed"] = "20000" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_daily_loss_limit_halts_the_strategy_until_the_next_trading_day_and_the_halt_shows_in_status_and_signals()
    {
        var client = _server.CreateClient();
        var plugin = await LiveTradingTests.UploadFlipperAsync(client, "Flipper Halt");
        var id = await LiveTradingTests.CreateAsync(client, new
        {
            name = "loses", plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, check_interval = 300,
            auto_execute = true, position_size_pct = 0.1, daily_loss_limit = 0.01,
        });
        await LiveTradingTests.CommandAsync(client, id, "start");

        // Halted by the risk engine's loss limit, with the loss of the day below the limit.
        JsonElement status = default;
        await BourseServer.WaitForAsync(async () =>
        {
            status = await LiveTradingTests.StatusAsync(client, id);
            var run = status.GetProperty("run");
            return run.GetProperty("trading_state").GetString() == "halted" && run.GetProperty("daily_pnl").GetDecimal() <= -0.01m;
        }, TimeSpan.FromSeconds(60), "the halt");
        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Equal("running", status.GetProperty("strategy").GetProperty("status").GetString());
        Assert.Contains("daily loss limit 0.01 USD reached", status.GetProperty("run").GetProperty("trading_state_reason").GetString(), StringComparison.Ordinal);
        var runId = status.GetProperty("run").GetProperty("run_id").GetGuid();

        // The strategy still signals, but every order it would make is denied until the day ends.
        await BourseServer.WaitForAsync(
            async () => (await LiveTradingTests.SignalsAsync(client, $"strategy_id={id}&executed=false&limit=1000"))
                .Any(s => s.GetProperty("reason").GetString()!.Contains("trading is halted (daily loss limit", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "a signal denied by the halt");
        var denied = (await LiveTradingTests.SignalsAsync(client, $"strategy_id={id}&executed=false&limit=1000"))
            .First(s => s.GetProperty("reason").GetString()!.Contains("trading is halted", StringComparison.Ordinal));
        Assert.StartsWith("rejected by risk: ", denied.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("O-", denied.GetProperty("order_id").GetString(), StringComparison.Ordinal);

        // At the next trading day (00:00 UTC for crypto) the daily P&L starts again from zero: the halt is lifted, and the
        // strategy, trading again, reaches the limit again on that day.
        var logs = new List<string>();
        await BourseServer.WaitForAsync(async () =>
        {
            var page = await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/strategies/{runId}/logs?limit=1000"));
            logs = [.. page.GetProperty("data").GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
            var lifted = logs.FindIndex(m => m.Contains("new trading day: the halted state set by a loss limit", StringComparison.Ordinal));
            return lifted >= 0 && logs.Skip(lifted).Any(m => m.Contains("-> halted: daily loss limit", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60), "the next trading day and its halt");
        var halts = logs.Where(m => m.Contains("-> halted: daily loss limit", StringComparison.Ordinal)).ToList();
        Assert.True(halts.Count >= 2);
        Assert.NotEqual(halts[0][halts[0].IndexOf("since the trading day began", StringComparison.Ordinal)..], halts[^1][halts[^1].IndexOf("since the trading day began", StringComparison.Ordinal)..]);
        await LiveTradingTests.CommandAsync(client, id, "stop");
    }
}
