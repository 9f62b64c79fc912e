namespace Bourse.Engine.Storage;

/// <summary>
/// Unsigned LEB128 varints (the encoding of Protocol Buffers and DWARF: 7 bits per byte, low bits first, the high bit set
/// on every byte but the last) and zigzag mapping for signed numbers, written into and read from spans.
/// </summary>
internal static class Varint
{
    /// <summary>Maps a signed number to an unsigned one so that small magnitudes stay small (0, −1, 1, −2 → 0, 1, 2, 3).</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>The inverse of <see cref="ZigZag"/>.</summary>
    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Writes <paramref name="value"/> at <paramref name="at"/> as an unsigned LEB128 varint (7 bits per byte, low first; 1 to 10 bytes) and moves <paramref name="at"/> past it.</summary>
    public static void Write(Span<byte> to, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            to[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        to[at++] = (byte)value;
    }

    /// <summary>Reads the unsigned LEB128 varint at <paramref name="at"/> and moves <paramref name="at"/> past it.</summary>
    public static ulong Read(ReadOnlySpan<byte> from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = from[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
