namespace Bourse.Engine.Storage;

/// <summary>
/// A growable array of structs kept in blocks of 4,096 items: growing allocates one more block and never copies what is
/// stored (unlike a list's doubling), so millions of items cost a few large arrays, which the garbage collector neither
/// moves nor (for structs without references) scans. Items never written read as <c>default</c>.
/// </summary>
/// <typeparam name="T">The item type; keep it free of references for the garbage collector's sake.</typeparam>
internal sealed class BlockArray<T>
    where T : struct
{
    /// <summary>Items per block.</summary>
    public const int BlockSize = 1 << BlockShift;

    private const int BlockShift = 12;

    private readonly List<T[]> _blocks = [];

    /// <summary>The items the blocks allocated so far hold (a multiple of <see cref="BlockSize"/>).</summary>
    public long Capacity => (long)_blocks.Count << BlockShift;

    /// <summary>The item at <paramref name="index"/> (0-based) to write, growing the array to hold it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public ref T At(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var block = index >> BlockShift;
        while (_blocks.Count <= block)
        {
            _blocks.Add(new T[BlockSize]);
        }

        return ref _blocks[(int)block][index & (BlockSize - 1)];
    }

    /// <summary>The item at <paramref name="index"/>, <c>default</c> when it lies beyond the blocks written so far.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public T Read(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var block = index >> BlockShift;
        return block < _blocks.Count ? _blocks[(int)block][index & (BlockSize - 1)] : default;
    }
}
