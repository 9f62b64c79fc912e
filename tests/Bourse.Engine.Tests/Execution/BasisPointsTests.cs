using Bourse.Engine.Execution;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Tests.Execution;

/// <summary>Basis points without the decimal division: the same digits and the same scale as <c>x / 10_000m</c>.</summary>
public sealed class BasisPointsTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("1.00")]
    [InlineData("10000")]
    [InlineData("100.00")]
    [InlineData("1.000000")]
    [InlineData("123.4500")]
    [InlineData("0.5")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("0.0000")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("0.000000000000000000001234")]
    public void Dividing_by_ten_thousand_gives_the_digits_of_decimal_division(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        AssertSame(value / 10_000m, BasisPoints.DivideBy10000(value));
    }

    [Fact]
    public void Random_notionals_and_mantissas_with_trailing_zeros_match_decimal_division()
    {
        var random = new Random(20261123);
        decimal[] rates = [1m, 0.5m, 1.0m, 2.5m, 7m, 100m, 0.01m, 10.00m];
        for (var i = 0; i < 200_000; i++)
        {
            var price = Math.Round((decimal)(random.NextDouble() * 1000), random.Next(0, 6));
            var quantity = Math.Round((decimal)(random.NextDouble() * 1000), random.Next(0, 4));
            var rate = rates[random.Next(rates.Length)];
            AssertSame(price * quantity * rate / 10_000m, BasisPoints.Of(price * quantity, rate));

            var mantissa = random.NextInt64(0, 1_000_000_000_000);
            for (var zeros = random.Next(0, 12); zeros > 0 && mantissa < 100_000_000_000_000_000; zeros--)
            {
                mantissa *= 10;
            }

            var value = new decimal((int)(uint)mantissa, (int)(uint)((ulong)mantissa >> 32), random.Next(4) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(0, 29));
            AssertSame(value / 10_000m, BasisPoints.DivideBy10000(value));
        }
    }

    [Fact]
    public void The_maker_taker_fee_is_notional_times_basis_points_over_ten_thousand()
    {
        var instrument = Instrument.Equity(Kit.Spy);
        var fees = new MakerTakerFeeModel(makerBps: 0.5m, takerBps: 1m);

        AssertSame(0.0237654m, fees.Commission(new FeeInput(instrument, 475.308m, 0.5m, IsMaker: false, 0m, 0m)));
        AssertSame(475.308m * 50m * 0.5m / 10_000m, fees.Commission(new FeeInput(instrument, 475.308m, 50m, IsMaker: true, 0m, 0m)));
    }

    private static void AssertSame(decimal expected, decimal actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Scale, actual.Scale); // the same digits in reports and JSON, not only the same value
    }
}
