using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads LEAN tick zips (<c>…/tick/&lt;sym&gt;/YYYYMMDD_trade.zip</c> and <c>…_quote.zip</c>), streaming row by row
/// from the UTF-8 bytes (<see cref="Utf8LineReader"/>, <see cref="LeanRowParser"/>): no string per row or field.
/// <list type="bullet">
/// <item>Equity trade ticks: <c>ms,price,size,exchange,saleCondition,suspicious</c>; crypto: <c>ms,price,size</c>.
/// LEAN does not record the aggressor, so <see cref="TradeTick.Aggressor"/> is null.</item>
/// <item>Equity quote ticks: <c>ms,bidPrice,bidSize,askPrice,askSize,exchange,condition,suspicious</c>, one side per row
/// (the other side is 0,0); crypto: <c>ms,bidPrice,bidSize,askPrice,askSize</c>. A <see cref="QuoteTick"/> needs both
/// sides, so the reader keeps the latest bid and the latest ask (from whichever venue quoted last) and yields the
/// combined quote after every row, from the first row at which both sides are known.</item>
/// <item>Rows flagged suspicious (last field 1) are skipped unless <c>includeSuspicious</c> is set: LEAN marks prints
/// that its data vendor flagged as bad.</item>
/// </list>
/// Times and prices follow <see cref="LeanBarReader"/> (New York to UTC for equities; equity prices in 1/10000 $).
/// </summary>
public static class LeanTickReader
{
    /// <summary>Reads the trade ticks of one LEAN tick zip.</summary>
    /// <param name="path">A <c>…/tick/&lt;sym&gt;/YYYYMMDD_trade.zip</c> file.</param>
    /// <param name="instrument">Stamps the ticks with this id instead of the one the path gives.</param>
    /// <param name="includeSuspicious">Keep rows LEAN flags as suspicious.</param>
    /// <returns>The ticks in time order (equal timestamps keep file order).</returns>
    /// <exception cref="DataFileException">The path is not a LEAN trade-tick file, or a row is malformed or out of order.</exception>
    public static IEnumerable<TradeTick> ReadTrades(string path, InstrumentId? instrument = null, bool includeSuspicious = false)
    {
        var lean = LeanBarReader.Recognize(path, l => l is { Resolution: LeanResolution.Tick, Type: LeanDataType.Trade }, "a LEAN trade-tick file");
        return ReadTrades(path, lean, instrument ?? lean.Instrument.Id, includeSuspicious);
    }

    /// <summary>Reads the quote ticks of one LEAN tick zip (see the class remarks for how one-sided rows combine).</summary>
    /// <param name="path">A <c>…/tick/&lt;sym&gt;/YYYYMMDD_quote.zip</c> file.</param>
    /// <param name="instrument">Stamps the ticks with this id instead of the one the path gives.</param>
    /// <param name="includeSuspicious">Keep rows LEAN flags as suspicious.</param>
    /// <returns>The quotes in time order.</returns>
    /// <exception cref="DataFileException">The path is not a LEAN quote-tick file, or a row is malformed or out of order.</exception>
    public static IEnumerable<QuoteTick> ReadQuotes(string path, InstrumentId? instrument = null, bool includeSuspicious = false)
    {
        var lean = LeanBarReader.Recognize(path, l => l is { Resolution: LeanResolution.Tick, Type: LeanDataType.Quote }, "a LEAN quote-tick file");
        return ReadQuotes(path, lean, instrument ?? lean.Instrument.Id, includeSuspicious);
    }

    internal static IEnumerable<TradeTick> ReadTrades(string path, LeanPath lean, InstrumentId id, bool includeSuspicious)
    {
        using var file = Utf8LineReader.Open(path);
        var row = new LeanRowParser(file, lean);
        var ranges = new Range[6];
        DateTime? previous = null;
        while (NextTrade(file, row, ranges, id, includeSuspicious, out var tick))
        {
            if (tick is not null)
            {
                LeanBarReader.CheckOrder(file, tick.Timestamp, ref previous, strictly: false);
                yield return tick;
            }
        }
    }

    internal static IEnumerable<QuoteTick> ReadQuotes(string path, LeanPath lean, InstrumentId id, bool includeSuspicious)
    {
        using var file = Utf8LineReader.Open(path);
        var row = new LeanRowParser(file, lean);
        var ranges = new Range[8];
        var book = new TopOfBook();
        DateTime? previous = null;
        while (NextQuote(file, row, ranges, id, includeSuspicious, book, out var quote))
        {
            if (quote is not null)
            {
                LeanBarReader.CheckOrder(file, quote.Timestamp, ref previous, strictly: false);
                yield return quote;
            }
        }
    }

    /// <summary>Reads the next row; false at the end of the file. <paramref name="tick"/> is null for a blank or skipped row.</summary>
    private static bool NextTrade(Utf8LineReader file, LeanRowParser row, Range[] ranges, InstrumentId id, bool includeSuspicious, out TradeTick? tick)
    {
        tick = null;
        var count = NextRow(file, ranges, out var text);
        if (count <= 0)
        {
            return count == 0;
        }

        if (count is not (3 or 6))
        {
            throw file.Error($"expected 6 fields (equity) or 3 (crypto), found {count}");
        }

        if (count == 6 && !includeSuspicious && IsSuspicious(file, text[ranges[5]]))
        {
            return true;
        }

        tick = new TradeTick(id, row.Price(text[ranges[1]], "price"), row.Quantity(text[ranges[2]], "size"), null, row.Time(text[ranges[0]]));
        return true;
    }

    /// <summary>Reads the next row; false at the end of the file. <paramref name="quote"/> is null for a blank or skipped row, or while a side is unknown.</summary>
    private static bool NextQuote(Utf8LineReader file, LeanRowParser row, Range[] ranges, InstrumentId id, bool includeSuspicious, TopOfBook book, out QuoteTick? quote)
    {
        quote = null;
        var count = NextRow(file, ranges, out var text);
        if (count <= 0)
        {
            return count == 0;
        }

        if (count is not (5 or 8))
        {
            throw file.Error($"expected 8 fields (equity) or 5 (crypto), found {count}");
        }

        var time = row.Time(text[ranges[0]]);
        if (count == 8 && !includeSuspicious && IsSuspicious(file, text[ranges[7]]))
        {
            return true;
        }

        var bid = row.Price(text[ranges[1]], "bid price");
        var bidSize = row.Quantity(text[ranges[2]], "bid size");
        var ask = row.Price(text[ranges[3]], "ask price");
        var askSize = row.Quantity(text[ranges[4]], "ask size");
        if (bid > 0m)
        {
            book.Bid = bid;
            book.BidSize = bidSize;
        }

        if (ask > 0m)
        {
            book.Ask = ask;
            book.AskSize = askSize;
        }

        quote = book.Bid is { } b && book.Ask is { } a ? new QuoteTick(id, b, a, book.BidSize, book.AskSize, time) : null;
        return true;
    }

    /// <summary>
    /// Reads the next row and splits it at its commas (<see cref="Split"/>): -1 at the end of the file, 0 for a row of white
    /// space only (skipped), else the number of fields.
    /// </summary>
    private static int NextRow(Utf8LineReader file, Range[] ranges, out ReadOnlySpan<byte> text)
    {
        if (!file.TryReadLine(out text))
        {
            return -1;
        }

        return text.IndexOfAnyExcept(" \t\r\n\v\f"u8) < 0 ? 0 : Split(text, ranges);
    }

    /// <summary>Splits a row at its commas: the first <paramref name="ranges"/>.Length fields' ranges; returns the number of fields.</summary>
    private static int Split(ReadOnlySpan<byte> text, Range[] ranges)
    {
        var count = 0;
        var from = 0;
        while (true)
        {
            var comma = text[from..].IndexOf((byte)',');
            var to = comma < 0 ? text.Length : from + comma;
            if (count < ranges.Length)
            {
                ranges[count] = from..to;
            }

            count++;
            if (comma < 0)
            {
                return count;
            }

            from = to + 1;
        }
    }

    private static bool IsSuspicious(Utf8LineReader file, ReadOnlySpan<byte> field)
    {
        if (field.Length == 1 && field[0] is (byte)'0' or (byte)'1')
        {
            return field[0] == '1';
        }

        Span<char> chars = field.Length <= 256 ? stackalloc char[field.Length] : new char[field.Length];
        var text = LeanRowParser.Decode(field, chars).Trim();
        return text switch
        {
            "0" => false,
            "1" => true,
            _ => throw file.Error($"suspicious flag '{text}' is not 0 or 1"),
        };
    }

    /// <summary>The latest bid and ask seen while reading one-sided quote rows.</summary>
    private sealed class TopOfBook
    {
        public decimal? Bid { get; set; }

        public decimal BidSize { get; set; }

        public decimal? Ask { get; set; }

        public decimal AskSize { get; set; }
    }
}
