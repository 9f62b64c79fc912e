using System.Globalization;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads generic OHLCV CSV files (<c>.csv</c>, or gzip-compressed <c>.csv.gz</c>) with a header row, laid out as a
/// <see cref="CsvFormat"/> says (by default):
/// <list type="bullet">
/// <item>Columns, by name, case-insensitive, in any order: a time column (<c>timestamp</c>, <c>time</c>, <c>date</c>,
/// <c>datetime</c> or <c>open_time</c>), <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, and optionally <c>volume</c>
/// (0 when absent). Other columns are ignored. The separator is ',' (or ';' or tab when the header uses it).</item>
/// <item>Time is the bar's open time: ISO 8601 (<c>2021-12-31T23:01:00Z</c>, with an offset it is converted to UTC),
/// <c>YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]</c> and <c>YYYYMMDD[ HH:mm[:ss]]</c> (in the format's time zone, UTC by default),
/// or a Unix epoch number (any other all-digit text) whose magnitude tells the unit: seconds (below 1e11),
/// milliseconds (below 1e14), microseconds (below 1e17), else nanoseconds.</item>
/// <item>Rows must be in strictly increasing time. The period is the smallest spacing between consecutive rows unless given.</item>
/// <item>Prices are in the quote currency, volume in base units, both plain decimals (exponents allowed).</item>
/// </list>
/// </summary>
public static class CsvBarReader
{
    /// <summary>Accepted names of the time column, in order of preference.</summary>
    public static readonly IReadOnlyList<string> TimeColumns = ["timestamp", "time", "date", "datetime", "open_time"];

    /// <summary>Reads a CSV bar file.</summary>
    /// <param name="path">The file (.csv or .csv.gz).</param>
    /// <param name="instrument">The instrument; when null it is taken from a file name such as <c>BTCUSD.COINBASE.csv</c>.</param>
    /// <param name="period">The bar period; when null, the smallest spacing between consecutive rows.</param>
    /// <param name="format">Columns, time formats, time zone, separator and encoding; <see cref="CsvFormat.Default"/> when null.</param>
    /// <returns>The bars in time order.</returns>
    /// <exception cref="DataFileException">The instrument cannot be told, the header lacks a column, a row is malformed,
    /// or the period cannot be inferred (fewer than two rows).</exception>
    public static IReadOnlyList<Bar> Read(string path, InstrumentId? instrument = null, BarPeriod? period = null, CsvFormat? format = null)
    {
        format ??= CsvFormat.Default;
        var id = instrument ?? InstrumentFromFileName(path)
            ?? throw new DataFileException(path, null, null,
                "the instrument is not given and the file name does not name one (name the file like BTCUSD.COINBASE.csv or pass the instrument)");
        using var file = DataTextReader.Open(path, format.Encoding);
        var header = CsvRows.ReadHeader(file, format);
        var columns = CsvRows.Require(file, header,
            [format.TimeColumn ?? string.Join('|', TimeColumns), format.BarColumns.Open, format.BarColumns.High, format.BarColumns.Low, format.BarColumns.Close]);
        var volumeColumn = header.Find(format.BarColumns.Volume);
        var rows = new List<(int Line, DateTime Time, decimal O, decimal H, decimal L, decimal C, decimal V)>();
        foreach (var fields in CsvRows.Read(file, header))
        {
            var time = CsvRows.Time(file, format, fields[columns[0]]);
            if (rows.Count > 0 && time <= rows[^1].Time)
            {
                throw file.Error($"time {time:O} is not after the previous row's {rows[^1].Time:O}");
            }

            var volume = volumeColumn >= 0 ? CsvRows.Quantity(file, fields[volumeColumn], "volume") : 0m;
            rows.Add((file.LineNumber, time, CsvRows.Number(file, fields[columns[1]], "open"), CsvRows.Number(file, fields[columns[2]], "high"),
                CsvRows.Number(file, fields[columns[3]], "low"), CsvRows.Number(file, fields[columns[4]], "close"), volume));
        }

        if (rows.Count == 0)
        {
            throw file.FileError("the file has a header but no rows");
        }

        var barPeriod = period ?? InferPeriod(rows.ConvertAll(r => r.Time.Ticks))
            ?? throw file.FileError("cannot infer the bar period from a single row; pass the period");
        var bars = new List<Bar>(rows.Count);
        foreach (var row in rows)
        {
            if (bars.Count > 0 && row.Time < bars[^1].CloseTime)
            {
                throw new DataFileException(path, null, row.Line, $"bar opens at {row.Time:O}, before the previous {barPeriod} bar closes at {bars[^1].CloseTime:O}");
            }

            try
            {
                bars.Add(new Bar(id, barPeriod, row.Time, row.O, row.H, row.L, row.C, row.V).Validated());
            }
            catch (ArgumentException e)
            {
                throw new DataFileException(path, null, row.Line, e.Message, e);
            }
        }

        return bars;
    }

    /// <summary>
    /// The bar period of rows at these open times (in <see cref="DateTime.Ticks"/>, ascending): the smallest spacing
    /// between consecutive rows, or null with fewer than two rows or no positive spacing.
    /// </summary>
    public static BarPeriod? InferPeriod(IReadOnlyList<long> openTimes)
    {
        ArgumentNullException.ThrowIfNull(openTimes);
        var smallest = long.MaxValue;
        for (var i = 1; i < openTimes.Count; i++)
        {
            var gap = openTimes[i] - openTimes[i - 1];
            smallest = gap > 0 && gap < smallest ? gap : smallest;
        }

        return smallest == long.MaxValue ? null : new BarPeriod(TimeSpan.FromTicks(smallest));
    }

    /// <summary>True when the first non-empty line of the file is a header this reader understands.</summary>
    public static bool HasBarHeader(string path, CsvFormat? format = null)
    {
        format ??= CsvFormat.Default;
        try
        {
            using var file = DataTextReader.Open(path, format.Encoding);
            var header = CsvRows.ReadHeader(file, format);
            return header.Find([.. (format.TimeColumn is { } t ? [t] : TimeColumns)]) >= 0
                && header.HasAll(format.BarColumns.Open, format.BarColumns.High, format.BarColumns.Low, format.BarColumns.Close);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or DataFileException)
        {
            return false;
        }
    }

    /// <summary>The instrument named by a file name such as <c>BTCUSD.COINBASE.csv</c> or <c>SPY.NASDAQ.csv.gz</c>, or null.</summary>
    public static InstrumentId? InstrumentFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in (string[])[".csv.gz", ".csv", ".parquet"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        return InstrumentId.TryParse(name, out var id) ? id : null;
    }

    /// <summary>Parses a time as the default <see cref="CsvFormat"/> does (see the class remarks); the result is UTC.</summary>
    public static bool TryParseTime(string text, out DateTime utc) => CsvFormat.Default.TryParseTime(text, out utc);
}
