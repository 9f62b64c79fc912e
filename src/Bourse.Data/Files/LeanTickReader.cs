using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Files;

/// <summary>
/// Reads LEAN tick zips (<c>…/tick/&lt;sym&gt;/YYYYMMDD_trade.zip</c> and <c>…_quote.zip</c>), streaming row by row.
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
        using var file = DataTextReader.Open(path);
        var row = new LeanRowParser(file, lean);
        var ranges = new Range[8];
        DateTime? previous = null;
        while (file.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line) && ParseTrade(file, row, line, ranges, id, includeSuspicious) is { } tick)
            {
                LeanBarReader.CheckOrder(file, tick.Timestamp, ref previous, strictly: false);
                yield return tick;
            }
        }
    }

    internal static IEnumerable<QuoteTick> ReadQuotes(string path, LeanPath lean, InstrumentId id, bool includeSuspicious)
    {
        using var file = DataTextReader.Open(path);
        var row = new LeanRowParser(file, lean);
        var ranges = new Range[10];
        var book = new TopOfBook();
        DateTime? previous = null;
        while (file.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line) && ParseQuote(file, row, line, ranges, id, includeSuspicious, book) is { } quote)
            {
                LeanBarReader.CheckOrder(file, quote.Timestamp, ref previous, strictly: false);
                yield return quote;
            }
        }
    }

    private static TradeTick? ParseTrade(DataTextReader file, LeanRowParser row, string line, Range[] ranges, InstrumentId id, bool includeSuspicious)
    {
        var text = line.AsSpan();
        var count = text.Split(ranges, ',');
        if (count is not (3 or 6))
        {
            throw file.Error($"expected 6 fields (equity) or 3 (crypto), found {text.Count(',') + 1}");
        }

        if (count == 6 && !includeSuspicious && IsSuspicious(file, text[ranges[5]]))
        {
            return null;
        }

        return new TradeTick(id, row.Price(text[ranges[1]], "price"), row.Quantity(text[ranges[2]], "size"), null, row.Time(text[ranges[0]]));
    }

    private static QuoteTick? ParseQuote(DataTextReader file, LeanRowParser row, string line, Range[] ranges, InstrumentId id, bool includeSuspicious, TopOfBook book)
    {
        var text = line.AsSpan();
        var count = text.Split(ranges, ',');
        if (count is not (5 or 8))
        {
            throw file.Error($"expected 8 fields (equity) or 5 (crypto), found {text.Count(',') + 1}");
        }

        var time = row.Time(text[ranges[0]]);
        if (count == 8 && !includeSuspicious && IsSuspicious(file, text[ranges[7]]))
        {
            return null;
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

        return book.Bid is { } b && book.Ask is { } a ? new QuoteTick(id, b, a, book.BidSize, book.AskSize, time) : null;
    }

    private static bool IsSuspicious(DataTextReader file, ReadOnlySpan<char> field)
    {
        field = field.Trim();
        return field switch
        {
            "0" => false,
            "1" => true,
            _ => throw file.Error($"suspicious flag '{field}' is not 0 or 1"),
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
