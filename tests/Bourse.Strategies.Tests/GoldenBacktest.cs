using Bourse.Data.Files;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Plugins;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing;

namespace Bourse.Strategies.Tests;

/// <summary>
/// The frozen outcome of one golden backtest. Every value is compared exactly (decimal equality).
/// </summary>
/// <param name="Trades">Fills (<see cref="RunStatistics.TotalTrades"/>).</param>
/// <param name="ClosedTrades">Fills that reduced a position (<see cref="RunStatistics.ClosedTrades"/>).</param>
/// <param name="NetPnl">Equity minus starting cash, USD.</param>
/// <param name="MaxDrawdown">Largest peak-to-trough fall of the equity curve, as a fraction of the peak.</param>
/// <param name="FinalEquity">Last point of the equity curve, USD.</param>
/// <param name="Signals">Signals recorded (<see cref="RunStatistics.TotalSignals"/>).</param>
internal sealed record GoldenStatistics(int Trades, int ClosedTrades, decimal NetPnl, decimal MaxDrawdown, decimal FinalEquity, int Signals);

/// <summary>Runs a golden backtest and checks its report against itself and against <see cref="GoldenStatistics"/>.</summary>
internal static class GoldenBacktest
{
    public const decimal StartingCash = 100_000m;

    public const decimal FeeBps = 1m;

    private static readonly RunId FixedRunId = new(new Guid("6f1c2a0e-0000-4000-8000-000000000001"));

    /// <summary>Real SPY minute trade bars of 2013-10-07..11 (5 sessions, 04:00–20:00 ET, 4,128 bars).</summary>
    public static readonly Lazy<(Instrument Instrument, IReadOnlyList<Bar> Bars)> SpyWeek = new(() => Load(
        "lean/equity/usa/minute/spy/20131007_trade.zip",
        "lean/equity/usa/minute/spy/20131008_trade.zip",
        "lean/equity/usa/minute/spy/20131009_trade.zip",
        "lean/equity/usa/minute/spy/20131010_trade.zip",
        "lean/equity/usa/minute/spy/20131011_trade.zip"));

    /// <summary>Real Coinbase BTC-USD minute trade bars of 2018-04-04..06 (UTC, 3,887 bars).</summary>
    public static readonly Lazy<(Instrument Instrument, IReadOnlyList<Bar> Bars)> BitcoinThreeDays = new(() => Load(
        "lean/crypto/coinbase/minute/btcusd/20180404_trade.zip",
        "lean/crypto/coinbase/minute/btcusd/20180405_trade.zip",
        "lean/crypto/coinbase/minute/btcusd/20180406_trade.zip"));

    /// <summary>Reads each LEAN file on its own (so the selection is exactly these dates) and merges them in time order.</summary>
    public static (Instrument Instrument, IReadOnlyList<Bar> Bars) Load(params string[] sharedRelativePaths)
    {
        var paths = sharedRelativePaths.Select(RepositoryPaths.Shared).ToList();
        var instrument = BarFiles.DescribeInstrument(paths[0]);
        var bars = paths
            .SelectMany(p => BarFiles.Read(p))
            .OrderBy(b => b.CloseTime)
            .ToList();
        Assert.All(bars, b => Assert.Equal(instrument.Id, b.Instrument));
        return (instrument, bars);
    }

    /// <summary>
    /// Builds the built-in strategy with its default parameters and backtests it with the golden settings, passing every
    /// run event to <paramref name="observer"/> when given.
    /// </summary>
    public static BacktestReport Run(Type strategyType, Instrument instrument, IReadOnlyList<Bar> bars, IRunEventSink? observer = null)
    {
        var strategy = StrategyPlugin.FromType(strategyType).CreateInstance();
        var settings = new RunSettings(
            FixedRunId,
            [instrument],
            new RiskSettings(AutoExecute: true, PositionSizePct: 0.1m, SignalStrengthThreshold: 0.5),
            StartingCash,
            "USD",
            FeeBps);
        return BacktestRunner.Run(strategy, bars, settings, observer);
    }

    public static GoldenStatistics Summarize(BacktestReport report) => new(
        report.Statistics.TotalTrades,
        report.Statistics.ClosedTrades,
        report.Statistics.NetPnl,
        report.Statistics.Performance.MaxDrawdown,
        report.EquityCurve[^1].Equity,
        report.Statistics.TotalSignals);

    /// <summary>
    /// Checks the report against an independent recomputation from its own fills, bars and equity curve, so that a
    /// golden value is only ever frozen when it is internally consistent.
    /// </summary>
    public static void AssertSelfConsistent(BacktestReport report, IReadOnlyList<Bar> bars)
    {
        var s = report.Statistics;
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(0, s.ErrorCount);
        Assert.Equal(report.Fills.Count, s.TotalTrades);

        // Cash flows of every fill, minus commissions, plus the open position at the last close.
        var cashFlow = 0m;
        var position = 0m;
        var commissions = 0m;
        var reducingFills = 0;
        foreach (var fill in report.Fills)
        {
            var sign = fill.Side == Side.Buy ? 1m : -1m;
            var quantity = fill.FillQuantity.Value;
            var price = fill.FillPrice.Value;
            Assert.Equal("USD", fill.Commission.Currency);
            Assert.Equal(price * quantity * FeeBps / 10_000m, fill.Commission.Amount);
            if (position != 0m && Math.Sign(position) != Math.Sign(sign))
            {
                reducingFills++;
            }

            cashFlow -= (sign * quantity * price) + fill.Commission.Amount;
            commissions += fill.Commission.Amount;
            position += sign * quantity;
        }

        var lastClose = bars[^1].Close.Value;
        var recomputedNet = cashFlow + (position * lastClose);
        Assert.Equal(recomputedNet, s.NetPnl);
        Assert.Equal(commissions, s.Commissions);
        Assert.Equal(reducingFills, s.ClosedTrades);

        // The documented identity net = realized + unrealized − commissions holds only up to decimal's 28-29 significant
        // digits: the average-cost price of an 8-decimal crypto position is a rounded quotient, so the two sides can
        // differ around the 26th decimal place (e.g. 607.23886144324238999999999975 vs 607.23886144324239 for RSI on BTC).
        Assert.Equal(Math.Round(s.RealizedPnl + s.UnrealizedPnl - s.Commissions, 20), Math.Round(s.NetPnl, 20));
        Assert.Equal(s.NetPnl / StartingCash, s.Performance.TotalReturn);

        // One equity point per bar close time, ending at starting cash + net P&L.
        Assert.Equal(bars.Select(b => b.CloseTime).Distinct().Count(), report.EquityCurve.Count);
        Assert.Equal(StartingCash + s.NetPnl, report.EquityCurve[^1].Equity);

        // Max drawdown from the curve with a loop of our own.
        var peak = report.EquityCurve[0].Equity;
        var maxDrawdown = 0m;
        foreach (var point in report.EquityCurve)
        {
            peak = Math.Max(peak, point.Equity);
            maxDrawdown = Math.Max(maxDrawdown, (peak - point.Equity) / peak);
        }

        Assert.Equal(maxDrawdown, s.Performance.MaxDrawdown);
    }

    /// <summary>Asserts the strategy really traded both ways, several times.</summary>
    public static void AssertTradesBothWays(BacktestReport report, int atLeastEachWay)
    {
        Assert.True(report.Fills.Count(f => f.Side == Side.Buy) >= atLeastEachWay, $"only {report.Fills.Count(f => f.Side == Side.Buy)} buys");
        Assert.True(report.Fills.Count(f => f.Side == Side.Sell) >= atLeastEachWay, $"only {report.Fills.Count(f => f.Side == Side.Sell)} sells");
    }
}
