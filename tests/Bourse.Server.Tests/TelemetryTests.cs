using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bourse.Server.Tests;

/// <summary>
/// One server, one real run with fills and risk denials, real HTTP and WebSocket traffic; then what /metrics and the logs show.
/// A neighbouring server in the same process keeps a run of its own going meanwhile (as the other test classes' servers do
/// when the suite runs in parallel): the first server's /metrics must not count it.
/// </summary>
public sealed class TelemetryScenario : IAsyncLifetime
{
    private readonly BourseServer _neighbour = new();

    public BourseServer Server { get; } = new(null, new Dictionary<string, string>
    {
        ["Logging:LogLevel:Bourse.Server.Runs"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        ["Logging:Console:LogLevel:Default"] = "Warning", // the test output stays quiet; ConsoleLines has every line
    });

    public Guid RunId { get; private set; }

    public JsonElement Stats { get; private set; }

    public WebSocket? Socket { get; private set; }

    public async Task InitializeAsync()
    {
        Socket = await Server.ConnectAsync();
        await Socket.SendAsync("{\"action\":\"runs.subscribe\"}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        // The neighbour starts after this server, so its instruments are the newer ones of the same name.
        var neighbourPlugin = (await BourseServer.ReadJsonAsync(await _neighbour.UploadSourceAsync("neighbour.cs", Strategies.EveryBar("Neighbour Run"))))
            .GetProperty("data").GetProperty("id").GetGuid();
        var neighbourRun = (await BourseServer.ReadJsonAsync(await _neighbour.StartAsync(new
        {
            plugin_id = neighbourPlugin,
            symbols = new[] { "BTCUSD.COINBASE" },
            parameters = new Dictionary<string, object> { ["every"] = 1 },
            risk = new { auto_execute = true, position_size_pct = 0.1 },
        }))).GetProperty("data").GetProperty("run_id").GetGuid();
        await BourseServer.WaitForAsync(async () => (await _neighbour.StatusAsync(neighbourRun)).GetProperty("total_signals").GetInt32() > 0, TimeSpan.FromSeconds(60), "the neighbour's signals");

        var plugin = (await BourseServer.ReadJsonAsync(await Server.UploadSourceAsync("telemetry.cs", Strategies.EveryBar("Telemetry Run"))))
            .GetProperty("data").GetProperty("id").GetGuid();
        RunId = (await BourseServer.ReadJsonAsync(await Server.StartAsync(new
        {
            plugin_id = plugin,
            symbols = new[] { "BTCUSD.COINBASE" },
            parameters = new Dictionary<string, object> { ["every"] = 1 },
            risk = new { auto_execute = true, position_size_pct = 0.1, order_rate = new { max_orders = 1, window_seconds = 300 } },
        }))).GetProperty("data").GetProperty("run_id").GetGuid();
        await BourseServer.WaitForAsync(async () => (await Server.StatusAsync(RunId)).GetProperty("total_trades").GetInt32() >= 2, TimeSpan.FromSeconds(60), "two fills");
        Assert.Equal(HttpStatusCode.OK, (await Server.CreateClient().PostAsync($"/api/v1/strategies/{RunId}/stop", null)).StatusCode);
        Stats = (await BourseServer.ReadJsonAsync(await Server.CreateClient().GetAsync($"/api/v1/strategies/{RunId}/stats"))).GetProperty("data");
        Assert.Equal(HttpStatusCode.NotFound, (await Server.CreateClient().GetAsync($"/api/v1/strategies/{Guid.NewGuid()}/stats")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        Socket?.Dispose();
        await Server.DisposeAsync();
        await _neighbour.DisposeAsync();
    }
}

public sealed class TelemetryTests(TelemetryScenario scenario) : IClassFixture<TelemetryScenario>
{
    private static readonly Regex Sample = new(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)", RegexOptions.Compiled);

    [Fact]
    public async Task Metrics_need_an_admin_credential()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await scenario.Server.CreateAnonymousClient().GetAsync("/metrics")).StatusCode);
        var trader = await scenario.Server.SignUpAsync("metrics-trader");
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Server.CreateClient(trader).GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_show_the_run_its_signals_orders_fills_and_risk_denials_the_http_and_websocket_traffic_and_the_database_writer()
    {
        var stats = scenario.Stats;
        Assert.False(stats.GetProperty("live").GetBoolean(), "the stopped run's statistics are the ones stored at its end");
        List<(string Name, Dictionary<string, string> Labels, double Value)> samples = [];
        await BourseServer.WaitForAsync(
            async () =>
            {
                samples = await ScrapeAsync();
                return Value(samples, "bourse_runs", ("status", "stopped")) >= 1;
            },
            TimeSpan.FromSeconds(10),
            "the stopped run in bourse_runs");

        // The engine's counters of the one run, as its stored statistics give them.
        Assert.Equal(stats.GetProperty("buy_signals").GetInt32(), Value(samples, "bourse_signals_total", ("type", "buy")));
        Assert.Equal(stats.GetProperty("sell_signals").GetInt32(), Value(samples, "bourse_signals_total", ("type", "sell")));
        Assert.Equal(stats.GetProperty("executed_signals").GetInt32(), Value(samples, "bourse_signals_executed_total"));
        Assert.Equal(stats.GetProperty("total_orders").GetInt32(), Value(samples, "bourse_orders_total"));
        Assert.Equal(stats.GetProperty("filled_orders").GetInt32(), Value(samples, "bourse_orders_filled_total"));
        Assert.Equal(stats.GetProperty("rejected_orders").GetInt32(), Value(samples, "bourse_orders_rejected_total"));
        Assert.Equal(stats.GetProperty("total_trades").GetInt32(), Value(samples, "bourse_fills_total"));
        Assert.True(Value(samples, "bourse_fills_total") >= 2);
        var denials = stats.GetProperty("risk").GetProperty("denials").GetProperty("order_rate").GetInt32();
        Assert.True(denials > 0);
        Assert.Equal(denials, Value(samples, "bourse_risk_denials_total", ("check", "order_rate")));
        Assert.Equal(0, Value(samples, "bourse_runs", ("status", "running")));

        // HTTP: latency histograms by route and status code, client errors included.
        const string stats_route = "/api/v1/strategies/{runId}/stats";
        Assert.True(Value(samples, "http_server_request_duration_seconds_count", ("http_route", stats_route), ("http_response_status_code", "200")) >= 1);
        Assert.True(Value(samples, "http_server_request_duration_seconds_count", ("http_route", stats_route), ("http_response_status_code", "404")) >= 1);
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_bucket" && s.Labels.GetValueOrDefault("http_route") == stats_route);

        // WebSocket: the fixture's connection is open and received the run's events.
        Assert.True(Value(samples, "bourse_websocket_connections") >= 1);
        Assert.True(Value(samples, "bourse_websocket_messages_sent_total") > 0);

        // The database writer: batches committed, time spent, and the queue depth.
        Assert.True(Value(samples, "bourse_db_write_batches_total") > 0);
        Assert.True(Value(samples, "bourse_db_write_time_seconds_total") > 0);
        Assert.Contains(samples, s => s.Name == "bourse_db_write_last_duration_seconds");
        Assert.Contains(samples, s => s.Name == "bourse_outbox_depth");
    }

    [Fact]
    public void Console_logs_are_json_lines_with_the_request_id_on_request_logs_and_the_run_id_on_run_logs()
    {
        var lines = scenario.Server.ConsoleLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

        var request = lines.First(l => l.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && l.GetProperty("Message").GetString()!.Contains($"/api/v1/strategies/{scenario.RunId}/stats", StringComparison.Ordinal));
        var requestScopes = Scopes(request);
        Assert.Matches("^[0-9a-f]{32}$", requestScopes["TraceId"]);
        Assert.False(string.IsNullOrEmpty(requestScopes["RequestId"]));
        Assert.Equal($"/api/v1/strategies/{scenario.RunId}/stats", requestScopes["RequestPath"]);

        var run = lines.Where(l => l.GetProperty("Category").GetString() == "Bourse.Server.Runs.RunHost").ToList();
        Assert.Contains(run, l => l.GetProperty("Message").GetString()!.EndsWith("loop started", StringComparison.Ordinal));
        Assert.Contains(run, l => l.GetProperty("Message").GetString()!.EndsWith("loop ended with status Stopped", StringComparison.Ordinal));
        foreach (var line in run)
        {
            var scopes = Scopes(line);
            Assert.Equal(scenario.RunId.ToString(), scopes["RunId"]);
            Assert.False(scopes.ContainsKey("RequestId"), "a run's loop does not carry the request that started it");
            Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
            Assert.True(DateTime.TryParse(line.GetProperty("Timestamp").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
        }
    }

    /// <summary>The properties of every scope of a JSON console line.</summary>
    private static Dictionary<string, string> Scopes(JsonElement line) =>
        line.GetProperty("Scopes").EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object)
            .SelectMany(s => s.EnumerateObject())
            .GroupBy(p => p.Name)
            .ToDictionary(g => g.Key, g => g.First().Value.ToString());

    private async Task<List<(string Name, Dictionary<string, string> Labels, double Value)>> ScrapeAsync()
    {
        var response = await scenario.Server.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => Sample.Match(l)).Where(m => m.Success).Select(m => (
            m.Groups["name"].Value,
            Regex.Matches(m.Groups["labels"].Value, "(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"").ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))];
    }

    /// <summary>The sum of a metric's samples whose labels include <paramref name="labels"/> (0 when there is none).</summary>
    private static double Value(List<(string Name, Dictionary<string, string> Labels, double Value)> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);
}
