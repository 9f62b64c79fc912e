using System.Globalization;
using System.IO.Compression;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads LEAN trade-bar zips (one CSV inside, no header). Equity prices are integers in 1/10000 $ and are divided
/// by 10000; crypto prices are plain decimals. Equity times are America/New_York and are converted to UTC with the
/// DST rule of the date; crypto times are UTC. Every bar is stamped with its open time.
/// Hour bars keep LEAN's label as the open time (the <c>09:00</c> bar covers 09:30–10:00 ET, so its close time is the real one);
/// equity daily bars open at midnight New York time, crypto daily bars at midnight UTC.
/// </summary>
public static class LeanBarReader
{
    private static readonly Lazy<TimeZoneInfo> NewYorkZone = new(FindNewYork);

    /// <summary>America/New_York, where LEAN's US equity times are written.</summary>
    public static TimeZoneInfo NewYork => NewYorkZone.Value;

    /// <summary>Reads one LEAN trade-bar zip.</summary>
    /// <param name="path">The zip file, inside LEAN's layout (see <see cref="LeanPath"/>).</param>
    /// <param name="instrument">Stamps the bars with this id instead of the one the path gives.</param>
    /// <returns>The bars in time order.</returns>
    /// <exception cref="DataFileException">The path is not a LEAN trade-bar file, or a line is malformed.</exception>
    public static IReadOnlyList<Bar> Read(string path, InstrumentId? instrument = null)
    {
        var lean = LeanPath.Recognize(path, out var unsupported);

        if (lean is null)
        {
            throw new DataFileException(path, null, null, unsupported ?? "not in LEAN's data layout (…/equity/usa/minute/spy/YYYYMMDD_trade.zip, …/crypto/coinbase/minute/btcusd/YYYYMMDD_trade.zip, …/equity/usa/daily/spy.zip…)");
        }

        return Read(path, lean, instrument ?? lean.Instrument.Id);
    }

    internal static IReadOnlyList<Bar> Read(string path, LeanPath lean, InstrumentId id)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, null, null, $"not a valid zip archive ({e.Message})", e);
        }

        using (archive)
        {
            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count != 1)
            {
                throw new DataFileException(path, null, null, $"expected one CSV entry in the zip, found {entries.Count}");
            }

            var entry = entries[0];
            var date = lean.Date;
            if (date is null && lean.Resolution is LeanResolution.Minute or LeanResolution.Second)
            {
                throw new DataFileException(path, entry.FullName, null, "the file name holds no YYYYMMDD date");
            }

            if (lean.Resolution is LeanResolution.Minute or LeanResolution.Second
                && entry.Name.Length >= 8
                && DateOnly.TryParseExact(entry.Name.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var entryDate))
            {
                date = entryDate;
            }

            try
            {
                using var stream = entry.Open();
                using var reader = new StreamReader(stream);
                return ReadRows(reader, path, entry.FullName, lean, id, date);
            }
            catch (InvalidDataException e)
            {
                throw new DataFileException(path, entry.FullName, null, $"corrupt zip entry ({e.Message})", e);
            }
        }
    }

    private static List<Bar> ReadRows(StreamReader reader, string path, string entry, LeanPath lean, InstrumentId id, DateOnly? date)
    {
        var bars = new List<Bar>(lean.Resolution is LeanResolution.Minute ? 1024 : 256);
        var period = lean.Period;
        var equity = lean.IsEquity;
        var intraday = lean.Resolution is LeanResolution.Minute or LeanResolution.Second;
        var dayStart = date is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) : default;
        Span<Range> ranges = stackalloc Range[8];
        var lineNumber = 0;
        DateTime previous = default;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            var count = text.Split(ranges, ',');
            if (count != 6)
            {
                throw Fail($"expected 6 fields, found {text.Count(',') + 1}");
            }

            var timeText = text[ranges[0]].Trim();
            DateTime local;
            if (intraday)
            {
                if (!long.TryParse(timeText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms >= 86_400_000)
                {
                    throw Fail($"time '{timeText}' is not milliseconds since midnight (0 to 86399999)");
                }

                local = dayStart.AddMilliseconds(ms);
            }
            else if (!DateTime.TryParseExact(timeText, "yyyyMMdd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
            {
                throw Fail($"time '{timeText}' is not YYYYMMDD HH:mm");
            }

            DateTime openTime;
            try
            {
                openTime = equity
                    ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), NewYork)
                    : DateTime.SpecifyKind(local, DateTimeKind.Utc);
            }
            catch (ArgumentException e)
            {
                throw Fail($"time {local:yyyy-MM-dd HH:mm} does not exist in New York (DST gap): {e.Message}");
            }

            var open = ParsePrice(text[ranges[1]], "open");
            var high = ParsePrice(text[ranges[2]], "high");
            var low = ParsePrice(text[ranges[3]], "low");
            var close = ParsePrice(text[ranges[4]], "close");
            var volumeText = text[ranges[5]].Trim();
            if (!decimal.TryParse(volumeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var volume))
            {
                throw Fail($"volume '{volumeText}' is not a number");
            }

            if (volume < 0)
            {
                throw Fail($"volume {volumeText} is negative");
            }

            if (bars.Count > 0 && openTime <= previous)
            {
                throw Fail($"time {openTime:O} is not after the previous row's {previous:O}");
            }

            previous = openTime;
            try
            {
                bars.Add(new Bar(id, period, openTime, open, high, low, close, volume).Validated());
            }
            catch (ArgumentException e)
            {
                throw new DataFileException(path, entry, lineNumber, e.Message, e);
            }
        }

        return bars;

        decimal ParsePrice(ReadOnlySpan<char> field, string name)
        {
            field = field.Trim();
            if (!decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw Fail($"{name} '{field}' is not a number");
            }

            return equity ? value / 10_000m : value;
        }

        DataFileException Fail(string problem) => new(path, entry, lineNumber, problem);
    }

    private static TimeZoneInfo FindNewYork()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Eastern Standard Time");
        }
    }
}
