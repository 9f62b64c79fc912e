using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Calendars;
using Bourse.Engine.Clock;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Indicators;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Engine.Tests.Statistics;

/// <summary>Equity sampled per trading day, on the real SPY minute bars of 2013-10-04..11 (04:00–20:00 ET).</summary>
public class EquitySamplingTests
{
    private static readonly string SpyFolder = RepositoryPaths.Shared("lean/equity/usa/minute/spy");

    private static readonly Lazy<IReadOnlyList<Bar>> Week = new(() => BarFiles.Read(SpyFolder).Where(b => b.OpenTime.Year == 2013).ToList());

    [Fact]
    public void Trading_day_sampling_keeps_the_last_mark_of_each_trading_day_and_the_same_fills()
    {
        var (perBar, perBarEvents) = Backtest(EquitySampling.Bar);
        var (perDay, perDayEvents) = Backtest(EquitySampling.TradingDay);

        Assert.Equal(perBar.Fills.Select(f => (f.Timestamp, f.FillPrice, f.FillQuantity)), perDay.Fills.Select(f => (f.Timestamp, f.FillPrice, f.FillQuantity)));
        Assert.True(perBar.Fills.Count >= 4);
        // The per-bar curve's last point before each session close (16:00 New York); marks after the close count
        // towards the next trading day: 10-04, 10-07..10-11, and the evening of 10-11 for Monday 10-14.
        var calendar = TradingCalendars.UsEquities;
        var expected = perBar.EquityCurve.GroupBy(p => calendar.SessionClose(p.Timestamp.AddTicks(-1))).Select(g => g.Last()).ToList();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, perDay.EquityCurve);
        Assert.Equal(252d, perDay.Statistics.Performance.PeriodsPerYear);
        Assert.Equal(perBar.Statistics.NetPnl, perDay.Statistics.NetPnl);

        // One mark-to-market per sample (the last at stop), besides the one after every fill.
        Assert.Equal(perBar.EquityCurve.Count + perBar.Fills.Count, perBarEvents.Of<AccountUpdated>().Count());
        var marks = Marks(perDayEvents);
        Assert.Equal(perDay.EquityCurve, marks.Select(m => new EquityPoint(m.Timestamp, m.Equity)));
    }

    [Fact]
    public void Bars_in_the_steady_state_allocate_nothing_in_the_kernel()
    {
        var week = Week.Value;
        var later = week.Select(b => b.ShiftedBy(TimeSpan.FromDays(14))).ToList();
        var risk = new RiskSettings(MaxPositionSize: 50_000m, DailyLossLimit: 10_000m, AutoExecute: true)
        {
            MaxDrawdownPct = 0.2m,
            CircuitBreaker = new CircuitBreakerLimit(0.05m, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)),
        };
        var settings = new RunSettings(Kit.Run, BarFiles.Instruments(SpyFolder), risk) { EquitySampling = EquitySampling.TradingDay };
        var fast = new ExponentialMovingAverage(12);
        var strategy = new ScriptedStrategy
        {
            OnBarAction = (s, bar) =>
            {
                fast.Update((double)bar.Close.Value);
                if (s.Fills.Count == 0 && s.Ctx.OpenOrders.Count == 0)
                {
                    s.Submit(OrderRequest.Market(bar.Instrument, Side.Buy, 100m)); // then holds: every bar re-marks an open position
                }
            },
        };
        var clock = new SimulatedClock(week[0].OpenTime);
        var run = new TradingRun(settings, strategy, clock, new RecordingSink());
        run.Start();
        void Feed(Bar bar)
        {
            clock.SetUtcNow(bar.CloseTime);
            run.OnBar(bar);
        }

        foreach (var bar in week)
        {
            Feed(bar); // warm-up: the first week, and everything before 10:00 New York of the next one
        }

        var session = later.Where(b => b.CloseTime.Date == later[^1].CloseTime.Date.AddDays(-1)).ToList();
        var regular = session.Where(b => b.CloseTime.TimeOfDay > new TimeSpan(14, 0, 0) && b.CloseTime.TimeOfDay < new TimeSpan(19, 30, 0)).ToList();
        foreach (var bar in later.TakeWhile(b => b != regular[0]))
        {
            Feed(bar);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var bar in regular)
        {
            Feed(bar);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Single(strategy.Fills);
        Assert.True(regular.Count > 300);
        Assert.Equal(0, allocated);
    }

    private static (BacktestReport Report, RecordingSink Events) Backtest(EquitySampling sampling)
    {
        var bars = Week.Value;
        var settings = new RunSettings(Kit.Run, BarFiles.Instruments(SpyFolder), RiskSettings.Default) { EquitySampling = sampling };
        var strategy = new ScriptedStrategy
        {
            // Buys 100 at bar 600, 1 800, 3 000…, sells them 600 bars later: positions held across session closes.
            OnBarAction = (s, bar) =>
            {
                var index = 600 * (s.Fills.Count + 1);
                if (index < bars.Count && ReferenceEquals(bars[index], bar))
                {
                    s.Submit(OrderRequest.Market(bar.Instrument, s.Fills.Count % 2 == 0 ? Side.Buy : Side.Sell, 100m));
                }
            },
        };
        var events = new RecordingSink();
        return (BacktestRunner.Run(strategy, bars, settings, events), events);
    }

    /// <summary>The mark-to-market AccountUpdated events: those that do not follow a fill's PositionChanged.</summary>
    private static List<AccountUpdated> Marks(RecordingSink events) =>
        events.Events.Where((e, i) => e is AccountUpdated && (i == 0 || events.Events[i - 1] is not PositionChanged)).Cast<AccountUpdated>().ToList();
}
