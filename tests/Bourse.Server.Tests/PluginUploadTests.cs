using System.Net;
using System.Text;
using System.Text.Json;
using Bourse.Plugins.Compilation;

namespace Bourse.Server.Tests;

public sealed class PluginUploadTests(BourseServer server) : IClassFixture<BourseServer>
{
    [Fact]
    public async Task Health_reports_the_database_ok()
    {
        var response = await server.CreateClient().GetAsync("/health");
        var body = await BourseServer.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("bourse", body.GetProperty("service").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Built_in_strategies_are_in_the_catalogue_and_openapi_is_served()
    {
        Assert.NotEqual(Guid.Empty, await server.PluginIdAsync("EMA Crossover"));
        Assert.NotEqual(Guid.Empty, await server.PluginIdAsync("RSI Mean Reversion"));
        var openApi = await server.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("StartRun", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var scalar = await server.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Fact]
    public async Task A_source_file_is_compiled_stored_and_served_and_a_duplicate_name_is_a_conflict()
    {
        var response = await server.UploadAsync("every.cs", Encoding.UTF8.GetBytes(Strategies.EveryBar("Every Bar Source")), "alice");
        var body = await BourseServer.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = body.GetProperty("data");
        Assert.Equal("Every Bar Source", data.GetProperty("name").GetString());
        Assert.Equal("high", data.GetProperty("risk_level").GetString());
        Assert.Equal("other", data.GetProperty("type").GetString());
        Assert.Equal("2.0.0", data.GetProperty("version").GetString());
        Assert.Equal("alice", data.GetProperty("created_by").GetString());
        Assert.Equal("Every", data.GetProperty("parameters")[0].GetProperty("name").GetString());
        var id = data.GetProperty("id").GetGuid();

        var get = await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync($"/api/v1/plugins/{id}"));
        Assert.Equal("Every Bar Source", get.GetProperty("data").GetProperty("name").GetString());

        using (var db = server.OpenDatabase())
        {
            var row = db.Plugins.Single(p => p.Id == id);
            Assert.Contains("EveryBar", row.Source, StringComparison.Ordinal);
            Assert.NotNull(row.AssemblyBytes);
        }

        var again = await server.UploadSourceAsync("again.cs", Strategies.EveryBar("Every Bar Source"));
        var problem = await BourseServer.ReadJsonAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("name", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_dll_built_against_the_sdk_is_loaded()
    {
        var compiled = new StrategyCompiler().Compile(Strategies.EveryBar("Every Bar Dll"), "Tests.EveryBarDll");
        Assert.True(compiled.Succeeded, string.Join("; ", compiled.Errors));
        var response = await server.UploadAsync("every.dll", compiled.Assembly);
        var body = await BourseServer.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("assembly", body.GetProperty("data").GetProperty("kind").GetString());

        var deleted = await server.CreateClient().DeleteAsync($"/api/v1/plugins/{body.GetProperty("data").GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain("Every Bar Dll", await (await server.CreateClient().GetAsync("/api/v1/plugins")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compile_errors_list_line_column_and_message()
    {
        var response = await server.UploadSourceAsync("broken.cs", Strategies.DoesNotCompile);
        var problem = await BourseServer.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var diagnostic = problem.GetProperty("diagnostics")[0];
        Assert.Equal(8, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(9, diagnostic.GetProperty("column").GetInt32());
        Assert.Contains("undefinedVariable", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("plugin", out _));
    }

    [Theory]
    [InlineData("strategy.txt", "hello", HttpStatusCode.BadRequest)]
    [InlineData("empty.cs", "", HttpStatusCode.BadRequest)]
    [InlineData("none.cs", Strategies.NoStrategy, HttpStatusCode.BadRequest)]
    [InlineData("garbage.dll", "not an assembly", HttpStatusCode.BadRequest)]
    public async Task Bad_uploads_are_refused_naming_the_plugin_field(string fileName, string content, HttpStatusCode expected)
    {
        var response = await server.UploadSourceAsync(fileName, content);
        var problem = await BourseServer.ReadJsonAsync(response);
        Assert.Equal(expected, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("plugin", out _), problem.ToString());
    }

    [Fact]
    public async Task An_oversized_file_is_413_and_a_missing_file_400()
    {
        var big = await server.UploadAsync("big.cs", new byte[(1024 * 1024) + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);

        using var form = new MultipartFormDataContent { { new StringContent("x"), "created_by" } };
        var missing = await server.CreateClient().PostAsync("/api/v1/plugins/upload", form);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await BourseServer.ReadJsonAsync(missing)).GetProperty("errors").TryGetProperty("plugin", out _));
    }

    [Fact]
    public async Task Invalid_start_requests_name_the_field()
    {
        var ema = await server.PluginIdAsync("EMA Crossover");
        var client = server.CreateClient();

        var badJson = await client.PostAsync("/api/v1/strategies/start", new StringContent("{\"plugin_id\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("application/problem+json", badJson.Content.Headers.ContentType?.MediaType);

        var wrongType = await client.PostAsync("/api/v1/strategies/start", new StringContent("{\"risk\": {\"max_positions\": \"many\"}}", Encoding.UTF8, "application/json"));
        Assert.True((await BourseServer.ReadJsonAsync(wrongType)).GetProperty("errors").TryGetProperty("risk.max_positions", out _));

        var unknownSymbol = await BourseServer.ReadJsonAsync(await server.StartAsync(new { plugin_id = ema, symbols = new[] { "DOGEUSD.NOWHERE" } }));
        Assert.True(unknownSymbol.GetProperty("errors").TryGetProperty("symbols", out _), unknownSymbol.ToString());

        var badParameter = await BourseServer.ReadJsonAsync(await server.StartAsync(new
        {
            plugin_id = ema,
            symbols = new[] { "BTCUSD.COINBASE" },
            parameters = new Dictionary<string, object> { ["FastPeriod"] = 1 },
        }));
        Assert.True(badParameter.GetProperty("errors").TryGetProperty("parameters.FastPeriod", out _), badParameter.ToString());

        var badRisk = await BourseServer.ReadJsonAsync(await server.StartAsync(new { plugin_id = ema, symbols = new[] { "BTCUSD.COINBASE" }, risk = new { position_size_pct = 2 } }));
        Assert.True(badRisk.GetProperty("errors").TryGetProperty("risk.position_size_pct", out _), badRisk.ToString());

        var unknownPlugin = await BourseServer.ReadJsonAsync(await server.StartAsync(new { plugin_id = Guid.NewGuid(), symbols = new[] { "BTCUSD.COINBASE" } }));
        Assert.True(unknownPlugin.GetProperty("errors").TryGetProperty("plugin_id", out _));

        var foreignConfig = await BourseServer.ReadJsonAsync(await server.StartAsync(new { plugin_id = ema, config_id = Guid.NewGuid(), symbols = new[] { "BTCUSD.COINBASE" } }));
        Assert.True(foreignConfig.GetProperty("errors").TryGetProperty("config_id", out _), foreignConfig.ToString());

        var notFound = await client.GetAsync($"/api/v1/strategies/{Guid.NewGuid()}/status");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Instruments_and_stored_bars_are_served()
    {
        var instruments = await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync("/api/v1/market/instruments"));
        var ids = instruments.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains("BTCUSD.COINBASE", ids);
        Assert.Contains("SPY.NASDAQ", ids);

        JsonElement bars = default;
        await BourseServer.WaitForAsync(async () =>
        {
            bars = await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync("/api/v1/market/bars?symbol=BTCUSD.COINBASE&limit=5"));
            return bars.GetProperty("data").GetArrayLength() == 5;
        }, TimeSpan.FromSeconds(20), "stored bars");
        var times = bars.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("open_time").GetDateTime()).ToList();
        Assert.Equal(times.Order().ToList(), times);

        var missing = await server.CreateClient().GetAsync("/api/v1/market/bars");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
