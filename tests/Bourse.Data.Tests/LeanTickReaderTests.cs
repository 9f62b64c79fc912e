using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class LeanTickReaderTests
{
    private static string Spy(string day) => RepositoryPaths.Shared($"lean/equity/usa/tick/spy/{day}_trade.zip");

    [Fact]
    public void Spy_trade_ticks_stream_with_new_york_times_in_utc_and_prices_in_dollars()
    {
        var ticks = LeanTickReader.ReadTrades(Spy("20131007")).ToList();

        // The file has 250,601 rows (no newline after the last), none flagged suspicious on this day.
        Assert.Equal(250_601, ticks.Count);
        var first = ticks[0];
        Assert.Equal(InstrumentId.Parse("SPY.NASDAQ"), first.Instrument);

        // Row 14400464,1674100,100,P,20002000,0: 04:00:00.464 EDT = 08:00:00.464 UTC, $167.41, 100 shares.
        Assert.Equal(new DateTime(2013, 10, 7, 8, 0, 0, 464, DateTimeKind.Utc), first.Timestamp);
        Assert.Equal(167.41m, first.Price.Value);
        Assert.Equal(100m, first.Size.Value);
        Assert.Null(first.Aggressor);

        // Last row 71999536,1673000,100,K,2000,0 (19:59:59.536 EDT).
        Assert.Equal(new DateTime(2013, 10, 7, 23, 59, 59, 536, DateTimeKind.Utc), ticks[^1].Timestamp);
        Assert.Equal(167.3m, ticks[^1].Price.Value);
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
    }

    [Fact]
    public void Suspicious_ticks_are_skipped_unless_asked_for()
    {
        // 2013-10-10 holds 460,032 rows (no newline after the last); ten carry the suspicious flag.
        Assert.Equal(460_032, LeanTickReader.ReadTrades(Spy("20131010"), includeSuspicious: true).Count());
        Assert.Equal(460_022, LeanTickReader.ReadTrades(Spy("20131010")).Count());
    }

    [Fact]
    public void Ibm_one_sided_quote_rows_combine_into_quotes_once_both_sides_are_known()
    {
        var quotes = LeanTickReader.ReadQuotes(RepositoryPaths.Shared("lean/equity/usa/tick/ibm/20131007_quote.zip")).Take(3).ToList();

        // 14400054: ask only (183.63 x 100), no quote yet; 14400241: bid 180.01 x 300 → first quote; then ask 181.80 x 3000.
        Assert.Equal(new DateTime(2013, 10, 7, 8, 0, 0, 241, DateTimeKind.Utc), quotes[0].Timestamp);
        Assert.Equal((180.01m, 183.63m, 300m, 100m), (quotes[0].Bid.Value, quotes[0].Ask.Value, quotes[0].BidSize.Value, quotes[0].AskSize.Value));
        Assert.Equal((180.01m, 181.8m, 3000m), (quotes[1].Bid.Value, quotes[1].Ask.Value, quotes[1].AskSize.Value));
        Assert.Equal((181.24m, 181.8m), (quotes[2].Bid.Value, quotes[2].Ask.Value));
    }

    [Fact]
    public void A_malformed_tick_row_names_file_entry_and_line()
    {
        using var folder = new TempFolder();
        var path = folder.WriteZip("lean/equity/usa/tick/spy/20131007_trade.zip", "20131007_spy_Trade_Tick.csv", "14400464,1674100,100,P,20002000,0\n14400465,16x4100,1400,P,20002000,0\n");

        var error = Assert.Throws<DataFileException>(() => LeanTickReader.ReadTrades(path).ToList());

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("20131007_spy_Trade_Tick.csv", error.EntryName);
        Assert.Contains("price '16x4100' is not a number", error.Message, StringComparison.Ordinal);
    }
}
