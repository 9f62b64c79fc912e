using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Tests.Brokers;

/// <summary>
/// A run that trades through an Alpaca-compatible broker: a second Bourse server on Kestrel (real sockets) is the broker,
/// its <c>/v2</c> paper account of user "broker-client" the account; the first server is configured with that user's API
/// key as <c>Brokers:Alpaca:remote</c>. The trader's account (1,000,000 USD) is larger than the broker's (100,000 USD), so
/// the trader's own risk check passes an order the broker refuses for buying power.
/// </summary>
public sealed class AlpacaBrokerTests : IAsyncLifetime
{
    private const string Trader = """
        using Bourse.Sdk.MarketData;
        using Bourse.Sdk.Orders;
        using Bourse.Sdk.Strategies;
        using Bourse.Sdk.Values;

        namespace Uploaded;

        [Strategy("Broker Trader", Description = "Buys at market, rests a limit far below and cancels it after the fill, and asks for more than the broker's buying power.")]
        public sealed class BrokerTrader : Strategy
        {
            private ClientOrderId? _replaced;
            private ClientOrderId? _canceled;
            private bool _filled;

            public override void OnBar(Bar bar)
            {
                if (_replaced is not null)
                {
                    return;
                }

                _replaced = SubmitOrder(OrderRequest.Limit(bar.Instrument, Side.Buy, new Quantity(0.02m), new Price(1000m)));
                _canceled = SubmitOrder(OrderRequest.Limit(bar.Instrument, Side.Buy, new Quantity(0.01m), new Price(1000m)));
                SubmitOrder(OrderRequest.Market(bar.Instrument, Side.Buy, new Quantity(0.01m)));
                SubmitOrder(OrderRequest.Market(bar.Instrument, Side.Buy, new Quantity(20m)));
            }

            public override void OnOrderFilled(OrderFilled fill)
            {
                if (!_filled)
                {
                    _filled = true;
                    CancelOrder(_canceled!.Value);
                    ModifyOrder(_replaced!.Value, limitPrice: new Price(1001m));
                }
            }
        }
        """;

    private readonly BourseServer _broker = new();
    private BourseServer _trader = null!;
    private HttpClient _account = null!;

    private static decimal Number(JsonElement value) => decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var address = _broker.StartOnKestrel();
        var token = await _broker.SignUpAsync("broker-client");
        _account = await _broker.CreateAlpacaClientAsync(token);

        // The broker's account opens with its first request and values orders once its run has seen a BTC price (until
        // then a market order is refused with 422 "no market price yet"; an unaffordable one then gets 403).
        await BourseServer.WaitForAsync(async () =>
            (await _account.PostAsJsonAsync("/v2/orders", new { symbol = "BTC/USD", qty = "1000", side = "buy", type = "market", time_in_force = "gtc" })).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(60), "a BTC price in the broker's paper account");
        var key = _account.DefaultRequestHeaders.GetValues("APCA-API-KEY-ID").Single();
        var secret = _account.DefaultRequestHeaders.GetValues("APCA-API-SECRET-KEY").Single();
        _trader = new BourseServer(null, new Dictionary<string, string>
        {
            ["Runs:StartingCash"] = "1000000",
            ["Brokers:Alpaca:remote:BaseUrl"] = address.ToString(),
            ["Brokers:Alpaca:remote:KeyId"] = key,
            ["Brokers:Alpaca:remote:SecretKey"] = secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _trader.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task A_run_trades_through_another_bourse_servers_v2_its_fills_come_back_over_the_stream_and_cancels_replaces_and_refusals_too()
    {
        var plugin = (await BourseServer.ReadJsonAsync(await _trader.UploadSourceAsync("broker-trader.cs", Trader))).GetProperty("data").GetProperty("id").GetGuid();
        var start = await _trader.StartAsync(new { plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, broker = "remote" });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var runId = (await BourseServer.ReadJsonAsync(start)).GetProperty("data").GetProperty("run_id").GetGuid();

        async Task<Dictionary<string, string>> TraderOrdersAsync()
        {
            await using var db = _trader.OpenDatabase();
            return await db.Orders.Where(o => o.RunId == runId).ToDictionaryAsync(o => o.ClientOrderId, o => o.Status);
        }

        try
        {
            await BourseServer.WaitForAsync(
                async () => await TraderOrdersAsync() is { Count: 4 } o && o["O-000002"] == "canceled" && o["O-000003"] == "filled" && o["O-000004"] == "rejected",
                TimeSpan.FromSeconds(60), "the run's orders answered by the broker");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Orders: {string.Join(", ", await TraderOrdersAsync())}; trader log: {string.Join(" | ", _trader.Logs)}", e);
        }

        // At the broker: the account's orders carry the run's ids; the filled one, the canceled one, the replaced one still open.
        var atBroker = (await BourseServer.ReadJsonAsync(await _account.GetAsync("/v2/orders?status=all&limit=500"))).EnumerateArray()
            .ToDictionary(o => o.GetProperty("client_order_id").GetString()!);
        var prefix = runId.ToString("N") + "-";
        Assert.Equal([prefix + "O-000001", prefix + "O-000002", prefix + "O-000003"], atBroker.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("canceled", atBroker[prefix + "O-000002"].GetProperty("status").GetString());
        var brokerFill = atBroker[prefix + "O-000003"];
        Assert.Equal(("filled", 0.01m), (brokerFill.GetProperty("status").GetString(), Number(brokerFill.GetProperty("filled_qty"))));
        await BourseServer.WaitForAsync(
            async () => (await BourseServer.ReadJsonAsync(await _account.GetAsync("/v2/orders?status=open"))).EnumerateArray()
                .Any(o => Number(o.GetProperty("limit_price")) == 1001m),
            TimeSpan.FromSeconds(30), "the replaced limit at the broker");

        // The broker's "replaced" report reaches the run over the stream and the database through the batched writer: wait for it.
        await BourseServer.WaitForAsync(
            async () =>
            {
                await using var db = _trader.OpenDatabase();
                return (await db.Orders.SingleAsync(o => o.RunId == runId && o.ClientOrderId == "O-000001")).LimitPrice == 1001m;
            },
            TimeSpan.FromSeconds(30), "the replaced limit in the run's orders");

        await using (var db = _trader.OpenDatabase())
        {
            // The fill came back over the stream at the broker's price, into the run's fills and positions.
            var fill = await db.Fills.SingleAsync(f => f.RunId == runId);
            Assert.Equal((0.01m, Number(brokerFill.GetProperty("filled_avg_price"))), (fill.Quantity, fill.Price));
            Assert.Equal(0.01m, (await db.Positions.SingleAsync(p => p.RunId == runId)).NetQuantity);

            var orders = await db.Orders.Where(o => o.RunId == runId).ToDictionaryAsync(o => o.ClientOrderId);
            Assert.Equal("canceled by strategy", orders["O-000002"].Reason);
            Assert.Contains("buying power", orders["O-000004"].Reason, StringComparison.OrdinalIgnoreCase);
        }

        await BourseServer.WaitForAsync(
            async () => (await BourseServer.ReadJsonAsync(await _account.GetAsync("/v2/positions"))).EnumerateArray()
                .Any(p => p.GetProperty("symbol").GetString() == "BTC/USD" && Number(p.GetProperty("qty")) == 0.01m),
            TimeSpan.FromSeconds(30), "the broker's position");

        // The run's stop cancels its open order at the broker too.
        Assert.Equal(HttpStatusCode.OK, (await _trader.CreateClient().PostAsync($"/api/v1/strategies/{runId}/stop", null)).StatusCode);
        await BourseServer.WaitForAsync(
            async () => (await BourseServer.ReadJsonAsync(await _account.GetAsync("/v2/orders?status=open"))).GetArrayLength() == 0,
            TimeSpan.FromSeconds(30), "no open order left at the broker");
    }

    [Fact]
    public async Task A_start_naming_an_unknown_broker_is_refused_with_the_field_and_the_configured_names()
    {
        var plugin = (await BourseServer.ReadJsonAsync(await _trader.UploadSourceAsync("broker-trader-2.cs", Trader.Replace("Broker Trader", "Broker Trader 2", StringComparison.Ordinal))))
            .GetProperty("data").GetProperty("id").GetGuid();

        var start = await _trader.StartAsync(new { plugin_id = plugin, symbols = new[] { "BTCUSD.COINBASE" }, broker = "nowhere" });

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        var errors = (await BourseServer.ReadJsonAsync(start)).GetProperty("errors");
        Assert.Contains("configured: remote", errors.GetProperty("broker")[0].GetString(), StringComparison.Ordinal);
        await using var db = _trader.OpenDatabase();
        Assert.False(await db.Runs.AnyAsync(r => r.PluginId == plugin));
        Assert.DoesNotContain(_trader.Logs, line => line.Contains(_account.DefaultRequestHeaders.GetValues("APCA-API-SECRET-KEY").Single(), StringComparison.Ordinal));
    }
}
