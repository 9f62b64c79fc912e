using Bourse.Engine.Accounting;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Tests.Accounting;

public class MultiCurrencyTests
{
    private static readonly InstrumentId Sap = InstrumentId.Parse("SAP.XETRA");
    private static readonly InstrumentId EurUsd = InstrumentId.Parse("EURUSD.FX");
    private static readonly InstrumentId Toyota = InstrumentId.Parse("7203.TSE");
    private static readonly InstrumentId UsdJpy = InstrumentId.Parse("USD/JPY.FX");
    private static readonly InstrumentId Vod = InstrumentId.Parse("VOD.LSE");

    private static Instrument Stock(InstrumentId id, string currency) => new(id, AssetClass.Equity, currency, 0.01m, 1m);

    private static Instrument Fx(InstrumentId id, string quote) => new(id, AssetClass.Crypto, quote, 0.00001m, 0.01m);

    private static RunSettings Settings(RiskSettings? risk = null, params Instrument[] instruments) =>
        new(Kit.Run, instruments, risk ?? RiskSettings.Default, 100_000m, "USD", 0m);

    [Fact]
    public void Totals_convert_foreign_balances_and_positions_at_the_conversion_instruments_last_price()
    {
        var h = new Harness(Settings(null, Stock(Sap, "EUR"), Fx(EurUsd, "USD")));
        h.Feed(Kit.Flat(0, 1.10m, EurUsd), Kit.Flat(0, 100m, Sap));
        h.Submit(OrderRequest.Market(Sap, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 1.10m, EurUsd), Kit.Flat(1, 100m, Sap)); // bought 10 SAP @ 100 EUR
        Assert.Equal(new Money(-1_000m, "EUR"), h.Run.Portfolio.Balance("EUR"));
        Assert.Equal(100_000m, h.Run.Portfolio.Equity.Amount); // −1 000 EUR + 1 000 EUR of SAP

        h.Feed(Kit.Flat(2, 1.20m, EurUsd), Kit.Flat(2, 110m, Sap));
        var p = h.Run.Portfolio;
        Assert.Equal([new Money(100_000m, "USD"), new Money(-1_000m, "EUR")], p.Balances);
        Assert.Equal(new Money(100_000m - 1_200m, "USD"), p.Cash);
        Assert.Equal(100_000m - 1_200m + (10m * 110m * 1.20m), p.Equity.Amount);
        Assert.Equal(100m, p.Position(Sap).UnrealizedPnl); // quote currency
        Assert.Equal(120m, h.Run.Statistics().UnrealizedPnl); // account currency
    }

    [Fact]
    public void Commissions_are_charged_in_the_quote_currency()
    {
        var h = new Harness(Settings(null, Stock(Sap, "EUR"), Fx(EurUsd, "USD")) with { FeeBps = 10m });
        h.Feed(Kit.Flat(0, 1.10m, EurUsd), Kit.Flat(0, 100m, Sap));
        h.Submit(OrderRequest.Market(Sap, Side.Buy, 10m));
        h.Feed(Kit.Flat(1, 1.10m, EurUsd), Kit.Flat(1, 100m, Sap));
        var fill = Assert.Single(h.Strategy.Fills);
        Assert.Equal(new Money(1m, "EUR"), fill.Commission);
        Assert.Equal(-1_001m, h.Run.Portfolio.Balance("EUR").Amount);
        Assert.Equal(1.1m, h.Run.Statistics().Commissions);
    }

    [Fact]
    public void An_inverse_pair_converts_with_one_over_its_price()
    {
        var h = new Harness(Settings(null, Stock(Toyota, "JPY"), Fx(UsdJpy, "JPY")));
        h.Feed(Kit.Flat(0, 150m, UsdJpy), Kit.Flat(0, 3_000m, Toyota));
        h.Submit(OrderRequest.Market(Toyota, Side.Buy, 100m));
        h.Feed(Kit.Flat(1, 150m, UsdJpy), Kit.Flat(1, 3_000m, Toyota), Kit.Flat(2, 125m, UsdJpy), Kit.Flat(2, 3_300m, Toyota));
        // −300 000 JPY cash + 100 × 3 300 JPY of shares = 30 000 JPY = 240 USD at 125 JPY per USD.
        Assert.Equal(100_000m + 240m, h.Run.Portfolio.Equity.Amount);
    }

    [Fact]
    public void A_configured_rate_converts_when_no_conversion_instrument_is_traded()
    {
        var settings = Settings(new RiskSettings(MaxOrderNotional: 1_000m), Stock(Vod, "GBP")) with { ConversionRates = new Dictionary<string, decimal> { ["GBP"] = 1.25m } };
        var h = new Harness(settings).Feed(Kit.Flat(0, 100m, Vod));
        h.Submit(OrderRequest.Market(Vod, Side.Buy, 9m));
        Assert.Equal("max order notional 1000 USD exceeded (order notional 1125 USD)", h.LastRejection().Reason);
        h.Submit(OrderRequest.Market(Vod, Side.Buy, 8m));
        h.Feed(Kit.Flat(1, 100m, Vod));
        Assert.Equal(new Money(-800m, "GBP"), h.Run.Portfolio.Balance("GBP"));
        Assert.Equal(100_000m, h.Run.Portfolio.Equity.Amount);
    }

    [Fact]
    public void A_quote_currency_without_any_rate_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new PaperAccount("USD", 1_000m, [Stock(Sap, "EUR")]));
        Assert.StartsWith("Instrument SAP.XETRA is quoted in EUR, but there is no rate to convert EUR into the account currency USD: add a conversion instrument such as EURUSD or USDEUR to the run, or a EUR rate to the conversion rates.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PaperAccount("USD", 1_000m, [Stock(Sap, "EUR")], rates: new Dictionary<string, decimal> { ["EUR"] = 0m }));
    }

    [Fact]
    public void Orders_are_denied_until_the_conversion_instrument_has_a_price()
    {
        var h = new Harness(Settings(null, Stock(Sap, "EUR"), Fx(EurUsd, "USD"))).Feed(Kit.Flat(0, 100m, Sap));
        h.Submit(OrderRequest.Market(Sap, Side.Buy, 1m));
        var rejection = h.LastRejection();
        Assert.Equal("no conversion rate from EUR into USD yet (EURUSD.FX has no price and no rate is configured): cannot value the order in USD", rejection.Reason);
        Assert.Equal(1, h.Run.Statistics().Risk!.Denials[RiskCounters.Name(RiskCheck.NoPrice)]);
    }

    [Fact]
    public void Balance_of_an_unknown_currency_is_an_error()
    {
        var h = new Harness(Settings(null, Stock(Sap, "EUR"), Fx(EurUsd, "USD")));
        Assert.Throws<ArgumentException>(() => h.Run.Portfolio.Balance("CHF"));
    }
}
