using Bourse.Data.Files;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Cli.Backtest;

/// <summary>
/// A backtest to run, as given on the command line, with its bars loaded.
/// </summary>
/// <param name="StrategyName">The strategy's catalogue name.</param>
/// <param name="DataPath">The bar file or folder.</param>
/// <param name="Instruments">The instruments traded (all of the data's, or those named by <c>--symbol</c>).</param>
/// <param name="Bars">The bars of those instruments, in time order.</param>
/// <param name="StartingCash">Initial cash, in <paramref name="Currency"/>.</param>
/// <param name="FeeBps">Commission, basis points of notional.</param>
/// <param name="Currency">The account currency: the quote currency all the instruments share (USD for SPY or BTCUSD, USDT for BTCUSDT).</param>
internal sealed record BacktestRequest(
    string StrategyName,
    string DataPath,
    IReadOnlyList<Instrument> Instruments,
    IReadOnlyList<Bar> Bars,
    decimal StartingCash,
    decimal FeeBps,
    string Currency)
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

        var available = BarFiles.Instruments(dataPath, stamp);
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

        var wanted = instruments.Select(i => i.Id).ToHashSet();
        var bars = BarFiles.Read(dataPath, stamp).Where(b => wanted.Contains(b.Instrument)).ToList();
        if (bars.Count == 0)
        {
            throw new ArgumentException($"{dataPath} holds no bars for {string.Join(", ", wanted)}.");
        }

        return new BacktestRequest(strategyName, dataPath, instruments, bars, startingCash, feeBps, currencies[0]);
    }

    /// <summary>The run settings of this backtest: signals auto-execute under <paramref name="risk"/>.</summary>
    public RunSettings Settings(RiskSettings risk) =>
        new(RunId.New(), Instruments, risk, StartingCash, Currency, FeeBps);
}
