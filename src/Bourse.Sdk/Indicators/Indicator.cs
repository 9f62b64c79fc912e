namespace Bourse.Sdk.Indicators;

/// <summary>
/// Root of every indicator: what all of them share whatever they are fed with. Readiness is derived here, once, from
/// the sample count and <see cref="WarmUpPeriod"/>; subclasses never declare it. Indicators compute in
/// <see cref="double"/> (design principle 4). Feed price indicators through <see cref="PriceIndicator"/> and bar
/// indicators through <see cref="BarIndicator"/>; both derive from <see cref="Indicator{TInput}"/>.
/// </summary>
public abstract class Indicator
{
    /// <summary>Number of samples needed before <see cref="Value"/> (and every named output) is meaningful.</summary>
    public abstract int WarmUpPeriod { get; }

    /// <summary>Number of samples fed so far.</summary>
    public int Samples { get; private protected set; }

    /// <summary>True once <see cref="Samples"/> ≥ <see cref="WarmUpPeriod"/>.</summary>
    public bool IsReady => Samples >= WarmUpPeriod;

    /// <summary>
    /// The main output (for multi-output indicators the one named in the class summary; the others are properties).
    /// Finite; 0 before any sample; before <see cref="IsReady"/> each indicator documents what it holds.
    /// </summary>
    public double Value { get; private protected set; }

    /// <summary>Clears all state, as if newly constructed with the same parameters.</summary>
    public void Reset()
    {
        Samples = 0;
        Value = 0;
        OnReset();
    }

    /// <summary>Clears subclass state.</summary>
    protected abstract void OnReset();
}

/// <summary>
/// An indicator fed with samples of type <typeparamref name="TInput"/>: <see cref="Update"/> validates the sample,
/// counts it and stores the value <see cref="Compute"/> returns. No allocation per update.
/// </summary>
/// <typeparam name="TInput">The sample: <see cref="double"/> (a price) or <see cref="BarInput"/> (an OHLCV bar).</typeparam>
public abstract class Indicator<TInput> : Indicator
    where TInput : struct
{
    /// <summary>Feeds one sample and returns the new <see cref="Indicator.Value"/>.</summary>
    /// <exception cref="ArgumentException">The sample is invalid (NaN or infinite field, inconsistent bar); the
    /// indicator's state is unchanged.</exception>
    public double Update(TInput input)
    {
        Validate(input);
        Samples++;
        Value = Compute(input);
        return Value;
    }

    /// <summary>Computes the new value from one valid sample; <see cref="Indicator.Samples"/> already counts it.</summary>
    protected abstract double Compute(TInput input);

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid sample; implemented once per input kind.</summary>
    private protected abstract void Validate(TInput input);
}
