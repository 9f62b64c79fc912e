using Bourse.Sdk.MarketData;
using Bourse.Sdk.Values;

namespace Bourse.Sdk.Tests.Values;

public class ValueTests
{
    [Fact]
    public void Quantity_cannot_be_negative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quantity(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => (Quantity)1m - (Quantity)2m);
    }

    [Fact]
    public void Money_arithmetic_is_exact_and_keeps_currency()
    {
        var sum = new Money(0.1m, "usd") + new Money(0.2m, "USD");

        Assert.Equal(new Money(0.3m, "USD"), sum);
        Assert.Throws<InvalidOperationException>(() => new Money(1m, "USD") + new Money(1m, "EUR"));
    }

    [Theory]
    [InlineData("1m", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    [InlineData("30s", 30)]
    public void Bar_periods_round_trip_as_text(string text, int seconds)
    {
        var period = BarPeriod.Parse(text);

        Assert.Equal(TimeSpan.FromSeconds(seconds), period.Span);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("5x")]
    public void Bad_bar_periods_are_refused(string text) => Assert.Throws<FormatException>(() => BarPeriod.Parse(text));

    [Fact]
    public void Bar_validation_refuses_a_high_below_the_close()
    {
        var bar = new Bar(Bourse.Sdk.Identifiers.InstrumentId.Parse("SPY.NASDAQ"), BarPeriod.OneMinute, new DateTime(2013, 10, 7, 13, 30, 0, DateTimeKind.Utc), 10m, 10.5m, 9.5m, 11m, 100m);

        var error = Assert.Throws<ArgumentException>(bar.Validated);
        Assert.Contains("SPY.NASDAQ", error.Message, StringComparison.Ordinal);
    }
}
