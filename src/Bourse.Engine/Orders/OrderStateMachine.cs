using Bourse.Sdk.Orders;

namespace Bourse.Engine.Orders;

/// <summary>
/// The order lifecycle as ONE explicit transition table (after NautilusTrader's order FSM). Every status change
/// of every order goes through <see cref="Transition"/>; anything not in the table is an engine bug.
/// </summary>
public static class OrderStateMachine
{
    /// <summary>The legal transitions: from-status → the statuses it may move to. Terminal statuses have none.</summary>
    public static IReadOnlyDictionary<OrderStatus, OrderStatus[]> Table { get; } = new Dictionary<OrderStatus, OrderStatus[]>
    {
        [OrderStatus.Initialized] = [OrderStatus.Submitted, OrderStatus.Rejected],
        [OrderStatus.Submitted] = [OrderStatus.Accepted, OrderStatus.Rejected],
        [OrderStatus.Accepted] = [OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired],
        [OrderStatus.PartiallyFilled] = [OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired],
        [OrderStatus.Filled] = [],
        [OrderStatus.Canceled] = [],
        [OrderStatus.Rejected] = [],
        [OrderStatus.Expired] = [],
    };

    private static readonly bool[,] Legal = BuildLookup();

    /// <summary>True when <paramref name="from"/> → <paramref name="to"/> is in the table.</summary>
    public static bool CanTransition(OrderStatus from, OrderStatus to) =>
        (uint)from < (uint)Legal.GetLength(0) && (uint)to < (uint)Legal.GetLength(1) && Legal[(int)from, (int)to];

    /// <summary>Returns <paramref name="to"/> when the transition is legal.</summary>
    /// <exception cref="InvalidOperationException">The transition is not in the table (an engine bug); the message names both statuses and the legal targets.</exception>
    public static OrderStatus Transition(OrderStatus from, OrderStatus to)
    {
        if (CanTransition(from, to))
        {
            return to;
        }

        var allowed = Table.TryGetValue(from, out var targets) && targets.Length > 0
            ? string.Join(", ", targets)
            : "nothing (terminal)";
        throw new InvalidOperationException($"Illegal order transition {from} -> {to}: {from} may only move to {allowed}.");
    }

    private static bool[,] BuildLookup()
    {
        var count = Enum.GetValues<OrderStatus>().Length;
        var lookup = new bool[count, count];
        foreach (var (from, targets) in Table)
        {
            foreach (var to in targets)
            {
                lookup[(int)from, (int)to] = true;
            }
        }

        return lookup;
    }
}
