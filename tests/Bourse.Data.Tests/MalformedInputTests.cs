using Bourse.Data.Files;

namespace Bourse.Data.Tests;

public sealed class MalformedInputTests
{
    private const string Entry = "20131007_spy_minute_trade.csv";
    private const string Good = "34200000,1674500,1675200,1674000,1675000,525757\n";

    private static DataFileException ReadLean(string content, string relative = "equity/usa/minute/spy/20131007_trade.zip", string entry = Entry)
    {
        using var temp = new TempFolder();
        var file = temp.WriteZip(relative, entry, content);
        return Assert.Throws<DataFileException>(() => BarFiles.Read(file));
    }

    private static DataFileException ReadCsv(string content, string name = "BTCUSD.COINBASE.csv")
    {
        using var temp = new TempFolder();
        var file = temp.WriteText(name, content);
        return Assert.Throws<DataFileException>(() => BarFiles.Read(file));
    }

    [Fact]
    public void Lean_wrong_field_count_names_file_entry_and_line()
    {
        var e = ReadLean(Good + Good.Replace("34200000", "34260000", StringComparison.Ordinal) + "34320000,1674500,1675200,1674000\n");

        Assert.EndsWith("20131007_trade.zip", e.FilePath, StringComparison.Ordinal);
        Assert.Equal(Entry, e.EntryName);
        Assert.Equal(3, e.LineNumber);
        Assert.Contains($"20131007_trade.zip:{Entry} line 3: expected 6 fields, found 4", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc,1,1,1,1,1", "time 'abc' is not milliseconds since midnight")]
    [InlineData("86400000,1,1,1,1,1", "is not milliseconds since midnight")]
    [InlineData("34200000,1x,1,1,1,1", "open '1x' is not a number")]
    [InlineData("34200000,1,1,1,1,-5", "volume -5 is negative")]
    [InlineData("34200000,100,90,95,95,1", "breaks low <= open")]
    [InlineData("34200000,1,2,1,1,1\n34200000,1,2,1,1,1", "is not after the previous row")]
    public void Lean_malformed_rows(string content, string expected)
    {
        var e = ReadLean(content);

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(Entry, e.Message, StringComparison.Ordinal);
        Assert.Equal(content.Contains('\n', StringComparison.Ordinal) ? 2 : 1, e.LineNumber);
    }

    [Fact]
    public void Lean_daily_bad_time()
    {
        var e = ReadLean("20131007 00:00,1,1,1,1,1\n2013-10-08,1,1,1,1,1", "equity/usa/daily/spy.zip", "spy.csv");

        Assert.Contains("spy.zip:spy.csv line 2: time '2013-10-08' is not YYYYMMDD HH:mm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_zip()
    {
        using var temp = new TempFolder();
        var file = temp.WriteText("crypto/coinbase/minute/btcusd/20180404_trade.zip", "not a zip");

        var e = Assert.Throws<DataFileException>(() => BarFiles.Read(file));

        Assert.Contains("not a valid zip archive", e.Message, StringComparison.Ordinal);
        Assert.Null(e.LineNumber);
    }

    [Fact]
    public void Lean_quote_and_files_outside_the_layout_are_refused_with_a_reason()
    {
        using var temp = new TempFolder();
        var quote = temp.WriteZip("equity/usa/minute/spy/20131007_quote.zip", "x.csv", "");
        var loose = temp.WriteZip("loose/20131007_trade.zip", Entry, Good);

        Assert.Contains("quote files are not read as bars", Assert.Throws<DataFileException>(() => BarFiles.Read(quote)).Message, StringComparison.Ordinal);
        Assert.Contains("not a LEAN trade-bar zip", Assert.Throws<DataFileException>(() => BarFiles.Read(loose)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,1,1,1\n", 3, "expected 5 fields, found 4")]
    [InlineData("time,open,high,low,close\n2024-01-01,1,1,1,1\n01/02/2024,1,1,1,1\n", 3, "time '01/02/2024' is not ISO 8601")]
    [InlineData("time,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,1,one,1,1\n", 3, "high 'one' is not a number")]
    [InlineData("time,open,high,low,close,volume\n2024-01-01,1,1,1,1,1\n2024-01-02,1,1,1,1,-1\n", 3, "volume -1 is negative")]
    [InlineData("time,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,1,1,2,1\n", 3, "breaks low <= open")]
    [InlineData("time,open,high,low,close\n2024-01-02,1,1,1,1\n2024-01-01,1,1,1,1\n", 3, "is not after the previous row")]
    [InlineData("when,open,high,low,close\n2024-01-01,1,1,1,1\n", 1, "header has no time (timestamp, time, date, datetime, open_time) column")]
    [InlineData("date,open,high,low\n2024-01-01,1,1,1\n", 1, "header has no close column")]
    public void Csv_malformed_rows(string content, int line, string expected)
    {
        var e = ReadCsv(content);

        Assert.Equal(line, e.LineNumber);
        Assert.Contains($"BTCUSD.COINBASE.csv line {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("time,open,high,low,close\n", "has a header but no rows")]
    [InlineData("time,open,high,low,close\n2024-01-01,1,1,1,1\n", "cannot infer the bar period from a single row")]
    public void Csv_whole_file_problems(string content, string expected)
    {
        var e = ReadCsv(content);

        Assert.Null(e.LineNumber);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_given_period_longer_than_the_spacing_is_an_overlap()
    {
        using var temp = new TempFolder();
        var file = temp.WriteText("BTCUSD.COINBASE.csv", "time,open,high,low,close\n2024-01-01 00:00,1,1,1,1\n2024-01-01 00:01,1,1,1,1\n");

        var e = Assert.Throws<DataFileException>(() => BarFiles.Read(file, period: Sdk.MarketData.BarPeriod.OneHour));

        Assert.Equal(3, e.LineNumber);
        Assert.Contains("before the previous 1h bar closes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_without_instrument_is_a_clear_error()
    {
        var e = ReadCsv("time,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,1,1,1,1\n", "prices.csv");

        Assert.Contains("prices.csv: the instrument is not given and the file name does not name one", e.Message, StringComparison.Ordinal);
        Assert.Throws<DataFileException>(() => BarFiles.DescribeInstrument("prices.csv"));
    }

    [Fact]
    public void Missing_path_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => BarFiles.Read(Path.Combine(Path.GetTempPath(), "no-such-bourse-data", Guid.NewGuid().ToString("N"))));
    }
}
