using Bourse.Grpc.V1;
using Grpc.Core;
using static Bourse.Server.Tests.GrpcSocketServer;

namespace Bourse.Server.Tests;

/// <summary>
/// The Risk service over real sockets with the generated client, on a server whose paper accounts open with limits
/// (<c>Trading:Risk</c>): at most 1 BTC and 10,000 USD per order, limit prices within 50 % of the last price.
/// </summary>
public sealed class GrpcRiskTests(GrpcRiskTests.LimitedServer fixture) : IClassFixture<GrpcRiskTests.LimitedServer>
{
    private readonly Risk.RiskClient _risk = new(fixture.Channel);
    private readonly Orders.OrdersClient _orders = new(fixture.Channel);

    public sealed class LimitedServer() : IAsyncDisposable, IDisposable
    {
        private readonly GrpcSocketServer _server = new(new Dictionary<string, string>
        {
            ["Trading:Risk:MaxOrderQuantity"] = "1",
            ["Trading:Risk:MaxOrderNotional"] = "10000",
            ["Trading:Risk:PriceBandPct"] = "0.5",
        });

        public GrpcSocketServer Grpc => _server;

        public global::Grpc.Net.Client.GrpcChannel Channel => _server.Channel;

        public void Dispose() => _server.Dispose();

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    [Fact]
    public async Task CheckOrderRisk_refuses_with_every_failed_check_accepts_a_small_order_and_places_neither()
    {
        var trader = await fixture.Grpc.TraderWithPriceAsync("risk-checker");

        // 20 BTC at 7,000: more than the cash (100,000 USD), than 1 BTC and than 10,000 USD per order.
        var refused = await _risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "20", LimitPrice = "7000", TimeInForce = "gtc" }, trader);
        Assert.False(refused.Accepted);
        Assert.Equal(["buying_power", "max_order_quantity", "max_order_notional"], refused.Failures.Select(f => f.Check));
        Assert.StartsWith("insufficient buying power: the order costs about 140000 USD", refused.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Equal("max order quantity 1 exceeded (requested 20)", refused.Failures[1].Reason);
        Assert.Equal("max order notional 10000 USD exceeded (order notional 140000 USD)", refused.Failures[2].Reason);

        // A limit price far from the market breaks the price band; the reason is the one a placed order is rejected with.
        var banded = await _risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "0.5", LimitPrice = "1", TimeInForce = "gtc" }, trader);
        var band = Assert.Single(banded.Failures);
        Assert.Equal("price_band", band.Check);
        var placed = await Assert.ThrowsAsync<RpcException>(async () => await _orders.PlaceOrderAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "0.5", LimitPrice = "1", TimeInForce = "gtc" }, trader));
        Assert.Equal(StatusCode.InvalidArgument, placed.StatusCode);
        Assert.Contains(band.Reason[..20], placed.Status.Detail, StringComparison.Ordinal);

        var accepted = await _risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "0.01", LimitPrice = "7000", TimeInForce = "gtc" }, trader);
        Assert.True(accepted.Accepted);
        Assert.Empty(accepted.Failures);

        // Nothing but the rejected PlaceOrder reached the account.
        var all = await _orders.GetOrdersAsync(new GetOrdersRequest { Status = "all" }, trader);
        Assert.Equal(["rejected"], all.Orders.Select(o => o.Status));

        // A malformed request is refused as PlaceOrder refuses it, naming the field.
        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await _risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "1" }, trader));
        Assert.Equal((StatusCode.InvalidArgument, "limit_price"), (malformed.StatusCode, malformed.Trailers.GetValue("field")));
    }

    [Fact]
    public async Task GetRiskLimits_reports_the_configured_limits_and_the_state_a_kill_switch_sets()
    {
        var credential = await fixture.Grpc.SignUpAsync("risk-limits");
        var trader = Bearer(credential);

        var limits = await _risk.GetRiskLimitsAsync(new GetRiskLimitsRequest(), trader);
        Assert.Equal(TradingState.Active, limits.TradingState);
        Assert.Equal(("1", "10000", "0.5"), (limits.MaxOrderQuantity, limits.MaxOrderNotional, limits.PriceBandPct));
        Assert.Equal(("", 0, "", null), (limits.MaxPositionSize, limits.MaxPositions, limits.DailyLossLimit, limits.CircuitBreaker));
        Assert.Equal(("reduce", "halt", "1"), (limits.DailyLossAction, limits.DrawdownAction, limits.Leverage));
        Assert.Equal(100_000m, Money(limits.Equity));

        // The account is a run: its kill switch halts it, and orders are refused for that reason.
        using var rest = fixture.Grpc.RestClient(credential);
        var kill = await rest.PostAsync(new Uri($"/api/v1/strategies/{limits.AccountId}/kill", UriKind.Relative), null);
        Assert.True(kill.IsSuccessStatusCode, await kill.Content.ReadAsStringAsync());
        var halted = await _risk.GetRiskLimitsAsync(new GetRiskLimitsRequest(), trader);
        Assert.Equal(TradingState.Halted, halted.TradingState);
        Assert.Contains("kill switch pulled by risk-limits", halted.TradingStateReason, StringComparison.Ordinal);
        var check = await _risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "0.01", LimitPrice = "7000", TimeInForce = "gtc" }, trader);
        Assert.Equal($"trading is halted ({halted.TradingStateReason}): no orders are accepted", Assert.Single(check.Failures, f => f.Check == "trading_state").Reason);

        // Another user's account is untouched.
        var other = await _risk.GetRiskLimitsAsync(new GetRiskLimitsRequest(), Bearer(await fixture.Grpc.SignUpAsync("risk-limits-other")));
        Assert.Equal(TradingState.Active, other.TradingState);
        Assert.NotEqual(limits.AccountId, other.AccountId);
    }

    [Fact]
    public async Task GetPositions_shows_a_fill_with_its_average_price_market_price_and_pnl()
    {
        var trader = await fixture.Grpc.TraderWithPriceAsync("risk-positions");
        Assert.Empty((await _risk.GetPositionsAsync(new GetPositionsRequest(), trader)).Positions);

        var order = await _orders.PlaceOrderAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market", Qty = "0.02", TimeInForce = "gtc" }, trader);
        var filled = await fixture.Grpc.WaitForOrderAsync(order.Id, trader, o => o.Status == "filled", "the market order's fill");

        var position = Assert.Single((await _risk.GetPositionsAsync(new GetPositionsRequest { Symbols = { Btc } }, trader)).Positions);
        Assert.Equal((Btc, 0.02m, Money(filled.FilledAvgPrice)), (position.Symbol, Money(position.Qty), Money(position.AvgEntryPrice)));
        var market = Money(position.MarketPrice);
        Assert.True(market > 0m);
        Assert.Equal((market - Money(position.AvgEntryPrice)) * 0.02m, Money(position.UnrealizedPnl));
        Assert.Equal((0.02m * market, 0m), (Money(position.MarketValue), Money(position.RealizedPnl)));
        Assert.True(Money(position.Commissions) > 0m);
        Assert.Empty((await _risk.GetPositionsAsync(new GetPositionsRequest { Symbols = { "SPY.NASDAQ" } }, trader)).Positions);
    }

    [Fact]
    public async Task GetCircuitBreakerStatus_shows_a_tripped_instrument_until_when_and_CheckOrderRisk_names_it()
    {
        await using var server = new GrpcSocketServer(new Dictionary<string, string>
        {
            // Any move of BTC trips it; it then stays tripped for a day of feed time (14 s at the tests' 6000x replay).
            ["Trading:CircuitBreaker:MovePct"] = "0.000001",
            ["Trading:CircuitBreaker:WindowSeconds"] = "600",
            ["Trading:CircuitBreaker:CooldownSeconds"] = "86400",
        });
        var risk = new Risk.RiskClient(server.Channel);
        var trader = Bearer(await server.SignUpAsync("breaker-watcher"));

        CircuitBreakerStatus btc = null!;
        await BourseServer.WaitForAsync(
            async () => (btc = (await risk.GetCircuitBreakerStatusAsync(new GetCircuitBreakerStatusRequest { Symbols = { Btc } }, trader)).Breakers.Single()).Tripped,
            TimeSpan.FromSeconds(30),
            "BTC's breaker to trip");
        Assert.Equal(("0.000001", TimeSpan.FromMinutes(10), TimeSpan.FromDays(1)), (btc.Limit.MovePct, btc.Limit.Window.ToTimeSpan(), btc.Limit.Cooldown.ToTimeSpan()));
        Assert.NotNull(btc.HaltedUntil);
        var all = await risk.GetCircuitBreakerStatusAsync(new GetCircuitBreakerStatusRequest(), trader);
        Assert.Contains(all.Breakers, b => b.Symbol == "SPY.NASDAQ");

        var check = await risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "limit", Qty = "0.01", LimitPrice = "7000", TimeInForce = "gtc" }, trader);
        var failure = Assert.Single(check.Failures);
        Assert.Equal("circuit_breaker", failure.Check);
        Assert.StartsWith($"circuit breaker on {Btc} tripped: trading halted until", failure.Reason, StringComparison.Ordinal);
    }
}
