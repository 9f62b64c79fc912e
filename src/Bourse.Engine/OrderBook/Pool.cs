namespace Bourse.Engine.OrderBook;

/// <summary>
/// A growable array of structs whose slots are rented and returned by index, so that records of a book (levels, order
/// nodes) are reused instead of allocated: once the pool has grown to the book's size, renting allocates nothing.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class Pool<T>(int capacity)
    where T : struct
{
    private T[] _items = new T[Math.Max(capacity, 16)];
    private int[] _free = new int[Math.Max(capacity, 16)];
    private int _freeCount;
    private int _used;

    /// <summary>The record in slot <paramref name="index"/>.</summary>
    public ref T this[int index] => ref _items[index];

    /// <summary>A free slot (its old content is left as it was; overwrite it).</summary>
    public int Rent()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_used == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
            Array.Resize(ref _free, _free.Length * 2);
        }

        return _used++;
    }

    /// <summary>Gives slot <paramref name="index"/> back for reuse.</summary>
    public void Return(int index) => _free[_freeCount++] = index;
}
