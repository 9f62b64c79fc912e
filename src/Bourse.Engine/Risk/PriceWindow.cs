namespace Bourse.Engine.Risk;

/// <summary>
/// The lowest and highest price of a sliding time window, by two monotonic deques (amortized O(1) per price). The
/// buffers grow by doubling and are reused, so a steady stream of prices allocates nothing.
/// </summary>
internal sealed class PriceWindow(TimeSpan length)
{
    private readonly Deque _lows = new(keepLowest: true);
    private readonly Deque _highs = new(keepLowest: false);

    public bool IsEmpty => _lows.Count == 0;

    public decimal Low => _lows.Front.Price;

    public decimal High => _highs.Front.Price;

    /// <summary>Drops prices older than the window before <paramref name="now"/>, then adds <paramref name="price"/>.</summary>
    public void Add(DateTime now, decimal price)
    {
        var cutoff = now - length;
        _lows.Expire(cutoff);
        _highs.Expire(cutoff);
        _lows.Push(now, price);
        _highs.Push(now, price);
    }

    public void Clear()
    {
        _lows.Clear();
        _highs.Clear();
    }

    /// <summary>A ring buffer of (time, price) whose prices are monotonic from front to back.</summary>
    private sealed class Deque(bool keepLowest)
    {
        private (DateTime Time, decimal Price)[] _items = new (DateTime, decimal)[16];
        private int _head;

        public int Count { get; private set; }

        public (DateTime Time, decimal Price) Front => _items[_head];

        public void Push(DateTime time, decimal price)
        {
            // A newer price that is as low (high) makes older, higher (lower) candidates useless.
            while (Count > 0)
            {
                var back = _items[(_head + Count - 1) % _items.Length].Price;
                if (keepLowest ? back < price : back > price)
                {
                    break;
                }

                Count--;
            }

            if (Count == _items.Length)
            {
                Grow();
            }

            _items[(_head + Count) % _items.Length] = (time, price);
            Count++;
        }

        public void Expire(DateTime cutoff)
        {
            while (Count > 0 && _items[_head].Time < cutoff)
            {
                _head = (_head + 1) % _items.Length;
                Count--;
            }
        }

        public void Clear()
        {
            _head = 0;
            Count = 0;
        }

        private void Grow()
        {
            var bigger = new (DateTime, decimal)[_items.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                bigger[i] = _items[(_head + i) % _items.Length];
            }

            _items = bigger;
            _head = 0;
        }
    }
}
