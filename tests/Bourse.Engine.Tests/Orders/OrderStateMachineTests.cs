using Bourse.Engine.Orders;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class OrderStateMachineTests
{
    public static TheoryData<OrderStatus, OrderAction, OrderStatus> LegalTransitions => new()
    {
        { OrderStatus.Initialized, OrderAction.Submit, OrderStatus.Submitted },
        { OrderStatus.Initialized, OrderAction.Reject, OrderStatus.Rejected },
        { OrderStatus.Initialized, OrderAction.Modify, OrderStatus.Initialized },
        { OrderStatus.Initialized, OrderAction.Cancel, OrderStatus.Canceled },
        { OrderStatus.Submitted, OrderAction.Accept, OrderStatus.Accepted },
        { OrderStatus.Submitted, OrderAction.Reject, OrderStatus.Rejected },
        { OrderStatus.Submitted, OrderAction.Modify, OrderStatus.Submitted },
        { OrderStatus.Submitted, OrderAction.Cancel, OrderStatus.Canceled },
        { OrderStatus.Accepted, OrderAction.Trigger, OrderStatus.Triggered },
        { OrderStatus.Accepted, OrderAction.Modify, OrderStatus.Accepted },
        { OrderStatus.Accepted, OrderAction.PartialFill, OrderStatus.PartiallyFilled },
        { OrderStatus.Accepted, OrderAction.Fill, OrderStatus.Filled },
        { OrderStatus.Accepted, OrderAction.Cancel, OrderStatus.Canceled },
        { OrderStatus.Accepted, OrderAction.Expire, OrderStatus.Expired },
        { OrderStatus.Triggered, OrderAction.Modify, OrderStatus.Triggered },
        { OrderStatus.Triggered, OrderAction.PartialFill, OrderStatus.PartiallyFilled },
        { OrderStatus.Triggered, OrderAction.Fill, OrderStatus.Filled },
        { OrderStatus.Triggered, OrderAction.Cancel, OrderStatus.Canceled },
        { OrderStatus.Triggered, OrderAction.Expire, OrderStatus.Expired },
        { OrderStatus.PartiallyFilled, OrderAction.Modify, OrderStatus.PartiallyFilled },
        { OrderStatus.PartiallyFilled, OrderAction.PartialFill, OrderStatus.PartiallyFilled },
        { OrderStatus.PartiallyFilled, OrderAction.Fill, OrderStatus.Filled },
        { OrderStatus.PartiallyFilled, OrderAction.Cancel, OrderStatus.Canceled },
        { OrderStatus.PartiallyFilled, OrderAction.Expire, OrderStatus.Expired },
    };

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Legal_transitions_are_allowed(OrderStatus from, OrderAction action, OrderStatus to)
    {
        Assert.True(OrderStateMachine.CanApply(from, action));
        Assert.Equal(to, OrderStateMachine.Apply(from, action));
    }

    [Theory]
    [InlineData(OrderStatus.Initialized, OrderAction.Accept)]
    [InlineData(OrderStatus.Initialized, OrderAction.Fill)]
    [InlineData(OrderStatus.Submitted, OrderAction.Fill)]
    [InlineData(OrderStatus.Submitted, OrderAction.Trigger)]
    [InlineData(OrderStatus.Accepted, OrderAction.Reject)]
    [InlineData(OrderStatus.Triggered, OrderAction.Trigger)]
    [InlineData(OrderStatus.Filled, OrderAction.Modify)]
    [InlineData(OrderStatus.Filled, OrderAction.Cancel)]
    [InlineData(OrderStatus.Canceled, OrderAction.Accept)]
    [InlineData(OrderStatus.Rejected, OrderAction.Submit)]
    [InlineData(OrderStatus.Expired, OrderAction.Fill)]
    public void Illegal_transitions_are_refused_with_a_reason(OrderStatus from, OrderAction action)
    {
        Assert.False(OrderStateMachine.TryApply(from, action, out var next, out var reason));
        Assert.Equal(from, next);
        Assert.Equal($"cannot {action} an order that is {from}", reason);
        var ex = Assert.Throws<InvalidOperationException>(() => OrderStateMachine.Apply(from, action));
        Assert.Contains(reason!, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_exactly_the_legal_transitions()
    {
        var legal = LegalTransitions.Select(row => ((OrderStatus)row[0], (OrderAction)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var action in Enum.GetValues<OrderAction>())
            {
                Assert.Equal(legal.Contains((from, action)), OrderStateMachine.CanApply(from, action));
            }
        }
    }

    [Fact]
    public void Terminal_statuses_have_no_exit()
    {
        foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s.IsTerminal()))
        {
            Assert.DoesNotContain(OrderStateMachine.Table.Keys, key => key.From == status);
        }
    }

    [Fact]
    public void An_order_fills_partially_then_fully_and_then_refuses_a_cancel()
    {
        var order = new Order(new("O-1"), OrderRequest.Market(Kit.Spy, Side.Buy, 10m), Kit.T0);
        order.Apply(OrderAction.Submit);
        order.Apply(OrderAction.Accept);
        order.ApplyFill(4m);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(6m, order.LeavesQuantity);
        order.ApplyFill(6m);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.False(order.TryApply(OrderAction.Cancel, out var reason));
        Assert.Equal("cannot Cancel an order that is Filled", reason);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }
}
