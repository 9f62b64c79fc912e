using System.Text;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Feeds.Binance;

/// <summary>
/// Binance's naming of spot market streams: an instrument <c>BTCUSDT.BINANCE</c> is the symbol <c>btcusdt</c> (streams use
/// lower case), with the streams <c>btcusdt@trade</c> and <c>btcusdt@kline_1m</c>; a combined connection is
/// <c>{base}/stream?streams=btcusdt@trade/btcusdt@kline_1m</c>. Source: Binance spot API docs, "WebSocket Streams".
/// </summary>
public static class BinanceStreams
{
    private static readonly Dictionary<string, TimeSpan> Intervals = new(StringComparer.Ordinal)
    {
        ["1s"] = TimeSpan.FromSeconds(1),
        ["1m"] = TimeSpan.FromMinutes(1),
        ["3m"] = TimeSpan.FromMinutes(3),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["30m"] = TimeSpan.FromMinutes(30),
        ["1h"] = TimeSpan.FromHours(1),
        ["2h"] = TimeSpan.FromHours(2),
        ["4h"] = TimeSpan.FromHours(4),
        ["6h"] = TimeSpan.FromHours(6),
        ["8h"] = TimeSpan.FromHours(8),
        ["12h"] = TimeSpan.FromHours(12),
        ["1d"] = TimeSpan.FromDays(1),
        ["3d"] = TimeSpan.FromDays(3),
        ["1w"] = TimeSpan.FromDays(7),
    };

    /// <summary>The bar period of a Binance kline interval (case-sensitive: <c>1m</c> is a minute; a month, <c>1M</c>, has no fixed length and is refused).</summary>
    /// <exception cref="ArgumentException">Not one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w.</exception>
    public static BarPeriod PeriodOf(string interval) =>
        Intervals.TryGetValue(interval ?? "", out var span)
            ? new BarPeriod(span)
            : throw new ArgumentException($"'{interval}' is not a Binance kline interval with a fixed length ({string.Join(", ", Intervals.Keys)}).", nameof(interval));

    /// <summary>The instrument of a Binance symbol: <c>BTCUSDT</c> on <paramref name="venue"/> BINANCE is <c>BTCUSDT.BINANCE</c>.</summary>
    /// <exception cref="ArgumentException">The symbol is not letters and digits.</exception>
    public static InstrumentId InstrumentOf(string symbol, string venue)
    {
        if (string.IsNullOrEmpty(symbol) || !symbol.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{symbol}' is not a Binance symbol (letters and digits, e.g. BTCUSDT).", nameof(symbol));
        }

        return new InstrumentId(symbol.ToUpperInvariant(), venue);
    }

    /// <summary>The trade and kline stream names of an instrument, e.g. <c>btcusdt@trade</c>, <c>btcusdt@kline_1m</c>.</summary>
    public static IEnumerable<string> Of(InstrumentId instrument, string interval)
    {
        var symbol = instrument.Symbol.ToLowerInvariant();
        yield return $"{symbol}@trade";
        yield return $"{symbol}@kline_{interval}";
    }

    /// <summary>The combined-stream address <c>{baseUrl}/stream?streams=a/b/c</c> (just <c>{baseUrl}/stream</c> without streams).</summary>
    /// <exception cref="UriFormatException">The base is not an absolute ws:// or wss:// address.</exception>
    public static Uri CombinedUri(string baseUrl, IEnumerable<string> streams)
    {
        var root = new Uri(baseUrl.TrimEnd('/'), UriKind.Absolute);
        if (root.Scheme is not ("ws" or "wss"))
        {
            throw new UriFormatException($"'{baseUrl}' is not a ws:// or wss:// address (MarketData:Binance:Url).");
        }

        var builder = new StringBuilder(root.AbsoluteUri.TrimEnd('/')).Append("/stream");
        var names = string.Join('/', streams);
        if (names.Length > 0)
        {
            builder.Append("?streams=").Append(names);
        }

        return new Uri(builder.ToString());
    }
}
