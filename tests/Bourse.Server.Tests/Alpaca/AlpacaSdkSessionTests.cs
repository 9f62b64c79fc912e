using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bourse.Testing.Node;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests.Alpaca;

/// <summary>
/// The proof with a real client: the official Alpaca SDK (<c>@alpacahq/alpaca-trade-api</c>, pinned in
/// <c>tests/alpaca-sdk-session/package-lock.json</c>) runs <c>session.mjs</c> against the server on a real socket, unchanged
/// but for its base URL and keys (a Bourse API key's id and secret): account, market, limit and bracket orders, list,
/// replace, cancel, positions, close a position, trade_updates on its stream, account configurations, activities and
/// portfolio history. The database then holds what it did, and the activities the SDK read are its stored fills.
/// </summary>
public sealed class AlpacaSdkSessionTests : IAsyncLifetime
{
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_alpaca_sdk_trades_a_whole_session_against_the_paper_account()
    {
        var address = _server.StartOnKestrel();
        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.AdminKey);
        var key = (await BourseServer.ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/auth/keys", new { name = "alpaca sdk" }, BourseServer.Json))).GetProperty("data");
        var keyId = key.GetProperty("key_id").GetString()!;
        var secret = key.GetProperty("secret").GetString()!;

        // The account is opened by its first request; the session starts once its run has seen a BTC price (until then a
        // market order is refused with 422 "no market price yet"; an unaffordable one then gets 403 for buying power).
        using var alpaca = new HttpClient { BaseAddress = address };
        alpaca.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        alpaca.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        await BourseServer.WaitForAsync(async () =>
            (await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "1000", side = "buy", type = "market", time_in_force = "gtc" })).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(30), "a BTC price in the paper account");

        var result = await NpmProject.At(Path.Combine("tests", "alpaca-sdk-session")).RunAsync(
            "session.mjs", [], new Dictionary<string, string>
            {
                ["APCA_API_BASE_URL"] = address.ToString().TrimEnd('/'),
                ["APCA_API_KEY_ID"] = keyId,
                ["APCA_API_SECRET_KEY"] = secret,
            },
            TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(["canceled", "fill", "held", "new", "replaced"], summary.GetProperty("events").EnumerateArray().Select(e => e.GetString()!).Where(e => e is not "partial_fill").ToArray());
        var accountId = Guid.Parse(summary.GetProperty("account").GetString()!);

        // The database holds the session: every order the SDK saw, the fills, and a flat BTC position.
        await using var db = _server.OpenDatabase();
        var orders = await db.Orders.AsNoTracking().Where(o => o.RunId == accountId).ToListAsync();
        var ids = orders.Select(o => Bourse.Server.Trading.BrokerOrderIds.For(accountId, o.ClientOrderId).ToString()).ToHashSet();
        Assert.All(summary.GetProperty("orders").EnumerateArray(), id => Assert.Contains(id.GetString()!, ids));
        var fills = await db.Fills.AsNoTracking().Where(f => f.RunId == accountId).ToListAsync();
        Assert.Equal(0m, fills.Sum(f => f.Side == "buy" ? f.Quantity : -f.Quantity));
        Assert.Equal(0.04m, fills.Sum(f => f.Quantity)); // bought 0.01 + 0.01, sold 0.02
        Assert.Contains(orders, o => o.Status == "canceled" && o.LimitPrice is not null);
        var position = await db.Positions.AsNoTracking().SingleAsync(p => p.RunId == accountId && p.Symbol == "BTCUSD.COINBASE");
        Assert.Equal(0m, position.NetQuantity);

        // Cash moved by exactly the fills: sells received, buys paid, commissions paid (whether the price rose or fell meanwhile).
        Assert.True(fills.Sum(f => f.Commission) > 0m, "no commission was charged");
        var expectedCash = decimal.Parse(summary.GetProperty("starting_cash").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            + fills.Sum(f => (f.Side == "sell" ? 1m : -1m) * f.Price * f.Quantity - f.Commission);
        var finalCash = decimal.Parse(summary.GetProperty("final_cash").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(finalCash - expectedCash) <= 0.01m, $"final cash {finalCash}, expected {expectedCash} from the fills");

        // The FILL activities the SDK paged through are the stored fills, in time order, each naming its order.
        var activities = summary.GetProperty("fills").EnumerateArray().ToList();
        var ordered = fills.OrderBy(f => f.Timestamp).ThenBy(f => f.Id).ToList();
        Assert.Equal(ordered.Count, activities.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[i].Price, decimal.Parse(activities[i].GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ordered[i].Quantity, decimal.Parse(activities[i].GetProperty("qty").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Bourse.Server.Trading.BrokerOrderIds.For(accountId, ordered[i].ClientOrderId).ToString(), activities[i].GetProperty("order_id").GetString());
        }

        Assert.Equal(finalCash, summary.GetProperty("last_equity").GetDecimal());
    }
}
