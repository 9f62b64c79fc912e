using System.Runtime.CompilerServices;
using Bourse.Engine.Accounting;
using Bourse.Engine.Risk;
using Bourse.Engine.Statistics;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Runs;

/// <summary>
/// The prices of one instrument at which a mark needs no equity now: the equity they give reaches no loss limit and no
/// margined position is open, so <see cref="RiskMonitor.OnEquity"/> would at most raise the day's peak. The run then
/// neither values the account nor observes it, and the equity curve values the point only when it needs it
/// (<see cref="EquityCurve.RecordDeferred"/>).
/// <para>With the account's equity line E(p) = C + q × p (<see cref="PaperAccount.TryEquityLine"/>), a long position
/// is quiet above the daily loss floor's price (floor − C) / q and above the max drawdown's price
/// x × (1 − pct) − C × pct / q of the peak's price x; a short one below the mirrored bounds; a flat one at every price
/// while C is strictly above the watched floor and not above the peak. A quiet price beyond the peak's price becomes the pending
/// peak and raises the drawdown's bound; <see cref="SettlePeak"/> shows it to the limits before they next observe, so
/// their peak ends where observing every mark would have put it.</para>
/// <para>The bounds are computed in doubles (a decimal division would cost more than the valuations the band saves)
/// and kept as integers in units of 10⁻⁸ of the quote currency, pulled inwards by one unit plus 10⁻¹² of the size of
/// their terms (the conversions and the division round by a few 10⁻¹⁶); a price is compared by its decimal mantissa.
/// A price near a bound or near the peak's price, negative, finer than 10⁻⁸ or from 10¹⁰ up is never quiet, so it is
/// valued and observed exactly: the band only skips work, it never decides anything.</para>
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

    /// <summary>Prices in units strictly between these are quiet.</summary>
    private long _low;
    private long _high;

    /// <summary>True when the equity rises with the price (a long position).</summary>
    private bool _rising;

    /// <summary>A price beyond this (above when rising, below when falling) gives a new peak equity; no price when the limits track no peak.</summary>
    private long _peakUnits;

    /// <summary>A price short of this (below when rising, above when falling) gives no new peak; between the two the band cannot tell and holds nothing.</summary>
    private long _peakNearUnits;

    /// <summary>The loss limit's bound on the price in units (a lower bound when rising, an upper one when falling).</summary>
    private long _lossUnits;

    /// <summary>Whether a quiet mark set a new peak the limits have not seen yet (<see cref="SettlePeak"/>), and its price.</summary>
    private bool _peakPending;
    private decimal _peakPrice;

    /// <summary>The max drawdown's bound on the price as a function of the peak's price x: x × slope + offset (NaN when not watched).</summary>
    private double _drawdownSlope = double.NaN;
    private double _drawdownOffset;

    /// <summary>The account's equity line the band was built on (meaningful after <see cref="Holds"/> returned true).</summary>
    public ref readonly EquityLine Line => ref _line;

    /// <summary>
    /// True when marking <paramref name="instrument"/> at <paramref name="price"/> needs no valuation: the band is current
    /// and holds the price. A held price beyond the peak becomes the pending peak (see <see cref="SettlePeak"/>) and
    /// raises the drawdown's bound with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(PaperAccount account, LossLimits limits, InstrumentId instrument, decimal price)
    {
        if (!_valid || !IsCurrent(account, limits, instrument))
        {
            return false;
        }

        var units = Units(price);
        if (units <= _low || units >= _high)
        {
            return false;
        }

        if (_rising ? units > _peakUnits : units < _peakUnits)
        {
            RaisePeak(units, price);
        }
        else if (_rising ? units >= _peakNearUnits : units <= _peakNearUnits)
        {
            return false; // too near the peak to tell whether it is a new one
        }

        return true;
    }

    /// <summary>True while the band was built for <paramref name="instrument"/> on the account's and the limits' current state (else rebuild it).</summary>
    public bool IsCurrent(PaperAccount account, LossLimits limits, InstrumentId instrument) =>
        _limitsVersion == limits.Version && account.IsCurrent(_line) && _instrument == instrument;

    /// <summary>
    /// Shows the limits the pending peak (the equity at the most favourable quiet mark since the band was built), as
    /// observing every mark would have; dropped when the limits started a new trading day since. Call before the limits
    /// observe an equity.
    /// </summary>
    public void SettlePeak(LossLimits limits)
    {
        if (_peakPending && _limitsVersion == limits.Version)
        {
            limits.RaisePeak(_line.At(_peakPrice));
        }

        _peakPending = false;
    }

    /// <summary>
    /// Builds the band of an instrument from the account's equity line and the loss limits; none (no price is held) when
    /// the account has no line for it or a margined position is open (its margin is checked at every mark). Call after
    /// <see cref="SettlePeak"/>: the band starts from the limits' state.
    /// </summary>
    /// <param name="account">The run's account.</param>
    /// <param name="limits">The run's loss limits.</param>
    /// <param name="instrument">The instrument whose marks the band is for.</param>
    /// <param name="price">The instrument's current mark: when its equity is the peak, the band knows the peak's price exactly.</param>
    public void Rebuild(PaperAccount account, LossLimits limits, InstrumentId instrument, decimal price)
    {
        _instrument = instrument;
        _limitsVersion = limits.Version;
        _peakPending = false;
        _drawdownSlope = double.NaN;
        _valid = account.TryEquityLine(instrument, out _line) && !account.HasMarginedPositions;
        if (!_valid)
        {
            return;
        }

        var (c, q) = (_line.Constant, _line.Quantity);
        if (q == 0m)
        {
            limits.QuietBand(out var floor, out var ceiling);
            (_low, _high) = c > floor && c <= ceiling ? (long.MinValue, long.MaxValue) : (0, 0);
            _rising = true;
            (_peakUnits, _peakNearUnits) = (long.MaxValue, long.MaxValue); // the equity does not move with the price
            return;
        }

        _rising = q > 0m;
        var perUnit = (double)q;
        var lossFloor = limits.WatchedLossFloor;
        _lossUnits = lossFloor == decimal.MinValue ? (_rising ? long.MinValue : CapUnits)
            : _rising ? LowUnits((double)(lossFloor - c) / perUnit, 0) : HighUnits((double)(lossFloor - c) / perUnit, 0);
        (_low, _high) = _rising ? (_lossUnits, CapUnits) : (long.MinValue, _lossUnits);
        var atPeak = (double)(limits.PeakEquity - c) / perUnit;
        (_peakUnits, _peakNearUnits) = !limits.TracksPeak ? (_rising ? (long.MaxValue, long.MaxValue) : (long.MinValue, long.MinValue))
            : (OuterUnits(atPeak, _rising), OuterUnits(atPeak, !_rising));
        if (limits.TracksPeak && Units(price) is var units && units != long.MinValue && _line.At(price) == limits.PeakEquity)
        {
            AtPeak(units); // marks at the peak's price (ticks often repeat a price) are then quiet
        }

        if (limits.TracksPeak && limits.WatchedDrawdownPct is { } pct)
        {
            _drawdownSlope = 1 - (double)pct;
            _drawdownOffset = -(double)c * (double)pct / perUnit;
            BoundDrawdown(_peakUnits);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RaisePeak(long units, decimal price)
    {
        AtPeak(units);
        _peakPrice = price;
        _peakPending = true;
        if (!double.IsNaN(_drawdownSlope))
        {
            BoundDrawdown(units);
        }
    }

    /// <summary>The peak's price is exactly <paramref name="units"/>: a price beyond it is a new peak, any other price none (no zone between).</summary>
    private void AtPeak(long units)
    {
        _peakUnits = units;
        _peakNearUnits = _rising ? units + 1 : units - 1;
    }

    /// <summary>
    /// Tightens the band by the max drawdown of a peak at <paramref name="peakUnits"/>: with P = C + q × x the peak
    /// equity, a mark breaches when C + q × p ≤ P × (1 − pct), i.e. p ≤ x × (1 − pct) − C × pct / q when long (p ≥ when short).
    /// </summary>
    private void BoundDrawdown(long peakUnits)
    {
        var x = peakUnits / UnitsPerPrice;
        var slope = x * _drawdownSlope;
        var bound = slope + _drawdownOffset;
        var size = Math.Abs(slope) + Math.Abs(_drawdownOffset); // the terms' size: what the rounding is relative to
        if (_rising)
        {
            _low = Math.Max(_lossUnits, LowUnits(bound, size));
        }
        else
        {
            _high = Math.Min(_lossUnits, HighUnits(bound, size));
        }
    }

    /// <summary>A lower bound (price) in units, moved up by the margin: a price above it is above the exact bound.</summary>
    /// <param name="bound">The bound, quote currency.</param>
    /// <param name="size">The size of the terms it was computed from (0 when it is a single quotient).</param>
    private static long LowUnits(double bound, double size)
    {
        var units = bound * UnitsPerPrice;
        return units >= CapUnits ? long.MaxValue
            : units <= -CapUnits ? long.MinValue
            : (long)Math.Floor(units + Margin(units, size)) + 1;
    }

    /// <summary>An upper bound (price) in units, moved down by the margin and capped.</summary>
    private static long HighUnits(double bound, double size)
    {
        var units = bound * UnitsPerPrice;
        return units >= CapUnits ? CapUnits
            : units <= -CapUnits ? -CapUnits
            : (long)Math.Ceiling(units - Margin(units, size)) - 1;
    }

    /// <summary>A bound moved outwards (up when <paramref name="up"/>) by the margin: a price beyond it is beyond the exact bound.</summary>
    private static long OuterUnits(double bound, bool up)
    {
        var units = bound * UnitsPerPrice;
        return units >= CapUnits ? (up ? long.MaxValue : CapUnits)
            : units <= -CapUnits ? (up ? -CapUnits : long.MinValue)
            : up ? (long)Math.Ceiling(units + Margin(units, 0)) + 1 : (long)Math.Floor(units - Margin(units, 0)) - 1;
    }

    private static double Margin(double units, double size) => (Math.Abs(units) + (size * UnitsPerPrice)) * RelativeMargin;

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
