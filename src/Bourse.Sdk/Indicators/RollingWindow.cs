namespace Bourse.Sdk.Indicators;

/// <summary>
/// The last <see cref="Capacity"/> values of a series in a fixed ring buffer (no allocation after construction).
/// Index 0 is the oldest value held, <c>Count − 1</c> the newest.
/// </summary>
internal sealed class RollingWindow(int capacity)
{
    private readonly double[] _items = new double[capacity];
    private int _next;

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public double this[int index] => _items[((IsFull ? _next : 0) + index) % Capacity];

    public double Oldest => this[0];

    public double Newest => _items[(_next + Capacity - 1) % Capacity];

    public void Add(double value)
    {
        _items[_next] = value;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    public double Sum()
    {
        var sum = 0.0;
        for (var i = 0; i < Count; i++)
        {
            sum += _items[i];
        }

        return sum;
    }

    public double Max()
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < Count; i++)
        {
            max = Math.Max(max, _items[i]);
        }

        return max;
    }

    public double Min()
    {
        var min = double.PositiveInfinity;
        for (var i = 0; i < Count; i++)
        {
            min = Math.Min(min, _items[i]);
        }

        return min;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _next = 0;
        Count = 0;
    }
}
