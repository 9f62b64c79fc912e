using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bourse.Data.Files;
using Bourse.Testing;

namespace Bourse.Server.Tests;

/// <summary>Server-side backtests over REST: background runs on the data files, progress, stored reports, errors, ownership.</summary>
public sealed class BacktestTests : IAsyncLifetime
{
    private readonly BourseServer _server = new(null, new Dictionary<string, string> { ["Runs:MaxErrors"] = "3" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> WaitEndedAsync(HttpClient client, Guid id)
    {
        JsonElement backtest = default;
        await BourseServer.WaitForAsync(
            async () => (backtest = (await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/backtests/{id}"))).GetProperty("data")).GetProperty("status").GetString() != "running",
            TimeSpan.FromSeconds(30),
            $"backtest {id} to end");
        return backtest;
    }

    [Fact]
    public async Task A_backtest_runs_in_the_background_and_stores_its_report()
    {
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var client = _server.CreateClient();
        var started = await client.PostAsJsonAsync("/api/v1/backtests", new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" }, parameters = new Dictionary<string, object> { ["FastPeriod"] = 5 } }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await BourseServer.ReadJsonAsync(started)).GetProperty("data").GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/backtests/{id}", started.Headers.Location!.OriginalString);

        var backtest = await WaitEndedAsync(client, id);
        Assert.Equal("completed", backtest.GetProperty("status").GetString());
        Assert.Equal(1.0, backtest.GetProperty("progress").GetDouble());
        Assert.Equal("EMA Crossover", backtest.GetProperty("strategy").GetString());
        Assert.Equal(5, backtest.GetProperty("parameters").GetProperty("FastPeriod").GetInt32());
        var report = backtest.GetProperty("report");
        var trades = report.GetProperty("trades").GetArrayLength();
        Assert.True(trades > 0);
        Assert.Equal(trades, report.GetProperty("statistics").GetProperty("total_trades").GetInt32());
        Assert.Equal(backtest.GetProperty("bar_count").GetInt32(), report.GetProperty("equity_curve").GetArrayLength());

        var list = (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/backtests?status=completed"))).GetProperty("data");
        Assert.Equal(id, list.GetProperty("backtests")[0].GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("backtests")[0].GetProperty("report").ValueKind);

        // Another user's backtest is not found; its list is empty.
        var other = _server.CreateClient(await _server.SignUpAsync("backtest-other"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/backtests/{id}")).StatusCode);
        Assert.Equal(0, (await BourseServer.ReadJsonAsync(await other.GetAsync("/api/v1/backtests"))).GetProperty("data").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_instruments_of_the_data_files_are_listed_and_each_can_be_backtested()
    {
        var client = _server.CreateClient();
        var listed = (await BourseServer.ReadJsonAsync(await client.GetAsync("/api/v1/backtests/instruments"))).GetProperty("data")
            .EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(BarFiles.Instruments(RepositoryPaths.SampleData).Select(i => i.Id.ToString()), listed);

        var ema = await _server.PluginIdAsync("EMA Crossover");
        foreach (var symbol in listed)
        {
            var started = await client.PostAsJsonAsync("/api/v1/backtests", new { plugin_id = ema, symbols = new[] { symbol } }, BourseServer.Json);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var backtest = await WaitEndedAsync(client, (await BourseServer.ReadJsonAsync(started)).GetProperty("data").GetProperty("id").GetGuid());
            Assert.Equal("completed", backtest.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_throwing_strategy_fails_its_backtest_with_the_reason_and_the_server_goes_on()
    {
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadSourceAsync("throws.cs", Strategies.Throwing)).StatusCode);
        var client = _server.CreateClient();
        var started = await client.PostAsJsonAsync("/api/v1/backtests", new { plugin_id = await _server.PluginIdAsync("Always Throws"), symbols = new[] { "BTCUSD.COINBASE" } }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        var backtest = await WaitEndedAsync(client, (await BourseServer.ReadJsonAsync(started)).GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal("failed", backtest.GetProperty("status").GetString());
        var error = backtest.GetProperty("error").GetString()!;
        Assert.Contains("max_errors (3)", error, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: boom at", error, StringComparison.Ordinal);
        Assert.Equal(3, backtest.GetProperty("report").GetProperty("statistics").GetProperty("error_count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_name_the_field_at_fault()
    {
        var client = _server.CreateClient();
        var ema = await _server.PluginIdAsync("EMA Crossover");
        async Task<string> FieldOf(object body)
        {
            var response = await client.PostAsJsonAsync("/api/v1/backtests", body, BourseServer.Json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return string.Join(",", (await BourseServer.ReadJsonAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal("plugin_id", await FieldOf(new { symbols = new[] { "BTCUSD.COINBASE" } }));
        Assert.Equal("plugin_id", await FieldOf(new { plugin_id = Guid.NewGuid(), symbols = new[] { "BTCUSD.COINBASE" } }));
        Assert.Equal("symbols", await FieldOf(new { plugin_id = ema, symbols = new[] { "ETHUSD.NOWHERE" } }));
        Assert.Equal("symbols", await FieldOf(new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE", "BTCUSD.COINBASE" } }));
        Assert.Equal("starting_cash", await FieldOf(new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" }, starting_cash = 0 }));
        Assert.Equal("parameters.FastPeriod", await FieldOf(new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" }, parameters = new Dictionary<string, object> { ["FastPeriod"] = -1 } }));
        Assert.Equal("risk.position_size_pct", await FieldOf(new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" }, risk = new { position_size_pct = 2 } }));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/backtests/{Guid.NewGuid()}")).StatusCode);
    }
}
