using System.IO.Compression;
using System.Text;
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

    [Fact]
    public void Rows_are_read_across_a_byte_order_mark_crlf_cr_blank_lines_and_a_row_longer_than_the_read_buffer()
    {
        using var folder = new TempFolder();
        var longRow = new string(' ', 100_000) + "14400467,1674300,400,P,20002000,0"; // padded time field: longer than the 64 KiB buffer
        var path = folder.WriteZip("lean/equity/usa/tick/spy/20131007_trade.zip", "20131007_spy_Trade_Tick.csv",
            "\uFEFF14400464,1674100,100,P,20002000,0\r\n\r\n14400465,1674150,200,P,20002000,0\r14400466,1674200,300,P,20002000,1\n" + longRow + "\n14400468,1674400,500,P,20002000,0");

        var ticks = LeanTickReader.ReadTrades(path).ToList();

        // The suspicious row (flag 1) is skipped; the last row has no newline.
        Assert.Equal([167.41m, 167.415m, 167.43m, 167.44m], ticks.Select(t => t.Price.Value));
        Assert.Equal([100m, 200m, 400m, 500m], ticks.Select(t => t.Size.Value));
        Assert.Equal(new DateTime(2013, 10, 7, 8, 0, 0, 467, DateTimeKind.Utc), ticks[2].Timestamp);
    }

    [Theory]
    [InlineData("14400465,1674100,100,P,20002000,2", "suspicious flag '2' is not 0 or 1")]
    [InlineData("x14400465,1674100,100,P,20002000,0", "time 'x14400465' is not milliseconds since midnight")]
    [InlineData("86400000,1674100,100,P,20002000,0", "time '86400000' is not milliseconds since midnight")]
    [InlineData("14400465,1674100,-5,P,20002000,0", "size -5 is negative")]
    [InlineData("14400465,1674100,1e,P,20002000,0", "size '1e' is not a number")]
    [InlineData("14400465,1674100,100,P", "expected 6 fields (equity) or 3 (crypto), found 4")]
    public void A_malformed_row_after_crlf_and_blank_lines_is_reported_with_its_line(string row, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.WriteZip("lean/equity/usa/tick/spy/20131007_trade.zip", "20131007_spy_Trade_Tick.csv", "14400464,1674100,100,P,20002000,0\r\n\r\n" + row + "\r\n");

        var error = Assert.Throws<DataFileException>(() => LeanTickReader.ReadTrades(path).ToList());

        Assert.Equal(3, error.LineNumber);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_quote_row_is_reported_with_its_line()
    {
        using var folder = new TempFolder();
        var path = folder.WriteZip("lean/equity/usa/tick/ibm/20131007_quote.zip", "20131007_ibm_Quote_Tick.csv",
            "14400054,0,0,1836300,100,P,0,0\n14400241,18001x0,300,0,0,P,0,0\n");

        var error = Assert.Throws<DataFileException>(() => LeanTickReader.ReadQuotes(path).ToList());

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("bid price '18001x0' is not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_tick_file_is_refused_with_a_clear_error()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lean/equity/usa/tick/spy/20131007_trade.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("20131007_spy_Trade_Tick.csv").Open(), Encoding.Unicode))
        {
            writer.Write("14400464,1674100,100,P,20002000,0\n");
        }

        var error = Assert.Throws<DataFileException>(() => LeanTickReader.ReadTrades(path).ToList());

        Assert.Null(error.LineNumber);
        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }
}
