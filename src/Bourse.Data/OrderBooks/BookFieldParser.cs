using System.Globalization;
using Bourse.Data.Files;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Data.OrderBooks;

/// <summary>Parses the fields that every order-book file has (prices, sizes, sides, epoch times), reporting a bad one with its line.</summary>
internal static class BookFieldParser
{
    /// <summary>The instrument <c>SYMBOL.VENUE</c> named by a row.</summary>
    public static InstrumentId Instrument(DataTextReader reader, string symbol, string venue)
    {
        try
        {
            return new InstrumentId(symbol, venue);
        }
        catch (ArgumentException e)
        {
            throw reader.Error($"symbol '{symbol}' on venue '{venue}' is not an instrument id ({e.Message})", e);
        }
    }

    /// <summary>A positive price, quote currency.</summary>
    public static decimal Price(DataTextReader reader, string text, string field)
    {
        var price = Number(reader, text, field);
        return price > 0m ? price : throw reader.Error($"{field} {text} is not positive");
    }

    /// <summary>A size, base units, zero or more (zero means "remove the level" in a delta).</summary>
    public static decimal Size(DataTextReader reader, string text, string field)
    {
        var size = Number(reader, text, field);
        return size >= 0m ? size : throw reader.Error($"{field} {text} is negative");
    }

    /// <summary>A whole number (ids, epoch times).</summary>
    public static long Integer(DataTextReader reader, string text, string field) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw reader.Error($"{field} '{text}' is not a whole number");

    /// <summary>UTC time of a Unix epoch in milliseconds.</summary>
    public static DateTime UnixMilliseconds(DataTextReader reader, string text, string field) =>
        Epoch(reader, Integer(reader, text, field), TimeSpan.TicksPerMillisecond, field);

    /// <summary>UTC time of a Unix epoch in microseconds.</summary>
    public static DateTime UnixMicroseconds(DataTextReader reader, string text, string field) =>
        Epoch(reader, Integer(reader, text, field), TimeSpan.TicksPerMicrosecond, field);

    /// <summary>The side of a book level written as <c>b</c>/<c>bid</c>/<c>buy</c> or <c>a</c>/<c>ask</c>/<c>sell</c>.</summary>
    public static Side Side(DataTextReader reader, string text) => text.ToUpperInvariant() switch
    {
        "B" or "BID" or "BUY" => Bourse.Sdk.Orders.Side.Buy,
        "A" or "ASK" or "SELL" => Bourse.Sdk.Orders.Side.Sell,
        _ => throw reader.Error($"side '{text}' is neither b (bid) nor a (ask)"),
    };

    private static decimal Number(DataTextReader reader, string text, string field) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw reader.Error($"{field} '{text}' is not a number");

    private static DateTime Epoch(DataTextReader reader, long value, long ticksPerUnit, string field)
    {
        if (value < 0 || value > (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / ticksPerUnit)
        {
            throw reader.Error($"{field} {value} is out of range");
        }

        return DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(value * ticksPerUnit), DateTimeKind.Utc);
    }
}
