using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>What happens to an order; each action moves it through <see cref="OrderStateMachine"/>.</summary>
public enum OrderAction
{
    /// <summary>Passed risk and sent to the venue.</summary>
    Submit,

    /// <summary>Refused by risk or the venue.</summary>
    Reject,

    /// <summary>The venue accepted it.</summary>
    Accept,

    /// <summary>A stop-limit or limit-if-touched order's trigger price was reached.</summary>
    Trigger,

    /// <summary>Its quantity, limit or trigger price changed.</summary>
    Modify,

    /// <summary>A fill that leaves some quantity open.</summary>
    PartialFill,

    /// <summary>The fill that completes it.</summary>
    Fill,

    /// <summary>Canceled.</summary>
    Cancel,

    /// <summary>Expired by its time in force.</summary>
    Expire,
}

/// <summary>
/// The order lifecycle as ONE explicit transition table of (status, action) → status (after NautilusTrader's order
/// FSM). Every change of every order goes through <see cref="TryApply"/>; a pair not in the table is refused with a
/// reason (e.g. "cannot Modify an order that is Filled"), which the engine turns into a rejection event for a
/// strategy command, or an exception for its own bug.
/// </summary>
public static class OrderStateMachine
{
    /// <summary>The legal transitions. Terminal statuses (Filled, Canceled, Rejected, Expired) have none.</summary>
    public static IReadOnlyDictionary<(OrderStatus From, OrderAction Action), OrderStatus> Table { get; } = new Dictionary<(OrderStatus, OrderAction), OrderStatus>
    {
        [(OrderStatus.Initialized, OrderAction.Submit)] = OrderStatus.Submitted,
        [(OrderStatus.Initialized, OrderAction.Reject)] = OrderStatus.Rejected,
        [(OrderStatus.Initialized, OrderAction.Modify)] = OrderStatus.Initialized,
        [(OrderStatus.Initialized, OrderAction.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.Submitted, OrderAction.Accept)] = OrderStatus.Accepted,
        [(OrderStatus.Submitted, OrderAction.Reject)] = OrderStatus.Rejected,
        [(OrderStatus.Submitted, OrderAction.Modify)] = OrderStatus.Submitted,
        [(OrderStatus.Submitted, OrderAction.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.Accepted, OrderAction.Trigger)] = OrderStatus.Triggered,
        [(OrderStatus.Accepted, OrderAction.Modify)] = OrderStatus.Accepted,
        [(OrderStatus.Accepted, OrderAction.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.Accepted, OrderAction.Fill)] = OrderStatus.Filled,
        [(OrderStatus.Accepted, OrderAction.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.Accepted, OrderAction.Expire)] = OrderStatus.Expired,
        [(OrderStatus.Triggered, OrderAction.Modify)] = OrderStatus.Triggered,
        [(OrderStatus.Triggered, OrderAction.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.Triggered, OrderAction.Fill)] = OrderStatus.Filled,
        [(OrderStatus.Triggered, OrderAction.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.Triggered, OrderAction.Expire)] = OrderStatus.Expired,
        [(OrderStatus.PartiallyFilled, OrderAction.Modify)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.PartiallyFilled, OrderAction.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.PartiallyFilled, OrderAction.Fill)] = OrderStatus.Filled,
        [(OrderStatus.PartiallyFilled, OrderAction.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.PartiallyFilled, OrderAction.Expire)] = OrderStatus.Expired,
    };

    private static readonly int StatusCount = Enum.GetValues<OrderStatus>().Length;
    private static readonly int ActionCount = Enum.GetValues<OrderAction>().Length;
    private static readonly OrderStatus?[] Lookup = BuildLookup();

    /// <summary>True when <paramref name="action"/> is legal in <paramref name="from"/>.</summary>
    public static bool CanApply(OrderStatus from, OrderAction action) => Next(from, action) is not null;

    /// <summary>The status after <paramref name="action"/>, or false with the reason it is illegal.</summary>
    public static bool TryApply(OrderStatus from, OrderAction action, out OrderStatus next, out string? reason)
    {
        if (Next(from, action) is { } to)
        {
            next = to;
            reason = null;
            return true;
        }

        next = from;
        reason = $"cannot {action} an order that is {from}";
        return false;
    }

    /// <summary>The status after <paramref name="action"/>.</summary>
    /// <exception cref="InvalidOperationException">The action is illegal in <paramref name="from"/> (an engine bug); the message names both.</exception>
    public static OrderStatus Apply(OrderStatus from, OrderAction action) =>
        TryApply(from, action, out var next, out var reason) ? next : throw new InvalidOperationException($"Illegal order transition: {reason}.");

    private static OrderStatus? Next(OrderStatus from, OrderAction action)
    {
        return (uint)from < (uint)StatusCount && (uint)action < (uint)ActionCount ? Lookup[((int)from * ActionCount) + (int)action] : null;
    }

    private static OrderStatus?[] BuildLookup()
    {
        var lookup = new OrderStatus?[StatusCount * ActionCount];
        foreach (var ((from, action), to) in Table)
        {
            lookup[((int)from * ActionCount) + (int)action] = to;
        }

        return lookup;
    }
}
