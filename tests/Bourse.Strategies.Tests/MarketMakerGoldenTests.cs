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
    private protected override Type StrategyType => typeof(MarketMaker);

    private protected override GoldenStatistics Expected { get; } = new(
        Trades: 1_868,
        ClosedTrades: 1_002,
        NetPnl: -2_995.22812918998974m,
        MaxDrawdown: 0.0300092338684458323m,
        FinalEquity: 97_004.77187081001026m,
        Signals: 0);

    private protected override int ExpectedBars => 3_887;

    private protected override (Instrument Instrument, IReadOnlyList<Bar> Bars) Data => GoldenBacktest.BitcoinThreeDays.Value;

    [Fact]
    public void Quotes_straddle_the_close_are_moved_every_bar_and_skew_against_the_inventory()
    {
        var (instrument, bars) = Data;
        var events = new RecordedOrderEvents();
        GoldenBacktest.Run(StrategyType, instrument, bars, events);
        var config = new MarketMakerConfig();
        var closeTimes = bars.Select(b => b.CloseTime).ToArray();
        decimal CloseAt(DateTime time)
        {
            var index = Array.BinarySearch(closeTimes, time);
            return bars[index >= 0 ? index : ~index - 1].Close.Value;
        }

        // Every quote, new (submitted) or moved (modified), with the position when it was made.
        var sides = events.Events.OfType<OrderSubmitted>().ToDictionary(s => s.OrderId, s => s.Request.Side);
        var quotes = events.WithPosition()
            .Select(p => p.Event switch
            {
                OrderSubmitted s => new Quote(s.Timestamp, s.Request.Side, s.Request.Quantity.Value, s.Request.LimitPrice!.Value.Value, p.Position),
                OrderModified m => new Quote(m.Timestamp, sides[m.OrderId], m.Quantity.Value, m.LimitPrice!.Value.Value, p.Position),
                _ => new Quote(default, default, 0m, 0m, 0m),
            })
            .Where(q => q.Quantity > 0m)
            .ToList();
        Assert.All(quotes, q =>
        {
            var mid = CloseAt(q.Timestamp);
            var offset = Math.Abs(q.Price - mid) / mid * 10_000m;
            Assert.Equal(q.Side == Side.Buy, q.Price < mid);
            Assert.InRange(offset, config.SpreadBps / 2m, (config.SpreadBps / 2m) + (instrument.TickSize / mid * 10_000m));
        });

        // Quotes are moved, not re-sent: far fewer orders than bars, and a modification on most bars.
        Assert.InRange(sides.Count, 1, bars.Count / 2);
        Assert.True(events.Events.OfType<OrderModified>().Count() > bars.Count, "quotes are not moved on every bar");
        Assert.DoesNotContain(events.Events, e => e is OrderModifyRejected);

        // Where both sides were quoted at one time, the side that reduces the inventory is the larger one.
        var pairs = quotes.GroupBy(q => q.Timestamp).Where(g => g.Count() == 2).ToList();
        Assert.True(pairs.Count > bars.Count / 2, $"only {pairs.Count} two-sided quotes");
        Assert.All(pairs, g =>
        {
            var bid = g.Single(q => q.Side == Side.Buy);
            var ask = g.Single(q => q.Side == Side.Sell);
            Assert.Equal(Math.Sign(bid.Position), Math.Sign(ask.Quantity - bid.Quantity));
        });
        Assert.Contains(pairs, g => g.First().Position > 0m);
        Assert.Contains(pairs, g => g.First().Position < 0m);

        // The position never passes the maximum (up to the half spread a filled ask is above the mid it was sized at).
        var largest = events.WithPosition().Max(p => Math.Abs(p.Position) * CloseAt(p.Event.Timestamp));
        Assert.InRange(largest, config.MaxPositionNotional / 2m, config.MaxPositionNotional * 1.01m);
    }

    /// <summary>One quote, new or moved: when, which side, size, price and the position at that moment.</summary>
    private sealed record Quote(DateTime Timestamp, Side Side, decimal Quantity, decimal Price, decimal Position);
}
