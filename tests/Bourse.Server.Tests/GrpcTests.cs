using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Grpc.V1;
using Bourse.Persistence.Writing;
using Bourse.Plugins;
using Bourse.Sdk.Identifiers;
using Bourse.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Bourse.Server.Tests;

/// <summary>
/// The gRPC services through the real server with the client generated from protos/bourse/v1 (Bourse.Grpc): over the
/// test server's HTTP/2 handler, and once over a real socket on the Grpc:Url endpoint.
/// </summary>
public sealed class GrpcTests : IAsyncLifetime
{
    private const string Btc = "BTCUSD.COINBASE";
    private readonly BourseServer _server = new();
    private GrpcChannel? _channel;

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(_server.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _server.Server.CreateHandler() });

    private Metadata Admin => Bearer(_server.AdminKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        await _server.DisposeAsync();
    }

    private static decimal Money(string wire) => decimal.Parse(wire, System.Globalization.CultureInfo.InvariantCulture);

    private static Metadata Bearer(string credential) => new() { { "authorization", $"Bearer {credential}" } };

    [Fact]
    public async Task Every_service_refuses_a_call_without_a_credential_or_with_a_wrong_one()
    {
        var strategies = new Strategy.StrategyClient(Channel);
        var market = new MarketData.MarketDataClient(Channel);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await strategies.ListStrategiesAsync(new ListStrategiesRequest()));
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        var wrong = await Assert.ThrowsAsync<RpcException>(async () => await market.GetQuoteAsync(new GetQuoteRequest { Symbol = Btc }, Bearer("bk_nope.nope")));
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);

        using var stream = market.SubscribeQuotes(new SubscribeQuotesRequest { Symbols = { Btc } });
        var streamed = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unauthenticated, streamed.StatusCode);
    }

    [Fact]
    public async Task ListStrategies_is_the_catalogue_the_caller_sees()
    {
        var upload = await _server.UploadSourceAsync("every.cs", Strategies.EveryBar("Admin Only Every Bar"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var client = new Strategy.StrategyClient(Channel);

        var admin = await client.ListStrategiesAsync(new ListStrategiesRequest(), Admin);
        var rest = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync("/api/v1/plugins?limit=500"));
        Assert.Equal(
            rest.GetProperty("data").GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList(),
            admin.Strategies.Select(s => s.Id).ToList());
        var ema = admin.Strategies.Single(s => s.Name == "EMA Crossover");
        Assert.Equal("built_in", ema.Kind);
        Assert.Contains("FastPeriod", ema.ParametersJson, StringComparison.Ordinal);

        var trader = await client.ListStrategiesAsync(new ListStrategiesRequest(), Bearer(await _server.SignUpAsync("grpc-lister")));
        Assert.Contains(trader.Strategies, s => s.Name == "EMA Crossover");
        Assert.DoesNotContain(trader.Strategies, s => s.Name == "Admin Only Every Bar");
    }

    [Fact]
    public async Task Quotes_follow_the_replay_feed_live_and_bad_symbols_name_the_field()
    {
        var client = new MarketData.MarketDataClient(Channel);
        using var stream = client.SubscribeQuotes(new SubscribeQuotesRequest { Symbols = { Btc } }, Admin);
        var quotes = new List<Quote>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (quotes.Count < 5 && await stream.ResponseStream.MoveNext(timeout.Token))
            {
                quotes.Add(stream.ResponseStream.Current);
            }
        }

        Assert.Equal(5, quotes.Count);
        Assert.All(quotes, q => Assert.Equal(Btc, q.Symbol));
        Assert.All(quotes, q => Assert.Equal(q.Bar.Close, q.Price));
        var times = quotes.Select(q => q.Time.ToDateTime()).ToList();
        Assert.Equal(times.Order().Distinct(), times); // one new bar after another, in time order

        // GetQuote: the latest bar's close from the feed, at or after the quotes streamed so far.
        var latest = await client.GetQuoteAsync(new GetQuoteRequest { Symbol = Btc }, Admin);
        Assert.Equal(Btc, latest.Symbol);
        Assert.True(latest.Time.ToDateTime() >= times[^1]);
        Assert.True(decimal.Parse(latest.Price, System.Globalization.CultureInfo.InvariantCulture) > 0m);

        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await client.GetQuoteAsync(new GetQuoteRequest { Symbol = "BTCUSD" }, Admin));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal("symbol", malformed.Trailers.GetValue("field"));
        using var unknown = client.SubscribeQuotes(new SubscribeQuotesRequest { Symbols = { Btc, "DOGE.MOON" } }, Admin);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await unknown.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("symbols", refused.Trailers.GetValue("field"));
        Assert.Contains("DOGE.MOON", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoricalBars_returns_the_stored_bars_as_the_REST_API()
    {
        var client = new MarketData.MarketDataClient(Channel);
        GetHistoricalBarsResponse bars = new();
        await BourseServer.WaitForAsync(
            async () => (bars = await client.GetHistoricalBarsAsync(new GetHistoricalBarsRequest { Symbol = Btc, Limit = 3 }, Admin)).Bars.Count == 3,
            TimeSpan.FromSeconds(20),
            "three stored bars");

        var to = bars.Bars[^1].OpenTime.ToDateTime();
        var fixedRange = await client.GetHistoricalBarsAsync(new GetHistoricalBarsRequest { Symbol = Btc, Limit = 3, To = bars.Bars[^1].OpenTime }, Admin);
        var rest = await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync($"/api/v1/market/bars?symbol={Btc}&limit=3&to={to:O}"));
        var expected = rest.GetProperty("data").EnumerateArray().Select(b => (b.GetProperty("open_time").GetDateTime(), b.GetProperty("close").GetDecimal(), b.GetProperty("volume").GetDecimal())).ToList();
        Assert.Equal(expected, fixedRange.Bars.Select(b => (b.OpenTime.ToDateTime(), decimal.Parse(b.Close, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(b.Volume, System.Globalization.CultureInfo.InvariantCulture))).ToList());
        Assert.All(fixedRange.Bars, b => Assert.Equal(60, b.PeriodSeconds));

        var tooMany = await Assert.ThrowsAsync<RpcException>(async () => await client.GetHistoricalBarsAsync(new GetHistoricalBarsRequest { Symbol = Btc, Limit = 5001 }, Admin));
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Equal("limit", tooMany.Trailers.GetValue("field"));
    }

    [Fact]
    public async Task A_run_starts_reports_its_status_and_stops_and_belongs_to_its_owner()
    {
        var client = new Strategy.StrategyClient(Channel);
        var trader = Bearer(await _server.SignUpAsync("grpc-trader"));
        var ema = (await client.ListStrategiesAsync(new ListStrategiesRequest(), trader)).Strategies.Single(s => s.Name == "EMA Crossover");

        var started = await client.StartStrategyAsync(
            new StartStrategyRequest { PluginId = ema.Id, Symbols = { Btc }, Parameters = { ["FastPeriod"] = Google.Protobuf.WellKnownTypes.Value.ForNumber(5) } },
            trader);
        Assert.Equal("running", started.Status);
        Assert.Equal([Btc], started.Symbols);
        var rest = await _server.StatusAsync(Guid.Parse(started.RunId));
        Assert.Equal("running", rest.GetProperty("status").GetString());
        Assert.Equal(5, rest.GetProperty("parameters").GetProperty("FastPeriod").GetInt32());

        var status = await client.GetStrategyStatusAsync(new RunRequest { RunId = started.RunId }, trader);
        Assert.Equal(started.RunId, status.RunId);

        // Another trader does not see it; a viewer may read but not start.
        var other = Bearer(await _server.SignUpAsync("grpc-other"));
        var hidden = await Assert.ThrowsAsync<RpcException>(async () => await client.GetStrategyStatusAsync(new RunRequest { RunId = started.RunId }, other));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var notStoppable = await Assert.ThrowsAsync<RpcException>(async () => await client.StopStrategyAsync(new RunRequest { RunId = started.RunId }, other));
        Assert.Equal(StatusCode.NotFound, notStoppable.StatusCode);
        var viewer = Bearer(await _server.SignUpAsync("grpc-viewer", "viewer"));
        Assert.NotEmpty((await client.ListStrategiesAsync(new ListStrategiesRequest(), viewer)).Strategies);
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await client.StartStrategyAsync(new StartStrategyRequest { PluginId = ema.Id, Symbols = { Btc } }, viewer));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var stopped = await client.StopStrategyAsync(new RunRequest { RunId = started.RunId }, trader);
        Assert.Equal("stopped", stopped.Status);
        Assert.NotNull(stopped.EndTime);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await client.StopStrategyAsync(new RunRequest { RunId = started.RunId }, trader));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var badSymbol = await Assert.ThrowsAsync<RpcException>(async () => await client.StartStrategyAsync(new StartStrategyRequest { PluginId = ema.Id, Symbols = { "NOPE.NOWHERE" } }, trader));
        Assert.Equal(StatusCode.InvalidArgument, badSymbol.StatusCode);
        Assert.Equal("symbols", badSymbol.Trailers.GetValue("field"));
        var badId = await Assert.ThrowsAsync<RpcException>(async () => await client.GetStrategyStatusAsync(new RunRequest { RunId = "42" }, trader));
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Equal("run_id", badId.Trailers.GetValue("field"));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await client.GetStrategyStatusAsync(new RunRequest { RunId = Guid.NewGuid().ToString() }, trader));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_run_s_status_counts_the_same_closed_trades_as_the_REST_status()
    {
        var client = new Strategy.StrategyClient(Channel);
        var plugin = (await BourseServer.ReadJsonAsync(await _server.UploadSourceAsync("grpc-closing.cs", Strategies.EveryBar("Grpc Closing"))))
            .GetProperty("data").GetProperty("id").GetString()!;

        // Alternating buy and sell signals every 2 bars, each executed: every other fill reduces the position.
        var started = await client.StartStrategyAsync(
            new StartStrategyRequest
            {
                PluginId = plugin,
                Symbols = { Btc },
                Parameters = { ["every"] = Google.Protobuf.WellKnownTypes.Value.ForNumber(2) },
                Risk = new RiskLimits { AutoExecute = true, PositionSizePct = "0.1" },
            },
            Admin);
        var runId = Guid.Parse(started.RunId);
        await BourseServer.WaitForAsync(
            async () => (await _server.StatusAsync(runId)).GetProperty("closed_trades").GetInt32() >= 2, TimeSpan.FromSeconds(60), "two closed trades in the REST status");

        var stopped = await client.StopStrategyAsync(new RunRequest { RunId = started.RunId }, Admin);
        var rest = await _server.StatusAsync(runId);
        Assert.Equal(rest.GetProperty("closed_trades").GetInt32(), stopped.ClosedTrades);
        Assert.InRange(stopped.ClosedTrades, 2, stopped.TotalTrades);
        Assert.Equal(stopped.ClosedTrades, (await client.GetStrategyStatusAsync(new RunRequest { RunId = started.RunId }, Admin)).ClosedTrades);
    }

    [Fact]
    public async Task RunBacktest_streams_increasing_progress_then_the_report_BacktestRunner_gives()
    {
        var client = new Strategy.StrategyClient(Channel);
        var ema = (await client.ListStrategiesAsync(new ListStrategiesRequest(), Admin)).Strategies.Single(s => s.Name == "EMA Crossover");
        var spy = BarFiles.Instruments(RepositoryPaths.SampleData).Single(i => i.Id.Symbol == "SPY");

        using var call = client.RunBacktest(
            new RunBacktestRequest { PluginId = ema.Id, Symbols = { spy.Id.ToString() }, StartingCash = "50000", Parameters = { ["FastPeriod"] = Google.Protobuf.WellKnownTypes.Value.ForNumber(5) } },
            Admin);
        var updates = new List<BacktestUpdate>();
        while (await call.ResponseStream.MoveNext())
        {
            updates.Add(call.ResponseStream.Current);
        }

        var progress = updates.Where(u => u.UpdateCase == BacktestUpdate.UpdateOneofCase.Progress).Select(u => u.Progress).ToList();
        Assert.True(progress.Count >= 10, $"{progress.Count} progress messages");
        Assert.Equal(progress.Select(p => p.BarsDone).Distinct().Order(), progress.Select(p => p.BarsDone).Distinct());
        Assert.Equal(1.0, progress[^1].Fraction);
        Assert.Equal(BacktestUpdate.UpdateOneofCase.Report, updates[^1].UpdateCase);
        Assert.Single(updates, u => u.UpdateCase == BacktestUpdate.UpdateOneofCase.Report);
        var report = updates[^1].Report;
        Assert.Equal("completed", report.Status);

        // The same backtest run directly: the server's bars of SPY, the catalogue's strategy, the server's fees.
        var bars = BarFiles.Read(RepositoryPaths.SampleData).Where(b => b.Instrument == spy.Id).ToList();
        Assert.Equal(bars.Count, progress[^1].BarsTotal);
        var plugin = StrategyPlugin.AllIn(System.Reflection.Assembly.Load("Bourse.Strategies")).Single(p => p.Metadata.Name == "EMA Crossover");
        var direct = BacktestRunner.Run(
            plugin.CreateInstance(plugin.Bind(new Dictionary<string, string> { ["FastPeriod"] = "5" })),
            bars,
            new RunSettings(RunId.New(), [spy], RiskSettings.Default with { AutoExecute = true }, 50_000m, spy.QuoteCurrency, FeeBps: 1m));
        Assert.True(direct.Statistics.TotalTrades > 0);
        Assert.Equal(RunStatisticsJson.Serialize(direct.Statistics), report.Statistics.StatisticsJson);
        Assert.Equal(direct.Statistics.NetPnl.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Statistics.NetPnl);
        Assert.Equal(direct.Fills.Count, report.Trades.Count);
        Assert.Equal(direct.EquityCurve.Count, report.EquityCurve.Count);

        // Stored: the REST API has the same backtest, completed, with the same statistics.
        var id = updates[0].BacktestId;
        var stored = (await BourseServer.ReadJsonAsync(await _server.CreateClient().GetAsync($"/api/v1/backtests/{id}"))).GetProperty("data");
        Assert.Equal("completed", stored.GetProperty("status").GetString());
        Assert.Equal(1.0, stored.GetProperty("progress").GetDouble());
        Assert.Equal(
            JsonSerializer.Serialize(JsonDocument.Parse(report.Statistics.StatisticsJson).RootElement),
            JsonSerializer.Serialize(stored.GetProperty("report").GetProperty("statistics")));

        var bad = client.RunBacktest(new RunBacktestRequest { PluginId = ema.Id, Symbols = { spy.Id.ToString() }, StartingCash = "-5" }, Admin);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await bad.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("starting_cash", refused.Trailers.GetValue("field"));
    }

    [Fact]
    public async Task The_grpc_endpoint_serves_HTTP2_on_a_real_socket()
    {
        await using var server = new GrpcSocketServer();
        var strategies = await new Strategy.StrategyClient(server.Channel).ListStrategiesAsync(new ListStrategiesRequest(), Bearer(server.Server.AdminKey));
        Assert.Contains(strategies.Strategies, s => s.Name == "EMA Crossover");
    }

    [Fact]
    public async Task Orders_place_list_cancel_and_stream_the_paper_account_s_updates_and_name_an_invalid_field()
    {
        var trader = Bearer(await _server.SignUpAsync("grpc-orders"));
        var orders = new Orders.OrdersClient(Channel);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var stream = orders.SubscribeOrderUpdates(new SubscribeOrderUpdatesRequest(), trader, cancellationToken: cancel.Token);
        var updates = new List<OrderUpdate>();
        var listening = Task.Run(async () =>
        {
            while (await stream.ResponseStream.MoveNext(cancel.Token))
            {
                updates.Add(stream.ResponseStream.Current);
                if (stream.ResponseStream.Current.Event == "fill")
                {
                    return;
                }
            }
        });

        var limit = await orders.PlaceOrderAsync(
            new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "0.01", LimitPrice = "1", TimeInForce = "gtc", ClientOrderId = "grpc-limit" }, trader);
        Assert.Equal(("grpc-limit", "limit", "gtc", 0.01m, 1m), (limit.ClientOrderId, limit.Type, limit.TimeInForce, Money(limit.Qty), Money(limit.LimitPrice)));

        // A market order waits for the account's first price (refused, naming symbol, until then).
        Order? market = null;
        await BourseServer.WaitForAsync(
            async () =>
            {
                try
                {
                    market = await orders.PlaceOrderAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market", Qty = "0.01" }, trader);
                    return true;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && e.Trailers.GetValue("field") == "symbol")
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "a price for the market order");
        Order filled = null!;
        await BourseServer.WaitForAsync(
            async () => (filled = await orders.GetOrderStatusAsync(new OrderRequest { OrderId = market!.Id }, trader)).Status == "filled", TimeSpan.FromSeconds(60), "the market order's fill");
        Assert.Equal(0.01m, Money(filled.FilledQty));
        Assert.NotEmpty(filled.FilledAvgPrice);

        var all = await orders.GetOrdersAsync(new GetOrdersRequest { Status = "all" }, trader);
        Assert.Equal([market!.Id, limit.Id], all.Orders.Select(o => o.Id).ToList());
        var open = await orders.GetOrdersAsync(new GetOrdersRequest(), trader);
        Assert.Equal(limit.Id, Assert.Single(open.Orders).Id);

        await orders.CancelOrderAsync(new OrderRequest { OrderId = limit.Id }, trader);
        await BourseServer.WaitForAsync(
            async () => (await orders.GetOrderStatusAsync(new OrderRequest { OrderId = limit.Id }, trader)).Status == "canceled", TimeSpan.FromSeconds(30), "the limit order's cancel");

        await listening;
        Assert.Contains(updates, u => u.Event == "new" && u.Order.Id == market.Id);
        var fill = Assert.Single(updates, u => u.Event == "fill");
        Assert.Equal((0.01m, 0.01m, Money(filled.FilledAvgPrice)), (Money(fill.Qty), Money(fill.PositionQty), Money(fill.Price)));

        // Bad input names its field; another user's order is NOT_FOUND.
        var noPrice = await Assert.ThrowsAsync<RpcException>(async () => await orders.PlaceOrderAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "1" }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "limit_price"), (noPrice.StatusCode, noPrice.Trailers.GetValue("field")));
        var badQty = await Assert.ThrowsAsync<RpcException>(async () => await orders.PlaceOrderAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market", Qty = "abc" }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "qty"), (badQty.StatusCode, badQty.Trailers.GetValue("field")));
        var foreign = await Assert.ThrowsAsync<RpcException>(async () => await orders.GetOrderStatusAsync(new OrderRequest { OrderId = limit.Id }, Admin));
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
    }
}
