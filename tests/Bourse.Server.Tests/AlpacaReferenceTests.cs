using System.Globalization;
using System.Net;
using System.Text.Json;
using Bourse.Data.Feeds;
using Bourse.Engine.Calendars;
using Microsoft.Extensions.DependencyInjection;
using static Bourse.Server.Tests.AlpacaClients;

namespace Bourse.Server.Tests;

/// <summary>Alpaca's authentication, error form, assets, clock and calendar over HTTP (<c>/v2</c>).</summary>
public sealed class AlpacaReferenceTests(BourseServer server) : IClassFixture<BourseServer>
{
    [Fact]
    public async Task Alpaca_headers_carry_a_bourse_key_split_at_the_dot_and_bad_or_missing_ones_get_alpacas_401()
    {
        var alpaca = await server.CreateAlpacaClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await alpaca.GetAsync("/v2/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient(server.AdminKey).GetAsync("/v2/clock")).StatusCode); // Authorization: Bearer too

        var keyId = alpaca.DefaultRequestHeaders.GetValues("APCA-API-KEY-ID").Single();
        var wrongSecret = server.CreateAlpacaClient(keyId, "not-the-secret");
        await AssertAlpacaErrorAsync(await wrongSecret.GetAsync("/v2/assets"), HttpStatusCode.Unauthorized, 40110000);
        await AssertAlpacaErrorAsync(await server.CreateAnonymousClient().GetAsync("/v2/clock"), HttpStatusCode.Unauthorized, 40110000);
        var unknownKey = server.CreateAlpacaClient("bk_AAAAAAAAAAAAAAAAAAAA", "whatever");
        await AssertAlpacaErrorAsync(await unknownKey.GetAsync("/v2/calendar"), HttpStatusCode.Unauthorized, 40110000);
    }

    [Fact]
    public async Task V2_errors_are_alpacas_code_and_message_while_other_routes_keep_problem_details()
    {
        var alpaca = await server.CreateAlpacaClientAsync();
        var message = await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/assets?asset_class=bonds"), HttpStatusCode.UnprocessableEntity, 42210000);
        Assert.Contains("asset_class", message, StringComparison.Ordinal);
        await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/assets/NOPE"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/no-such-endpoint"), HttpStatusCode.NotFound, 40410000);
        await AssertAlpacaErrorAsync(await alpaca.DeleteAsync("/v2/clock"), HttpStatusCode.MethodNotAllowed, 40510000);
        message = await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/calendar?start=yesterday"), HttpStatusCode.UnprocessableEntity, 42210000);
        Assert.Contains("start", message, StringComparison.Ordinal);

        var elsewhere = await server.CreateClient().GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal("application/problem+json", elsewhere.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Assets_are_the_feeds_instruments_by_alpaca_symbol_with_stable_ids_and_filters()
    {
        var alpaca = await server.CreateAlpacaClientAsync();
        var assets = (await ReadAsync(alpaca, "/v2/assets")).EnumerateArray().ToList();
        Assert.Equal(["BTC/USD", "SPY"], assets.Select(a => a.GetProperty("symbol").GetString()).Order(StringComparer.Ordinal));
        var spy = assets.Single(a => a.GetProperty("symbol").GetString() == "SPY");
        Assert.Equal("us_equity", spy.GetProperty("class").GetString());
        Assert.Equal("NASDAQ", spy.GetProperty("exchange").GetString());
        Assert.Equal("SPY.NASDAQ", spy.GetProperty("name").GetString());
        Assert.Equal("active", spy.GetProperty("status").GetString());
        Assert.Equal("0.01", spy.GetProperty("price_increment").GetString());
        var btc = assets.Single(a => a.GetProperty("symbol").GetString() == "BTC/USD");
        Assert.Equal("crypto", btc.GetProperty("class").GetString());
        Assert.True(btc.GetProperty("fractionable").GetBoolean());
        Assert.Equal("0.00000001", btc.GetProperty("min_order_size").GetString());

        // A name-based UUID v5: the same id for the same instrument on every server.
        var btcId = btc.GetProperty("id").GetGuid();
        Assert.Equal(5, btcId.Version);
        await using (var other = new BourseServer())
        {
            var otherAssets = (await ReadAsync(other.CreateClient(), "/v2/assets")).EnumerateArray();
            Assert.Equal(btcId, otherAssets.Single(a => a.GetProperty("symbol").GetString() == "BTC/USD").GetProperty("id").GetGuid());
        }

        foreach (var symbolOrId in new[] { "BTC%2FUSD", "BTCUSD", "btcusd", btcId.ToString() })
        {
            Assert.Equal(btcId, (await ReadAsync(alpaca, $"/v2/assets/{symbolOrId}")).GetProperty("id").GetGuid());
        }

        Assert.Equal(["SPY"], (await ReadAsync(alpaca, "/v2/assets?asset_class=us_equity")).EnumerateArray().Select(a => a.GetProperty("symbol").GetString()));
        Assert.Equal(["BTC/USD"], (await ReadAsync(alpaca, "/v2/assets?status=active&asset_class=crypto")).EnumerateArray().Select(a => a.GetProperty("symbol").GetString()));
        Assert.Empty((await ReadAsync(alpaca, "/v2/assets?status=inactive")).EnumerateArray());
        Assert.Equal(["SPY"], (await ReadAsync(alpaca, "/v2/assets?exchange=NASDAQ")).EnumerateArray().Select(a => a.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task The_calendar_lists_nyse_trading_days_with_settlement_dates()
    {
        var alpaca = await server.CreateAlpacaClientAsync();

        // Thanksgiving 2026 is Thursday 26 November; 21-22 and 28-29 are weekends.
        var days = (await ReadAsync(alpaca, "/v2/calendar?start=2026-11-20&end=2026-12-01")).EnumerateArray().ToList();
        Assert.Equal(["2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-01"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.All(days, d => Assert.Equal(("09:30", "16:00"), (d.GetProperty("open").GetString(), d.GetProperty("close").GetString())));
        Assert.Equal("2026-11-27", days[3].GetProperty("settlement_date").GetString()); // T+1 over the holiday

        // Before 2024-05-28, T+2; Memorial Day 2024 is Monday 27 May.
        var may = (await ReadAsync(alpaca, "/v2/calendar?start=2024-05-24T12:00:00Z&end=2024-05-28")).EnumerateArray().ToList();
        Assert.Equal([("2024-05-24", "2024-05-29"), ("2024-05-28", "2024-05-29")], may.Select(d => (d.GetProperty("date").GetString(), d.GetProperty("settlement_date").GetString())));

        // Good Friday 2026 is 3 April; Juneteenth 2026 a Friday.
        var april = (await ReadAsync(alpaca, "/v2/calendar?start=2026-04-02&end=2026-04-06")).EnumerateArray();
        Assert.Equal(["2026-04-02", "2026-04-06"], april.Select(d => d.GetProperty("date").GetString()));
        Assert.Empty((await ReadAsync(alpaca, "/v2/calendar?start=2026-06-19&end=2026-06-19")).EnumerateArray());
    }

    [Fact]
    public async Task The_clock_reads_the_feeds_time_and_the_us_equity_session()
    {
        var alpaca = await server.CreateAlpacaClientAsync();
        var feedClock = server.Services.GetRequiredService<IMarketDataFeed>().Clock;
        var before = feedClock.GetUtcNow();
        var clock = await ReadAsync(alpaca, "/v2/clock");
        var after = feedClock.GetUtcNow();

        var now = DateTimeOffset.Parse(clock.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(now, before, after); // the replay's sped-up clock, not the wall clock
        var nextOpen = DateTimeOffset.Parse(clock.GetProperty("next_open").GetString()!, CultureInfo.InvariantCulture);
        var nextClose = DateTimeOffset.Parse(clock.GetProperty("next_close").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(UsEquityCalendar.NewYork.GetUtcOffset(now.UtcDateTime), now.Offset); // New York time, as Alpaca writes it

        var newYork = (Open: TimeZoneInfo.ConvertTime(nextOpen, UsEquityCalendar.NewYork), Close: TimeZoneInfo.ConvertTime(nextClose, UsEquityCalendar.NewYork));
        Assert.Equal(new TimeSpan(9, 30, 0), newYork.Open.TimeOfDay);
        Assert.Equal(new TimeSpan(16, 0, 0), newYork.Close.TimeOfDay);
        Assert.True(UsEquityCalendar.IsTradingDay(DateOnly.FromDateTime(newYork.Open.DateTime)));
        Assert.True(UsEquityCalendar.IsTradingDay(DateOnly.FromDateTime(newYork.Close.DateTime)));
        Assert.True(nextOpen > now && nextClose > now);
        var isOpen = clock.GetProperty("is_open").GetBoolean();
        Assert.Equal(isOpen, nextClose < nextOpen); // open: the session closes before the next opens
        Assert.True(isOpen ? nextClose - now <= TimeSpan.FromHours(6.5) : nextOpen - now <= TimeSpan.FromDays(5), clock.GetRawText());
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
