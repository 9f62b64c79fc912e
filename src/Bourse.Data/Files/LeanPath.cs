using System.Globalization;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>The bar resolutions of LEAN's data layout that Bourse reads.</summary>
public enum LeanResolution
{
    /// <summary>One file per day, <c>YYYYMMDD_trade.zip</c>, rows <c>ms_since_midnight,o,h,l,c,v</c>.</summary>
    Second,

    /// <summary>One file per day, <c>YYYYMMDD_trade.zip</c>, rows <c>ms_since_midnight,o,h,l,c,v</c>.</summary>
    Minute,

    /// <summary>One file per symbol, rows <c>YYYYMMDD HH:mm,o,h,l,c,v</c>.</summary>
    Hour,

    /// <summary>One file per symbol, rows <c>YYYYMMDD 00:00,o,h,l,c,v</c>.</summary>
    Daily,
}

/// <summary>
/// What a path inside LEAN's data layout says about the file: <c>…/equity/&lt;market&gt;/&lt;res&gt;/&lt;sym&gt;/YYYYMMDD_trade.zip</c>,
/// <c>…/equity/&lt;market&gt;/{hour|daily}/&lt;sym&gt;.zip</c>, <c>…/crypto/&lt;market&gt;/&lt;res&gt;/&lt;pair&gt;/YYYYMMDD_trade.zip</c>,
/// <c>…/crypto/&lt;market&gt;/{hour|daily}/&lt;pair&gt;_trade.zip</c>.
/// </summary>
/// <param name="Instrument">US equities are put on venue NASDAQ (<c>SPY.NASDAQ</c>); crypto on the upper-cased market (<c>BTCUSD.COINBASE</c>).</param>
/// <param name="Resolution">The bar resolution.</param>
/// <param name="Date">The trading date of a second/minute file (from its name), null for hour/daily files.</param>
public sealed record LeanPath(Instrument Instrument, LeanResolution Resolution, DateOnly? Date)
{
    /// <summary>The venue US equities are given in Bourse.</summary>
    public const string UsEquityVenue = "NASDAQ";

    /// <summary>The bar period of the resolution.</summary>
    public BarPeriod Period => Resolution switch
    {
        LeanResolution.Second => new BarPeriod(TimeSpan.FromSeconds(1)),
        LeanResolution.Minute => BarPeriod.OneMinute,
        LeanResolution.Hour => BarPeriod.OneHour,
        _ => BarPeriod.OneDay,
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
    /// (and returns null) when it is a LEAN file Bourse does not read as bars (quotes, ticks, open interest, factor/map files).
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
                case "tick":
                    unsupported = "LEAN tick files are not read as bars";
                    return null;
                case "second" or "minute" when rest == 2:
                    {
                        if (!fileName.EndsWith(".zip", StringComparison.Ordinal) || fileName.Length < 13 || fileName[8] != '_'
                            || !DateOnly.TryParseExact(fileName[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        {
                            unsupported = "not a LEAN YYYYMMDD_<type>.zip file";
                            return null;
                        }

                        var type = fileName[9..^4];
                        if (type != "trade")
                        {
                            unsupported = $"LEAN {type} files are not read as bars (only trade bars are)";
                            return null;
                        }

                        var res = resolution == "second" ? LeanResolution.Second : LeanResolution.Minute;
                        return new LeanPath(Describe(isEquity, segments[i + 3], market), res, date);
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
                        if (underscore > 0)
                        {
                            var type = stem[(underscore + 1)..];
                            if (type != "trade")
                            {
                                unsupported = $"LEAN {type} files are not read as bars (only trade bars are)";
                                return null;
                            }

                            stem = stem[..underscore];
                        }
                        else if (!isEquity)
                        {
                            unsupported = "LEAN crypto hour/daily files are named <pair>_trade.zip";
                            return null;
                        }

                        var res = resolution == "hour" ? LeanResolution.Hour : LeanResolution.Daily;
                        return new LeanPath(Describe(isEquity, stem, market), res, null);
                    }

                case "second" or "minute" or "hour" or "daily":
                    unsupported = $"not where LEAN keeps {resolution} bar files";
                    return null;
                default:
                    if (kind == "equity" || resolution is "factor_files" or "map_files" or "margins" or "fundamental")
                    {
                        unsupported = $"LEAN {segments[i + 2]} files are not bar files";
                        return null;
                    }

                    continue;
            }
        }

        return null;
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
