using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using static Bourse.Server.Tests.AlpacaClients;

namespace Bourse.Server.Tests.Alpaca;

/// <summary>
/// Alpaca's account endpoints over HTTP on the paper account: configurations (stored, suspend_trade and no_shorting
/// enforced), activities (filters and paging, checked against the stored fills) and portfolio history (each point's equity
/// checked against the stored fills and bars: starting cash + the fills' cash flows + the position marked to the last bar close).
/// </summary>
public sealed class AlpacaAccountTests : IAsyncLifetime
{
    private const string Btc = "BTCUSD.COINBASE";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpClient> TradingClientAsync(string? credential = null)
    {
        var alpaca = await _server.CreateAlpacaClientAsync(credential);
        await BourseServer.WaitForAsync(async () =>
            (await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "1000", side = "buy", type = "market", time_in_force = "gtc" })).StatusCode == HttpStatusCode.Forbidden,
            Timeout, "a BTC price");
        return alpaca;
    }

    private static async Task<JsonElement> FilledAsync(HttpClient alpaca, string side, string qty)
    {
        var placed = await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty, side, type = "market", time_in_force = "gtc" });
        var order = await BourseServer.ReadJsonAsync(placed);
        Assert.True(placed.StatusCode == HttpStatusCode.OK, order.ToString());
        var id = order.GetProperty("id").GetString()!;
        await BourseServer.WaitForAsync(async () => (order = await BourseServer.ReadJsonAsync(await alpaca.GetAsync($"/v2/orders/{id}"))).GetProperty("status").GetString() == "filled", Timeout, $"order {id} filled");
        return order;
    }

    private static decimal Dec(JsonElement e) => e.ValueKind == JsonValueKind.String ? decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetDecimal();

    [Fact]
    public async Task Configurations_are_stored_per_user_and_suspend_trade_and_no_shorting_refuse_orders_with_403()
    {
        var alpaca = await TradingClientAsync();
        var defaults = await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account/configurations"));
        Assert.Equal("entry", defaults.GetProperty("dtbp_check").GetString());
        Assert.Equal("all", defaults.GetProperty("trade_confirm_email").GetString());
        Assert.False(defaults.GetProperty("suspend_trade").GetBoolean());
        Assert.False(defaults.GetProperty("no_shorting").GetBoolean());
        Assert.True(defaults.GetProperty("fractional_trading").GetBoolean());
        Assert.Equal("4", defaults.GetProperty("max_margin_multiplier").GetString());
        Assert.Equal("entry", defaults.GetProperty("pdt_check").GetString());
        Assert.False(defaults.GetProperty("ptp_no_exception_entry").GetBoolean());

        // A change keeps what it does not name; bad values are 422s naming the field.
        var changed = await BourseServer.ReadJsonAsync(await alpaca.PatchAsJsonAsync("/v2/account/configurations", new { no_shorting = true, max_margin_multiplier = "2", pdt_check = "both" }));
        Assert.True(changed.GetProperty("no_shorting").GetBoolean());
        Assert.Equal("2", changed.GetProperty("max_margin_multiplier").GetString());
        Assert.Equal("entry", changed.GetProperty("dtbp_check").GetString());
        Assert.Equal(changed.ToString(), (await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account/configurations"))).ToString());
        Assert.Contains("dtbp_check", await AssertAlpacaErrorAsync(await alpaca.PatchAsJsonAsync("/v2/account/configurations", new { dtbp_check = "sometimes" }), HttpStatusCode.UnprocessableEntity, 42210000), StringComparison.Ordinal);
        Assert.Contains("max_margin_multiplier", await AssertAlpacaErrorAsync(await alpaca.PatchAsJsonAsync("/v2/account/configurations", new { max_margin_multiplier = 3 }), HttpStatusCode.UnprocessableEntity, 42210000), StringComparison.Ordinal);
        Assert.False((await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account"))).GetProperty("shorting_enabled").GetBoolean());

        // no_shorting: a sell with no position, or more than the long position, is refused; selling the position is not.
        var refused = await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.01", side = "sell", type = "market", time_in_force = "gtc" }), HttpStatusCode.Forbidden, 40310000);
        Assert.Contains("no_shorting", refused, StringComparison.Ordinal);
        await FilledAsync(alpaca, "buy", "0.01");
        await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.02", side = "sell", type = "limit", limit_price = "1", time_in_force = "gtc" }), HttpStatusCode.Forbidden, 40310000);
        await FilledAsync(alpaca, "sell", "0.01");

        // suspend_trade: every new order is refused, and the account says so.
        await alpaca.PatchAsJsonAsync("/v2/account/configurations", new { suspend_trade = true });
        Assert.True((await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account"))).GetProperty("trade_suspended_by_user").GetBoolean());
        var suspended = await AssertAlpacaErrorAsync(
            await alpaca.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "0.01", side = "buy", type = "market", time_in_force = "gtc" }), HttpStatusCode.Forbidden, 40310000);
        Assert.Contains("suspend_trade", suspended, StringComparison.Ordinal);

        // Stored per user: another user still has the defaults and may short.
        var other = await _server.CreateAlpacaClientAsync(await _server.SignUpAsync("config-other"));
        Assert.Equal(defaults.ToString(), (await BourseServer.ReadJsonAsync(await other.GetAsync("/v2/account/configurations"))).ToString());
        await using var db = _server.OpenDatabase();
        Assert.Equal(1, await db.AccountConfigurations.CountAsync());
    }

    [Fact]
    public async Task Activities_and_portfolio_history_are_the_stored_fills_filtered_paged_and_valued_exactly()
    {
        var alpaca = await TradingClientAsync();
        var startingCash = Dec((await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account"))).GetProperty("cash"));
        var orders = new List<string>();
        foreach (var (side, qty) in new[] { ("buy", "0.01"), ("buy", "0.02"), ("sell", "0.01"), ("sell", "0.02") })
        {
            orders.Add((await FilledAsync(alpaca, side, qty)).GetProperty("id").GetString()!);
        }

        var account = Guid.Parse((await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account"))).GetProperty("id").GetString()!);
        List<FillEntity> fills;
        await using (var db = _server.OpenDatabase())
        {
            fills = await db.Fills.AsNoTracking().Where(f => f.RunId == account).OrderBy(f => f.Timestamp).ThenBy(f => f.Id).ToListAsync();
        }

        Assert.Equal(4, fills.Count);
        Assert.All(fills, f => Assert.True(f.Commission > 0m));

        // Activities: a FILL and a FEE per fill, newest first by default; the FILLs are the stored fills.
        async Task<List<JsonElement>> ActivitiesAsync(string query) =>
            [.. (await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account/activities" + query))).EnumerateArray()];
        var all = await ActivitiesAsync("");
        Assert.Equal(8, all.Count);
        var ascending = await ActivitiesAsync("?direction=asc");
        Assert.Equal(all.Select(a => a.GetProperty("id").GetString()).Reverse(), ascending.Select(a => a.GetProperty("id").GetString()));
        var trades = ascending.Where(a => a.GetProperty("activity_type").GetString() == "FILL").ToList();
        Assert.Equal(fills.Count, trades.Count);
        for (var i = 0; i < fills.Count; i++)
        {
            var (fill, trade) = (fills[i], trades[i]);
            Assert.Equal(fill.Price, Dec(trade.GetProperty("price")));
            Assert.Equal(fill.Quantity, Dec(trade.GetProperty("qty")));
            Assert.Equal(fill.Side, trade.GetProperty("side").GetString());
            Assert.Equal("BTC/USD", trade.GetProperty("symbol").GetString());
            Assert.Equal(orders[i], trade.GetProperty("order_id").GetString());
            Assert.Equal(fill.Quantity, Dec(trade.GetProperty("cum_qty")));
            Assert.Equal(0m, Dec(trade.GetProperty("leaves_qty")));
            Assert.Equal("fill", trade.GetProperty("type").GetString());
            Assert.Equal("filled", trade.GetProperty("order_status").GetString());
            Assert.Equal(fill.Timestamp, trade.GetProperty("transaction_time").GetDateTime().ToUniversalTime());
            Assert.Contains("::", trade.GetProperty("id").GetString()!, StringComparison.Ordinal);
        }

        var fees = await ActivitiesAsync("/FEE?direction=asc");
        Assert.Equal(fills.Select(f => -f.Commission), fees.Select(f => Dec(f.GetProperty("net_amount"))));
        Assert.All(fees, f => Assert.Equal("executed", f.GetProperty("status").GetString()));
        Assert.Equal(trades.Select(t => t.GetProperty("id").GetString()), (await ActivitiesAsync("?activity_types=FILL&direction=asc")).Select(a => a.GetProperty("id").GetString()));
        Assert.Empty(await ActivitiesAsync("?activity_types=DIV,CSD"));

        // Paging: page_size and page_token walk the list in both directions.
        foreach (var direction in new[] { "asc", "desc" })
        {
            var walked = new List<string>();
            string? token = null;
            do
            {
                var page = await ActivitiesAsync($"?direction={direction}&page_size=3" + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}"));
                Assert.True(page.Count <= 3);
                walked.AddRange(page.Select(a => a.GetProperty("id").GetString()!));
                token = page.Count == 3 ? page[^1].GetProperty("id").GetString() : null;
            }
            while (token is not null);
            Assert.Equal((direction == "asc" ? ascending : all).Select(a => a.GetProperty("id").GetString()), walked);
        }

        // Time filters (after and until exclusive) and the New York date.
        var second = trades[1].GetProperty("transaction_time").GetString()!;
        var third = trades[2].GetProperty("transaction_time").GetString()!;
        Assert.Equal(trades.Skip(2).Select(t => t.GetProperty("id").GetString()),
            (await ActivitiesAsync($"?activity_types=FILL&direction=asc&after={Uri.EscapeDataString(second)}")).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(trades.Take(2).Select(t => t.GetProperty("id").GetString()),
            (await ActivitiesAsync($"?activity_types=FILL&direction=asc&until={Uri.EscapeDataString(third)}")).Select(a => a.GetProperty("id").GetString()));
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fills[0].Timestamp, newYork)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(trades[0].GetProperty("id").GetString(), (await ActivitiesAsync($"?date={day}")).Select(a => a.GetProperty("id").GetString()));
        foreach (var bad in new[] { "?page_size=101", "?direction=sideways", "?activity_types=BOGUS", $"?date={day}&after={Uri.EscapeDataString(second)}", "?page_token=nonsense", "?date=23-11-2026" })
        {
            await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/account/activities" + bad), HttpStatusCode.UnprocessableEntity, 42210000);
        }

        await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/account/activities/BOGUS"), HttpStatusCode.UnprocessableEntity, 42210000);

        // Portfolio history over a window that ended after the account went flat, once its bars are stored: every point's
        // equity is the starting cash plus the cash flows of the fills up to its end, plus the position at the last bar close.
        var first = fills[0].Timestamp;
        var last = fills[^1].Timestamp;
        await BourseServer.WaitForAsync(async () =>
        {
            await using var db = _server.OpenDatabase();
            return await db.Bars.AnyAsync(b => b.Symbol == Btc && b.OpenTime >= last.AddMinutes(5));
        }, Timeout, "the bars after the last fill stored");
        List<(DateTime Close, decimal Price)> bars;
        await using (var db = _server.OpenDatabase())
        {
            bars = [.. (await db.Bars.AsNoTracking().Where(b => b.Symbol == Btc && b.OpenTime < last.AddMinutes(5)).Select(b => new { b.OpenTime, b.PeriodSeconds, b.Close }).ToListAsync())
                .Select(b => (b.OpenTime.AddSeconds(b.PeriodSeconds), b.Close)).OrderBy(b => b.Item1)];
        }

        var (start, end) = (first.AddMinutes(-3), last.AddMinutes(3));
        var history = await BourseServer.ReadJsonAsync(await alpaca.GetAsync(
            $"/v2/account/portfolio/history?timeframe=1Min&intraday_reporting=continuous&pnl_reset=no_reset&start={start:yyyy-MM-ddTHH:mm:ssZ}&end={end:yyyy-MM-ddTHH:mm:ssZ}"));
        Assert.Equal("1Min", history.GetProperty("timeframe").GetString());
        Assert.Equal(startingCash, history.GetProperty("base_value").GetDecimal());
        var stamps = history.GetProperty("timestamp").EnumerateArray().Select(t => DateTimeOffset.FromUnixTimeSeconds(t.GetInt64()).UtcDateTime).ToList();
        var equity = history.GetProperty("equity").EnumerateArray().Select(e => e.GetDecimal()).ToList();
        var profitLoss = history.GetProperty("profit_loss").EnumerateArray().Select(e => e.GetDecimal()).ToList();
        Assert.Equal((int)(end - start).TotalMinutes, stamps.Count);
        Assert.Equal(stamps.Count, equity.Count);
        Assert.Equal(stamps.Count, history.GetProperty("profit_loss_pct").GetArrayLength());
        for (var i = 0; i < stamps.Count; i++)
        {
            var at = stamps[i].AddMinutes(1);
            var upTo = fills.Where(f => f.Timestamp <= at).ToList();
            var quantity = upTo.Sum(f => f.Side == "buy" ? f.Quantity : -f.Quantity);
            var mark = bars.LastOrDefault(b => b.Close <= at).Price;
            var expected = startingCash + upTo.Sum(f => ((f.Side == "sell" ? 1m : -1m) * f.Price * f.Quantity) - f.Commission) + (quantity * mark);
            Assert.True(expected == equity[i], $"point {stamps[i]:O}: equity {equity[i]}, expected {expected} from the fills and bars");
            Assert.Equal(equity[i] - startingCash, profitLoss[i]);
        }

        Assert.NotEqual(startingCash, equity[^1]); // the commissions
        Assert.Equal(Dec((await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account"))).GetProperty("cash")), equity[^1]);

        // Market hours only by default; days stamped New York midnight on 1D; Alpaca's 422s for a bad query.
        var newYorkTimes = (await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account/portfolio/history?period=1W&timeframe=15Min"))).GetProperty("timestamp").EnumerateArray()
            .Select(t => TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeSeconds(t.GetInt64()).UtcDateTime, newYork)).ToList();
        Assert.All(newYorkTimes, t => Assert.True(t.TimeOfDay >= new TimeSpan(9, 30, 0) && t.TimeOfDay < new TimeSpan(16, 0, 0) && t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{t} is outside market hours"));
        var daily = await BourseServer.ReadJsonAsync(await alpaca.GetAsync("/v2/account/portfolio/history?period=1W&timeframe=1D&intraday_reporting=continuous"));
        Assert.NotEqual(0, daily.GetProperty("timestamp").GetArrayLength());
        Assert.All(daily.GetProperty("timestamp").EnumerateArray(), t => Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeSeconds(t.GetInt64()).UtcDateTime, newYork).TimeOfDay));
        foreach (var bad in new[] { "?timeframe=2Min", "?period=1X", "?period=1D&start=2026-01-01&end=2026-01-02", "?period=3M&timeframe=1Min", "?intraday_reporting=always", "?pnl_reset=weekly", "?start=yesterday" })
        {
            await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/account/portfolio/history" + bad), HttpStatusCode.UnprocessableEntity, 42210000);
        }
    }
}
