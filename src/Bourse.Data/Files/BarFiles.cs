using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// The one entry point for historical bar files. Supported files:
/// <list type="bullet">
/// <item>LEAN trade-bar zips in LEAN's folder layout (second/minute/hour/daily, equity and crypto; see <see cref="LeanBarReader"/>
/// for units and time zones). The instrument comes from the path: <c>…/equity/usa/minute/spy/…</c> → <c>SPY.NASDAQ</c>,
/// <c>…/crypto/coinbase/minute/btcusd/…</c> → <c>BTCUSD.COINBASE</c>. LEAN quote, tick, factor and map files are not bar files.</item>
/// <item>Generic OHLCV CSV with a header (<c>.csv</c>, <c>.csv.gz</c>; see <see cref="CsvBarReader"/>). The instrument is given,
/// or named by the file (<c>BTCUSD.COINBASE.csv</c>).</item>
/// </list>
/// Bars are UTC and stamped with their open time; prices are in the quote currency (USD), volume in base units.
/// </summary>
public static class BarFiles
{
    private static readonly HashSet<string> EquityVenues = new(StringComparer.OrdinalIgnoreCase)
    {
        "NASDAQ", "NYSE", "ARCA", "NYSEARCA", "AMEX", "BATS", "CBOE", "IEX", "OTC", "LSE", "XETRA", "TSX",
    };

    private static readonly HashSet<string> CryptoVenues = new(StringComparer.OrdinalIgnoreCase)
    {
        "COINBASE", "GDAX", "BINANCE", "BINANCEUS", "BYBIT", "KRAKEN", "BITFINEX", "BITSTAMP", "FTX", "OKX", "OKEX",
        "KUCOIN", "GEMINI", "HUOBI", "HTX", "DERIBIT", "BITMEX", "GATEIO", "MEXC", "CRYPTO",
    };

    private const string NotABarFile = "not a LEAN trade-bar zip in LEAN's layout, nor a .csv/.csv.gz file";

    /// <summary>
    /// Reads a bar file, or every supported file under a folder (recursively), merged and sorted by open time,
    /// then instrument id, then period.
    /// </summary>
    /// <param name="path">A file or a folder.</param>
    /// <param name="instrument">Stamps every bar with this id (overrides the id from a LEAN path or a CSV file name);
    /// required for CSV files whose name does not name an instrument.</param>
    /// <param name="period">The bar period of CSV files (inferred from row spacing when null); ignored for LEAN files.</param>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="DataFileException">A file is malformed or unsupported (a single file given explicitly), or a CSV's instrument cannot be told.
    /// In a folder, unsupported files (LEAN quotes/ticks, CSVs without an OHLCV header, other files) are skipped.</exception>
    public static IReadOnlyList<Bar> Read(string path, InstrumentId? instrument = null, BarPeriod? period = null)
    {
        if (File.Exists(path))
        {
            return ReadFile(path, instrument, period);
        }

        var files = Files(path);
        if (files.Count == 1)
        {
            return ReadFile(files[0], instrument, period);
        }

        return files
            .SelectMany(f => ReadFile(f, instrument, period))
            .OrderBy(b => b.OpenTime)
            .ThenBy(b => b.Instrument.ToString(), StringComparer.Ordinal)
            .ThenBy(b => b.Period.Span)
            .ToList();
    }

    /// <summary>
    /// The supported bar files at <paramref name="path"/>: the file itself, or those under a folder (recursively, in ordinal path order).
    /// </summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="DataFileException">The path is a file of an unsupported kind.</exception>
    public static IReadOnlyList<string> Files(string path)
    {
        if (File.Exists(path))
        {
            return IsSupported(path, out var why) ? [path] : throw new DataFileException(path, null, null, why ?? "not a supported bar file");
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No file or folder {path}.", path);
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => IsSupported(f, out _))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when <paramref name="path"/> is a file <see cref="Read"/> reads; otherwise <paramref name="reason"/> says why not.</summary>
    public static bool IsSupported(string path, out string? reason)
    {
        LeanPath? lean;
        try
        {
            lean = LeanPath.TryParse(path, out reason);
        }
        catch (FormatException e)
        {
            reason = e.Message;
            return false;
        }

        if (lean is not null)
        {
            reason = lean.IsTradeBars ? null : NotBars(lean);
            return lean.IsTradeBars;
        }

        if (reason is not null)
        {
            return false;
        }

        if (IsCsv(path))
        {
            if (CsvBarReader.HasBarHeader(path))
            {
                return true;
            }

            reason = "the CSV has no OHLCV header (time, open, high, low, close[, volume])";
            return false;
        }

        reason = NotABarFile;
        return false;
    }

    /// <summary>True when the file name ends with <c>.csv</c> or <c>.csv.gz</c> (case-insensitive): a file <see cref="CsvBarReader"/> reads.</summary>
    public static bool IsCsv(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The instrument spec (asset class, quote currency, tick and lot size) of a bar file, without reading its rows.
    /// For a LEAN file the asset class comes from the path; for a CSV from the id's venue (see <see cref="DescribeInstrument(InstrumentId)"/>).
    /// </summary>
    /// <param name="path">A bar file.</param>
    /// <param name="instrument">Overrides the id the path gives; required for a CSV whose name does not name one.</param>
    /// <exception cref="DataFileException">The file is unsupported, or its instrument cannot be told.</exception>
    public static Instrument DescribeInstrument(string path, InstrumentId? instrument = null)
    {
        if (LeanFile(path) is { } lean)
        {
            return instrument is { } id ? lean.Instrument with { Id = id } : lean.Instrument;
        }

        var csvId = instrument ?? CsvBarReader.InstrumentFromFileName(path)
            ?? throw new DataFileException(path, null, null,
                "the instrument is not given and the file name does not name one (name the file like BTCUSD.COINBASE.csv or pass the instrument)");
        return DescribeInstrument(csvId);
    }

    /// <summary>
    /// The instrument spec for an id: equity (0.01 tick, whole shares) on stock venues (NASDAQ, NYSE, ARCA…),
    /// crypto (1e-8 lots) on crypto venues (COINBASE, BINANCE, BYBIT, KRAKEN…); on an unknown venue, crypto when
    /// the symbol ends with a quote currency (BTCUSDT, ETHBTC…), else equity.
    /// </summary>
    public static Instrument DescribeInstrument(InstrumentId id)
    {
        if (EquityVenues.Contains(id.Venue))
        {
            return Instrument.Equity(id);
        }

        var quote = Instrument.KnownQuoteCurrency(id.Symbol);
        if (CryptoVenues.Contains(id.Venue) || quote is not null)
        {
            return Instrument.Crypto(id, quote);
        }

        return Instrument.Equity(id);
    }

    /// <summary>The distinct instruments of the supported files at <paramref name="path"/> (a file or a folder), ordered by id.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="DataFileException">A file's instrument cannot be told.</exception>
    public static IReadOnlyList<Instrument> Instruments(string path, InstrumentId? instrument = null) =>
        Files(path)
            .Select(f => DescribeInstrument(f, instrument))
            .DistinctBy(i => i.Id)
            .OrderBy(i => i.Id.ToString(), StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<Bar> ReadFile(string path, InstrumentId? instrument, BarPeriod? period)
    {
        if (LeanFile(path) is { } lean)
        {
            return [.. LeanBarReader.ReadTradeBars(path, lean, instrument ?? lean.Instrument.Id)];
        }

        return IsCsv(path)
            ? CsvBarReader.Read(path, instrument, period)
            : throw new DataFileException(path, null, null, NotABarFile);
    }

    private static string NotBars(LeanPath lean) =>
        $"LEAN {lean.Resolution.ToString().ToLowerInvariant()} {lean.Type.ToString().ToLowerInvariant()} files are not read as bars (only trade bars are)";

    /// <summary>The LEAN description of a bar file, or null when the path is not in LEAN's layout.</summary>
    /// <exception cref="DataFileException">The path is a LEAN file that is not a trade-bar file, or is malformed.</exception>
    private static LeanPath? LeanFile(string path)
    {
        var lean = LeanPath.Recognize(path, out var unsupported);
        if (lean is { IsTradeBars: false })
        {
            unsupported = NotBars(lean);
            lean = null;
        }

        return lean is null && unsupported is not null ? throw new DataFileException(path, null, null, unsupported) : lean;
    }
}
