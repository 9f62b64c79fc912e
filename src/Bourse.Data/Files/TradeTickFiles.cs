using Bourse.Data.Streams;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads the trade ticks of a file or a folder for a tick backtest: every file <see cref="DataFiles.Open"/> recognises
/// as trade ticks (LEAN trade-tick zips, Tardis and freqtrade trades, generic trade CSVs, Bourse Parquet trades).
/// </summary>
public static class TradeTickFiles
{
    /// <summary>
    /// Reads the trade ticks of <paramref name="path"/>: the file itself, or every trade-tick file under the folder
    /// (recursively), merged in time order (then instrument id, then file path; see <see cref="MarketDataMerge"/>).
    /// </summary>
    /// <param name="path">A trade-tick file or a folder.</param>
    /// <param name="instrument">Stamps every tick with this id; required where a file does not name its instrument.</param>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="DataFileException">The file given is not a trade-tick file, a folder holds none, or a row is malformed.</exception>
    public static IReadOnlyList<TradeTick> Read(string path, InstrumentId? instrument = null)
    {
        var sources = Sources(path, instrument);
        var merged = sources.Count == 1 ? sources[0].Read() : MarketDataMerge.Merge([.. sources.Select(s => s.Read())]);
        return [.. merged.Select(item => item.Trade!)];
    }

    /// <summary>The instruments of <paramref name="ticks"/> (see <see cref="BarFiles.DescribeInstrument(InstrumentId)"/>), ordered by id.</summary>
    public static IReadOnlyList<Instrument> Instruments(IEnumerable<TradeTick> ticks) =>
        [.. ticks.Select(t => t.Instrument).Distinct().Select(BarFiles.DescribeInstrument).OrderBy(i => i.Id.ToString(), StringComparer.Ordinal)];

    private static List<DataSource> Sources(string path, InstrumentId? instrument)
    {
        if (File.Exists(path))
        {
            var source = DataFiles.Open(path, instrument);
            return source.Kind == MarketDataKind.Trade
                ? [source]
                : throw new DataFileException(path, null, null, $"holds {source.Kind} data ({source.Format}), not trade ticks");
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No file or folder {path}.", path);
        }

        var sources = new List<DataSource>();
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                if (DataFiles.Open(file, instrument) is { Kind: MarketDataKind.Trade } source)
                {
                    sources.Add(source);
                }
            }
            catch (DataFileException)
            {
                // not a market-data file: a folder may hold other files
            }
        }

        return sources.Count > 0 ? sources : throw new DataFileException(path, null, null, "the folder holds no trade-tick file");
    }
}
