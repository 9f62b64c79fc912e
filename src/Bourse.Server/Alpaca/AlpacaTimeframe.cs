using System.Globalization;
using System.Text.RegularExpressions;
using Bourse.Sdk.MarketData;

namespace Bourse.Server.Alpaca;

/// <summary>Alpaca's bar timeframes: <c>[1-59]Min</c> (or <c>T</c>), <c>[1-23]Hour</c> (or <c>H</c>), <c>1Day</c> (<c>D</c>), <c>1Week</c> (<c>W</c>).</summary>
public static partial class AlpacaTimeframe
{
    /// <summary>
    /// The period of <paramref name="text"/>; false for anything else, including Alpaca's month timeframes (<c>1Month</c>:
    /// months are not a fixed period, and the bars are built by fixed-period aggregation).
    /// </summary>
    public static bool TryParse(string? text, out BarPeriod period)
    {
        period = default;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true } || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        TimeSpan? span = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "MIN" or "T" when n is >= 1 and <= 59 => TimeSpan.FromMinutes(n),
            "HOUR" or "H" when n is >= 1 and <= 23 => TimeSpan.FromHours(n),
            "DAY" or "D" when n == 1 => TimeSpan.FromDays(1),
            "WEEK" or "W" when n == 1 => TimeSpan.FromDays(7),
            _ => null,
        };
        if (span is not { } s)
        {
            return false;
        }

        period = new BarPeriod(s);
        return true;
    }

    [GeneratedRegex("^(?<n>[0-9]{1,2})(?<unit>Min|T|Hour|H|Day|D|Week|W)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
