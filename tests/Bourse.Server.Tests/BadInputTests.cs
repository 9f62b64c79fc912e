using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>
/// Bad input through the real HTTP surface: never a 5xx, always an RFC 9457 problem details body
/// (<c>application/problem+json</c>) that names the field at fault in <c>errors</c>.
/// </summary>
public sealed class BadInputTests(BourseServer server) : IClassFixture<BourseServer>
{
    private const string Json = "application/json";
    private const string Start = "/api/v1/strategies/start";
    private const string Run = "/api/v1/strategies/00000000-0000-0000-0000-000000000001";

    /// <summary>The request: method, path, content type (null: no body), body; "{ema}" is replaced by the EMA Crossover plugin id.</summary>
    [Theory]
    // Plugins
    [InlineData("GET", "/api/v1/plugins?limit=-1", null, null, "limit")]
    [InlineData("GET", "/api/v1/plugins?limit=0", null, null, "limit")]
    [InlineData("GET", "/api/v1/plugins?limit=1099511627776", null, null, "limit")]
    [InlineData("GET", "/api/v1/plugins?limit=ten", null, null, "limit")]
    [InlineData("GET", "/api/v1/plugins?offset=-5", null, null, "offset")]
    [InlineData("GET", "/api/v1/plugins?offset=1099511627776", null, null, "offset")]
    [InlineData("GET", "/api/v1/plugins/not-a-guid", null, null, "id")]
    [InlineData("GET", "/api/v1/plugins/00000000-0000-0000-0000-000000000001", null, null, "id")]
    [InlineData("DELETE", "/api/v1/plugins/not-a-guid", null, null, "id")]
    [InlineData("DELETE", "/api/v1/plugins/00000000-0000-0000-0000-000000000001", null, null, "id")]
    [InlineData("POST", "/api/v1/plugins/upload", Json, "{\"plugin\": \"x\"}", "content_type")]
    [InlineData("GET", "/api/v1/strategies/start", null, null, "method")]
    [InlineData("POST", "/api/v1/plugins/upload", null, null, "plugin")]
    [InlineData("POST", "/api/v1/plugins/upload", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"plugin\"", "plugin")]
    [InlineData("POST", "/api/v1/plugins/upload", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"plugin\"; filename=\"a.cs\"\r\n\r\nclass", "plugin")]
    [InlineData("POST", "/api/v1/plugins/upload", "multipart/form-data; boundary=x", "garbage", "plugin")]
    // Start: malformed bodies and wrong JSON types
    [InlineData("POST", Start, Json, "{\"plugin_id\": ", "plugin_id")]
    [InlineData("POST", Start, Json, "not json", "body")]
    [InlineData("POST", Start, Json, "", "body")]
    [InlineData("POST", Start, Json, "null", "body")]
    [InlineData("POST", Start, Json, "[]", "body")]
    [InlineData("POST", Start, "text/plain", "{}", "content_type")]
    [InlineData("POST", Start, null, null, "body")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": 5}", "plugin_id")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"nope\"}", "plugin_id")]
    [InlineData("POST", Start, Json, "{\"config_id\": \"nope\", \"plugin_id\": \"{ema}\"}", "config_id")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": \"BTCUSD.COINBASE\"}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [1]}", "symbols[0]")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"parameters\": [1]}", "parameters")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": \"high\"}", "risk")]
    // Start: missing and invalid values
    [InlineData("POST", Start, Json, "{}", "plugin_id")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"00000000-0000-0000-0000-000000000001\", \"symbols\": [\"BTCUSD.COINBASE\"]}", "plugin_id")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\"}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": []}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [null]}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"\"]}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD\"]}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"../..\"]}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\", \"BTCUSD.COINBASE\"]}", "symbols")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"parameters\": {\"FastPeriod\": \"abc\"}}", "parameters.FastPeriod")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"parameters\": {\"FastPeriod\": 1e30}}", "parameters.FastPeriod")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"parameters\": {\"FastPeriod\": 1099511627776}}", "parameters.FastPeriod")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"parameters\": {\"FastPeriod\": -3}}", "parameters.FastPeriod")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"parameters\": {\"NoSuchParameter\": 1}}", "parameters.NoSuchParameter")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"starting_cash\": 0}", "starting_cash")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_position_size\": -1}}", "risk.max_position_size")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_position_size\": 1e30}}", "risk.max_position_size")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_position_size\": \"lots\"}}", "risk.max_position_size")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"position_size_pct\": 0}}", "risk.position_size_pct")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"position_size_pct\": 2}}", "risk.position_size_pct")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"signal_strength_threshold\": 1.5}}", "risk.signal_strength_threshold")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"signal_strength_threshold\": -0.1}}", "risk.signal_strength_threshold")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"signal_strength_threshold\": 1e400}}", "risk.signal_strength_threshold")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_positions\": 0}}", "risk.max_positions")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_positions\": -1}}", "risk.max_positions")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_positions\": 1099511627776}}", "risk.max_positions")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_positions\": 1.5}}", "risk.max_positions")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"daily_loss_limit\": -5}}", "risk.daily_loss_limit")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_order_quantity\": 0}}", "risk.max_order_quantity")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_order_notional\": -1}}", "risk.max_order_notional")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"auto_execute\": \"yes\"}}", "risk.auto_execute")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_position_quantity\": 0}}", "risk.max_position_quantity")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_open_orders\": 0}}", "risk.max_open_orders")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"price_band_pct\": -0.1}}", "risk.price_band_pct")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"max_drawdown_pct\": 1.5}}", "risk.max_drawdown_pct")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"daily_loss_action\": \"panic\"}}", "risk.daily_loss_action")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"leverage\": 0.5}}", "risk.leverage")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"order_rate\": {\"max_orders\": 0, \"window_seconds\": 60}}}", "risk.order_rate.max_orders")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"order_rate\": {\"max_orders\": 5}}}", "risk.order_rate.window_seconds")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"circuit_breaker\": {\"move_pct\": 0, \"window_seconds\": 60, \"cooldown_seconds\": 300}}}", "risk.circuit_breaker.move_pct")]
    [InlineData("POST", Start, Json, "{\"plugin_id\": \"{ema}\", \"symbols\": [\"BTCUSD.COINBASE\"], \"risk\": {\"circuit_breaker\": {\"move_pct\": 0.05, \"window_seconds\": 60}}}", "risk.circuit_breaker.cooldown_seconds")]
    // A run's endpoints
    [InlineData("POST", "/api/v1/strategies/not-a-guid/stop", null, null, "run_id")]
    [InlineData("POST", Run + "/stop", null, null, "run_id")]
    [InlineData("GET", "/api/v1/strategies/not-a-guid/status", null, null, "run_id")]
    [InlineData("GET", Run + "/status", null, null, "run_id")]
    [InlineData("GET", "/api/v1/strategies/123/stats", null, null, "run_id")]
    [InlineData("GET", Run + "/stats", null, null, "run_id")]
    [InlineData("GET", "/api/v1/strategies/x/signals", null, null, "run_id")]
    [InlineData("GET", Run + "/signals", null, null, "run_id")]
    [InlineData("GET", Run + "/signals?limit=-1", null, null, "limit")]
    [InlineData("GET", Run + "/orders?limit=1099511627776", null, null, "limit")]
    [InlineData("GET", Run + "/orders?offset=-1", null, null, "offset")]
    [InlineData("GET", Run + "/trades?limit=100000", null, null, "limit")]
    [InlineData("GET", Run + "/trades?offset=x", null, null, "offset")]
    [InlineData("GET", Run + "/positions?limit=0", null, null, "limit")]
    [InlineData("GET", "/api/v1/strategies/x/positions", null, null, "run_id")]
    [InlineData("GET", Run + "/logs?offset=-1", null, null, "offset")]
    [InlineData("GET", "/api/v1/strategies/{/logs", null, null, "run_id")]
    [InlineData("GET", "/api/v1/strategies/runs?plugin_id=abc", null, null, "plugin_id")]
    [InlineData("GET", "/api/v1/strategies/runs?status=sleeping", null, null, "status")]
    [InlineData("GET", "/api/v1/strategies/runs?limit=0", null, null, "limit")]
    [InlineData("GET", "/api/v1/strategies/runs?limit=1099511627776", null, null, "limit")]
    [InlineData("GET", "/api/v1/strategies/runs?offset=-1", null, null, "offset")]
    // Market data
    [InlineData("GET", "/api/v1/market/bars", null, null, "symbol")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD", null, null, "symbol")]
    [InlineData("GET", "/api/v1/market/bars?symbol=NOPE.NOWHERE", null, null, "symbol")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD.COINBASE&from=yesterday", null, null, "from")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD.COINBASE&to=2026-13-45", null, null, "to")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD.COINBASE&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, null, "from")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD.COINBASE&limit=0", null, null, "limit")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD.COINBASE&limit=99999", null, null, "limit")]
    [InlineData("GET", "/api/v1/market/bars?symbol=BTCUSD.COINBASE&limit=1099511627776", null, null, "limit")]
    public async Task Bad_input_is_a_4xx_problem_naming_the_field(string method, string path, string? contentType, string? body, string field)
    {
        var ema = await server.PluginIdAsync("EMA Crossover");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes((body ?? "").Replace("{ema}", ema.ToString(), StringComparison.Ordinal)));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await server.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{(int)response.StatusCode} {text}");
    }
}
