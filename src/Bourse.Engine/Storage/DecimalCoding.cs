namespace Bourse.Engine.Storage;

/// <summary>A decimal's bits: the low 64 and the high 32 bits of its mantissa, and its flags (scale in bits 16-23, sign in bit 31).</summary>
internal readonly record struct DecimalBits(ulong Low, uint High, int Flags)
{
    /// <summary>The bits of <paramref name="value"/>.</summary>
    public DecimalBits(decimal value)
        : this(0, 0, 0)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        Low = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        High = (uint)bits[2];
        Flags = bits[3];
    }

    /// <summary>The scale (0 to 28).</summary>
    public int Scale => (Flags >> 16) & 0xFF;

    /// <summary>The decimal these bits are.</summary>
    public decimal Value => new((int)Low, (int)(Low >> 32), (int)High, Flags < 0, (byte)Scale);
}

/// <summary>
/// Decimals written bit for bit (scale and sign included: 1.0 stays 1.0) in few bytes, as a difference from the previous
/// value of the same series when that is shorter; see <see cref="Write"/>.
/// </summary>
internal static class DecimalCoding
{
    // A decimal's head byte: a difference (the zigzag step inline below 127, else 127 and a varint of the rest), or scale, sign, wide.
    private const int Step = 0x80;
    private const int InlineSteps = 0x7F;
    private const int ScaleBits = 0x1F;
    private const int Negative = 0x20;
    private const int Wide = 0x40;

    /// <summary>
    /// Writes <paramref name="value"/> at <paramref name="at"/>: as its difference from <paramref name="last"/> when both have
    /// the same sign and scale and a 64-bit mantissa (1 byte for a change of up to ±63), else as a head byte (scale, sign,
    /// wide) and its mantissa (low 64 bits, then the high 32 when not 0); makes it the last.
    /// </summary>
    public static void Write(Span<byte> to, ref int at, DecimalBits value, ref DecimalBits last)
    {
        if (value.High == 0 && last.High == 0 && value.Flags == last.Flags)
        {
            var step = Varint.ZigZag(unchecked((long)(value.Low - last.Low)));
            if (step < InlineSteps)
            {
                to[at++] = (byte)(Step | (int)step);
                last = value;
                return;
            }

            if (step - InlineSteps <= value.Low)
            {
                to[at++] = Step | InlineSteps;
                Varint.Write(to, ref at, step - InlineSteps);
                last = value;
                return;
            }
        }

        to[at++] = (byte)(value.Scale | (value.Flags < 0 ? Negative : 0) | (value.High != 0 ? Wide : 0));
        Varint.Write(to, ref at, value.Low);
        if (value.High != 0)
        {
            Varint.Write(to, ref at, value.High);
        }

        last = value;
    }

    /// <summary>Reads what <see cref="Write"/> wrote after <paramref name="last"/>.</summary>
    public static DecimalBits Read(ReadOnlySpan<byte> from, ref int at, DecimalBits last)
    {
        int head = from[at++];
        if ((head & Step) != 0)
        {
            var step = (ulong)(head & InlineSteps);
            if (step == InlineSteps)
            {
                step += Varint.Read(from, ref at);
            }

            return last with { Low = unchecked(last.Low + (ulong)Varint.UnZigZag(step)) };
        }

        var low = Varint.Read(from, ref at);
        var high = (head & Wide) != 0 ? (uint)Varint.Read(from, ref at) : 0;
        return new DecimalBits(low, high, ((head & ScaleBits) << 16) | ((head & Negative) != 0 ? int.MinValue : 0));
    }
}
