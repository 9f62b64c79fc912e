using Bourse.Sdk.Indicators;

namespace Bourse.Sdk.Tests.Indicators;

/// <summary>One instance of every indicator, with its usual parameters, for the tests that run over all of them.</summary>
internal static class IndicatorCatalog
{
    public static readonly IReadOnlyDictionary<string, Func<Indicator>> All = new Func<Indicator>[]
    {
        () => new SimpleMovingAverage(20),
        () => new ExponentialMovingAverage(20),
        () => new WeightedMovingAverage(20),
        () => new WilderMovingAverage(14),
        () => new DoubleExponentialMovingAverage(20),
        () => new TripleExponentialMovingAverage(20),
        () => new RelativeStrengthIndex(14),
        () => new MovingAverageConvergenceDivergence(),
        () => new BollingerBands(),
        () => new RateOfChange(10),
        () => new Momentum(10),
        () => new AverageTrueRange(),
        () => new AverageDirectionalIndex(),
        () => new StochasticOscillator(),
        () => new CommodityChannelIndex(),
        () => new WilliamsPercentRange(),
        () => new OnBalanceVolume(),
        () => new MoneyFlowIndex(),
        () => new VolumeWeightedAveragePrice(IntradayBars.NewYork),
        () => new DonchianChannels(),
        () => new KeltnerChannels(),
        () => new ParabolicSar(),
    }.ToDictionary(create => create().GetType().Name);

    public static TheoryData<string> Names => [.. All.Keys.Order()];
}
