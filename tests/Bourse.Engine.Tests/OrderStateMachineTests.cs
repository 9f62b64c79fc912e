using Bourse.Engine.Orders;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class OrderStateMachineTests
{
    public static TheoryData<OrderStatus, OrderStatus> LegalTransitions => new()
    {
        { OrderStatus.Initialized, OrderStatus.Submitted },
        { OrderStatus.Initialized, OrderStatus.Rejected },
        { OrderStatus.Submitted, OrderStatus.Accepted },
        { OrderStatus.Submitted, OrderStatus.Rejected },
        { OrderStatus.Accepted, OrderStatus.PartiallyFilled },
        { OrderStatus.Accepted, OrderStatus.Filled },
        { OrderStatus.Accepted, OrderStatus.Canceled },
        { OrderStatus.Accepted, OrderStatus.Expired },
        { OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled },
        { OrderStatus.PartiallyFilled, OrderStatus.Filled },
        { OrderStatus.PartiallyFilled, OrderStatus.Canceled },
        { OrderStatus.PartiallyFilled, OrderStatus.Expired },
    };

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Legal_transitions_are_allowed(OrderStatus from, OrderStatus to)
    {
        Assert.True(OrderStateMachine.CanTransition(from, to));
        Assert.Equal(to, OrderStateMachine.Transition(from, to));
    }

    [Theory]
    [InlineData(OrderStatus.Initialized, OrderStatus.Accepted)]
    [InlineData(OrderStatus.Initialized, OrderStatus.Filled)]
    [InlineData(OrderStatus.Submitted, OrderStatus.Filled)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Rejected)]
    [InlineData(OrderStatus.Filled, OrderStatus.Canceled)]
    [InlineData(OrderStatus.Canceled, OrderStatus.Accepted)]
    [InlineData(OrderStatus.Rejected, OrderStatus.Submitted)]
    [InlineData(OrderStatus.Expired, OrderStatus.Filled)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Accepted)]
    public void Illegal_transitions_throw_with_a_reason(OrderStatus from, OrderStatus to)
    {
        Assert.False(OrderStateMachine.CanTransition(from, to));
        var ex = Assert.Throws<InvalidOperationException>(() => OrderStateMachine.Transition(from, to));
        Assert.Contains($"{from} -> {to}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_exactly_the_twelve_legal_transitions()
    {
        var legal = LegalTransitions.Select(row => ((OrderStatus)row[0], (OrderStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                Assert.Equal(legal.Contains((from, to)), OrderStateMachine.CanTransition(from, to));
            }
        }
    }

    [Fact]
    public void Terminal_statuses_have_no_exit()
    {
        foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s.IsTerminal()))
        {
            Assert.Empty(OrderStateMachine.Table[status]);
        }
    }

    [Fact]
    public void An_order_fills_partially_then_fully()
    {
        var order = new Order(new("O-1"), OrderRequest.Market(Kit.Spy, Side.Buy, 10m), Kit.T0);
        order.Apply(OrderStatus.Submitted);
        order.Apply(OrderStatus.Accepted);
        order.ApplyFill(4m);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(6m, order.LeavesQuantity);
        order.ApplyFill(6m);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Throws<InvalidOperationException>(() => order.Apply(OrderStatus.Canceled));
    }
}
