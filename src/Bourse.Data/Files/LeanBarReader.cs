using Bourse.Data.MarketData;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads LEAN bar zips (one CSV inside, no header): trade bars <c>time,o,h,l,c,v</c> and quote bars
/// <c>time,bidO,bidH,bidL,bidC,lastBidSize,askO,askH,askL,askC,lastAskSize</c> (an empty side means no quote).
/// Equity prices are integers in 1/10000 $ and are divided by 10000; crypto prices are plain decimals. Equity times are
/// America/New_York and are converted to UTC with the DST rule of the date; crypto times are UTC. Every bar is stamped
/// with its open time. Hour bars keep LEAN's label as the open time (the <c>09:00</c> bar covers 09:30–10:00 ET, so its
/// close time is the real one); equity daily bars open at midnight New York time, crypto daily bars at midnight UTC.
/// Prices are raw: adjust equities for splits and dividends with <see cref="LeanFactorFile"/>.
/// </summary>
public static class LeanBarReader
{
    /// <summary>America/New_York, where LEAN's US equity times are written.</summary>
    public static TimeZoneInfo NewYork => LeanRowParser.NewYork;

    /// <summary>Reads one LEAN trade-bar zip.</summary>
    /// <param name="path">The zip file, inside LEAN's layout (see <see cref="LeanPath"/>).</param>
    /// <param name="instrument">Stamps the bars with this id instead of the one the path gives.</param>
    /// <returns>The bars in time order.</returns>
    /// <exception cref="DataFileException">The path is not a LEAN trade-bar file, or a line is malformed.</exception>
    public static IReadOnlyList<Bar> Read(string path, InstrumentId? instrument = null)
    {
        var lean = Recognize(path, l => l.IsTradeBars, "a LEAN trade-bar file");
        return [.. ReadTradeBars(path, lean, instrument ?? lean.Instrument.Id)];
    }

    /// <summary>Reads one LEAN quote-bar zip (minute, second, hour or daily <c>…_quote.zip</c>), streaming.</summary>
    /// <param name="path">The zip file, inside LEAN's layout.</param>
    /// <param name="instrument">Stamps the bars with this id instead of the one the path gives.</param>
    /// <returns>The quote bars in time order.</returns>
    /// <exception cref="DataFileException">The path is not a LEAN quote-bar file, or a line is malformed.</exception>
    public static IEnumerable<QuoteBar> ReadQuoteBars(string path, InstrumentId? instrument = null)
    {
        var lean = Recognize(path, l => l.Type == LeanDataType.Quote && l.Resolution != LeanResolution.Tick, "a LEAN quote-bar file");
        return ReadQuoteBars(path, lean, instrument ?? lean.Instrument.Id);
    }

    internal static IEnumerable<Bar> ReadTradeBars(string path, LeanPath lean, InstrumentId id)
    {
        using var file = DataTextReader.Open(path);
        var row = new LeanRowParser(file, lean);
        var period = lean.Period;
        var ranges = new Range[8];
        DateTime? previous = null;
        while (file.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                var bar = ParseTradeBar(file, row, line, ranges, id, period);
                CheckOrder(file, bar.OpenTime, ref previous);
                yield return bar;
            }
        }
    }

    internal static IEnumerable<QuoteBar> ReadQuoteBars(string path, LeanPath lean, InstrumentId id)
    {
        using var file = DataTextReader.Open(path);
        var row = new LeanRowParser(file, lean);
        var period = lean.Period;
        var ranges = new Range[12];
        DateTime? previous = null;
        while (file.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                var bar = ParseQuoteBar(file, row, line, ranges, id, period);
                CheckOrder(file, bar.OpenTime, ref previous);
                yield return bar;
            }
        }
    }

    internal static LeanPath Recognize(string path, Func<LeanPath, bool> accepts, string what)
    {
        var lean = LeanPath.Recognize(path, out var unsupported);
        if (lean is null || !accepts(lean))
        {
            throw new DataFileException(path, null, null, $"not {what} in LEAN's layout ({unsupported ?? "…/equity/usa/minute/spy/YYYYMMDD_trade.zip, …/crypto/coinbase/minute/btcusd/YYYYMMDD_quote.zip, …/equity/usa/tick/spy/YYYYMMDD_trade.zip, …/equity/usa/daily/spy.zip"})");
        }

        return lean;
    }

    internal static void CheckOrder(DataLineReader file, DateTime time, ref DateTime? previous, bool strictly = true)
    {
        if (previous is { } before && (time < before || (strictly && time == before)))
        {
            throw file.Error($"time {time:O} is not after the previous row's {before:O}");
        }

        previous = time;
    }

    private static Bar ParseTradeBar(DataTextReader file, LeanRowParser row, string line, Range[] ranges, InstrumentId id, BarPeriod period)
    {
        var text = line.AsSpan();
        if (text.Split(ranges, ',') != 6)
        {
            throw file.Error($"expected 6 fields, found {text.Count(',') + 1}");
        }

        var bar = new Bar(
            id,
            period,
            row.Time(text[ranges[0]]),
            row.Price(text[ranges[1]], "open"),
            row.Price(text[ranges[2]], "high"),
            row.Price(text[ranges[3]], "low"),
            row.Price(text[ranges[4]], "close"),
            row.Quantity(text[ranges[5]], "volume"));
        try
        {
            return bar.Validated();
        }
        catch (ArgumentException e)
        {
            throw file.Error(e.Message, e);
        }
    }

    private static QuoteBar ParseQuoteBar(DataTextReader file, LeanRowParser row, string line, Range[] ranges, InstrumentId id, BarPeriod period)
    {
        var text = line.AsSpan();
        if (text.Split(ranges, ',') != 11)
        {
            throw file.Error($"expected 11 fields, found {text.Count(',') + 1}");
        }

        return new QuoteBar(
            id,
            period,
            row.Time(text[ranges[0]]),
            Side(row, file, line, ranges, 1, "bid"),
            Size(row, text[ranges[5]], "last bid size"),
            Side(row, file, line, ranges, 6, "ask"),
            Size(row, text[ranges[10]], "last ask size"));
    }

    private static Ohlc? Side(LeanRowParser row, DataTextReader file, string line, Range[] ranges, int first, string side)
    {
        var text = line.AsSpan();
        var empty = 0;
        for (var i = first; i < first + 4; i++)
        {
            empty += text[ranges[i]].Trim().IsEmpty ? 1 : 0;
        }

        if (empty == 4)
        {
            return null;
        }

        var ohlc = new Ohlc(
            row.Price(text[ranges[first]], $"{side} open"),
            row.Price(text[ranges[first + 1]], $"{side} high"),
            row.Price(text[ranges[first + 2]], $"{side} low"),
            row.Price(text[ranges[first + 3]], $"{side} close"));
        if (ohlc.High < ohlc.Low || ohlc.High < ohlc.Open || ohlc.High < ohlc.Close || ohlc.Low > ohlc.Open || ohlc.Low > ohlc.Close)
        {
            throw file.Error($"{side} breaks low <= open, close <= high (O={ohlc.Open} H={ohlc.High} L={ohlc.Low} C={ohlc.Close})");
        }

        return ohlc;
    }

    private static decimal Size(LeanRowParser row, ReadOnlySpan<char> field, string name) => field.Trim().IsEmpty ? 0m : row.Quantity(field, name);
}
