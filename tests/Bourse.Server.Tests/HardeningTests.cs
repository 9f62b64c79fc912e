using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace Bourse.Server.Tests;

/// <summary>Rate limits (429 with Retry-After and a problem), the request size limit on real sockets, and logs free of secrets.</summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task Sign_in_trading_and_each_api_key_are_rate_limited_with_429_retry_after_and_a_problem()
    {
        await using var server = new BourseServer(null, new Dictionary<string, string>
        {
            ["MarketData:Enabled"] = "false",
            ["RateLimits:SignInPerMinute"] = "3",
            ["RateLimits:TradingPerMinute"] = "2",
            ["RateLimits:PerKeyPerMinute"] = "4",
            ["RateLimits:PerUserPerMinute"] = "30",
        });
        var token = await server.SignUpAsync("busy"); // two sign-in permits of the address: register and login
        var anonymous = server.CreateAnonymousClient();
        var login = () => anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "busy", password = BourseServer.Password }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.OK, (await login()).StatusCode);
        await AssertLimitedAsync(await login());

        var user = server.CreateClient(token);
        var start = () => user.PostAsJsonAsync("/api/v1/strategies/start", new { plugin_id = Guid.NewGuid(), symbols = new[] { "BTCUSD.COINBASE" } }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.BadRequest, (await start()).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await start()).StatusCode);
        await AssertLimitedAsync(await start());

        var first = server.CreateClient(await CreateKeyAsync(user));
        var second = server.CreateClient(await CreateKeyAsync(user));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/auth/me")).StatusCode);
        }

        await AssertLimitedAsync(await first.GetAsync("/api/v1/auth/me"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/auth/me")).StatusCode); // the other key has its own budget

        // The user's budget covers all its credentials: it runs out within its 30 permits.
        var limited = false;
        for (var i = 0; i < 30 && !limited; i++)
        {
            limited = (await user.GetAsync("/api/v1/auth/me")).StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(limited, "the per-user limit never answered 429");
        await AssertLimitedAsync(await second.GetAsync("/api/v1/auth/me"));
        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("/api/v1/auth/me")).StatusCode); // another user is not affected
    }

    [Fact]
    public async Task A_request_body_over_the_limit_is_a_413_problem_on_a_real_socket()
    {
        await using var server = new BourseServer(null, new Dictionary<string, string> { ["MarketData:Enabled"] = "false", ["Security:MaxRequestBodyBytes"] = "65536" });
        var address = server.StartOnKestrel();
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.AdminKey);
        var huge = "{\"plugin_id\":\"" + new string('a', 200_000) + "\"}";
        var response = await client.PostAsync("/api/v1/strategies/start", new StringContent(huge, Encoding.UTF8, "application/json"));
        await AuthTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task No_password_token_or_key_secret_appears_in_any_log_line()
    {
        await using var server = new BourseServer(null, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
            ["MarketData:Enabled"] = "false",
        });
        var anonymous = server.CreateAnonymousClient();
        const string password = "a secret passphrase 7f3a";
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "dana", password }, BourseServer.Json)).StatusCode);
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "dana", password = password + "x" }, BourseServer.Json);
        var tokens = (await BourseServer.ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "dana", password }, BourseServer.Json))).GetProperty("data");
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var renewed = (await BourseServer.ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = refresh }, BourseServer.Json))).GetProperty("data");
        var user = server.CreateClient(access);
        var key = await CreateKeyAsync(user);
        var secret = key.Split('.')[1];
        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient(key).GetAsync("/api/v1/strategies/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CreateClient(key + "x").GetAsync("/api/v1/strategies/runs")).StatusCode);
        var alpaca = server.CreateAnonymousClient();
        alpaca.DefaultRequestHeaders.Add("APCA-API-KEY-ID", key.Split('.')[0]);
        alpaca.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        Assert.Equal(HttpStatusCode.OK, (await alpaca.GetAsync("/api/v1/plugins")).StatusCode);
        using (var socket = await server.Server.CreateWebSocketClient().ConnectAsync(new Uri(server.Server.BaseAddress, "/ws"), CancellationToken.None))
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"action\":\"auth\",\"token\":\"{access}\"}}"), WebSocketMessageType.Text, true, CancellationToken.None);
            await BourseServer.ReceiveUntilAsync(socket, _ => true, TimeSpan.FromSeconds(10));
        }

        var logs = server.Logs.ToList();
        Assert.True(logs.Count > 50, $"only {logs.Count} log lines were captured");
        string[] secrets = [password, access, refresh, renewed.GetProperty("refresh_token").GetString()!, renewed.GetProperty("access_token").GetString()!, secret, server.AdminKey.Split('.')[1]];
        var leaks = logs.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static async Task<string> CreateKeyAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/api/v1/auth/keys", new { name = "test" }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await BourseServer.ReadJsonAsync(created)).GetProperty("data").GetProperty("token").GetString()!;
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        await AuthTests.AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }
}
