using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bourse.Server.Alpaca;

/// <summary>
/// Alpaca's decimals in the trading API: written as JSON strings (<c>"150.25"</c>, invariant culture, no exponent), read
/// from a string or a number. Put <c>[property: JsonConverter(typeof(AlpacaDecimalConverter))]</c> on a decimal or decimal?
/// property (null stays null). Market data (bars, trades, quotes) uses JSON numbers, as Alpaca's does.
/// </summary>
/// <exception cref="JsonException">On read: neither a number nor a string holding one (the binding error names the field).</exception>
public sealed class AlpacaDecimalConverter : JsonConverter<decimal>
{
    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDecimal();
        }

        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new JsonException($"Expected a decimal number or a string holding one, got {reader.TokenType}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
