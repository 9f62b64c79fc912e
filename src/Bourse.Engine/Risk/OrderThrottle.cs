using Bourse.Engine.Runs;

namespace Bourse.Engine.Risk;

/// <summary>
/// The order rate throttle (<see cref="OrderRateLimit"/>): remembers the times of the last N orders sent to the venue in
/// a ring buffer; a new order is denied while the oldest of them is still inside the window. O(1) per order.
/// </summary>
internal sealed class OrderThrottle(OrderRateLimit? limit)
{
    private readonly DateTime[] _sent = new DateTime[limit?.MaxOrders ?? 0];
    private int _next;
    private int _count;

    /// <summary>The reason an order at <paramref name="now"/> is denied, or null when the rate allows it.</summary>
    public string? Check(DateTime now)
    {
        if (limit is null || _count < _sent.Length)
        {
            return null;
        }

        var oldest = _sent[_next];
        return now - oldest < limit.Window
            ? $"order rate limit {limit.MaxOrders} orders per {limit.Window} reached ({_count} orders since {oldest:yyyy-MM-dd HH:mm:ss.fff} UTC)"
            : null;
    }

    /// <summary>Records an order sent to the venue at <paramref name="now"/>.</summary>
    public void Record(DateTime now)
    {
        if (_sent.Length == 0)
        {
            return;
        }

        _sent[_next] = now;
        _next = (_next + 1) % _sent.Length;
        _count = Math.Min(_count + 1, _sent.Length);
    }
}
