using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>Users, passwords, tokens, API keys and roles, end to end over HTTP against the real server.</summary>
public sealed class AuthTests(BourseServer server) : IClassFixture<BourseServer>
{
    /// <summary>The only routes open without a credential: the probe, the API description, sign-in, and the WebSockets (which authenticate in-band).</summary>
    private static readonly string[] AnonymousRoutes =
        ["/health", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/ws", "/ws/v2"];

    private static JsonSerializerOptions Json => BourseServer.Json;

    [Fact]
    public async Task Every_endpoint_but_the_open_ones_refuses_a_request_without_or_with_a_wrong_credential()
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !IsDocumentation(p))
            .Distinct().Order().ToList();
        Assert.Equal(AnonymousRoutes.Order(), open);

        var anonymous = server.CreateAnonymousClient();
        var forged = server.CreateClient("bk_AAAAAAAAAAAAAAAAAAAA.not-the-secret");
        var expired = server.CreateClient("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart l ? l.Content : Guid.NewGuid().ToString()));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                foreach (var client in new[] { anonymous, forged, expired })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
                    var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
                    Assert.Equal(path.StartsWith("/v2/", StringComparison.Ordinal) ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType); // /v2: Alpaca's {code, message}
                }
            }
        }
    }

    [Fact]
    public async Task A_user_registers_signs_in_refreshes_once_and_a_reused_refresh_token_signs_every_session_out()
    {
        var anonymous = server.CreateAnonymousClient();
        var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "Alice", password = BourseServer.Password }, Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var user = (await BourseServer.ReadJsonAsync(registered)).GetProperty("data");
        Assert.Equal("alice", user.GetProperty("username").GetString());
        Assert.Equal("trader", user.GetProperty("role").GetString());
        Assert.DoesNotContain("password", (await registered.Content.ReadAsStringAsync()).Replace("\"password\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        var taken = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "alice", password = BourseServer.Password }, Json);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var admin = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "mallory", password = BourseServer.Password, role = "admin" }, Json);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        var weak = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "bob", password = "short" }, Json);
        await AssertProblemAsync(weak, HttpStatusCode.BadRequest, "password");

        var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "alice", password = "not the password at all" }, Json);
        await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        var nobody = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody", password = BourseServer.Password }, Json);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode); // the same answer: no hint that the user exists
        Assert.Equal((await BourseServer.ReadJsonAsync(wrong)).GetProperty("detail").GetString(), (await BourseServer.ReadJsonAsync(nobody)).GetProperty("detail").GetString());

        var login = (await BourseServer.ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "ALICE", password = BourseServer.Password }, Json))).GetProperty("data");
        Assert.Equal("Bearer", login.GetProperty("token_type").GetString());
        Assert.InRange(login.GetProperty("expires_in").GetInt32(), 60, 3600);
        var me = (await BourseServer.ReadJsonAsync(await server.CreateClient(login.GetProperty("access_token").GetString()!).GetAsync("/api/v1/auth/me"))).GetProperty("data");
        Assert.Equal("alice", me.GetProperty("username").GetString());
        Assert.Equal("access_token", me.GetProperty("authenticated_with").GetString());

        var first = login.GetProperty("refresh_token").GetString();
        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = first }, Json);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await BourseServer.ReadJsonAsync(refreshed)).GetProperty("data").GetProperty("refresh_token").GetString();
        Assert.NotEqual(first, second);

        // The first token again: it was spent, so it is treated as stolen and the second one dies with it.
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = first }, Json), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = second }, Json), HttpStatusCode.Unauthorized);

        var audit = await (await server.CreateClient().GetAsync("/api/v1/admin/audit?limit=1000")).Content.ReadAsStringAsync();
        foreach (var action in new[] { "auth.registered", "auth.login", "auth.login_failed", "auth.refresh_reused" })
        {
            Assert.Contains($"\"action\":\"{action}\"", audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_api_key_works_as_a_bearer_token_and_as_the_alpaca_header_pair_until_it_is_revoked()
    {
        var jwt = await server.SignUpAsync("keyholder");
        var owner = server.CreateClient(jwt);
        var created = await owner.PostAsJsonAsync("/api/v1/auth/keys", new { name = "my bot" }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await BourseServer.ReadJsonAsync(created)).GetProperty("data");
        var (id, secret, token) = (key.GetProperty("key_id").GetString()!, key.GetProperty("secret").GetString()!, key.GetProperty("token").GetString()!);
        Assert.Equal($"{id}.{secret}", token);

        var bearer = (await BourseServer.ReadJsonAsync(await server.CreateClient(token).GetAsync("/api/v1/auth/me"))).GetProperty("data");
        Assert.Equal("keyholder", bearer.GetProperty("username").GetString());
        Assert.Equal("api_key", bearer.GetProperty("authenticated_with").GetString());
        Assert.Equal(id, bearer.GetProperty("key_id").GetString());

        var alpaca = server.CreateAnonymousClient();
        alpaca.DefaultRequestHeaders.Add("APCA-API-KEY-ID", id);
        alpaca.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        Assert.Equal(HttpStatusCode.OK, (await alpaca.GetAsync("/api/v1/auth/me")).StatusCode);

        var wrongSecret = server.CreateClient($"{id}.{secret[..^2]}xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongSecret.GetAsync("/api/v1/auth/me")).StatusCode);

        // Listed without its secret; stored only as a hash.
        var list = await (await owner.GetAsync("/api/v1/auth/keys")).Content.ReadAsStringAsync();
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        await using (var db = server.OpenDatabase())
        {
            var row = await db.ApiKeys.SingleAsync(k => k.Id == id);
            Assert.DoesNotContain(secret, row.SecretHash, StringComparison.Ordinal);
            Assert.Equal(64, row.SecretHash.Length);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync($"/api/v1/auth/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CreateClient(token).GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alpaca.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_but_changes_nothing_except_its_own_keys_and_only_admins_read_the_audit_log()
    {
        var viewer = server.CreateClient(await server.SignUpAsync("watcher", "viewer"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/strategies/runs")).StatusCode);
        var plugin = await server.PluginIdAsync("EMA Crossover");
        var start = await viewer.PostAsJsonAsync("/api/v1/strategies/start", new { plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" } }, Json);
        await AssertProblemAsync(start, HttpStatusCode.Forbidden);
        await AssertProblemAsync(await viewer.DeleteAsync($"/api/v1/plugins/{plugin}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await viewer.PostAsJsonAsync("/api/v1/auth/keys", new { name = "read-only dashboard" }, Json)).StatusCode);
        await AssertProblemAsync(await viewer.GetAsync("/api/v1/admin/audit"), HttpStatusCode.Forbidden);

        var trader = server.CreateClient(await server.SignUpAsync("trader-one"));
        await AssertProblemAsync(await trader.GetAsync("/api/v1/admin/audit"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await trader.DeleteAsync($"/api/v1/plugins/{plugin}"), HttpStatusCode.Forbidden); // a built-in: admins only
    }

    [Fact]
    public async Task The_first_start_creates_an_admin_whose_key_is_in_an_owner_only_file_and_the_server_secret_is_owner_only_too()
    {
        var me = (await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync("/api/v1/auth/me"))).GetProperty("data");
        Assert.Equal("admin", me.GetProperty("username").GetString());
        Assert.Equal("admin", me.GetProperty("role").GetString());
        var keyBytes = await File.ReadAllBytesAsync(Path.Combine(server.Folder, "admin-api-key"));
        Assert.StartsWith("bk_", System.Text.Encoding.ASCII.GetString(keyBytes), StringComparison.Ordinal); // no BOM: `$(cat data/admin-api-key)` is the key
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { "admin-api-key", "server-secret.key" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(server.Folder, file)));
            }
        }

        await using var db = server.OpenDatabase();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Role == "admin"));
        Assert.All(await db.Users.Where(u => u.PasswordHash != null).Select(u => u.PasswordHash!).ToListAsync(), h => Assert.StartsWith("$argon2id$v=19$", h, StringComparison.Ordinal));
        Assert.Null((await db.Users.SingleAsync(u => u.UserName == "admin")).PasswordHash);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_cors_grant_without_an_allowlist()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plugins");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await server.CreateClient().SendAsync(request);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await BourseServer.ReadJsonAsync(response);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
        }
    }

    private static bool IsDocumentation(string path) => path.StartsWith("/openapi/", StringComparison.Ordinal) || path.StartsWith("/scalar", StringComparison.Ordinal);
}
