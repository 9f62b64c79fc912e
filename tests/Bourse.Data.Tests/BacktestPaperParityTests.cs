using Bourse.Data.Feeds;
using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;
using Bourse.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Data.Tests;

/// <summary>
/// The same strategy over the same real data (the sample SPY minute bars) gives identical fills in a backtest and in a
/// paper run driven by the replay feed (at 60× on a simulated wall clock that jumps to each bar's release, so it runs
/// as fast as the machine allows), with the host's clock ticks (<see cref="TradingRun.AdvanceTime"/>) interleaved. The
/// replay moves every bar to start at "now", so fill times are compared after moving them back.
/// </summary>
public sealed class BacktestPaperParityTests
{
    private static readonly InstrumentId SpyId = InstrumentId.Parse("SPY.NASDAQ");

    private static RunSettings Settings() => new(
        RunId.New(),
        [Instrument.Equity(SpyId)],
        RiskSettings.Default,
        FeeBps: 0m,
        Execution: new ExecutionSettings(MaxBarVolumeShare: 0.01m, Latency: TimeSpan.FromSeconds(2), SlippageTicks: 1, MakerFeeBps: 0.5m, TakerFeeBps: 2m));

    [Fact]
    public async Task Backtest_and_replayed_paper_run_fill_identically()
    {
        var bars = BarFiles.Read(Path.Combine(RepositoryPaths.SampleData, "lean/equity/usa/minute/spy"), SpyId);
        var backtest = BacktestRunner.Run(new ParityStrategy(), bars, Settings());

        var wall = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 14, 7, 0, TimeSpan.Zero));
        var feed = new ReplayFeed([Instrument.Equity(SpyId)], bars, new ReplayOptions(Speed: 60, Loop: false), wall);
        using var subscribed = feed.Subscriptions.Subscribe(SpyId);
        var shift = feed.Start - bars[0].OpenTime;
        var sink = new FillSink();
        var paper = new TradingRun(Settings(), new ParityStrategy(), feed.Clock, sink);
        paper.Start();
        await using (var replay = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator())
        {
            foreach (var bar in bars)
            {
                // The wall clock jumps to the moment the feed releases the bar, so the replay runs as fast as it can.
                var move = replay.MoveNextAsync();
                wall.SetUtcNow(Max(wall.GetUtcNow(), feed.ReplayClock.WallTimeAt(new DateTimeOffset(bar.CloseTime + shift))));
                Assert.True(await move);
                Assert.Equal(bar.ShiftedBy(shift), replay.Current);
                paper.OnBar(replay.Current);
                paper.AdvanceTime(); // what the live host does on its clock ticks
            }
        }

        paper.Stop(RunStatus.Completed, "end of data");

        Assert.True(backtest.Fills.Count > 50, $"the strategy should trade a lot, it filled {backtest.Fills.Count} times");
        Assert.Contains(backtest.Fills, f => f.IsMaker);
        Assert.Contains(backtest.Fills, f => f.LeavesQuantity.Value > 0m);
        Assert.Equal(backtest.Fills, sink.Fills.Select(f => f with { Timestamp = f.Timestamp - shift }));
        Assert.Equal(backtest.Statistics.NetPnl, paper.Statistics().NetPnl);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// Alternates, whenever flat with nothing open: a bracket (GTD limit entry 5 cents under the close, take-profit
    /// +30 cents, stop −40 cents) and an OTO (market short of 300 with a 25-cent trailing stop to cover); a position
    /// left uncovered (a bracket whose entry filled only in part after an exit completed) is flattened at market.
    /// </summary>
    private sealed class ParityStrategy : Strategy
    {
        private int _lists;

        public override void OnBar(Bar bar)
        {
            if (Context.OpenOrders.Count > 0)
            {
                return;
            }

            var close = bar.Close.Value;
            var id = bar.Instrument;
            var position = Portfolio.Position(id).NetQuantity;
            if (position != 0m)
            {
                SubmitOrder(OrderRequest.Market(id, position > 0m ? Side.Sell : Side.Buy, Math.Abs(position)));
                return;
            }

            if (++_lists % 2 == 1)
            {
                var entry = OrderRequest.Limit(id, Side.Buy, 300m, close - 0.05m) with { TimeInForce = TimeInForce.Gtd, ExpireTime = UtcNow.AddMinutes(10) };
                SubmitOrderList(OrderList.Bracket(entry, OrderRequest.Limit(id, Side.Sell, 300m, close + 0.30m), OrderRequest.Stop(id, Side.Sell, 300m, close - 0.40m)));
            }
            else
            {
                SubmitOrderList(OrderList.Oto(OrderRequest.Market(id, Side.Sell, 300m), OrderRequest.TrailingStop(id, Side.Buy, 300m, 0.25m)));
            }
        }
    }

    private sealed class FillSink : IRunEventSink
    {
        public List<OrderFilled> Fills { get; } = [];

        public void Publish(RunEvent runEvent)
        {
            if (runEvent is OrderEventRecorded { Event: OrderFilled fill })
            {
                Fills.Add(fill);
            }
        }
    }
}
