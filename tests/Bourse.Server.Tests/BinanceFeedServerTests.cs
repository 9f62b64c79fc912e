using System.Net;
using System.Text.Json;
using Bourse.Testing.Binance;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>The server on the live Binance adapter (MarketData:Feed=binance), against the local Binance stand-in.</summary>
public sealed class BinanceFeedServerTests
{
    [Fact]
    public async Task A_run_on_the_binance_feed_subscribes_its_symbol_gets_its_closed_klines_as_bars_and_unsubscribes_when_it_stops()
    {
        await using var binance = await FakeBinanceServer.StartAsync(0, FakeBinanceServer.DropKind.Close, "btcusdt");
        await using var server = new BourseServer(null, new Dictionary<string, string>
        {
            ["MarketData:Feed"] = "binance",
            ["MarketData:Binance:Url"] = binance.Url,
            ["MarketData:Binance:Symbols"] = "BTCUSDT,XRPETH",
            ["MarketData:AlwaysSubscribed"] = "",
            ["Runs:Currency"] = "USDT", // the paper account of a USDT pair
        });
        var client = server.CreateClient();
        var instruments = await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/market/instruments"));
        Assert.Equal(["BTCUSDT.BINANCE", "XRPETH.BINANCE"], instruments.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("USDT", instruments.GetProperty("data")[0].GetProperty("quote_currency").GetString());

        var ema = await server.PluginIdAsync("EMA Crossover");
        var start = await server.StartAsync(new { plugin_id = ema, symbols = new[] { "BTCUSDT.BINANCE" } });
        Assert.True(start.StatusCode == HttpStatusCode.Created, await start.Content.ReadAsStringAsync());
        var run = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();

        // The five closed klines of the recording become stored bars (open klines do not).
        await BourseServer.WaitForAsync(async () => await StoredBarsAsync(server) == 5, TimeSpan.FromSeconds(30), "5 stored BTCUSDT bars");
        await using (var db = server.OpenDatabase())
        {
            var first = await db.Bars.Where(b => b.Symbol == "BTCUSDT.BINANCE").OrderBy(b => b.OpenTime).FirstAsync();
            Assert.Equal(new DateTime(2020, 2, 22, 0, 0, 0, DateTimeKind.Utc), first.OpenTime);
            Assert.Equal(9682m, first.Open);
            Assert.Equal(60, first.PeriodSeconds);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/strategies/{run}/stop", null)).StatusCode);
        var connection = binance.Connections.Single();
        await BourseServer.WaitForAsync(() => Task.FromResult(connection.Requests.Count == 2), TimeSpan.FromSeconds(10), "the UNSUBSCRIBE");
        var requests = connection.Requests.Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(["SUBSCRIBE", "UNSUBSCRIBE"], requests.Select(r => r.GetProperty("method").GetString()));
        Assert.All(requests, r => Assert.Equal(["btcusdt@kline_1m", "btcusdt@trade"], r.GetProperty("params").EnumerateArray().Select(p => p.GetString())));
    }

    private static async Task<int> StoredBarsAsync(BourseServer server)
    {
        await using var db = server.OpenDatabase();
        return await db.Bars.CountAsync(b => b.Symbol == "BTCUSDT.BINANCE");
    }
}
