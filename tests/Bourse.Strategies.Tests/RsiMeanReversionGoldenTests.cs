using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Strategies.Tests;

/// <summary>
/// Golden regression backtest of the built-in RSI Mean Reversion (default parameters 14, 30/70) on real Coinbase BTC-USD minute trade bars of
/// 2018-04-04..06 (UTC), 100,000 USD, 1 bp fee, auto-execute at 10 % of equity per signal.
/// </summary>
public sealed class RsiMeanReversionGoldenTests : GoldenBacktestTests
{
    private protected override Type StrategyType => typeof(RsiMeanReversion);

    private protected override GoldenStatistics Expected { get; } = new(
        Trades: 102,
        ClosedTrades: 25,
        NetPnl: 607.23886144324239m,
        MaxDrawdown: 0.0204784544096829293814744791m,
        FinalEquity: 100_607.23886144324239m,
        Signals: 130);

    private protected override int ExpectedBars => 3_887;

    private protected override (Instrument Instrument, IReadOnlyList<Bar> Bars) Data => GoldenBacktest.BitcoinThreeDays.Value;
}
