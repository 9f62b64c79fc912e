using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in Market Maker (default parameters: 10 bp spread, 2,000 USD quotes, 10,000 USD max position) on real Coinbase BTC-USD minute trade bars of
/// 2018-04-04..06 (UTC), 100,000 USD, 1 bp fee.
/// </summary>
public sealed class MarketMakerGoldenTests : GoldenBacktestTests
{
    private static readonly Lazy<(Instrument Instrument, IReadOnlyList<Bar> Bars)> Bars = new(() => GoldenBacktest.Load(
        "lean/crypto/coinbase/minute/btcusd/20180404_trade.zip",
        "lean/crypto/coinbase/minute/btcusd/20180405_trade.zip",
        "lean/crypto/coinbase/minute/btcusd/20180406_trade.zip"));

    private protected override Type StrategyType => typeof(MarketMaker);

    private protected override GoldenStatistics Expected { get; } = new(
        Trades: 1_868,
        ClosedTrades: 998,
        NetPnl: -2_995.22812918998974m,
        MaxDrawdown: 0.0300092338684458323m,
        FinalEquity: 97_004.77187081001026m,
        Signals: 0);

    private protected override int ExpectedBars => 3_887;

    private protected override (Instrument Instrument, IReadOnlyList<Bar> Bars) Data => Bars.Value;

    [Fact]
    public void Quotes_straddle_the_close_are_replaced_every_bar_and_skew_against_the_inventory()
    {
        var (instrument, bars) = Data;
        var events = new RecordedOrderEvents();
        GoldenBacktest.Run(StrategyType, instrument, bars, events);
        var config = new MarketMakerConfig();
        var closes = bars.ToDictionary(b => b.CloseTime, b => b.Close.Value);

        var submitted = events.WithPosition().Where(p => p.Event is OrderSubmitted).Select(p => ((OrderSubmitted)p.Event, p.Position)).ToList();
        Assert.All(submitted, s =>
        {
            var (order, _) = s;
            var mid = closes[order.Timestamp];
            var price = order.Request.LimitPrice!.Value.Value;
            var offset = Math.Abs(price - mid) / mid * 10_000m;
            Assert.Equal(order.Request.Side == Side.Buy, price < mid);
            Assert.InRange(offset, config.SpreadBps / 2m, (config.SpreadBps / 2m) + (instrument.TickSize / mid * 10_000m));
        });

        // Where both sides were quoted on one bar, the side that reduces the inventory is the larger one.
        var pairs = submitted.GroupBy(s => s.Item1.Timestamp).Where(g => g.Count() == 2).ToList();
        Assert.True(pairs.Count > bars.Count / 2, $"only {pairs.Count} two-sided quotes");
        Assert.All(pairs, g =>
        {
            var bid = g.Single(s => s.Item1.Request.Side == Side.Buy);
            var ask = g.Single(s => s.Item1.Request.Side == Side.Sell);
            Assert.Equal(Math.Sign(bid.Position), Math.Sign(ask.Item1.Request.Quantity.Value - bid.Item1.Request.Quantity.Value));
        });
        Assert.Contains(pairs, g => g.First().Position > 0m);
        Assert.Contains(pairs, g => g.First().Position < 0m);

        // Every quote ends filled or canceled, except the last bar's; the position never passes the maximum.
        var ended = events.Events.Where(e => e is OrderFilled { LeavesQuantity.IsZero: true } or OrderCanceled).Select(e => e.OrderId).ToHashSet();
        Assert.InRange(submitted.Count(s => !ended.Contains(s.Item1.OrderId)), 0, 2);
        var largest = events.WithPosition().Max(p => Math.Abs(p.Position) * closes.GetValueOrDefault(p.Event.Timestamp, bars[^1].Close.Value));
        Assert.InRange(largest, config.MaxPositionNotional / 2m, config.MaxPositionNotional * 1.01m);
    }
}
