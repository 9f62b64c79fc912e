using System.Net;
using System.Text.RegularExpressions;

namespace Bourse.Server.Tests.Dashboard;

/// <summary>
/// The web dashboard served by the server (the build puts web/dist into wwwroot/): index.html at / and at every client
/// route without a credential, its hashed assets cached as immutable, while API paths keep their 401 and 404 problems.
/// </summary>
public sealed partial class DashboardServingTests : IAsyncLifetime
{
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/runs/abc")]
    [InlineData("/strategies")]
    public async Task A_client_route_answers_the_apps_index_html_without_a_credential(string path)
    {
        using var anonymous = _server.CreateAnonymousClient();

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\"></div>", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated on every load");
        Assert.Contains("script-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_hashed_assets_are_public_and_cached_as_immutable()
    {
        using var anonymous = _server.CreateAnonymousClient();
        var index = await anonymous.GetStringAsync("/");
        var script = ScriptSource().Match(index);
        Assert.True(script.Success, $"index.html names no /assets/ script: {index}");

        var response = await anonymous.GetAsync(script.Groups["src"].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.True(response.Content.Headers.ContentLength > 1000);
    }

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/api/v1/strategies/nothing/here")]
    [InlineData("/v2/unknown")]
    [InlineData("/assets/missing.js")]
    public async Task An_unknown_api_path_or_file_is_still_a_404_problem_not_the_app(string path)
    {
        using var admin = _server.CreateClient();

        var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_method_on_an_api_route_is_still_a_405()
    {
        using var admin = _server.CreateClient();

        var response = await admin.GetAsync("/api/v1/strategies/start");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task An_api_path_without_a_credential_is_still_a_401()
    {
        using var anonymous = _server.CreateAnonymousClient();

        var response = await anonymous.GetAsync("/api/unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [GeneratedRegex("<script[^>]+src=\"(?<src>/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptSource();
}
