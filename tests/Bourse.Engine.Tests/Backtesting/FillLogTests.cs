using Bourse.Engine.Backtesting;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Tests.Backtesting;

/// <summary>
/// The fill log gives back every fill it was given, in order, through the enumerator and the indexer, equal by value and
/// bit for bit the same in every decimal (scale and sign included), whatever the ids, times, instruments and values.
/// </summary>
public class FillLogTests
{
    private static readonly InstrumentId[] Instruments = [Kit.Spy, Kit.Qqq, Kit.Btc];
    private static readonly string[] Currencies = ["USD", "EUR", "BTC"];

    /// <summary>Decimals whose bits the log must keep: trailing zeros, negative zero, scale 28, mantissas of 64 bits and more.</summary>
    private static readonly decimal[] Awkward =
    [
        0m, 1m, 1.0m, 1.00m, 167.80m, 167.8m, new decimal(0, 0, 0, true, 2), -1.5m, -1.50m,
        0.0000000000000000000000000001m, 1.2345678901234567890123456789m, 18446744073709551615m, 18446744073709551616m,
        79228162514264337593543950335m, decimal.MaxValue, decimal.MinValue, new decimal(-1, -1, -1, false, 28), 42m, 0.000042m,
    ];

    [Fact]
    public void Thousands_of_varied_fills_come_back_the_same_through_the_enumerator_and_at_every_index()
    {
        var fills = Varied(5_000, seed: 7);
        var log = Logged(fills);

        Assert.Equal(fills.Count, log.Count);
        Assert.True(log.EncodedBytes > 4 << 10, $"{log.EncodedBytes} bytes fit in the first chunk"); // several chunks are read
        AssertSame(fills, log.ToList());
        for (var i = 0; i < fills.Count; i++)
        {
            AssertSame(fills[i], log[i]);
        }
    }

    [Fact]
    public void Every_decimal_keeps_its_bits_in_every_field_whatever_came_before()
    {
        // Each awkward value follows each other one in every decimal field (quantities take the magnitudes), so both the
        // difference from the previous fill and the full form are taken, across a checkpoint (64 fills) too.
        var fills = new List<OrderFilled>();
        var n = 0;
        foreach (var a in Awkward)
        {
            foreach (var b in Awkward)
            {
                n++;
                fills.Add(Fill(n, n, Kit.T0.AddMinutes(n), price: a, quantity: Magnitude(b), commission: b, leaves: Magnitude(a), cumulative: Magnitude(b)));
                fills.Add(Fill(n, n, Kit.T0.AddMinutes(n), price: b, quantity: Magnitude(a), commission: a, leaves: 0m, cumulative: Magnitude(a)));
            }
        }

        var log = Logged(fills);

        Assert.True(fills.Count > 2 * 64);
        AssertSame(fills, log.ToList());
        for (var i = 0; i < fills.Count; i++)
        {
            AssertSame(fills[i], log[i]);
        }
    }

    [Fact]
    public void A_complete_fill_keeps_the_scales_of_its_leaves_and_cumulative_quantities()
    {
        // Leaves 0.0 (not 0) and cumulative 5.0 for a quantity of 5 are not "the complete fill" the log writes in no bytes.
        var fills = new List<OrderFilled>
        {
            Fill(1, 1, Kit.T0, quantity: 5m, leaves: 0m, cumulative: 5m),
            Fill(2, 2, Kit.T0, quantity: 5m, leaves: 0.0m, cumulative: 5m),
            Fill(3, 3, Kit.T0, quantity: 5m, leaves: 0m, cumulative: 5.0m),
            Fill(4, 4, Kit.T0, quantity: 5.0m, leaves: 0m, cumulative: 5m),
        };

        AssertSame(fills, Logged(fills).ToList());
    }

    [Fact]
    public void Ids_that_are_not_the_engines_numbered_ones_come_back_among_numbered_ones()
    {
        var t = Kit.T0;
        var fills = new List<OrderFilled>
        {
            Fill(new ClientOrderId("my-order"), new TradeId("venue-7"), t),
            Fill(ClientOrderId.Numbered(9), TradeId.Numbered(1), t),
            Fill(ClientOrderId.Numbered(9), TradeId.Numbered(2), t), // a second fill of the same order
            Fill(new ClientOrderId("O-000010"), new TradeId("T-000003"), t), // the numbered ids' own text
            Fill(ClientOrderId.Numbered(5), new TradeId("venue-8"), t), // an earlier order
            Fill(new ClientOrderId("my-other-order"), TradeId.Numbered(4), t),
            Fill(ClientOrderId.Numbered(long.MaxValue), TradeId.Numbered(long.MaxValue), t),
            Fill(ClientOrderId.Numbered(1), TradeId.Numbered(1), t),
        };

        var log = Logged(fills);

        AssertSame(fills, log.ToList());
        Assert.Equal("my-order", log[0].OrderId.Value);
        Assert.Equal("venue-8", log[4].TradeId.Value);
        Assert.Equal("O-000010", log[3].OrderId.Value);
        Assert.Equal("my-other-order", log[5].OrderId.Value);
    }

    [Fact]
    public void A_side_outside_the_enum_comes_back_as_it_was()
    {
        var fills = new List<OrderFilled> { Fill(ClientOrderId.Numbered(1), TradeId.Numbered(1), Kit.T0), Fill(ClientOrderId.Numbered(2), TradeId.Numbered(2), Kit.T0) };
        fills[0] = fills[0] with { Side = (Side)7 };
        fills[1] = fills[1] with { Side = (Side)(-1) };

        var log = Logged(fills);

        AssertSame(fills, log.ToList());
        Assert.Equal((Side)(-1), log[1].Side);
    }

    [Fact]
    public void Times_going_back_and_forth_in_any_unit_and_kind_come_back_exactly()
    {
        var times = new[]
        {
            Kit.T0, Kit.T0.AddMinutes(-30), Kit.T0.AddSeconds(7), Kit.T0.AddTicks(1), Kit.T0.AddTicks(-12_345),
            DateTime.MaxValue, DateTime.MinValue, new DateTime(2024, 1, 2, 9, 30, 0, DateTimeKind.Local),
            new DateTime(2024, 1, 2, 9, 30, 0, DateTimeKind.Unspecified), new DateTime(2024, 1, 2, 9, 30, 0, DateTimeKind.Utc),
            new DateTime(2023, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
        };
        var fills = times.Select((t, i) => Fill(i + 1, i + 1, t)).ToList();

        var log = Logged(fills);

        AssertSame(fills, log.ToList());
        Assert.Equal(times.Select(t => t.Kind), log.Select(f => f.Timestamp.Kind));
    }

    [Fact]
    public void Reads_by_index_at_checkpoints_and_between_them_equal_the_enumerator_and_stop_at_the_ends()
    {
        var fills = Varied(200, seed: 3);
        var log = Logged(fills);
        var enumerated = log.ToList();

        foreach (var i in new[] { 0, 1, 62, 63, 64, 65, 127, 128, 129, 191, 192, 199 })
        {
            AssertSame(enumerated[i], log[i]);
            AssertSame(fills[i], log[i]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => log[200]);
        Assert.Throws<ArgumentOutOfRangeException>(() => log[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FillLog()[0]);
        Assert.Empty(new FillLog());
    }

    private static FillLog Logged(IEnumerable<OrderFilled> fills)
    {
        var log = new FillLog();
        foreach (var fill in fills)
        {
            log.Add(fill);
        }

        return log;
    }

    private static decimal Magnitude(decimal value) => Math.Abs(value); // the scale kept, the sign (of -0.00 too) dropped

    private static OrderFilled Fill(
        long order, long trade, DateTime time, decimal price = 100m, decimal quantity = 1m, decimal commission = 0m, decimal leaves = 0m, decimal cumulative = 1m) =>
        new(ClientOrderId.Numbered(order), Kit.Spy, time, TradeId.Numbered(trade), Side.Buy, new Price(price), new Quantity(quantity),
            new Money(commission, "USD"), new Quantity(leaves), false, new Quantity(cumulative));

    private static OrderFilled Fill(ClientOrderId order, TradeId trade, DateTime time) =>
        new(order, Kit.Qqq, time, trade, Side.Sell, new Price(10.5m), new Quantity(2m), new Money(0.01m, "EUR"), new Quantity(0m), true, new Quantity(2m));

    /// <summary>Fills of several instruments and currencies, partial and complete, numbered ids mostly rising, values of every kind.</summary>
    private static List<OrderFilled> Varied(int count, int seed)
    {
        var random = new Random(seed);
        var fills = new List<OrderFilled>(count);
        long order = 1;
        long trade = 1;
        var time = Kit.T0;
        decimal Any() => random.Next(4) == 0 ? Awkward[random.Next(Awkward.Length)] : new decimal(random.Next(), random.Next(3) == 0 ? random.Next() : 0, 0, false, (byte)random.Next(0, 9));
        for (var i = 0; i < count; i++)
        {
            order += random.Next(-2, 4);
            order = Math.Max(order, 1);
            trade += random.Next(10) == 0 ? random.Next(-5, 6) : 1;
            trade = Math.Max(trade, 1);
            time = random.Next(4) switch
            {
                0 => time.AddMinutes(random.Next(-5, 120)),
                1 => time.AddSeconds(random.Next(0, 90)),
                2 => time.AddTicks(random.Next(-1_000, 100_000)),
                _ => time,
            };
            var quantity = Magnitude(Any());
            var complete = random.Next(2) == 0;
            fills.Add(new OrderFilled(
                random.Next(50) == 0 ? new ClientOrderId($"client-{i}") : ClientOrderId.Numbered(order),
                Instruments[random.Next(8) == 0 ? random.Next(Instruments.Length) : 0],
                time,
                random.Next(50) == 0 ? new TradeId($"venue-{i}") : TradeId.Numbered(trade),
                (Side)random.Next(2),
                new Price(Any()),
                new Quantity(quantity),
                new Money(Any(), Currencies[random.Next(8) == 0 ? random.Next(Currencies.Length) : 0]),
                new Quantity(complete ? 0m : Magnitude(Any())),
                random.Next(3) == 0,
                new Quantity(complete ? quantity : Magnitude(Any()))));
        }

        return fills;
    }

    private static void AssertSame(IReadOnlyList<OrderFilled> expected, IReadOnlyList<OrderFilled> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSame(expected[i], actual[i]);
        }
    }

    private static void AssertSame(OrderFilled expected, OrderFilled actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Timestamp.Ticks, actual.Timestamp.Ticks);
        Assert.Equal(expected.Timestamp.Kind, actual.Timestamp.Kind);
        Assert.Equal(expected.Commission.Currency, actual.Commission.Currency);
        Assert.Equal(decimal.GetBits(expected.FillPrice.Value), decimal.GetBits(actual.FillPrice.Value));
        Assert.Equal(decimal.GetBits(expected.FillQuantity.Value), decimal.GetBits(actual.FillQuantity.Value));
        Assert.Equal(decimal.GetBits(expected.Commission.Amount), decimal.GetBits(actual.Commission.Amount));
        Assert.Equal(decimal.GetBits(expected.LeavesQuantity.Value), decimal.GetBits(actual.LeavesQuantity.Value));
        Assert.Equal(decimal.GetBits(expected.CumulativeQuantity.Value), decimal.GetBits(actual.CumulativeQuantity.Value));
    }
}
