using Bourse.Data.Files;
using Bourse.Data.Streams;
using Bourse.Testing;

namespace Bourse.Data.Tests;

public sealed class MarketDataMergeTests
{
    private static IEnumerable<MarketDataItem>[] Sources() =>
    [
        MarketDataItem.Of(LeanTickReader.ReadTrades(RepositoryPaths.Shared("lean/equity/usa/tick/ibm/20131007_trade.zip"))),
        MarketDataItem.Of(LeanTickReader.ReadQuotes(RepositoryPaths.Shared("lean/equity/usa/tick/ibm/20131007_quote.zip"))),
        MarketDataItem.Of(LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_trade.zip"))),
        MarketDataItem.Of(LeanBarReader.ReadQuoteBars(RepositoryPaths.Shared("lean/equity/usa/minute/aig/20131007_quote.zip"))),
        MarketDataItem.Of(LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/minute/ibm/20131007_trade.zip"))),
    ];

    [Fact]
    public void Instruments_and_data_types_merge_into_one_ordered_stream()
    {
        var sources = Sources().Select(s => s.ToList()).ToList();

        var merged = MarketDataMerge.Merge(sources.ToArray<IEnumerable<MarketDataItem>>()).ToList();

        Assert.Equal(sources.Sum(s => s.Count), merged.Count);
        for (var i = 1; i < merged.Count; i++)
        {
            Assert.True(MarketDataMerge.Compare(merged[i - 1], merged[i]) <= 0, $"items {i - 1} and {i} are out of order");
        }

        // Each source's items keep their order in the merged stream.
        foreach (var source in sources)
        {
            var kind = source[0].Kind;
            var instrument = source[0].Instrument;
            Assert.Equal(source, merged.Where(m => m.Kind == kind && m.Instrument == instrument));
        }

        // Real ties occur: IBM and SPY minute bars close together, before IBM ticks stamped on the same minute.
        var closing = merged.FindIndex(m => m.Time == new DateTime(2013, 10, 7, 13, 31, 0, DateTimeKind.Utc));
        Assert.Equal(MarketDataKind.Bar, merged[closing].Kind);
        Assert.Equal("IBM", merged[closing].Instrument.Symbol);
        Assert.Equal(MarketDataKind.Bar, merged[closing + 1].Kind);
        Assert.Equal("SPY", merged[closing + 1].Instrument.Symbol);
        Assert.Equal(MarketDataKind.QuoteBar, merged[closing + 2].Kind);
    }

    [Fact]
    public void The_merge_is_deterministic_whatever_the_order_of_sources_of_distinct_instrument_and_kind()
    {
        var forward = MarketDataMerge.Merge(Sources()).ToList();
        var backward = MarketDataMerge.Merge(Sources().Reverse().ToArray()).ToList();

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void A_source_going_back_in_time_is_refused()
    {
        var bars = LeanBarReader.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy/20131007_trade.zip"));

        var error = Assert.Throws<InvalidOperationException>(() => MarketDataMerge.Merge(MarketDataItem.Of(bars.Reverse())).ToList());

        Assert.Contains("Source 0 goes back in time", error.Message, StringComparison.Ordinal);
    }
}
