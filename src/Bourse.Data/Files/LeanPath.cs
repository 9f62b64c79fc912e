using System.Globalization;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>The resolutions of LEAN's data layout that Bourse reads.</summary>
public enum LeanResolution
{
    /// <summary>One file per day, <c>YYYYMMDD_trade.zip</c> / <c>YYYYMMDD_quote.zip</c>, one row per tick.</summary>
    Tick,

    /// <summary>One file per day, <c>YYYYMMDD_trade.zip</c>, rows <c>ms_since_midnight,o,h,l,c,v</c>.</summary>
    Second,

    /// <summary>One file per day, <c>YYYYMMDD_trade.zip</c>, rows <c>ms_since_midnight,o,h,l,c,v</c>.</summary>
    Minute,

    /// <summary>One file per symbol, rows <c>YYYYMMDD HH:mm,o,h,l,c,v</c>.</summary>
    Hour,

    /// <summary>One file per symbol, rows <c>YYYYMMDD 00:00,o,h,l,c,v</c>.</summary>
    Daily,
}

/// <summary>What a LEAN data file holds: trades (trade bars or trade ticks) or quotes (quote bars or quote ticks).</summary>
public enum LeanDataType
{
    /// <summary>Trade bars (OHLCV) or trade ticks.</summary>
    Trade,

    /// <summary>Quote bars (bid and ask OHLC) or quote ticks.</summary>
    Quote,
}

/// <summary>
/// What a path inside LEAN's data layout says about the file: <c>…/equity/&lt;market&gt;/&lt;res&gt;/&lt;sym&gt;/YYYYMMDD_&lt;type&gt;.zip</c>
/// (tick, second, minute), <c>…/equity/&lt;market&gt;/{hour|daily}/&lt;sym&gt;.zip</c>, <c>…/crypto/&lt;market&gt;/&lt;res&gt;/&lt;pair&gt;/YYYYMMDD_&lt;type&gt;.zip</c>,
/// <c>…/crypto/&lt;market&gt;/{hour|daily}/&lt;pair&gt;_&lt;type&gt;.zip</c>, where type is <c>trade</c> or <c>quote</c>.
/// </summary>
/// <param name="Instrument">US equities are put on venue NASDAQ (<c>SPY.NASDAQ</c>); crypto on the upper-cased market (<c>BTCUSD.COINBASE</c>).</param>
/// <param name="Resolution">The resolution.</param>
/// <param name="Date">The trading date of a tick/second/minute file (from its name), null for hour/daily files.</param>
/// <param name="Type">Trades or quotes.</param>
public sealed record LeanPath(Instrument Instrument, LeanResolution Resolution, DateOnly? Date, LeanDataType Type = LeanDataType.Trade)
{
    /// <summary>The venue US equities are given in Bourse.</summary>
    public const string UsEquityVenue = "NASDAQ";

    /// <summary>True for a trade-bar file (what <see cref="BarFiles"/> reads).</summary>
    public bool IsTradeBars => Type == LeanDataType.Trade && Resolution != LeanResolution.Tick;

    /// <summary>The bar period of the resolution.</summary>
    /// <exception cref="InvalidOperationException">The file holds ticks.</exception>
    public BarPeriod Period => Resolution switch
    {
        LeanResolution.Second => new BarPeriod(TimeSpan.FromSeconds(1)),
        LeanResolution.Minute => BarPeriod.OneMinute,
        LeanResolution.Hour => BarPeriod.OneHour,
        LeanResolution.Daily => BarPeriod.OneDay,
        _ => throw new InvalidOperationException("LEAN tick files have no bar period."),
    };

    /// <summary>True for equities: prices in 1/10000 $ and times in America/New_York.</summary>
    public bool IsEquity => Instrument.AssetClass == AssetClass.Equity;

    /// <summary>As <see cref="TryParse"/>, for a file about to be read: a malformed LEAN path is a data file error.</summary>
    /// <exception cref="DataFileException">The path is in LEAN's layout but malformed (e.g. a bad date in the file name).</exception>
    public static LeanPath? Recognize(string path, out string? unsupported)
    {
        try
        {
            return TryParse(path, out unsupported);
        }
        catch (FormatException e)
        {
            throw new DataFileException(path, null, null, e.Message, e);
        }
    }

    /// <summary>
    /// Reads a LEAN path. Returns null when the path is not in LEAN's layout; sets <paramref name="unsupported"/>
    /// (and returns null) when it is a LEAN file Bourse does not read as market data (open interest, factor/map files…).
    /// </summary>
    /// <exception cref="FormatException">The path is in LEAN's layout but its symbol and market make no instrument id
    /// (<see cref="Recognize"/> turns this into a <see cref="DataFileException"/>).</exception>
    public static LeanPath? TryParse(string path, out string? unsupported)
    {
        unsupported = null;
        var segments = Path.GetFullPath(path).Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 3; i >= 0; i--)
        {
            var kind = segments[i].ToLowerInvariant();
            if (kind is not ("equity" or "crypto"))
            {
                continue;
            }

            var market = segments[i + 1];
            var resolution = segments[i + 2].ToLowerInvariant();
            var rest = segments.Length - (i + 3);
            var fileName = segments[^1].ToLowerInvariant();
            var isEquity = kind == "equity";
            switch (resolution)
            {
                case "tick" or "second" or "minute" when rest == 2:
                    {
                        if (!fileName.EndsWith(".zip", StringComparison.Ordinal) || fileName.Length < 13 || fileName[8] != '_'
                            || !DateOnly.TryParseExact(fileName[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        {
                            unsupported = "not a LEAN YYYYMMDD_<type>.zip file";
                            return null;
                        }

                        if (ParseType(fileName[9..^4], ref unsupported) is not { } type)
                        {
                            return null;
                        }

                        var res = resolution switch { "tick" => LeanResolution.Tick, "second" => LeanResolution.Second, _ => LeanResolution.Minute };
                        return new LeanPath(Describe(isEquity, segments[i + 3], market), res, date, type);
                    }

                case "hour" or "daily" when rest == 1:
                    {
                        if (!fileName.EndsWith(".zip", StringComparison.Ordinal))
                        {
                            unsupported = "not a LEAN zip file";
                            return null;
                        }

                        var stem = fileName[..^4];
                        var underscore = stem.LastIndexOf('_');
                        var type = LeanDataType.Trade;
                        if (underscore > 0)
                        {
                            if (ParseType(stem[(underscore + 1)..], ref unsupported) is not { } parsed)
                            {
                                return null;
                            }

                            type = parsed;
                            stem = stem[..underscore];
                        }
                        else if (!isEquity)
                        {
                            unsupported = "LEAN crypto hour/daily files are named <pair>_<trade|quote>.zip";
                            return null;
                        }

                        var res = resolution == "hour" ? LeanResolution.Hour : LeanResolution.Daily;
                        return new LeanPath(Describe(isEquity, stem, market), res, null, type);
                    }

                case "tick" or "second" or "minute" or "hour" or "daily":
                    unsupported = $"not where LEAN keeps {resolution} data files";
                    return null;
                default:
                    if (kind == "equity" || resolution is "factor_files" or "map_files" or "margins" or "fundamental")
                    {
                        unsupported = $"LEAN {segments[i + 2]} files are not market data files";
                        return null;
                    }

                    continue;
            }
        }

        return null;
    }

    private static LeanDataType? ParseType(string type, ref string? unsupported)
    {
        switch (type)
        {
            case "trade":
                return LeanDataType.Trade;
            case "quote":
                return LeanDataType.Quote;
            default:
                unsupported = $"LEAN {type} files are not read (only trade and quote files are)";
                return null;
        }
    }

    private static Instrument Describe(bool isEquity, string symbol, string market)
    {
        try
        {
            return isEquity
                ? Instrument.Equity(new InstrumentId(symbol, UsEquityVenue))
                : Instrument.Crypto(new InstrumentId(symbol, market));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{symbol}' on '{market}' does not make an instrument id: {e.Message}", e);
        }
    }
}
