using Bourse.Sdk.Identifiers;

namespace Bourse.Sdk.Tests.Identifiers;

public class NumberedIdTests
{
    [Theory]
    [InlineData(1, "O-000001")]
    [InlineData(123_456, "O-123456")]
    [InlineData(1_234_567, "O-1234567")]
    public void A_numbered_order_id_reads_as_its_text_and_equals_it(long number, string text)
    {
        var numbered = ClientOrderId.Numbered(number);
        var given = new ClientOrderId(text);

        Assert.Equal(text, numbered.Value);
        Assert.Equal(text, numbered.ToString());
        Assert.Equal(given, numbered);
        Assert.True(numbered == given);
        Assert.Equal(given.GetHashCode(), numbered.GetHashCode());
        Assert.True(new Dictionary<ClientOrderId, int> { [numbered] = 1 }.ContainsKey(given));
    }

    [Theory]
    [InlineData("O-00001")] // fewer than six digits
    [InlineData("O-0000001")] // a leading zero beyond six digits
    [InlineData("T-000001")] // another prefix
    [InlineData("O-00000a")]
    [InlineData("my-order")]
    public void Other_texts_are_not_a_numbered_id(string text)
    {
        var given = new ClientOrderId(text);

        Assert.NotEqual(ClientOrderId.Numbered(1), given);
        Assert.Equal(text, given.Value);
        Assert.Equal(new ClientOrderId(text), given);
    }

    [Fact]
    public void A_numbered_trade_id_reads_as_its_text_and_equals_it()
    {
        Assert.Equal("T-000042", TradeId.Numbered(42).Value);
        Assert.Equal(new TradeId("T-000042"), TradeId.Numbered(42));
        Assert.NotEqual(new TradeId("O-000042"), TradeId.Numbered(42));
        Assert.NotEqual(TradeId.Numbered(41), TradeId.Numbered(42));
    }

    [Fact]
    public void Numbers_start_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientOrderId.Numbered(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TradeId.Numbered(-1));
    }
}
