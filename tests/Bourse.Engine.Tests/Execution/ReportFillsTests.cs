using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Engine.Tests.Execution;

/// <summary>A backtest report's fills (kept in a few bytes each, see <c>FillLog</c>) are the run's fills, all of them, in order.</summary>
public class ReportFillsTests
{
    [Fact]
    public void A_report_lists_every_fill_the_run_published_in_order_across_thousands_of_fills()
    {
        // The real SPY minute bars of 2013-10-07..11 (4,839 bars): one market order of alternating side per bar.
        var bars = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy")).Where(b => b.OpenTime.Year == 2013).ToList();
        var side = Side.Buy;
        var strategy = new ScriptedStrategy
        {
            OnBarAction = (s, bar) =>
            {
                s.Submit(OrderRequest.Market(bar.Instrument, side, 1m));
                side = side == Side.Buy ? Side.Sell : Side.Buy;
            },
        };
        var observer = new RecordingSink();
        var settings = new RunSettings(Kit.Run, [Instrument.Equity(bars[0].Instrument)], RiskSettings.Default);

        var report = BacktestRunner.Run(strategy, bars, settings, observer);

        var published = observer.Events.OfType<OrderEventRecorded>().Select(e => e.Event).OfType<OrderFilled>().ToList();
        Assert.True(published.Count > 4_000, $"only {published.Count} fills");
        Assert.Equal(published, report.Fills); // by value, in order, through the enumerator
        Assert.Equal(published.Count, report.Fills.Count);
        Assert.Equal(published[^1], report.Fills[report.Fills.Count - 1]); // through the indexer, in the last block
        Assert.Equal(published[1_500], report.Fills[1_500]);
        Assert.Throws<ArgumentOutOfRangeException>(() => report.Fills[report.Fills.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => report.Fills[-1]);

        // Kept in a few bytes per fill (112 as a struct of its values): next ids, a minute later, a price a few cents away.
        var log = Assert.IsType<FillLog>(report.Fills);
        Assert.True(log.EncodedBytes < 6L * log.Count, $"{log.EncodedBytes / (double)log.Count:F2} bytes per fill");
    }
}
