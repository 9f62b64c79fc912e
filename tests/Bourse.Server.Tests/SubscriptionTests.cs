using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>The feed publishes an instrument from its first subscriber until its last one leaves; runs subscribe their symbols.</summary>
public sealed class SubscriptionTests : IAsyncLifetime
{
    private readonly BourseServer _server = new(null, new Dictionary<string, string> { ["MarketData:AlwaysSubscribed"] = "" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Runs_subscribe_their_symbols_on_start_release_them_on_stop_and_only_subscribed_symbols_are_published()
    {
        var client = _server.CreateClient();
        Assert.Empty(await SubscriptionsAsync());

        var ema = await _server.PluginIdAsync("EMA Crossover");
        var btc1 = await StartAsync(ema, "BTCUSD.COINBASE");
        var btc2 = await StartAsync(ema, "BTCUSD.COINBASE");
        Assert.Equal(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 2 }, await SubscriptionsAsync());

        // BTC is published (and stored); SPY, replayed at the same pace but without a subscriber, is not.
        await BourseServer.WaitForAsync(async () => await StoredBarsAsync("BTCUSD.COINBASE") >= 20, TimeSpan.FromSeconds(30), "20 stored BTC bars");
        Assert.Equal(0, await StoredBarsAsync("SPY.NASDAQ"));

        var spy = await StartAsync(ema, "SPY.NASDAQ");
        Assert.Equal(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 2, ["SPY.NASDAQ"] = 1 }, await SubscriptionsAsync());
        await BourseServer.WaitForAsync(async () => await StoredBarsAsync("SPY.NASDAQ") > 0, TimeSpan.FromSeconds(30), "stored SPY bars");

        await StopAsync(client, spy);
        await WaitForSubscriptionsAsync(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 2 });
        await StopAsync(client, btc1);
        await WaitForSubscriptionsAsync(new Dictionary<string, int> { ["BTCUSD.COINBASE"] = 1 });
        await StopAsync(client, btc2);
        await WaitForSubscriptionsAsync([]);
    }

    private async Task<Guid> StartAsync(Guid plugin, string symbol)
    {
        var response = await _server.StartAsync(new { plugin_id = plugin, symbols = new[] { symbol } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("run_id").GetGuid();
    }

    private static async Task StopAsync(HttpClient client, Guid run) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/strategies/{run}/stop", null)).StatusCode);

    private async Task<Dictionary<string, int>> SubscriptionsAsync()
    {
        var json = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync("/api/v1/market/subscriptions"));
        return json.GetProperty("data").EnumerateArray().ToDictionary(s => s.GetProperty("symbol").GetString()!, s => s.GetProperty("subscribers").GetInt32());
    }

    /// <summary>A run's subscriptions are released as its loop ends, just after the stop answered.</summary>
    private Task WaitForSubscriptionsAsync(Dictionary<string, int> expected) =>
        BourseServer.WaitForAsync(
            async () => JsonSerializer.Serialize(await SubscriptionsAsync()) == JsonSerializer.Serialize(expected),
            TimeSpan.FromSeconds(10),
            $"subscriptions {JsonSerializer.Serialize(expected)}");

    private async Task<int> StoredBarsAsync(string symbol)
    {
        await using var db = _server.OpenDatabase();
        return await db.Bars.CountAsync(b => b.Symbol == symbol);
    }
}
