using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Bourse.Server.Tests.AlpacaClients;

namespace Bourse.Server.Tests;

/// <summary>Alpaca's watchlists over HTTP: CRUD by id and by name, persisted per user.</summary>
public sealed class AlpacaWatchlistTests(BourseServer server) : IClassFixture<BourseServer>
{
    [Fact]
    public async Task A_watchlist_is_created_read_changed_and_deleted_by_id_and_by_name()
    {
        var alpaca = await server.CreateAlpacaClientAsync(await server.SignUpAsync("wl-crud"));
        var created = await ReadAsync(await alpaca.PostAsJsonAsync("/v2/watchlists", new { name = "Tech", symbols = new[] { "SPY", "BTCUSD", "SPY" } }));
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(["SPY", "BTC/USD"], Symbols(created));
        Assert.Equal(["SPY", "BTC/USD"], Symbols(await ReadAsync(await alpaca.GetAsync($"/v2/watchlists/{id}"))));

        var list = (await ReadAsync(await alpaca.GetAsync("/v2/watchlists"))).EnumerateArray().ToList();
        Assert.Equal(id, Assert.Single(list).GetProperty("id").GetGuid());
        Assert.False(list[0].TryGetProperty("assets", out _)); // Alpaca's list leaves the assets out

        var replaced = await ReadAsync(await alpaca.PutAsJsonAsync($"/v2/watchlists/{id}", new { name = "Crypto", symbols = new[] { "BTC/USD" } }));
        Assert.Equal(("Crypto", id), (replaced.GetProperty("name").GetString(), replaced.GetProperty("id").GetGuid()));
        Assert.Equal(["BTC/USD"], Symbols(replaced));

        Assert.Equal(["BTC/USD", "SPY"], Symbols(await ReadAsync(await alpaca.PostAsJsonAsync($"/v2/watchlists/{id}", new { symbol = "SPY" }))));
        await AssertAlpacaErrorAsync(await alpaca.PostAsJsonAsync($"/v2/watchlists/{id}", new { symbol = "SPY" }), HttpStatusCode.UnprocessableEntity, 42210000);
        Assert.Equal(["SPY"], Symbols(await ReadAsync(await alpaca.DeleteAsync($"/v2/watchlists/{id}/BTC%2FUSD"))));
        await AssertAlpacaErrorAsync(await alpaca.DeleteAsync($"/v2/watchlists/{id}/BTCUSD"), HttpStatusCode.NotFound, 40410000);

        // By name.
        Assert.Equal(id, (await ReadAsync(await alpaca.GetAsync("/v2/watchlists:by_name?name=Crypto"))).GetProperty("id").GetGuid());
        Assert.Equal(["SPY", "BTC/USD"], Symbols(await ReadAsync(await alpaca.PostAsJsonAsync("/v2/watchlists:by_name?name=Crypto", new { symbol = "BTC/USD" }))));
        Assert.Equal(["BTC/USD"], Symbols(await ReadAsync(await alpaca.DeleteAsync("/v2/watchlists:by_name/SPY?name=Crypto"))));
        var renamed = await ReadAsync(await alpaca.PutAsJsonAsync("/v2/watchlists:by_name?name=Crypto", new { name = "Coins", symbols = new[] { "BTC/USD", "SPY" } }));
        Assert.Equal("Coins", renamed.GetProperty("name").GetString());
        await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/watchlists:by_name?name=Crypto"), HttpStatusCode.NotFound, 40410000);
        Assert.Equal(HttpStatusCode.NoContent, (await alpaca.DeleteAsync("/v2/watchlists:by_name?name=Coins")).StatusCode);
        await AssertAlpacaErrorAsync(await alpaca.GetAsync($"/v2/watchlists/{id}"), HttpStatusCode.NotFound, 40410000);
        Assert.Empty((await ReadAsync(await alpaca.GetAsync("/v2/watchlists"))).EnumerateArray());

        var second = (await ReadAsync(await alpaca.PostAsJsonAsync("/v2/watchlists", new { name = "Second" }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await alpaca.DeleteAsync($"/v2/watchlists/{second}")).StatusCode);
        await AssertAlpacaErrorAsync(await alpaca.DeleteAsync($"/v2/watchlists/{second}"), HttpStatusCode.NotFound, 40410000);
    }

    [Fact]
    public async Task Bad_watchlist_input_gets_alpaca_errors_naming_the_field()
    {
        var alpaca = await server.CreateAlpacaClientAsync(await server.SignUpAsync("wl-bad"));
        Assert.Contains("symbols[1]", await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/watchlists", new { name = "X", symbols = new[] { "SPY", "NOPE" } }), HttpStatusCode.UnprocessableEntity, 42210000), StringComparison.Ordinal);
        Assert.Contains("name", await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/watchlists", new { symbols = new[] { "SPY" } }), HttpStatusCode.UnprocessableEntity, 42210000), StringComparison.Ordinal);
        Assert.Contains("symbols", await AssertAlpacaErrorAsync(
            await alpaca.PostAsync("/v2/watchlists", new StringContent("{\"name\": \"X\", \"symbols\": 7}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("not-a-guid", await AssertAlpacaErrorAsync(
            await alpaca.PutAsJsonAsync("/v2/watchlists/not-a-guid", new { name = "X" }), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await alpaca.PostAsJsonAsync("/v2/watchlists", new { name = "Twice" })).StatusCode);
        Assert.Contains("Twice", await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/watchlists", new { name = "Twice" }), HttpStatusCode.UnprocessableEntity, 42210000), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watchlists_are_per_user_and_stored_in_the_database()
    {
        var own = server;
        var alice = await own.CreateAlpacaClientAsync(await own.SignUpAsync("alice"));
        var bob = await own.CreateAlpacaClientAsync(await own.SignUpAsync("bob"));
        var id = (await ReadAsync(await alice.PostAsJsonAsync("/v2/watchlists", new { name = "Mine", symbols = new[] { "SPY" } }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsJsonAsync("/v2/watchlists", new { name = "Mine" })).StatusCode); // names are per user

        Assert.Single((await ReadAsync(await bob.GetAsync("/v2/watchlists"))).EnumerateArray());
        await AssertAlpacaErrorAsync(await bob.GetAsync($"/v2/watchlists/{id}"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await bob.PutAsJsonAsync($"/v2/watchlists/{id}", new { name = "Stolen" }), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await bob.DeleteAsync($"/v2/watchlists/{id}"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await (await own.CreateAlpacaClientAsync()).GetAsync($"/v2/watchlists/{id}"), HttpStatusCode.NotFound, 40410000); // the admin's account too

        // A viewer may read its own (empty) list but not write.
        var viewer = await own.CreateAlpacaClientAsync(await own.SignUpAsync("watcher", "viewer"));
        Assert.Empty((await ReadAsync(await viewer.GetAsync("/v2/watchlists"))).EnumerateArray());
        await AssertAlpacaErrorAsync(await viewer.PostAsJsonAsync("/v2/watchlists", new { name = "No" }), HttpStatusCode.Forbidden, 40310000);

        await using var db = own.OpenDatabase();
        var row = db.Watchlists.Single(w => w.Id == id);
        Assert.Equal(["SPY.NASDAQ"], row.Instruments);
        Assert.Equal("alice", db.Users.Single(u => u.Id == row.UserId).UserName);
    }

    private static IEnumerable<string?> Symbols(JsonElement watchlist) =>
        watchlist.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("symbol").GetString()).ToList();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
