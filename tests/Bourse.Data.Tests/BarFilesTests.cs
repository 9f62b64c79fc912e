using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class BarFilesTests
{
    private static readonly InstrumentId Spy = InstrumentId.Parse("SPY.NASDAQ");
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");

    [Fact]
    public void Sample_folder_reads_every_file_merged_in_time_order()
    {
        var bars = BarFiles.Read(RepositoryPaths.SampleData);

        Assert.Equal(4128 + 3887, bars.Count);
        Assert.Equal(4128, bars.Count(b => b.Instrument == Spy));
        Assert.Equal(3887, bars.Count(b => b.Instrument == Btc));
        for (var i = 1; i < bars.Count; i++)
        {
            var (a, b) = (bars[i - 1], bars[i]);
            Assert.True(a.OpenTime < b.OpenTime || (a.OpenTime == b.OpenTime && string.CompareOrdinal(a.Instrument.ToString(), b.Instrument.ToString()) < 0));
        }

        // The 2013 SPY bars come before the 2018 BTC bars.
        Assert.Equal(Spy, bars[0].Instrument);
        Assert.Equal(Btc, bars[^1].Instrument);
    }

    [Fact]
    public void Folder_merges_instruments_of_the_same_time_and_skips_unsupported_files()
    {
        using var temp = new TempFolder();
        File.Copy(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131008_trade.zip"), Combine(temp, "lean/equity/usa/minute/spy/20131008_trade.zip"));
        File.Copy(RepositoryPaths.Shared("lean/equity/usa/minute/ibm/20131008_trade.zip"), Combine(temp, "lean/equity/usa/minute/ibm/20131008_trade.zip"));
        File.Copy(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131008_quote.zip"), Combine(temp, "lean/equity/usa/minute/spy/20131008_quote.zip"));
        temp.WriteText("lean/equity/usa/factor_files/spy.csv", "20131008,1,1,165\n");
        temp.WriteText("notes.txt", "hello");
        temp.WriteText("other/readme.csv", "just,some,words\n");

        var bars = BarFiles.Read(temp.Path);

        Assert.Equal(828 + 424, bars.Count);
        var openingMinute = bars.Where(b => b.OpenTime == new DateTime(2013, 10, 8, 13, 30, 0, DateTimeKind.Utc)).Select(b => b.Instrument.ToString()).ToArray();
        Assert.Equal(["IBM.NASDAQ", "SPY.NASDAQ"], openingMinute);
        Assert.Equal(2, BarFiles.Files(temp.Path).Count);
        Assert.Equal(["IBM.NASDAQ", "SPY.NASDAQ"], BarFiles.Instruments(temp.Path).Select(i => i.Id.ToString()));
    }

    [Fact]
    public void Folder_with_a_malformed_file_fails_with_its_name_and_line()
    {
        using var temp = new TempFolder();
        File.Copy(RepositoryPaths.Shared("lean/crypto/coinbase/minute/btcusd/20180404_trade.zip"), Combine(temp, "crypto/coinbase/minute/btcusd/20180404_trade.zip"));
        temp.WriteZip("crypto/coinbase/minute/btcusd/20180405_trade.zip", "20180405_btcusd_minute_trade.csv", "0,1,1,1,1,1\n60000,1,1,1,1\n");

        var e = Assert.Throws<DataFileException>(() => BarFiles.Read(temp.Path));

        Assert.Contains("20180405_trade.zip:20180405_btcusd_minute_trade.csv line 2: expected 6 fields, found 5", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lean/equity/usa/minute/spy/20131008_trade.zip", "SPY.NASDAQ", AssetClass.Equity)]
    [InlineData("lean/equity/usa/hour/aapl.zip", "AAPL.NASDAQ", AssetClass.Equity)]
    [InlineData("lean/equity/usa/daily/qqq.zip", "QQQ.NASDAQ", AssetClass.Equity)]
    [InlineData("lean/crypto/coinbase/minute/btcusd/20180404_trade.zip", "BTCUSD.COINBASE", AssetClass.Crypto)]
    [InlineData("lean/crypto/bybit/minute/btcusdt/20221213_trade.zip", "BTCUSDT.BYBIT", AssetClass.Crypto)]
    [InlineData("lean/crypto/coinbase/daily/btcusd_trade.zip", "BTCUSD.COINBASE", AssetClass.Crypto)]
    public void Instrument_inference_from_lean_paths(string file, string id, AssetClass assetClass)
    {
        var instrument = BarFiles.DescribeInstrument(RepositoryPaths.Shared(file));

        Assert.Equal(InstrumentId.Parse(id), instrument.Id);
        Assert.Equal(assetClass, instrument.AssetClass);
        Assert.Equal(assetClass == AssetClass.Equity ? 1m : 0.00000001m, instrument.LotSize);
        Assert.Equal(id.Contains("USDT.", StringComparison.Ordinal) ? "USDT" : "USD", instrument.QuoteCurrency);
    }

    [Fact]
    public void Given_instrument_overrides_the_path()
    {
        var file = RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131008_trade.zip");
        var arca = InstrumentId.Parse("SPY.ARCA");

        Assert.All(BarFiles.Read(file, arca), b => Assert.Equal(arca, b.Instrument));
        var described = BarFiles.DescribeInstrument(file, arca);
        Assert.Equal(arca, described.Id);
        Assert.Equal(AssetClass.Equity, described.AssetClass);
    }

    [Fact]
    public void Sample_instruments()
    {
        var instruments = BarFiles.Instruments(RepositoryPaths.SampleData);

        Assert.Equal([Instrument.Crypto(Btc), Instrument.Equity(Spy)], instruments);
    }

    [Fact]
    public void Unsupported_lean_files_are_told_apart()
    {
        Assert.False(BarFiles.IsSupported(RepositoryPaths.Shared("lean/equity/usa/tick/spy/20131007_trade.zip"), out var tick));
        Assert.Contains("tick", tick, StringComparison.Ordinal);
        Assert.False(BarFiles.IsSupported(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_quote.zip"), out var quote));
        Assert.Contains("quote", quote, StringComparison.Ordinal);
        Assert.True(BarFiles.IsSupported(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_trade.zip"), out _));
    }

    private static string Combine(TempFolder temp, string relative)
    {
        var path = Path.Combine(temp.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
