using Bourse.Sdk.Identifiers;

namespace Bourse.Sdk.Tests.Identifiers;

public class InstrumentTests
{
    [Theory]
    [InlineData("BTCUSD.COINBASE", "BTCUSD", "COINBASE")]
    [InlineData("spy.nasdaq", "SPY", "NASDAQ")]
    [InlineData("BRK.B.NYSE", "BRK.B", "NYSE")]
    public void Parses_symbol_and_venue(string text, string symbol, string venue)
    {
        var id = InstrumentId.Parse(text);

        Assert.Equal(symbol, id.Symbol);
        Assert.Equal(venue, id.Venue);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTCUSD")]
    [InlineData(".COINBASE")]
    [InlineData("BTCUSD.")]
    [InlineData("BTC USD.COINBASE")]
    public void Rejects_malformed_ids(string text)
    {
        var error = Assert.Throws<FormatException>(() => InstrumentId.Parse(text));
        Assert.Contains("SYMBOL.VENUE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BTCUSD", "USD")]
    [InlineData("BTCUSDT", "USDT")]
    [InlineData("ETHBUSD", "BUSD")]
    [InlineData("ETHBTC", "BTC")]
    [InlineData("XRPAUD", "AUD")]
    public void Crypto_quote_currency_comes_from_the_pair(string pair, string quote) =>
        Assert.Equal(quote, Instrument.Crypto(new InstrumentId(pair, "BINANCE")).QuoteCurrency);

    [Theory]
    [InlineData("BTCUSDT", "USDT")]
    [InlineData("ethbtc", "BTC")]
    [InlineData("XRPAUD", null)]
    [InlineData("USDT", null)]
    public void Known_quote_currency_is_the_longest_listed_ending_that_leaves_a_base(string pair, string? quote) =>
        Assert.Equal(quote, Instrument.KnownQuoteCurrency(pair));

    [Theory]
    [InlineData(12.7, 1, 12)]
    [InlineData(0.123456789, 0.00000001, 0.12345678)]
    public void Rounds_quantities_down_to_whole_lots(decimal quantity, decimal lot, decimal expected)
    {
        var instrument = new Instrument(InstrumentId.Parse("X.Y"), AssetClass.Crypto, "USD", 0.01m, lot);

        Assert.Equal(expected, instrument.RoundDownToLot(quantity));
    }

    [Fact]
    public void A_lot_of_one_rounds_to_the_same_decimals_as_the_division_scale_included()
    {
        decimal[] quantities = [12.7m, 12.70m, 12m, 12.000m, 0.999m, 0m, 59.123456789012345678m, -3.5m, 7922816251426433759354395033.5m];
        foreach (var lot in new[] { 1m, 1.0m, 0.5m })
        {
            var instrument = new Instrument(InstrumentId.Parse("X.Y"), AssetClass.Equity, "USD", 0.01m, lot);
            foreach (var quantity in quantities)
            {
                var divided = Math.Floor(quantity / lot) * lot; // the definition, without the unit-lot shortcut
                Assert.Equal(decimal.GetBits(divided), decimal.GetBits(instrument.RoundDownToLot(quantity)));
            }
        }
    }
}
