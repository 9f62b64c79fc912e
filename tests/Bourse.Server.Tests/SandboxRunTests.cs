using System.Net;
using System.Text.Json;
using Bourse.Plugins.Compilation;
using Bourse.Sdk.Strategies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests;

/// <summary>The strategy sandbox through the API: forbidden uploads are refused, runaway callbacks fail only their own run.</summary>
public sealed class SandboxRunTests : IAsyncLifetime
{
    private const string InfiniteLoop = """
        [Strategy("Spins Forever")]
        public sealed class SpinsForever : Strategy
        {
            private long _spins;

            public override void OnBar(Bar bar)
            {
                while (true)
                {
                    _spins++;
                }
            }
        }
        """;

    /// <summary>A binary (no injected probes) whose OnBar spins for 5 s of wall time, far beyond the 300 ms budget, then returns.</summary>
    private const string LongSpin = """
        [Strategy("Spins Long")]
        public sealed class SpinsLong : Strategy
        {
            public override void OnBar(Bar bar)
            {
                var end = DateTime.UtcNow.AddSeconds(5);
                while (DateTime.UtcNow < end)
                {
                }
            }
        }
        """;

    private const string ReadsFiles = """
        [Strategy("Reads Files")]
        public sealed class ReadsFiles : Strategy
        {
            public override void OnStart()
            {
                Log(System.IO.File.ReadAllText("/etc/hostname"));
            }
        }
        """;

    private readonly BourseServer _server = new(null, new Dictionary<string, string> { ["Runs:CallbackTimeBudgetMs"] = "300" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_forbidden_source_upload_is_a_400_naming_the_symbol_and_its_line()
    {
        var response = await _server.UploadSourceAsync("reads.cs", ReadsFiles);
        var problem = await BourseServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violation = problem.GetProperty("violations")[0];
        Assert.Equal("System.IO.File.ReadAllText(string)", violation.GetProperty("symbol").GetString());
        Assert.Equal("file system", violation.GetProperty("rule").GetString());
        Assert.Equal(6, violation.GetProperty("line").GetInt32());
        Assert.Equal(13, violation.GetProperty("column").GetInt32());
        Assert.Contains("System.IO.File.ReadAllText(string)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 6", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("plugin", out _));
    }

    [Fact]
    public async Task A_forbidden_binary_upload_is_a_400_naming_the_member_and_the_method_using_it()
    {
        var response = await _server.UploadAsync("reads.dll", CompileWithoutSandbox(ReadsFiles));
        var problem = await BourseServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violations = problem.GetProperty("violations").EnumerateArray().ToList();
        Assert.Contains(violations, v => v.GetProperty("symbol").GetString() == "System.IO.File.ReadAllText"
            && v.GetProperty("used_in").GetString() == "ReadsFiles.OnStart"
            && v.GetProperty("line").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task An_infinite_loop_fails_its_run_while_another_run_the_server_and_stopping_keep_working()
    {
        var healthyPlugin = (await BourseServer.ReadJsonAsync(await _server.UploadSourceAsync("every.cs", Strategies.EveryBar("Every Bar Beside A Loop"))))
            .GetProperty("data").GetProperty("id").GetGuid();
        var upload = await _server.UploadSourceAsync("spin.cs", InfiniteLoop);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var loopPlugin = (await BourseServer.ReadJsonAsync(upload)).GetProperty("data").GetProperty("id").GetGuid();

        var healthy = await StartAsync(healthyPlugin);
        var looping = await StartAsync(loopPlugin);

        await BourseServer.WaitForAsync(async () => (await _server.StatusAsync(looping)).GetProperty("status").GetString() == "error", TimeSpan.FromSeconds(30), "the looping run to fail");
        var status = await _server.StatusAsync(looping);
        Assert.Contains("time budget of 300 ms", status.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        await using (var db = _server.OpenDatabase())
        {
            var run = await db.Runs.SingleAsync(r => r.Id == looping);
            Assert.Contains("OnBar exceeded its budget", run.StopReason, StringComparison.Ordinal);
        }

        // The run beside it keeps producing events after the failure, the server answers, and stopping works.
        var signals = (await _server.StatusAsync(healthy)).GetProperty("total_signals").GetInt32();
        await BourseServer.WaitForAsync(async () => (await _server.StatusAsync(healthy)).GetProperty("total_signals").GetInt32() > signals + 2, TimeSpan.FromSeconds(30), "more signals");
        var health = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync("/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient().PostAsync($"/api/v1/strategies/{healthy}/stop", null)).StatusCode);
        Assert.Equal("stopped", (await _server.StatusAsync(healthy)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_binary_stuck_in_a_callback_is_failed_by_the_watchdog()
    {
        var upload = await _server.UploadAsync("spin.dll", CompileWithoutSandbox(LongSpin));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var plugin = (await BourseServer.ReadJsonAsync(upload)).GetProperty("data").GetProperty("id").GetGuid();

        var run = await StartAsync(plugin);

        await BourseServer.WaitForAsync(async () => (await _server.StatusAsync(run)).GetProperty("status").GetString() == "error", TimeSpan.FromSeconds(30), "the watchdog");
        await using var db = _server.OpenDatabase();
        var row = await db.Runs.SingleAsync(r => r.Id == run);
        Assert.Contains("its thread was abandoned", row.StopReason, StringComparison.Ordinal);
        var health = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync("/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    private async Task<Guid> StartAsync(Guid pluginId)
    {
        var start = await _server.StartAsync(new { plugin_id = pluginId, symbols = new[] { "BTCUSD.COINBASE" } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        return (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();
    }

    /// <summary>Compiles a strategy straight with Roslyn, as a .dll built outside Bourse would be: no sandbox, no probes.</summary>
    private static byte[] CompileWithoutSandbox(string source)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework && Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Strategy).Assembly.Location));
        var usings = CSharpSyntaxTree.ParseText(string.Concat(StrategyCompiler.DefaultGlobalUsings.Select(ns => $"global using global::{ns};\n")));
        var compilation = CSharpCompilation.Create(
            "Outside." + Guid.NewGuid().ToString("N"), [usings, CSharpSyntaxTree.ParseText(source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        return image.ToArray();
    }
}
