using Bourse.Data.Storage;
using Bourse.Data.Streams;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// A market-data file recognised by <see cref="DataFiles.Open"/>: its format, what it holds, and a lazy reader.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Format">The format's name: <c>lean-trade-bars</c>, <c>lean-quote-bars</c>, <c>lean-trade-ticks</c>,
/// <c>lean-quote-ticks</c>, <c>bourse-parquet</c>, <c>freqtrade-candles</c>, <c>freqtrade-trades</c>, <c>tardis-trades</c>,
/// <c>tardis-quotes</c>, <c>csv-bars</c>, <c>csv-trades</c>, <c>csv-quotes</c>.</param>
/// <param name="Kind">What the rows are.</param>
/// <param name="Read">Reads the rows (lazily where the format allows), in time order.</param>
public sealed record DataSource(string Path, string Format, MarketDataKind Kind, Func<IEnumerable<MarketDataItem>> Read);

/// <summary>Recognises any supported market-data file (order books aside) by its path, extension and header.</summary>
public static class DataFiles
{
    /// <summary>Recognises <paramref name="path"/>.</summary>
    /// <param name="path">A file.</param>
    /// <param name="instrument">Stamps every row with this id; required where the file does not name its instrument.</param>
    /// <param name="csv">The layout of generic CSV files.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFileException">The file is of no supported format.</exception>
    public static DataSource Open(string path, InstrumentId? instrument = null, CsvFormat? csv = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No file {path}.", path);
        }

        var lean = LeanPath.Recognize(path, out var unsupported);
        if (lean is not null)
        {
            var id = instrument ?? lean.Instrument.Id;
            return (lean.Resolution, lean.Type) switch
            {
                (LeanResolution.Tick, LeanDataType.Trade) => new(path, "lean-trade-ticks", MarketDataKind.Trade, () => MarketDataItem.Of(LeanTickReader.ReadTrades(path, lean, id, false))),
                (LeanResolution.Tick, LeanDataType.Quote) => new(path, "lean-quote-ticks", MarketDataKind.Quote, () => MarketDataItem.Of(LeanTickReader.ReadQuotes(path, lean, id, false))),
                (_, LeanDataType.Trade) => new(path, "lean-trade-bars", MarketDataKind.Bar, () => MarketDataItem.Of(LeanBarReader.ReadTradeBars(path, lean, id))),
                _ => new(path, "lean-quote-bars", MarketDataKind.QuoteBar, () => MarketDataItem.Of(LeanBarReader.ReadQuoteBars(path, lean, id))),
            };
        }

        if (unsupported is not null)
        {
            throw new DataFileException(path, null, null, unsupported);
        }

        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return ParquetMarketData.KindOf(path) switch
            {
                ParquetDataKind.Bars => new(path, "bourse-parquet", MarketDataKind.Bar, () => MarketDataItem.Of(Restamp(ParquetMarketData.ReadBars(path), instrument))),
                ParquetDataKind.Trades => new(path, "bourse-parquet", MarketDataKind.Trade, () => MarketDataItem.Of(ParquetMarketData.ReadTrades(path).Select(t => instrument is { } i ? t with { Instrument = i } : t))),
                _ => new(path, "bourse-parquet", MarketDataKind.Quote, () => MarketDataItem.Of(ParquetMarketData.ReadQuotes(path).Select(q => instrument is { } i ? q with { Instrument = i } : q))),
            };
        }

        if (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".json.gz", StringComparison.Ordinal))
        {
            return FreqtradeJsonReader.HoldsTrades(path)
                ? new(path, "freqtrade-trades", MarketDataKind.Trade, () => MarketDataItem.Of(FreqtradeJsonReader.ReadTrades(path, instrument)))
                : new(path, "freqtrade-candles", MarketDataKind.Bar, () => MarketDataItem.Of(FreqtradeJsonReader.ReadCandles(path, instrument)));
        }

        if (BarFiles.IsCsv(path))
        {
            string header;
            using (var file = DataTextReader.Open(path, csv?.Encoding))
            {
                header = file.ReadLine() ?? string.Empty;
            }

            if (TardisCsvReader.IsTradesHeader(header))
            {
                return new(path, "tardis-trades", MarketDataKind.Trade, () => MarketDataItem.Of(TardisCsvReader.ReadTrades(path, instrument)));
            }

            if (TardisCsvReader.IsQuotesHeader(header))
            {
                return new(path, "tardis-quotes", MarketDataKind.Quote, () => MarketDataItem.Of(TardisCsvReader.ReadQuotes(path, instrument)));
            }

            if (CsvBarReader.HasBarHeader(path, csv))
            {
                return new(path, "csv-bars", MarketDataKind.Bar, () => MarketDataItem.Of(CsvBarReader.Read(path, instrument, format: csv)));
            }

            if (CsvTickReader.HasQuoteHeader(header))
            {
                return new(path, "csv-quotes", MarketDataKind.Quote, () => MarketDataItem.Of(CsvTickReader.ReadQuotes(path, instrument, csv)));
            }

            if (CsvTickReader.HasTradeHeader(header))
            {
                return new(path, "csv-trades", MarketDataKind.Trade, () => MarketDataItem.Of(CsvTickReader.ReadTrades(path, instrument, csv)));
            }

            throw new DataFileException(path, null, 1, $"the CSV header '{header.Trim()}' is none of bars (time, open, high, low, close), trades (time, price, size), quotes (time, bid, ask) or Tardis trades/quotes");
        }

        throw new DataFileException(path, null, null, "not a supported market-data file (LEAN zip, .csv/.csv.gz, freqtrade .json/.json.gz, Bourse .parquet)");
    }

    private static IEnumerable<Bar> Restamp(IEnumerable<Bar> bars, InstrumentId? instrument) =>
        instrument is { } id ? bars.Select(b => b with { Instrument = id }) : bars;
}
