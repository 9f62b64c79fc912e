using System.Globalization;
using System.Text;

namespace Bourse.Data.Files;

/// <summary>
/// Parses the fields LEAN's CSV rows share: times (milliseconds since midnight for tick/second/minute files, else
/// <c>YYYYMMDD HH:mm</c>) in the file's time zone, converted to UTC, and prices (integers in 1/10000 $ for equities,
/// plain decimals for crypto). The UTC offset of a day is computed once unless a DST change falls on it. Fields come as
/// chars or as UTF-8 bytes (<see cref="Utf8LineReader"/>): plain digits, LEAN's usual case, are parsed from the bytes; any
/// other field is decoded and parsed as chars, so both forms accept and reject the same text with the same message.
/// </summary>
internal sealed class LeanRowParser
{
    private static readonly Lazy<TimeZoneInfo> NewYorkZone = new(FindNewYork);
    private const int StackChars = 256;
    private readonly DataLineReader file;
    private readonly bool equity;
    private readonly bool intraday;
    private readonly DateTime dayStart;
    private DateTime offsetDay = DateTime.MinValue;
    private long offsetTicks;
    private bool uniformOffset;

    public LeanRowParser(DataLineReader file, LeanPath lean)
    {
        this.file = file;
        equity = lean.IsEquity;
        intraday = lean.Resolution is LeanResolution.Tick or LeanResolution.Second or LeanResolution.Minute;
        var date = lean.Date;
        if (intraday && file.EntryName is { Length: >= 8 } entry
            && DateOnly.TryParseExact(Path.GetFileName(entry).AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var entryDate))
        {
            date = entryDate;
        }

        if (intraday && date is null)
        {
            throw file.FileError("the file name holds no YYYYMMDD date");
        }

        dayStart = date is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) : default;
    }

    /// <summary>America/New_York, where LEAN's US equity times are written.</summary>
    public static TimeZoneInfo NewYork => NewYorkZone.Value;

    /// <summary>The row's time field as UTC.</summary>
    /// <exception cref="DataFileException">The field is malformed or names a time that does not exist in New York.</exception>
    public DateTime Time(ReadOnlySpan<char> field)
    {
        field = field.Trim();
        if (intraday)
        {
            if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms >= 86_400_000)
            {
                throw file.Error($"time '{field}' is not milliseconds since midnight (0 to 86399999)");
            }

            return Intraday(ms);
        }

        if (!DateTime.TryParseExact(field, "yyyyMMdd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw file.Error($"time '{field}' is not YYYYMMDD HH:mm");
        }

        return equity ? NewYorkToUtc(local) : DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    /// <summary>The row's time field (UTF-8) as UTC.</summary>
    /// <exception cref="DataFileException">The field is malformed or names a time that does not exist in New York.</exception>
    public DateTime Time(ReadOnlySpan<byte> field)
    {
        if (intraday && TryDigits(field, out var ms) && ms < 86_400_000)
        {
            return Intraday(ms);
        }

        Span<char> chars = field.Length <= StackChars ? stackalloc char[field.Length] : new char[field.Length];
        return Time(Decode(field, chars));
    }

    /// <summary>A price field: divided by 10000 for equities.</summary>
    /// <exception cref="DataFileException">The field is not a number.</exception>
    public decimal Price(ReadOnlySpan<char> field, string name)
    {
        field = field.Trim();
        if (equity && long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var units))
        {
            return TenThousandths(units);
        }

        if (!decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw file.Error($"{name} '{field}' is not a number");
        }

        return equity ? value / 10_000m : value;
    }

    /// <summary>A price field (UTF-8): divided by 10000 for equities.</summary>
    /// <exception cref="DataFileException">The field is not a number.</exception>
    public decimal Price(ReadOnlySpan<byte> field, string name)
    {
        if (equity && TryDigits(field, out var units))
        {
            return TenThousandths(units);
        }

        Span<char> chars = field.Length <= StackChars ? stackalloc char[field.Length] : new char[field.Length];
        return Price(Decode(field, chars), name);
    }

    /// <summary>A non-negative quantity field (UTF-8).</summary>
    /// <exception cref="DataFileException">The field is not a number or is negative.</exception>
    public decimal Quantity(ReadOnlySpan<byte> field, string name)
    {
        if (TryDigits(field, out var whole))
        {
            return whole;
        }

        Span<char> chars = field.Length <= StackChars ? stackalloc char[field.Length] : new char[field.Length];
        return Quantity(Decode(field, chars), name);
    }

    /// <summary>Decodes a UTF-8 field into <paramref name="chars"/> (at least as long as the field).</summary>
    public static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> field, Span<char> chars) => chars[..Encoding.UTF8.GetChars(field, chars)];

    /// <summary>A non-negative quantity field (volume, size).</summary>
    /// <exception cref="DataFileException">The field is not a number or is negative.</exception>
    public decimal Quantity(ReadOnlySpan<char> field, string name)
    {
        field = field.Trim();
        if (long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (!decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw file.Error($"{name} '{field}' is not a number");
        }

        return value < 0 ? throw file.Error($"{name} {field} is negative") : value;
    }

    /// <summary>Parses a field of 1 to 18 ASCII digits and nothing else (what <see cref="NumberStyles.None"/> accepts, without the range checks).</summary>
    private static bool TryDigits(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.IsEmpty || field.Length > 18)
        {
            return false;
        }

        foreach (var b in field)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary><paramref name="units"/> / 10000 with the smallest scale, as decimal division gives (1654800 -> 165.48), without dividing.</summary>
    private static decimal TenThousandths(long units)
    {
        byte scale = 4;
        while (scale > 0 && units % 10 == 0)
        {
            units /= 10;
            scale--;
        }

        return new decimal((int)(units & 0xFFFF_FFFF), (int)(units >> 32), 0, false, scale);
    }

    /// <summary>Milliseconds since midnight of the file's day, in the file's time zone, as UTC.</summary>
    private DateTime Intraday(long ms)
    {
        var local = dayStart.AddTicks(ms * TimeSpan.TicksPerMillisecond);
        return equity ? NewYorkToUtc(local) : DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    private DateTime NewYorkToUtc(DateTime local)
    {
        var day = local.Date;
        if (day != offsetDay)
        {
            offsetDay = day;
            var zone = NewYork;
            var first = zone.GetUtcOffset(day);
            uniformOffset = first == zone.GetUtcOffset(day.AddDays(1).AddTicks(-1)) && !zone.IsInvalidTime(day);
            offsetTicks = first.Ticks;
        }

        if (uniformOffset)
        {
            return new DateTime(local.Ticks - offsetTicks, DateTimeKind.Utc);
        }

        try
        {
            return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), NewYork);
        }
        catch (ArgumentException e)
        {
            throw file.Error($"time {local:yyyy-MM-dd HH:mm} does not exist in New York (DST gap): {e.Message}", e);
        }
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
