using Bourse.Sdk.Indicators;

namespace Bourse.Benchmarks;

/// <summary>
/// The machine's bare-loop baseline of the backtest benchmarks: the crossover of <see cref="Bourse.Strategies.EmaCrossover"/>
/// (EMA 12/26 of the close and the sign change of their gap, counted once both averages are ready) with no engine:
/// no signals, orders, risk, fills or accounting.
/// </summary>
internal sealed class BareCrossover
{
    private readonly ExponentialMovingAverage _fast = new(12);
    private readonly ExponentialMovingAverage _slow = new(26);
    private double _previous = double.NaN;

    /// <summary>The crosses seen so far.</summary>
    public int Crosses { get; private set; }

    /// <summary>Takes the close of the next bar.</summary>
    public void OnClose(double close)
    {
        var gap = _fast.Update(close) - _slow.Update(close);
        if (!_fast.IsReady || !_slow.IsReady)
        {
            return;
        }

        if ((_previous <= 0 && gap > 0) || (_previous >= 0 && gap < 0))
        {
            Crosses++;
        }

        _previous = gap;
    }
}
