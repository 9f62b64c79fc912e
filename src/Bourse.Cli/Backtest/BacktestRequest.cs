using Bourse.Data.Aggregation;
using Bourse.Data.Files;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Cli.Backtest;

/// <summary>
/// A backtest to run, as given on the command line, with its data loaded: bars, or trade ticks and the bars built
/// from them.
/// </summary>
/// <param name="StrategyName">The strategy's catalogue name.</param>
/// <param name="DataPath">The bar (or tick) file or folder.</param>
/// <param name="Instruments">The instruments traded (all of the data's, or those named by <c>--symbol</c>).</param>
/// <param name="Bars">The bars of those instruments, in close-time order (for a tick backtest, built from the ticks).</param>
/// <param name="StartingCash">Initial cash, in <paramref name="Currency"/>.</param>
/// <param name="FeeBps">Commission, basis points of notional.</param>
/// <param name="Currency">The account currency: the quote currency all the instruments share (USD for SPY or BTCUSD, USDT for BTCUSDT).</param>
/// <param name="Ticks">For a tick backtest, the trade ticks in time order (orders fill on them with the tick fill model); null for a bar backtest.</param>
internal sealed record BacktestRequest(
    string StrategyName,
    string DataPath,
    IReadOnlyList<Instrument> Instruments,
    IReadOnlyList<Bar> Bars,
    decimal StartingCash,
    decimal FeeBps,
    string Currency,
    IReadOnlyList<TradeTick>? Ticks = null)
{
    /// <summary>Loads the bars of <paramref name="dataPath"/>, keeping the instruments named in <paramref name="symbols"/> (all when empty).</summary>
    /// <exception cref="DataFileException">A data file is malformed or its instrument cannot be told.</exception>
    /// <exception cref="FileNotFoundException">The data path does not exist.</exception>
    /// <exception cref="ArgumentException">A symbol is not in the data, the instruments are quoted in different currencies, or the data holds no bars.</exception>
    public static BacktestRequest Load(string strategyName, string dataPath, IReadOnlyList<InstrumentId> symbols, decimal startingCash, decimal feeBps)
    {
        // A single CSV file may not name its instrument: a single --symbol names it.
        var isCsvFile = File.Exists(dataPath) && BarFiles.IsCsv(dataPath);
        InstrumentId? stamp = isCsvFile && symbols.Count == 1 ? symbols[0] : null;

        var (instruments, currency) = Select(BarFiles.Instruments(dataPath, stamp), symbols, dataPath);
        var wanted = instruments.Select(i => i.Id).ToHashSet();
        var bars = BarFiles.Read(dataPath, stamp).Where(b => wanted.Contains(b.Instrument)).ToList();
        if (bars.Count == 0)
        {
            throw new ArgumentException($"{dataPath} holds no bars for {string.Join(", ", wanted)}.");
        }

        return new BacktestRequest(strategyName, dataPath, instruments, bars, startingCash, feeBps, currency);
    }

    /// <summary>
    /// Loads the trade ticks of <paramref name="dataPath"/> (see <see cref="TradeTickFiles"/>) for a tick backtest, keeping
    /// the instruments named in <paramref name="symbols"/> (all when empty), and builds bars of <paramref name="barPeriod"/>
    /// from them (UTC-aligned, periods without trades skipped).
    /// </summary>
    /// <exception cref="DataFileException">A data file is malformed, or the path holds no trade ticks.</exception>
    /// <exception cref="FileNotFoundException">The data path does not exist.</exception>
    /// <exception cref="ArgumentException">A symbol is not in the data, or the instruments are quoted in different currencies.</exception>
    public static BacktestRequest LoadTicks(string strategyName, string dataPath, IReadOnlyList<InstrumentId> symbols, decimal startingCash, decimal feeBps, BarPeriod barPeriod)
    {
        InstrumentId? stamp = File.Exists(dataPath) && symbols.Count == 1 ? symbols[0] : null;
        var all = TradeTickFiles.Read(dataPath, stamp);
        var (instruments, currency) = Select(TradeTickFiles.Instruments(all), symbols, dataPath);
        var wanted = instruments.Select(i => i.Id).ToHashSet();
        IReadOnlyList<TradeTick> ticks = symbols.Count == 0 ? all : [.. all.Where(t => wanted.Contains(t.Instrument))];
        if (ticks.Count == 0)
        {
            throw new ArgumentException($"{dataPath} holds no trade ticks for {string.Join(", ", wanted)}.");
        }

        var bars = BarAggregator.TimeBars(ticks, barPeriod).OrderBy(b => b.CloseTime).ThenBy(b => b.Instrument.ToString(), StringComparer.Ordinal).ToList();
        return new BacktestRequest(strategyName, dataPath, instruments, bars, startingCash, feeBps, currency, ticks);
    }

    /// <summary>The run settings of this backtest: signals auto-execute under <paramref name="risk"/>; a tick backtest fills on the ticks.</summary>
    public RunSettings Settings(RiskSettings risk) =>
        new(RunId.New(), Instruments, risk, StartingCash, Currency, FeeBps, Execution: Ticks is null ? null : new ExecutionSettings(FillModelKind.Tick));

    /// <summary>The instruments to trade (those named, or all) and their one quote currency.</summary>
    private static (IReadOnlyList<Instrument> Instruments, string Currency) Select(IReadOnlyList<Instrument> available, IReadOnlyList<InstrumentId> symbols, string dataPath)
    {
        var missing = symbols.Where(s => available.All(i => i.Id != s)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{string.Join(", ", missing)} not in {dataPath}; it holds {string.Join(", ", available.Select(i => i.Id))}.");
        }

        var instruments = symbols.Count == 0 ? available : [.. available.Where(i => symbols.Contains(i.Id))];
        var currencies = instruments.Select(i => i.QuoteCurrency).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (currencies.Count > 1)
        {
            throw new ArgumentException($"The instruments are quoted in {string.Join(", ", currencies)}; a backtest has one account currency: choose instruments of one with --symbol.");
        }

        return (instruments, currencies[0]);
    }
}
