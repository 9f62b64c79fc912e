using System.Runtime.CompilerServices;
using Bourse.Engine.Accounting;
using Bourse.Engine.Risk;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Runs;

/// <summary>
/// The prices of one instrument at which a mark needs no equity now: the equity they give stays within the risk
/// limits' quiet band (no limit reached, no new peak; see <see cref="LossLimits.QuietBand"/>) and no margined position
/// is open, so <see cref="RiskMonitor.OnEquity"/> would do nothing: the run neither values the account nor observes
/// it, and the equity curve values the point only when it needs it.
/// <para>With the account's equity line E(p) = C + q × p (<see cref="PaperAccount.TryEquityLine"/>) and the quiet band
/// (floor, ceiling], a long position is quiet for p in ((floor − C) / q, (ceiling − C) / q], a short one with the
/// bounds swapped, a flat one for every price when C is in the band. The bounds are computed in doubles (a decimal
/// division would cost more than the valuations the band saves) and kept as integers in units of 10⁻⁸ of the quote
/// currency, pulled inwards by one unit plus 10⁻¹² of their size (the conversions and the division round by a few
/// 10⁻¹⁶); a price is compared by its decimal mantissa: two integer comparisons per mark. A price near a bound,
/// negative, finer than 10⁻⁸ or above 10¹⁰ is never quiet, so it is settled exactly: the band only skips work, it
/// never decides anything.</para>
/// </summary>
internal sealed class QuietPriceBand
{
    private const int Scale = 8;
    private const double UnitsPerPrice = 1e8; // 10^Scale

    /// <summary>Units of the highest price a band holds (10¹⁰): beyond it the doubles' rounding is no longer far below a unit.</summary>
    private const long CapUnits = 1_000_000_000_000_000_000;

    /// <summary>Each bound is moved inwards by this share of itself plus one unit: the decimal-to-double conversions and the division round by a few 10⁻¹⁶.</summary>
    private const double RelativeMargin = 1e-12;

    /// <summary>10^(Scale − s) by a price's scale s: what turns its mantissa into units.</summary>
    private static readonly long[] ToUnits = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    /// <summary>The largest mantissa of scale s whose units fit below <see cref="CapUnits"/> (larger prices are never quiet).</summary>
    private static readonly ulong[] MaxMantissa = [.. ToUnits.Select(f => (ulong)(CapUnits / f))];

    private EquityLine _line;
    private InstrumentId _instrument;
    private bool _valid;
    private long _limitsVersion;
    private long _low;
    private long _high;

    /// <summary>The account's equity line the band was built on (meaningful after <see cref="Holds"/> returned true).</summary>
    public ref readonly EquityLine Line => ref _line;

    /// <summary>True when marking <paramref name="instrument"/> at <paramref name="price"/> needs no valuation: the band is current and holds the price.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(PaperAccount account, LossLimits limits, InstrumentId instrument, decimal price) =>
        _valid && _limitsVersion == limits.Version && account.IsCurrent(_line) && _instrument == instrument
        && Units(price) is var units && units > _low && units < _high;

    /// <summary>
    /// Builds the band of an instrument from the account's equity line and the limits' quiet band; none (no price is
    /// held) when the account has no line for it or a margined position is open (its margin is checked at every mark).
    /// </summary>
    public void Rebuild(PaperAccount account, LossLimits limits, InstrumentId instrument)
    {
        _instrument = instrument;
        _limitsVersion = limits.Version;
        _valid = account.TryEquityLine(instrument, out _line) && !account.HasMarginedPositions;
        if (!_valid)
        {
            return;
        }

        limits.QuietBand(out var floor, out var ceiling);

        var (c, q) = (_line.Constant, _line.Quantity);
        if (q == 0m)
        {
            (_low, _high) = c > floor && c <= ceiling ? (long.MinValue, long.MaxValue) : (0, 0);
            return;
        }

        var perUnit = (double)q;
        double? atFloor = floor == decimal.MinValue ? null : (double)(floor - c) / perUnit;
        double? atCeiling = ceiling == decimal.MaxValue ? null : (double)(ceiling - c) / perUnit;
        var (lower, upper) = q > 0m ? (atFloor, atCeiling) : (atCeiling, atFloor);
        _low = lower is { } l ? LowUnits(l) : long.MinValue;
        _high = upper is { } u ? HighUnits(u) : CapUnits;
    }

    /// <summary>A lower bound (price) in units, moved up by the margin: a price above it is above the exact bound.</summary>
    private static long LowUnits(double bound)
    {
        var units = bound * UnitsPerPrice;
        return units >= CapUnits ? long.MaxValue
            : units <= -CapUnits ? long.MinValue
            : (long)Math.Floor(units + (Math.Abs(units) * RelativeMargin)) + 1;
    }

    /// <summary>An upper bound (price) in units, moved down by the margin and capped.</summary>
    private static long HighUnits(double bound)
    {
        var units = bound * UnitsPerPrice;
        return units >= CapUnits ? CapUnits
            : units <= -CapUnits ? -CapUnits
            : (long)Math.Ceiling(units - (Math.Abs(units) * RelativeMargin)) - 1;
    }

    /// <summary>The price in units of 10⁻⁸, or long.MinValue (below every band) when it is negative, finer than a unit or too large.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Units(decimal price)
    {
        var words = default(DecimalWords);
        Span<int> bits = words;
        decimal.GetBits(price, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        return bits[3] >= 0 && bits[2] == 0 && scale <= Scale && mantissa <= MaxMantissa[scale]
            ? (long)mantissa * ToUnits[scale]
            : long.MinValue;
    }
}

/// <summary>The four 32-bit words of a decimal (<see cref="decimal.GetBits(decimal, Span{int})"/>) without a stack allocation.</summary>
[InlineArray(4)]
internal struct DecimalWords
{
    private int _word;
}
