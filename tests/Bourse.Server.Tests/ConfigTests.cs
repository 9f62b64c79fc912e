using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>Versioned parameter sets of a plugin, end to end through HTTP.</summary>
public sealed class ConfigTests : IAsyncLifetime
{
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Versions_are_numbered_per_name_and_owner_checked_against_the_schema_listed_and_never_changed()
    {
        var dora = _server.CreateClient(await _server.SignUpAsync("dora"));
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var configs = $"/api/v1/plugins/{ema}/configs";

        var first = await CreateAsync(dora, configs, new { name = "fast", parameters = new Dictionary<string, object> { ["FastPeriod"] = 5, ["SlowPeriod"] = 30 } });
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("fast", first.GetProperty("name").GetString());
        // Every parameter of the schema is stored with its effective value.
        Assert.Equal(5, first.GetProperty("parameters").GetProperty("FastPeriod").GetInt32());
        Assert.Equal(30, first.GetProperty("parameters").GetProperty("SlowPeriod").GetInt32());
        var second = await CreateAsync(dora, configs, new { name = "fast", parameters = new Dictionary<string, object> { ["FastPeriod"] = 8 } });
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(26, second.GetProperty("parameters").GetProperty("SlowPeriod").GetInt32()); // the default
        Assert.Equal(1, (await CreateAsync(dora, configs, new { name = "slow", parameters = new Dictionary<string, object> { ["SlowPeriod"] = 100 } })).GetProperty("version").GetInt32());

        // Another user's versions of the same name are its own.
        var carol = _server.CreateClient(await _server.SignUpAsync("carol"));
        Assert.Equal(1, (await CreateAsync(carol, configs, new { name = "fast", parameters = new Dictionary<string, object> { ["FastPeriod"] = 3 } })).GetProperty("version").GetInt32());

        // The schema: unknown names, types, ranges, the record's own check; the problem names the parameter.
        await AssertInvalidAsync(dora, configs, new { name = "x", parameters = new Dictionary<string, object> { ["Fastest"] = 5 } }, "parameters.Fastest");
        await AssertInvalidAsync(dora, configs, new { name = "x", parameters = new Dictionary<string, object> { ["FastPeriod"] = "five" } }, "parameters.FastPeriod");
        await AssertInvalidAsync(dora, configs, new { name = "x", parameters = new Dictionary<string, object> { ["FastPeriod"] = 1 } }, "parameters.FastPeriod");
        await AssertInvalidAsync(dora, configs, new { name = "x", parameters = new Dictionary<string, object> { ["SlowPeriod"] = 501 } }, "parameters.SlowPeriod");
        await AssertInvalidAsync(dora, configs, new { name = "x", parameters = new Dictionary<string, object> { ["FastPeriod"] = 40, ["SlowPeriod"] = 30 } }, "parameters.FastPeriod");
        await AssertInvalidAsync(dora, configs, new { parameters = new Dictionary<string, object> { ["FastPeriod"] = 5 } }, "name");
        await AssertInvalidAsync(dora, configs, new { name = new string('n', 101) }, "name");

        // Listing: the caller's own (an admin would see everyone's), by name then version; the name filter.
        var list = await ListAsync(dora, configs);
        Assert.Equal(["fast 1", "fast 2", "slow 1"], list);
        Assert.Equal(["fast 1", "fast 2"], await ListAsync(dora, $"{configs}?name=fast"));
        Assert.Equal(["fast 1"], await ListAsync(carol, configs));

        // A version stays as created; there is no way to change or delete it.
        var firstId = first.GetProperty("id").GetGuid();
        var got = (await BourseServer.ReadJsonAsync(await dora.GetAsync($"{configs}/{firstId}"))).GetProperty("data");
        Assert.Equal(first.GetRawText(), got.GetRawText());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await dora.PutAsJsonAsync($"{configs}/{firstId}", new { name = "fast" }, BourseServer.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await dora.DeleteAsync($"{configs}/{firstId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync($"{configs}/{firstId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dora.GetAsync($"/api/v1/plugins/{Guid.NewGuid()}/configs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dora.PostAsJsonAsync($"/api/v1/plugins/{Guid.NewGuid()}/configs", new { name = "x" }, BourseServer.Json)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_get_distinct_consecutive_versions()
    {
        var admin = _server.CreateClient();
        var configs = $"/api/v1/plugins/{await _server.PluginIdAsync("EMA Crossover")}/configs";

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CreateAsync(admin, configs, new { name = "burst", parameters = new Dictionary<string, object> { ["FastPeriod"] = 2 + i } })));

        Assert.Equal(Enumerable.Range(1, 8), created.Select(c => c.GetProperty("version").GetInt32()).Order());
    }

    [Fact]
    public async Task A_run_started_from_a_config_uses_exactly_that_version_and_records_it()
    {
        var admin = _server.CreateClient();
        var ema = await _server.PluginIdAsync("EMA Crossover");
        var configs = $"/api/v1/plugins/{ema}/configs";
        var v1 = await CreateAsync(admin, configs, new { name = "spy", parameters = new Dictionary<string, object> { ["FastPeriod"] = 5, ["SlowPeriod"] = 40 } });
        var v2 = await CreateAsync(admin, configs, new { name = "spy", parameters = new Dictionary<string, object> { ["FastPeriod"] = 6, ["SlowPeriod"] = 30 } });

        var start = await _server.StartAsync(new { plugin_id = ema, config_id = v1.GetProperty("id").GetGuid(), symbols = new[] { "SPY.NASDAQ" } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var run = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
        var status = await _server.StatusAsync(run);
        Assert.Equal(v1.GetProperty("id").GetGuid(), status.GetProperty("config_id").GetGuid());
        Assert.Equal(1, status.GetProperty("config_version").GetInt32());
        Assert.Equal(v1.GetProperty("parameters").GetRawText(), status.GetProperty("parameters").GetRawText());

        // A version is used as it is: parameters beside a config_id are refused.
        var mixed = await _server.StartAsync(new { plugin_id = ema, config_id = v2.GetProperty("id").GetGuid(), symbols = new[] { "SPY.NASDAQ" }, parameters = new Dictionary<string, object> { ["SlowPeriod"] = 50 } });
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.True((await BourseServer.ReadJsonAsync(mixed)).GetProperty("errors").TryGetProperty("parameters", out _));

        // A run without a config records none.
        var plain = (await BourseServer.ReadJsonAsync(await _server.StartAsync(new { plugin_id = ema, symbols = new[] { "SPY.NASDAQ" } }))).GetProperty("data").GetProperty("run_id").GetGuid();
        var plainStatus = await _server.StatusAsync(plain);
        Assert.Equal(JsonValueKind.Null, plainStatus.GetProperty("config_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, plainStatus.GetProperty("config_version").ValueKind);

        foreach (var id in new[] { run, plain })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/strategies/{id}/stop", null)).StatusCode);
        }
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, string configs, object body)
    {
        var response = await client.PostAsJsonAsync(configs, body, BourseServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data");
    }

    private static async Task AssertInvalidAsync(HttpClient client, string configs, object body, string field)
    {
        var response = await client.PostAsJsonAsync(configs, body, BourseServer.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await BourseServer.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string url)
    {
        var page = (await BourseServer.ReadJsonAsync(await client.GetAsync(url))).GetProperty("data");
        return [.. page.GetProperty("configs").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("version").GetInt32()}")];
    }
}
