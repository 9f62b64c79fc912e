namespace Bourse.Sdk.Indicators;

/// <summary>
/// Base of every indicator: feed values with <see cref="Update"/>, read <see cref="Value"/> once
/// <see cref="IsReady"/>. Readiness is derived here from the sample count and <see cref="WarmUpPeriod"/>;
/// subclasses never declare it. Indicators compute in <see cref="double"/> (design principle 4).
/// </summary>
public abstract class Indicator
{
    /// <summary>Number of samples needed before <see cref="Value"/> is meaningful.</summary>
    public abstract int WarmUpPeriod { get; }

    /// <summary>Number of samples fed so far.</summary>
    public int Samples { get; private set; }

    /// <summary>True once <see cref="Samples"/> ≥ <see cref="WarmUpPeriod"/>.</summary>
    public bool IsReady => Samples >= WarmUpPeriod;

    /// <summary>The current value (NaN-free; 0 before any sample).</summary>
    public double Value { get; private set; }

    /// <summary>Feeds one sample (typically a close price) and returns the new value.</summary>
    /// <exception cref="ArgumentException">The sample is NaN or infinite.</exception>
    public double Update(double sample)
    {
        if (!double.IsFinite(sample))
        {
            throw new ArgumentException($"An indicator sample must be finite (was {sample}).", nameof(sample));
        }

        Samples++;
        Value = Compute(sample);
        return Value;
    }

    /// <summary>Clears all state.</summary>
    public void Reset()
    {
        Samples = 0;
        Value = 0;
        OnReset();
    }

    /// <summary>Computes the new value from one sample; <see cref="Samples"/> already counts it.</summary>
    protected abstract double Compute(double sample);

    /// <summary>Clears subclass state.</summary>
    protected abstract void OnReset();
}
