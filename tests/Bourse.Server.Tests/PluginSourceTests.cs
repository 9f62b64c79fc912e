using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bourse.Plugins.Compilation;

namespace Bourse.Server.Tests;

/// <summary>GET and PUT <c>/api/v1/plugins/{id}/source</c>: read a source strategy and replace it with a new version.</summary>
public sealed class PluginSourceTests(BourseServer server) : IClassFixture<BourseServer>
{
    private async Task<Guid> UploadAsync(string name)
    {
        var response = await server.UploadSourceAsync("every.cs", Strategies.EveryBar(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BourseServer.ReadJsonAsync(response)).GetProperty("data").GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string source) =>
        client.PutAsJsonAsync($"/api/v1/plugins/{id}/source", new { source }, BourseServer.Json);

    /// <summary>1-based line and column of the first occurrence of <paramref name="text"/> in <paramref name="source"/>.</summary>
    private static (int Line, int Column) PlaceOf(string source, string text)
    {
        var index = source.IndexOf(text, StringComparison.Ordinal);
        var before = source[..index];
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    [Fact]
    public async Task A_new_version_of_the_source_keeps_the_id_and_configs_and_runs_with_the_new_code()
    {
        var client = server.CreateClient();
        var id = await UploadAsync("Source Edit A");
        var read = await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/plugins/{id}/source"));
        Assert.Equal(Strategies.EveryBar("Source Edit A"), read.GetProperty("data").GetProperty("source").GetString());
        var config = await client.PostAsJsonAsync($"/api/v1/plugins/{id}/configs", new { name = "kept", parameters = new { Every = 3 } }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, config.StatusCode);

        // The new version: another name, version and parameter range.
        var edited = Strategies.EveryBar("Source Edit B").Replace("2.0.0", "2.1.0", StringComparison.Ordinal).Replace("Max = 100", "Max = 50", StringComparison.Ordinal);
        var put = await PutAsync(client, id, edited);
        var updated = (await BourseServer.ReadJsonAsync(put)).GetProperty("data");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(id, updated.GetProperty("id").GetGuid());
        Assert.Equal("Source Edit B", updated.GetProperty("name").GetString());
        Assert.Equal("2.1.0", updated.GetProperty("version").GetString());
        Assert.Equal(50, updated.GetProperty("parameters")[0].GetProperty("max").GetDouble());

        var listed = await client.GetStringAsync("/api/v1/plugins?limit=500");
        Assert.Contains("Source Edit B", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Source Edit A", listed, StringComparison.Ordinal);
        Assert.Contains("\"kept\"", await client.GetStringAsync($"/api/v1/plugins/{id}/configs"), StringComparison.Ordinal);
        using (var db = server.OpenDatabase())
        {
            Assert.Equal(edited, db.Plugins.Single(p => p.Id == id).Source);
        }

        // The catalogue runs the new build: its schema refuses what the old one allowed.
        var outOfNewRange = await server.StartAsync(new { plugin_id = id, symbols = new[] { "BTCUSD.COINBASE" }, parameters = new { Every = 80 } });
        Assert.Equal(HttpStatusCode.BadRequest, outOfNewRange.StatusCode);
        var start = await server.StartAsync(new { plugin_id = id, symbols = new[] { "BTCUSD.COINBASE" }, parameters = new { Every = 5 } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var runId = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();

        var busy = await PutAsync(client, id, Strategies.EveryBar("Source Edit C"));
        var problem = await BourseServer.ReadJsonAsync(busy);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal("id", problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/strategies/{runId}/stop", null)).StatusCode);
    }

    [Fact]
    public async Task Compile_errors_and_sandbox_violations_come_back_at_their_lines_and_leave_the_plugin_as_it_was()
    {
        var client = server.CreateClient();
        var id = await UploadAsync("Source Edit Broken");

        var broken = Strategies.EveryBar("Source Edit Broken").Replace("_bars++;", "_bars += missing;", StringComparison.Ordinal);
        var compile = await PutAsync(client, id, broken);
        var compileProblem = await BourseServer.ReadJsonAsync(compile);
        Assert.Equal(HttpStatusCode.BadRequest, compile.StatusCode);
        var diagnostic = compileProblem.GetProperty("diagnostics")[0];
        var (line, column) = PlaceOf(broken, "missing");
        Assert.Equal((line, column), (diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32()));
        Assert.Equal("CS0103", diagnostic.GetProperty("id").GetString());
        Assert.True(compileProblem.GetProperty("errors").TryGetProperty("source", out _));

        var evil = Strategies.EveryBar("Source Edit Broken").Replace("_bars++;", "_bars += System.IO.File.ReadAllText(\"x\").Length;", StringComparison.Ordinal);
        var sandbox = await BourseServer.ReadJsonAsync(await PutAsync(client, id, evil));
        var violation = sandbox.GetProperty("violations")[0];
        Assert.Equal("file system", violation.GetProperty("rule").GetString());
        Assert.Equal(PlaceOf(evil, "System.IO.File").Line, violation.GetProperty("line").GetInt32());

        var empty = await BourseServer.ReadJsonAsync(await PutAsync(client, id, " "));
        Assert.True(empty.GetProperty("errors").TryGetProperty("source", out _));

        var source = await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/plugins/{id}/source"));
        Assert.Equal(Strategies.EveryBar("Source Edit Broken"), source.GetProperty("data").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Only_the_owner_changes_a_source_strategy_and_names_stay_unique()
    {
        var id = await UploadAsync("Source Edit Owned");
        await UploadAsync("Source Edit Other");
        var client = server.CreateClient();

        var clash = await BourseServer.ReadJsonAsync(await PutAsync(client, id, Strategies.EveryBar("Source Edit Other")));
        Assert.Equal("name", clash.GetProperty("field").GetString());
        Assert.Equal(409, clash.GetProperty("status").GetInt32());

        var stranger = server.CreateClient(await server.SignUpAsync("source-stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/plugins/{id}/source")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(stranger, id, Strategies.EveryBar("Stolen"))).StatusCode);

        var builtIn = await server.PluginIdAsync("EMA Crossover");
        var noSource = await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/plugins/{builtIn}/source"));
        Assert.Equal(404, noSource.GetProperty("status").GetInt32());
        Assert.Contains("built in", noSource.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var compiled = new StrategyCompiler().Compile(Strategies.EveryBar("Source Edit Dll"), "Tests.SourceEditDll");
        Assert.True(compiled.Succeeded, string.Join("; ", compiled.Errors));
        var dll = (await BourseServer.ReadJsonAsync(await server.UploadAsync("edit.dll", compiled.Assembly))).GetProperty("data").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(client, dll, Strategies.EveryBar("Source Edit Dll"))).StatusCode);
        Assert.Equal(JsonValueKind.Object, (await BourseServer.ReadJsonAsync(await client.GetAsync($"/api/v1/plugins/{dll}"))).GetProperty("data").ValueKind);
    }
}
