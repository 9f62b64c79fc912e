using System.Globalization;
using System.Net;
using System.Text.Json;
using Bourse.Sdk.MarketData;
using static Bourse.Server.Tests.AlpacaClients;

namespace Bourse.Server.Tests;

/// <summary>
/// Alpaca's market data and the TradingView UDF datafeed over HTTP, against real sample bars stored in the database;
/// every expectation is computed here from those rows, independently of the server's aggregation.
/// </summary>
public sealed class MarketDataTests(StoredBarsServer stored) : IClassFixture<StoredBarsServer>
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private BourseServer Server => stored.Server;

    private IReadOnlyList<Bar> Spy => stored.Rows["SPY.NASDAQ"];

    private IReadOnlyList<Bar> Btc => stored.Rows["BTCUSD.COINBASE"];

    [Fact]
    public async Task Paging_through_stock_and_crypto_bars_reassembles_exactly_the_stored_series_both_ways()
    {
        var alpaca = await Server.CreateAlpacaClientAsync();
        var range = "start=2013-10-01T00:00:00Z&end=2013-10-31T00:00:00Z";
        var ascending = await PagesAsync(alpaca, $"/v2/stocks/SPY/bars?timeframe=1Min&{range}&limit=1000", j => j.GetProperty("bars"));
        Assert.Equal(5, ascending.Pages); // 4128 bars
        AssertSame(Spy, ascending.Bars);

        var descending = await PagesAsync(alpaca, $"/v2/stocks/SPY/bars?{range}&limit=1500&sort=desc", j => j.GetProperty("bars"));
        AssertSame(Spy.Reverse().ToList(), descending.Bars);

        var crypto = await PagesAsync(alpaca, "/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=1Min&start=2018-04-01&end=2018-04-30&limit=999", j => j.GetProperty("bars").GetProperty("BTC/USD"));
        AssertSame(Btc, crypto.Bars);

        // The multi-symbol form pages the same way (its limit runs over all the symbols, by symbol).
        var both = await PagesAsync(alpaca, "/v2/stocks/bars?symbols=SPY&timeframe=1Day&start=2013-01-01&end=2019-01-01&limit=2", j => j.GetProperty("bars").GetProperty("SPY"));
        Assert.Equal(3, both.Pages); // 5 days
        AssertSame(Expected(Spy, b => NewYorkBucket(b, TimeSpan.FromDays(1))), both.Bars);
    }

    [Theory]
    [InlineData("5Min", 5)]
    [InlineData("15Min", 15)]
    [InlineData("1Hour", 60)]
    [InlineData("4Hour", 240)]
    [InlineData("1Day", 1440)]
    public async Task Timeframes_aggregate_the_stored_minutes_as_computed_from_the_rows(string timeframe, int minutes)
    {
        var alpaca = await Server.CreateAlpacaClientAsync();
        var span = TimeSpan.FromMinutes(minutes);
        var spy = await PagesAsync(alpaca, $"/v2/stocks/SPY/bars?timeframe={timeframe}&start=2013-10-01&end=2013-10-31&limit=10000", j => j.GetProperty("bars"));
        AssertSame(Expected(Spy, b => NewYorkBucket(b, span)), spy.Bars); // equities: New York hours and days

        var btc = await PagesAsync(alpaca, $"/v1beta3/crypto/us/bars?symbols=BTCUSD&timeframe={timeframe}&start=2018-04-01&end=2018-04-30&limit=10000", j => j.GetProperty("bars").GetProperty("BTC/USD"));
        AssertSame(Expected(Btc, b => new DateTime(b.OpenTime.Ticks - (b.OpenTime.Ticks % span.Ticks), DateTimeKind.Utc)), btc.Bars); // crypto: UTC
    }

    [Fact]
    public async Task Latest_trade_quote_bar_and_snapshot_come_from_the_last_stored_bar()
    {
        var alpaca = await Server.CreateAlpacaClientAsync();
        var last = Spy[^1];
        var trade = (await ReadAsync(alpaca, "/v2/stocks/SPY/trades/latest")).GetProperty("trade");
        Assert.Equal(last.Close.Value, trade.GetProperty("p").GetDecimal());
        Assert.Equal(last.OpenTime.AddMinutes(1), trade.GetProperty("t").GetDateTime().ToUniversalTime());
        var quote = (await ReadAsync(alpaca, "/v2/stocks/quotes/latest?symbols=SPY")).GetProperty("quotes").GetProperty("SPY");
        Assert.Equal((last.Close.Value, last.Close.Value), (quote.GetProperty("bp").GetDecimal(), quote.GetProperty("ap").GetDecimal()));
        AssertSame([last], [(await ReadAsync(alpaca, "/v2/stocks/SPY/bars/latest")).GetProperty("bar")]);
        AssertSame([Btc[^1]], [(await ReadAsync(alpaca, "/v1beta3/crypto/us/latest/bars?symbols=BTC/USD")).GetProperty("bars").GetProperty("BTC/USD")]);
        Assert.Equal(Btc[^1].Close.Value, (await ReadAsync(alpaca, "/v1beta3/crypto/us/latest/trades?symbols=BTC/USD")).GetProperty("trades").GetProperty("BTC/USD").GetProperty("p").GetDecimal());

        var days = Expected(Spy, b => NewYorkBucket(b, TimeSpan.FromDays(1)));
        var snapshot = await ReadAsync(alpaca, "/v2/stocks/SPY/snapshot");
        Assert.Equal("SPY", snapshot.GetProperty("symbol").GetString());
        AssertSame([days[^1], days[^2], last], [snapshot.GetProperty("dailyBar"), snapshot.GetProperty("prevDailyBar"), snapshot.GetProperty("minuteBar")]);
        var snapshots = await ReadAsync(alpaca, "/v2/stocks/snapshots?symbols=SPY");
        AssertSame([days[^1]], [snapshots.GetProperty("SPY").GetProperty("dailyBar")]);
        var crypto = await ReadAsync(alpaca, "/v1beta3/crypto/us/snapshots?symbols=BTC/USD");
        Assert.Equal(Btc[^1].Close.Value, crypto.GetProperty("snapshots").GetProperty("BTC/USD").GetProperty("latestQuote").GetProperty("bp").GetDecimal());
    }

    [Fact]
    public async Task Bad_market_data_queries_get_alpaca_400s_naming_the_field()
    {
        var alpaca = await Server.CreateAlpacaClientAsync();
        Assert.Contains("timeframe", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/stocks/SPY/bars?timeframe=7Minutes"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("timeframe", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/stocks/SPY/bars?timeframe=1Month"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("symbols", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/stocks/BTCUSD/bars"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("start", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/stocks/SPY/bars?start=monday"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("limit", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/stocks/SPY/bars?limit=0"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("page_token", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v2/stocks/SPY/bars?page_token=garbage"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        Assert.Contains("loc", await AssertAlpacaErrorAsync(await alpaca.GetAsync("/v1beta3/crypto/mars/latest/bars?symbols=BTC/USD"), HttpStatusCode.BadRequest, 40010001), StringComparison.Ordinal);
        await AssertAlpacaErrorAsync(await Server.CreateAnonymousClient().GetAsync("/v1beta3/crypto/us/latest/bars?symbols=BTC/USD"), HttpStatusCode.Unauthorized, 40110000);
    }

    [Fact]
    public async Task Udf_history_answers_columns_no_data_with_next_time_and_countback()
    {
        var client = Server.CreateClient();
        var hours = Expected(Btc, b => new DateTime(b.OpenTime.Ticks - (b.OpenTime.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc));
        var (from, to) = (Unix(hours[3].OpenTime), Unix(hours[10].OpenTime)); // [from, to): hours 3..9
        var history = await ReadAsync(client, $"/api/v1/datafeed/history?symbol=BTCUSD.COINBASE&resolution=60&from={from}&to={to}");
        AssertColumns(hours.Skip(3).Take(7).ToList(), history);
        AssertColumns(hours.Skip(3).Take(7).ToList(), await ReadAsync(client, $"/api/v1/datafeed/bars?symbol=COINBASE:BTCUSD&resolution=60&from={from}&to={to}"));

        // countback wins over from: the 5 bars before `to`.
        AssertColumns(hours.Skip(5).Take(5).ToList(), await ReadAsync(client, $"/api/v1/datafeed/history?symbol=BTCUSD&resolution=60&from={to - 1}&to={to}&countback=5"));

        // Before the data: no_data without nextTime; after it: no_data with the newest bar's time.
        var before = await ReadAsync(client, $"/api/v1/datafeed/history?symbol=BTCUSD.COINBASE&resolution=60&from={Unix(new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc))}&to={Unix(new DateTime(2018, 1, 2, 0, 0, 0, DateTimeKind.Utc))}");
        Assert.Equal("no_data", before.GetProperty("s").GetString());
        Assert.False(before.TryGetProperty("nextTime", out _));
        var after = await ReadAsync(client, $"/api/v1/datafeed/history?symbol=BTCUSD.COINBASE&resolution=60&from={Unix(new DateTime(2018, 5, 1, 0, 0, 0, DateTimeKind.Utc))}&to={Unix(new DateTime(2018, 5, 2, 0, 0, 0, DateTimeKind.Utc))}");
        Assert.Equal("no_data", after.GetProperty("s").GetString());
        Assert.Equal(Unix(hours[^1].OpenTime), after.GetProperty("nextTime").GetInt64());

        // Day bars of an equity: New York days, stamped 00:00 UTC of their date; weeks start on Monday (2013-10-07).
        var days = Expected(Spy, b => NewYorkBucket(b, TimeSpan.FromDays(1)));
        var daily = await ReadAsync(client, $"/api/v1/datafeed/history?symbol=SPY&resolution=1D&from={Unix(new DateTime(2013, 10, 1, 0, 0, 0, DateTimeKind.Utc))}&to={Unix(new DateTime(2013, 10, 31, 0, 0, 0, DateTimeKind.Utc))}");
        Assert.Equal(days.Select(d => Unix(TimeZoneInfo.ConvertTimeFromUtc(d.OpenTime, NewYork).Date)), daily.GetProperty("t").EnumerateArray().Select(t => t.GetInt64()));
        var weekly = await ReadAsync(client, $"/api/v1/datafeed/history?symbol=SPY&resolution=1W&from=0&to={Unix(new DateTime(2013, 10, 31, 0, 0, 0, DateTimeKind.Utc))}");
        Assert.Equal([Unix(new DateTime(2013, 10, 7, 0, 0, 0, DateTimeKind.Utc))], weekly.GetProperty("t").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(Spy.Sum(b => b.Volume.Value), weekly.GetProperty("v")[0].GetDecimal());
    }

    [Fact]
    public async Task Udf_config_search_resolve_quotes_and_errors()
    {
        var client = Server.CreateClient();
        var config = await ReadAsync(client, "/api/v1/datafeed/config");
        Assert.Equal(["1", "5", "15", "60", "240", "1D", "1W"], config.GetProperty("supported_resolutions").EnumerateArray().Select(r => r.GetString()));
        var found = (await ReadAsync(client, "/api/v1/datafeed/search?query=spy")).EnumerateArray().ToList();
        Assert.Equal("SPY.NASDAQ", Assert.Single(found).GetProperty("ticker").GetString());
        var info = await ReadAsync(client, "/api/v1/datafeed/resolve/NASDAQ:SPY");
        Assert.Equal(("SPY.NASDAQ", 100, "America/New_York"), (info.GetProperty("ticker").GetString(), info.GetProperty("pricescale").GetInt32(), info.GetProperty("timezone").GetString()));
        Assert.Equal(8, (await ReadAsync(client, "/api/v1/datafeed/symbols?symbol=BTCUSD.COINBASE")).GetProperty("volume_precision").GetInt32());

        var quotes = (await ReadAsync(client, "/api/v1/datafeed/quotes?symbols=SPY.NASDAQ,NOPE")).GetProperty("d").EnumerateArray().ToList();
        var days = Expected(Spy, b => NewYorkBucket(b, TimeSpan.FromDays(1)));
        Assert.Equal(Spy[^1].Close.Value, quotes[0].GetProperty("v").GetProperty("lp").GetDecimal());
        Assert.Equal(days[^1].Close.Value - days[^2].Close.Value, quotes[0].GetProperty("v").GetProperty("ch").GetDecimal());
        Assert.Equal(("error", "NOPE"), (quotes[1].GetProperty("s").GetString(), quotes[1].GetProperty("n").GetString()));

        var unknown = await client.GetAsync("/api/v1/datafeed/resolve/NOPE");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("error", (await BourseServer.ReadJsonAsync(unknown)).GetProperty("s").GetString());
        var badResolution = await client.GetAsync("/api/v1/datafeed/history?symbol=SPY&resolution=7&from=0&to=1");
        Assert.Equal(HttpStatusCode.BadRequest, badResolution.StatusCode);
        Assert.Contains("resolution", (await BourseServer.ReadJsonAsync(badResolution)).GetProperty("errmsg").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.CreateAnonymousClient().GetAsync("/api/v1/datafeed/config")).StatusCode);
        Assert.True((await ReadAsync(client, "/api/v1/datafeed/time")).GetInt64() > 0);
    }

    /// <summary>OHLCV of the rows grouped by <paramref name="bucket"/>, computed here: first open, max high, min low, last close, summed volume.</summary>
    private static List<Bar> Expected(IReadOnlyList<Bar> rows, Func<Bar, DateTime> bucket) =>
        [.. rows.GroupBy(bucket).OrderBy(g => g.Key).Select(g => new Bar(
            g.First().Instrument, g.First().Period, g.Key, g.First().Open, g.Max(b => b.High.Value), g.Min(b => b.Low.Value), g.Last().Close, g.Sum(b => b.Volume.Value)))];

    /// <summary>The UTC start of the New York bucket of <paramref name="span"/> (≤ 1 day, from local midnight) holding the bar.</summary>
    private static DateTime NewYorkBucket(Bar bar, TimeSpan span)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(bar.OpenTime, NewYork);
        var start = local.Date.AddTicks(local.TimeOfDay.Ticks - (local.TimeOfDay.Ticks % span.Ticks));
        return TimeZoneInfo.ConvertTimeToUtc(start, NewYork);
    }

    private static void AssertSame(IReadOnlyList<Bar> expected, IReadOnlyList<JsonElement> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.OpenTime, DateTime.Parse(a.GetProperty("t").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
            Assert.Equal(
                (e.Open.Value, e.High.Value, e.Low.Value, e.Close.Value, e.Volume.Value),
                (a.GetProperty("o").GetDecimal(), a.GetProperty("h").GetDecimal(), a.GetProperty("l").GetDecimal(), a.GetProperty("c").GetDecimal(), a.GetProperty("v").GetDecimal()));
        }
    }

    private static void AssertColumns(IReadOnlyList<Bar> expected, JsonElement history)
    {
        Assert.Equal("ok", history.GetProperty("s").GetString());
        decimal[] Column(string name) => [.. history.GetProperty(name).EnumerateArray().Select(v => v.GetDecimal())];
        Assert.Equal(expected.Select(b => Unix(b.OpenTime)), history.GetProperty("t").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(expected.Select(b => b.Open.Value), Column("o"));
        Assert.Equal(expected.Select(b => b.High.Value), Column("h"));
        Assert.Equal(expected.Select(b => b.Low.Value), Column("l"));
        Assert.Equal(expected.Select(b => b.Close.Value), Column("c"));
        Assert.Equal(expected.Select(b => b.Volume.Value), Column("v"));
    }

    /// <summary>Follows next_page_token from <paramref name="path"/> to the end; returns every bar and the number of pages.</summary>
    private static async Task<(List<JsonElement> Bars, int Pages)> PagesAsync(HttpClient client, string path, Func<JsonElement, JsonElement> bars)
    {
        var (all, pages, token) = (new List<JsonElement>(), 0, (string?)null);
        do
        {
            var page = await ReadAsync(client, token is null ? path : $"{path}&page_token={Uri.EscapeDataString(token)}");
            all.AddRange(bars(page).EnumerateArray());
            pages++;
            token = page.GetProperty("next_page_token").GetString();
        }
        while (token is not null);
        return (all, pages);
    }

    private static long Unix(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
