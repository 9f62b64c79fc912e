using Bourse.Engine.Accounting;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Accounting;

public class MarginTests
{
    internal static readonly InstrumentId BtcPerp = InstrumentId.Parse("BTC-PERP.FTX");

    internal static RunSettings Perpetual(decimal leverage, decimal cash = 10_000m, decimal feeBps = 0m) =>
        new(Kit.Run, [Instrument.Perpetual(BtcPerp)], new RiskSettings { Leverage = leverage }, cash, "USD", feeBps);

    [Fact]
    public void A_perpetual_holds_margin_instead_of_paying_the_notional()
    {
        var h = new Harness(Perpetual(10m)).Feed(Kit.Flat(0, 40_000m, BtcPerp));
        h.Submit(OrderRequest.Market(BtcPerp, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 40_000m, BtcPerp), Kit.Flat(2, 41_000m, BtcPerp));
        var p = h.Run.Portfolio;
        Assert.Equal(10_000m, p.Cash.Amount); // no notional changed hands
        Assert.Equal(11_000m, p.Equity.Amount); // + 1 000 unrealized
        Assert.Equal(4_100m, p.InitialMargin.Amount); // 41 000 / 10
        Assert.Equal(205m, p.MaintenanceMargin.Amount); // 41 000 × 0.5 %
        Assert.Equal(6_900m, p.MarginAvailable.Amount);
        Assert.Equal(10m, p.Leverage);

        h.Submit(OrderRequest.Market(BtcPerp, Side.Sell, 1m));
        h.Feed(Kit.Flat(3, 39_000m, BtcPerp)); // closed at 39 000: −1 000 realized into cash
        Assert.Equal(9_000m, p.Cash.Amount);
        Assert.Equal(9_000m, p.Equity.Amount);
        Assert.Equal(0m, p.InitialMargin.Amount);
    }

    [Fact]
    public void Buying_power_limits_new_exposure_to_equity_times_leverage()
    {
        var h = new Harness(Perpetual(5m)).Feed(Kit.Flat(0, 20_000m, BtcPerp));
        h.Submit(OrderRequest.Market(BtcPerp, Side.Sell, 2m)); // short 2: initial margin 8 000 of 10 000
        h.Feed(Kit.Flat(1, 20_000m, BtcPerp));
        h.Submit(OrderRequest.Market(BtcPerp, Side.Sell, 0.6m));
        Assert.Equal("insufficient buying power: the order needs an initial margin of 2400 USD at leverage 5, 2000 USD is available", h.LastRejection().Reason);
        h.Submit(OrderRequest.Market(BtcPerp, Side.Sell, 0.5m));
        h.Submit(OrderRequest.Market(BtcPerp, Side.Buy, 4m)); // reverses to long 2: |−2 → +2| does not grow, no margin needed beyond
        Assert.Equal(2, h.Run.OpenOrders.Count);
        Assert.Equal(1, h.Run.Statistics().Risk!.Denials["buying_power"]);
    }

    [Fact]
    public void Equity_below_the_maintenance_margin_liquidates_at_market()
    {
        var h = new Harness(Perpetual(20m)).Feed(Kit.Flat(0, 40_000m, BtcPerp));
        h.Submit(OrderRequest.Market(BtcPerp, Side.Buy, 5m)); // 200 000 notional, initial margin 10 000
        h.Submit(OrderRequest.Limit(BtcPerp, Side.Buy, 0.01m, 30_000m));
        h.Feed(Kit.Flat(1, 40_000m, BtcPerp));
        h.Feed(Kit.Flat(2, 38_200m, BtcPerp)); // equity 1 000 ≥ maintenance 955
        Assert.Empty(h.Sink.Of<MarginCalled>());
        h.Feed(Kit.Flat(3, 38_100m, BtcPerp)); // equity 500 < maintenance 952.5

        var call = Assert.Single(h.Sink.Of<MarginCalled>());
        Assert.Equal((500m, 952.5m, 1), (call.Equity, call.MaintenanceMargin, call.LiquidationOrders));
        Assert.Equal("margin call: equity 500 USD fell below the maintenance margin 952.5 USD; margined positions are liquidated at market", call.Reason);
        var liquidation = Assert.Single(h.Sink.Orders<OrderSubmitted>(), o => o.Request.Tag == "liquidation");
        Assert.Equal((Side.Sell, 5m), (liquidation.Request.Side, liquidation.Request.Quantity.Value));
        Assert.Contains(h.Sink.Orders<OrderCanceled>(), c => c.Reason.StartsWith("margin call", StringComparison.Ordinal));

        h.Feed(Kit.Flat(4, 38_000m, BtcPerp));
        Assert.Single(h.Sink.Of<MarginCalled>()); // not called twice while the liquidation order works
        Assert.True(h.Run.Portfolio.Position(BtcPerp).IsFlat);
        Assert.Equal(10_000m - (2_000m * 5m), h.Run.Portfolio.Cash.Amount);
        Assert.Equal(1, h.Run.Statistics().Risk!.MarginCalls);
    }

    [Fact]
    public void Leverage_above_the_instruments_maximum_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PaperAccount("USD", 1m, [Instrument.Perpetual(BtcPerp)], leverage: 50m));
        Assert.StartsWith("The leverage 50 exceeds the largest leverage 20 that BTC-PERP.FTX allows.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PaperAccount("USD", 1m, [Instrument.Perpetual(BtcPerp)], leverage: 0.5m));
    }

    [Fact]
    public void The_perpetual_quote_currency_comes_from_the_symbol()
    {
        Assert.Equal("USD", Instrument.Perpetual(BtcPerp).QuoteCurrency);
        Assert.Equal("USDT", Instrument.Perpetual(InstrumentId.Parse("BTCUSDT-PERP.BINANCE")).QuoteCurrency);
        Assert.True(Instrument.Perpetual(BtcPerp).IsMargined);
        Assert.False(Instrument.Equity(Kit.Spy).IsMargined);
    }
}
