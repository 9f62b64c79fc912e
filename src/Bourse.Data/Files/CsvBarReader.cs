using System.Globalization;
using System.IO.Compression;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads generic OHLCV CSV files (<c>.csv</c>, or gzip-compressed <c>.csv.gz</c>) with a header row.
/// <list type="bullet">
/// <item>Columns, by name, case-insensitive, in any order: a time column (<c>timestamp</c>, <c>time</c>, <c>date</c>,
/// <c>datetime</c> or <c>open_time</c>), <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, and optionally <c>volume</c>
/// (0 when absent). Other columns are ignored. The separator is ',' (or ';' or tab when the header uses it).</item>
/// <item>Time is the bar's open time: ISO 8601 (<c>2021-12-31T23:01:00Z</c>, with an offset it is converted to UTC),
/// <c>YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]</c> (taken as UTC), <c>YYYYMMDD[ HH:mm[:ss]]</c> (UTC), or a Unix epoch number
/// (any other all-digit text) whose magnitude tells the unit: seconds (below 1e11), milliseconds (below 1e14),
/// microseconds (below 1e17), else nanoseconds.</item>
/// <item>Rows must be in strictly increasing time. The period is the smallest spacing between consecutive rows unless given.</item>
/// <item>Prices are in the quote currency, volume in base units, both plain decimals (exponents allowed).</item>
/// </list>
/// </summary>
public static class CsvBarReader
{
    /// <summary>Accepted names of the time column, in order of preference.</summary>
    public static readonly IReadOnlyList<string> TimeColumns = ["timestamp", "time", "date", "datetime", "open_time"];

    private static readonly string[] DateTimeFormats = BuildFormats();

    /// <summary>Reads a CSV bar file.</summary>
    /// <param name="path">The file (.csv or .csv.gz).</param>
    /// <param name="instrument">The instrument; when null it is taken from a file name such as <c>BTCUSD.COINBASE.csv</c>.</param>
    /// <param name="period">The bar period; when null, the smallest spacing between consecutive rows.</param>
    /// <returns>The bars in time order.</returns>
    /// <exception cref="DataFileException">The instrument cannot be told, the header lacks a column, a row is malformed,
    /// or the period cannot be inferred (fewer than two rows).</exception>
    public static IReadOnlyList<Bar> Read(string path, InstrumentId? instrument = null, BarPeriod? period = null)
    {
        var id = instrument ?? InstrumentFromFileName(path)
            ?? throw new DataFileException(path, null, null,
                "the instrument is not given and the file name does not name one (name the file like BTCUSD.COINBASE.csv or pass the instrument)");
        using var reader = Open(path);
        var lineNumber = 0;
        string? headerLine = null;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                headerLine = line;
                break;
            }
        }

        if (headerLine is null)
        {
            throw new DataFileException(path, null, null, "the file is empty (a header row is expected)");
        }

        var header = Header.Parse(headerLine, out var missing);
        if (header is null)
        {
            throw new DataFileException(path, null, lineNumber, $"header has no {missing} column (header: '{headerLine.Trim()}')");
        }

        var rows = new List<(int Line, DateTime Time, decimal O, decimal H, decimal L, decimal C, decimal V)>();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(header.Separator);
            if (fields.Length != header.Count)
            {
                throw Fail($"expected {header.Count} fields, found {fields.Length}");
            }

            var timeText = Unquote(fields[header.Time]);
            if (!TryParseTime(timeText, out var time))
            {
                throw Fail($"time '{timeText}' is not ISO 8601, YYYY-MM-DD HH:MM[:SS[.ffffff]], YYYYMMDD[ HH:mm[:ss]], or a Unix epoch number");
            }

            if (rows.Count > 0 && time <= rows[^1].Time)
            {
                throw Fail($"time {time:O} is not after the previous row's {rows[^1].Time:O}");
            }

            var volume = header.Volume is { } v ? Number(fields[v], "volume") : 0m;
            if (volume < 0)
            {
                throw Fail($"volume {volume.ToString(CultureInfo.InvariantCulture)} is negative");
            }

            rows.Add((lineNumber, time, Number(fields[header.Open], "open"), Number(fields[header.High], "high"),
                Number(fields[header.Low], "low"), Number(fields[header.Close], "close"), volume));
        }

        if (rows.Count == 0)
        {
            throw new DataFileException(path, null, null, "the file has a header but no rows");
        }

        BarPeriod barPeriod;
        if (period is { } given)
        {
            barPeriod = given;
        }
        else
        {
            barPeriod = InferPeriod(rows.ConvertAll(r => r.Time.Ticks))
                ?? throw new DataFileException(path, null, null, "cannot infer the bar period from a single row; pass the period");
        }

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

        decimal Number(string field, string name)
        {
            var text = Unquote(field);
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Fail($"{name} '{text}' is not a number");
        }

        DataFileException Fail(string problem) => new(path, null, lineNumber, problem);
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
    public static bool HasBarHeader(string path)
    {
        try
        {
            using var reader = Open(path);
            while (reader.ReadLine() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    return Header.Parse(line, out _) is not null;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (InvalidDataException)
        {
        }

        return false;
    }

    /// <summary>The instrument named by a file name such as <c>BTCUSD.COINBASE.csv</c> or <c>SPY.NASDAQ.csv.gz</c>, or null.</summary>
    public static InstrumentId? InstrumentFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in (string[])[".csv.gz", ".csv"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        return InstrumentId.TryParse(name, out var id) ? id : null;
    }

    /// <summary>Parses a time as this reader does (see the class remarks); the result is UTC.</summary>
    public static bool TryParseTime(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (text.All(char.IsAsciiDigit) && text.Length != 8)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                return false;
            }

            var value = epoch switch
            {
                < 100_000_000_000L => DateTimeOffset.FromUnixTimeSeconds(epoch),
                < 100_000_000_000_000L => DateTimeOffset.FromUnixTimeMilliseconds(epoch),
                < 100_000_000_000_000_000L => DateTimeOffset.UnixEpoch.AddTicks(epoch * 10),
                _ => DateTimeOffset.UnixEpoch.AddTicks(epoch / 100),
            };
            utc = value.UtcDateTime;
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        return false;
    }

    private static StreamReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
    }

    private static string Unquote(string field)
    {
        var text = field.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Trim() : text;
    }

    private static string[] BuildFormats()
    {
        var formats = new List<string> { "yyyy-MM-dd", "yyyyMMdd", "yyyyMMdd HH:mm", "yyyyMMdd HH:mm:ss" };
        foreach (var separator in (string[])["'T'", " "])
        {
            foreach (var time in (string[])["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"])
            {
                foreach (var zone in (string[])["", "K", "zzz", " zzz"])
                {
                    formats.Add($"yyyy-MM-dd{separator}{time}{zone}");
                }
            }
        }

        return [.. formats];
    }

    private sealed record Header(char Separator, int Count, int Time, int Open, int High, int Low, int Close, int? Volume)
    {
        public static Header? Parse(string line, out string missing)
        {
            var separator = line.Contains(',', StringComparison.Ordinal) ? ','
                : line.Contains(';', StringComparison.Ordinal) ? ';'
                : line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
            var names = line.Split(separator).Select(n => Unquote(n).TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
            var time = TimeColumns.Select(c => Array.IndexOf(names, c)).FirstOrDefault(i => i >= 0, -1);
            int Find(string name) => Array.IndexOf(names, name);
            var open = Find("open");
            var high = Find("high");
            var low = Find("low");
            var close = Find("close");
            var volume = Find("volume");
            missing = time < 0 ? $"time ({string.Join(", ", TimeColumns)})"
                : open < 0 ? "open" : high < 0 ? "high" : low < 0 ? "low" : close < 0 ? "close" : string.Empty;
            return missing.Length > 0 ? null : new Header(separator, names.Length, time, open, high, low, close, volume >= 0 ? volume : null);
        }
    }
}
