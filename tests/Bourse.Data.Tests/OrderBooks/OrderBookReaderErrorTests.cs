using Bourse.Data.Files;
using Bourse.Data.OrderBooks;

namespace Bourse.Data.Tests.OrderBooks;

public sealed class OrderBookReaderErrorTests
{
    private const string TardisHeader = "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount\n";
    private const string TardisRow = "binance-futures,BTCUSDT,1598918403696000,1598918403810979,11657.08,1.714,11657.07,10.896\n";
    private const string BinanceRow = "BTCUSDT,1667346579146,2098021528332,2098021528332,b,snap,20377.00,1.770,-1\n";
    private const string BybitLine = """{"topic":"orderbook.500.XRPUSDT","type":"snapshot","ts":1733011200691,"data":{"s":"XRPUSDT","b":[["1.9531","6203"]],"a":[["1.9532","10"]],"u":1,"seq":2},"cts":1}""";

    private static DataFileException Fail(string name, string content, Func<string, IEnumerable<object>> read)
    {
        using var temp = new TempFolder();
        var file = temp.WriteText(name, content);
        var error = Assert.Throws<DataFileException>(() => read(file).ToList());
        Assert.Equal(file, error.FilePath);
        return error;
    }

    [Theory]
    [InlineData(",1.714,11657.07,10.896", 3, "expected 8 fields, found 7")]
    [InlineData(",abc,1.714,11657.07,10.896", 3, "asks[0].price 'abc' is not a number")]
    [InlineData(",11657.08,-1,11657.07,10.896", 3, "asks[0].amount -1 is negative")]
    [InlineData(",11657.08,1,0,10.896", 3, "bids[0].price 0 is not positive")]
    public void Tardis_malformed_rows_name_file_and_line(string tail, int line, string problem)
    {
        var bad = "binance-futures,BTCUSDT,1598918403696000,1598918403810979" + tail + "\n";
        var error = Fail("book.csv", TardisHeader + TardisRow + bad, f => TardisBookSnapshotReader.Read(f));

        Assert.Equal(line, error.LineNumber);
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void Tardis_rejects_a_header_that_is_not_a_book_snapshot()
    {
        var error = Fail("trades.csv", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n", f => TardisBookSnapshotReader.Read(f));

        Assert.Equal(1, error.LineNumber);
        Assert.StartsWith("not a Tardis book snapshot header", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BTCUSDT,1667346579146,2098021528332,2098021528332,x,snap,20377.00,1.770,-1", "side 'x' is neither b (bid) nor a (ask)")]
    [InlineData("BTCUSDT,1667346579146,2098021528332,2098021528332,b,diff,20377.00,1.770,-1", "update_type 'diff' is neither snap nor set")]
    [InlineData("BTCUSDT,soon,2098021528332,2098021528332,b,snap,20377.00,1.770,-1", "timestamp 'soon' is not a whole number")]
    [InlineData("BTCUSDT,1667346579146,2098021528332,2098021528330,b,set,20377.00,1.770,-1", "last_update_id 2098021528330 goes back from 2098021528332")]
    [InlineData("BTCUSDT,1667346579146,2098021528332,2098021528332,b,snap,20377.00", "expected 9 fields, found 7")]
    [InlineData(",1667346579146,2098021528332,2098021528332,b,snap,20377.00,1.770,-1", "symbol '' on venue 'BINANCE' is not an instrument id")]
    public void Binance_malformed_rows_name_file_and_line(string bad, string problem)
    {
        var error = Fail("depth.csv", BinanceDepthReader.Header + "\n" + BinanceRow + bad + "\n", f => BinanceDepthReader.Read(f));

        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Binance_rejects_another_header()
    {
        var error = Fail("depth.csv", "symbol,timestamp,price,qty\n", f => BinanceDepthReader.Read(f));

        Assert.Equal(1, error.LineNumber);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"type":"snapshot","ts":1,"data":{"s":"XRPUSDT","b":[],"a":[]}}""", "the field 'u' is missing")]
    [InlineData("""{"type":"update","ts":1,"data":{"s":"XRPUSDT","b":[],"a":[],"u":3}}""", "type 'update' is neither snapshot nor delta")]
    [InlineData("""{"type":"delta","ts":1,"data":{"s":"XRPUSDT","b":[["1.95"]],"a":[],"u":3}}""", "data.b[0] is not a [price, size] pair")]
    [InlineData("""{"type":"delta","ts":1,"data":{"s":"XRPUSDT","b":[],"a":[["1.95","x"]],"u":3}}""", "data.a[0] size 'x' is not a number")]
    public void Bybit_malformed_lines_name_file_and_line(string bad, string problem)
    {
        var error = Fail("ob.data", BybitLine + "\n" + bad + "\n", f => BybitOrderBookReader.Read(f));

        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }
}
