namespace Bourse.Sdk.Indicators;

/// <summary>
/// Parabolic stop and reverse (SAR) of J. Welles Wilder Jr., <i>New Concepts in Technical Trading Systems</i>
/// (Trend Research, 1978), in price units.
/// </summary>
/// <remarks>
/// SARₜ = SARₜ₋₁ + AF·(EP − SARₜ₋₁), where EP (extreme point) is the highest high of a long trend (lowest low of a
/// short one) and the acceleration factor AF starts at the step, grows by the step with every new EP and is capped at
/// the maximum. In a long trend the SAR is never above the lows of the two previous bars (never below their highs in a
/// short one). When a bar trades through the SAR the trend reverses: the SAR becomes the old EP, EP the bar's extreme
/// and AF the step. Wilder does not fix how the first trend starts; like the technicalindicators package this starts
/// long with SAR = the first bar's low and EP its high, so <see cref="Indicator.Value"/> on the first bar is that seed
/// and the first computed SAR comes with the second bar (<see cref="WarmUpPeriod"/> 2).
/// </remarks>
public sealed class ParabolicSar : BarIndicator
{
    private double _extreme;
    private double _previousHigh;
    private double _previousLow;
    private double _earlierHigh;
    private double _earlierLow;

    /// <param name="step">AF start and increment (Wilder: 0.02); positive.</param>
    /// <param name="maximum">AF cap (0.2); at least <paramref name="step"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive or the maximum below the step.</exception>
    public ParabolicSar(double step = 0.02, double maximum = 0.2)
    {
        if (!double.IsFinite(step) || step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The acceleration step must be positive and finite.");
        }

        if (!double.IsFinite(maximum) || maximum < step)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "The maximum acceleration must be finite and at least the step.");
        }

        Step = step;
        Maximum = maximum;
    }

    /// <summary>AF start and increment.</summary>
    public double Step { get; }

    /// <summary>AF cap.</summary>
    public double Maximum { get; }

    /// <summary>True in a long (rising) trend, false in a short one.</summary>
    public bool IsLong { get; private set; } = true;

    /// <summary>The current acceleration factor.</summary>
    public double AccelerationFactor { get; private set; }

    /// <inheritdoc />
    public override int WarmUpPeriod => 2;

    /// <inheritdoc />
    protected override double Compute(BarInput input)
    {
        double sar;
        if (Samples == 1)
        {
            sar = input.Low;
            _extreme = input.High;
            AccelerationFactor = Step;
            _previousHigh = _earlierHigh = input.High;
            _previousLow = _earlierLow = input.Low;
            return sar;
        }

        sar = Value + (AccelerationFactor * (_extreme - Value));
        if (IsLong)
        {
            sar = Math.Min(sar, Math.Min(_previousLow, _earlierLow));
            if (input.High > _extreme)
            {
                _extreme = input.High;
                AccelerationFactor = Math.Min(AccelerationFactor + Step, Maximum);
            }
        }
        else
        {
            sar = Math.Max(sar, Math.Max(_previousHigh, _earlierHigh));
            if (input.Low < _extreme)
            {
                _extreme = input.Low;
                AccelerationFactor = Math.Min(AccelerationFactor + Step, Maximum);
            }
        }

        if (IsLong ? input.Low < sar : input.High > sar)
        {
            IsLong = !IsLong;
            sar = _extreme;
            _extreme = IsLong ? input.High : input.Low;
            AccelerationFactor = Step;
        }

        _earlierHigh = _previousHigh;
        _earlierLow = _previousLow;
        _previousHigh = input.High;
        _previousLow = input.Low;
        return sar;
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        IsLong = true;
        AccelerationFactor = 0;
        _extreme = _previousHigh = _previousLow = _earlierHigh = _earlierLow = 0;
    }
}
