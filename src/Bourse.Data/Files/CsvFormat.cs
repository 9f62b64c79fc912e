using System.Globalization;
using System.Text;

namespace Bourse.Data.Files;

/// <summary>
/// How a generic CSV file is laid out. Every setting has a default that reads common files as they are; override
/// what differs. Columns are found by header name (case-insensitive, quotes and a byte-order mark removed).
/// </summary>
public sealed record CsvFormat
{
    /// <summary>The default format: automatic time parsing in UTC, UTF-8 with the byte-order mark detected.</summary>
    public static CsvFormat Default { get; } = new();

    /// <summary>The time column; null takes the first of <c>timestamp</c>, <c>time</c>, <c>date</c>, <c>datetime</c>, <c>open_time</c>.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>Bar columns: open, high, low, close, and the optional volume (0 when absent).</summary>
    public (string Open, string High, string Low, string Close, string Volume) BarColumns { get; init; } = ("open", "high", "low", "close", "volume");

    /// <summary>Trade columns: price, size (also found as <c>amount</c>, <c>quantity</c>, <c>qty</c>, <c>volume</c>), optional side (<c>buy</c>/<c>sell</c>, the aggressor).</summary>
    public (string Price, string Size, string Side) TradeColumns { get; init; } = ("price", "size", "side");

    /// <summary>Quote columns: bid, ask, and the optional bid size and ask size (0, unknown, when absent).</summary>
    public (string Bid, string Ask, string BidSize, string AskSize) QuoteColumns { get; init; } = ("bid", "ask", "bid_size", "ask_size");

    /// <summary>
    /// .NET custom date and time formats tried in order (<c>yyyy-MM-dd HH:mm</c>, <c>dd/MM/yyyy</c>…); null parses
    /// automatically: ISO 8601, <c>YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]</c>, <c>YYYYMMDD[ HH:mm[:ss]]</c>, with or without an
    /// offset, or a Unix epoch number whose magnitude tells the unit (s, ms, µs, ns).
    /// </summary>
    public IReadOnlyList<string>? TimeFormats { get; init; }

    /// <summary>The time zone of times written without an offset (default UTC); times with an offset keep it.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The field separator; null detects ',', ';' or tab from the header.</summary>
    public char? Separator { get; init; }

    /// <summary>The text encoding; null is UTF-8. A byte-order mark (UTF-8, UTF-16) is always detected and skipped.</summary>
    public Encoding? Encoding { get; init; }

    private static readonly string[] AutomaticFormats = BuildFormats();

    /// <summary>Parses a time as this format says; the result is UTC.</summary>
    public bool TryParseTime(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (TimeFormats is null && text.Length != 8 && text.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                return false;
            }

            utc = (epoch switch
            {
                < 100_000_000_000L => DateTimeOffset.FromUnixTimeSeconds(epoch),
                < 100_000_000_000_000L => DateTimeOffset.FromUnixTimeMilliseconds(epoch),
                < 100_000_000_000_000_000L => DateTimeOffset.UnixEpoch.AddTicks(epoch * 10),
                _ => DateTimeOffset.UnixEpoch.AddTicks(epoch / 100),
            }).UtcDateTime;
            return true;
        }

        var formats = TimeFormats is { } custom ? custom.ToArray() : AutomaticFormats;
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            if (TimeZone.IsInvalidTime(parsed))
            {
                return false;
            }

            utc = TimeZoneInfo.ConvertTimeToUtc(parsed, TimeZone);
            return true;
        }

        // The text has an offset (DateTime.TryParseExact converted it to local time): read it as a DateTimeOffset.
        if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var offset))
        {
            return false;
        }

        utc = offset.UtcDateTime;
        return true;
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
}
