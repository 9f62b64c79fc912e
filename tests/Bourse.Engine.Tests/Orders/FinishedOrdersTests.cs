using Bourse.Engine.Orders;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests.Orders;

/// <summary>The compact archive of finished orders gives back what later commands and tickets read.</summary>
public class FinishedOrdersTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");

    private static Order Finish(ClientOrderId id, OrderRequest request, Action<Order> finish)
    {
        var order = new Order(id, request, DateTime.UnixEpoch);
        order.Apply(OrderAction.Submit);
        finish(order);
        return order;
    }

    [Fact]
    public void A_finished_order_comes_back_with_its_status_fills_trigger_state_and_rejection_reason()
    {
        var archive = new FinishedOrders();
        var filled = Finish(ClientOrderId.Numbered(1), OrderRequest.Limit(Kit.Spy, Side.Buy, 3m, 99m), o =>
        {
            o.Apply(OrderAction.Accept);
            o.ApplyFill(3m);
        });
        var rejected = Finish(ClientOrderId.Numbered(5_000), OrderRequest.Stop(Btc, Side.Sell, 0.5m, 30_000m), o =>
        {
            o.Apply(OrderAction.Reject);
            o.RejectionReason = "risk: max order notional";
        });
        var custom = Finish(new ClientOrderId("my-order-7"), OrderRequest.Market(Btc, Side.Buy, 1m), o => o.Apply(OrderAction.Reject));
        archive.Add(filled);
        archive.Add(rejected);
        archive.Add(custom);

        var back = archive.Find(ClientOrderId.Numbered(1))!;
        Assert.Equal((Kit.Spy, Side.Buy, OrderType.Limit, OrderStatus.Filled, true, 3m, (string?)null), (back.Instrument, back.Side, back.Type, back.Status, back.IsTriggered, back.FilledQuantity, back.RejectionReason));
        var refused = archive.Find(ClientOrderId.Numbered(5_000))!; // in a later block
        Assert.Equal((Btc, Side.Sell, OrderType.Stop, OrderStatus.Rejected, false, "risk: max order notional"), (refused.Instrument, refused.Side, refused.Type, refused.Status, refused.IsTriggered, refused.RejectionReason));
        Assert.Equal(OrderStatus.Rejected, archive.Find(new ClientOrderId("my-order-7"))!.Status);
        Assert.False(back.TryApply(OrderAction.Cancel, out var reason));
        Assert.Equal("cannot Cancel an order that is Filled", reason);
    }

    [Fact]
    public void An_id_never_archived_is_not_found()
    {
        var archive = new FinishedOrders();
        archive.Add(Finish(ClientOrderId.Numbered(2), OrderRequest.Market(Kit.Spy, Side.Buy, 1m), o => o.Apply(OrderAction.Reject)));

        Assert.Null(archive.Find(ClientOrderId.Numbered(1))); // an empty slot of the same block
        Assert.Null(archive.Find(ClientOrderId.Numbered(1_000_000))); // beyond the blocks
        Assert.Null(archive.Find(new ClientOrderId("unknown")));
        Assert.True(archive.Contains(ClientOrderId.Numbered(2)));
        archive.Add(Finish(ClientOrderId.Numbered(900_000_000_000), OrderRequest.Market(Kit.Spy, Side.Buy, 1m), o => o.Apply(OrderAction.Reject)));
        Assert.Equal(OrderStatus.Rejected, archive.Find(ClientOrderId.Numbered(900_000_000_000))!.Status); // kept aside, no blocks up to it
        Assert.Throws<InvalidOperationException>(() => archive.Add(new Order(ClientOrderId.Numbered(3), OrderRequest.Market(Kit.Spy, Side.Buy, 1m), DateTime.UnixEpoch)));
    }

    [Theory]
    [InlineData("0.50")] // a trailing zero is kept
    [InlineData("1.000000000000000000000000001")] // scale 27
    [InlineData("18446744073709551615")] // 2^64 − 1: the widest slot mantissa
    [InlineData("18446744073709551616")] // 2^64: kept aside
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue
    public void A_filled_quantity_comes_back_bit_for_bit_with_every_side_type_and_status(string text)
    {
        var filled = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var archive = new FinishedOrders();
        var number = 0L;
        foreach (var side in Enum.GetValues<Side>())
        {
            foreach (var type in new[] { OrderType.Market, OrderType.StopLimit, OrderType.LimitIfTouched })
            {
                var id = ClientOrderId.Numbered(++number);
                var request = new OrderRequest(Kit.Spy, side, type, new Bourse.Sdk.Values.Quantity(filled),
                    LimitPrice: type.HasLimitPrice() ? new Bourse.Sdk.Values.Price(10m) : null,
                    TriggerPrice: type.HasTrigger() ? new Bourse.Sdk.Values.Price(11m) : null);
                archive.Add(Finish(id, request, o =>
                {
                    o.Apply(OrderAction.Accept);
                    o.IsTriggered = true;
                    o.ApplyFill(filled);
                }));

                var back = archive.Find(id)!;
                Assert.Equal((side, type, OrderStatus.Filled, true), (back.Side, back.Type, back.Status, back.IsTriggered));
                Assert.Equal(decimal.GetBits(filled), decimal.GetBits(back.FilledQuantity));
            }
        }
    }
}
