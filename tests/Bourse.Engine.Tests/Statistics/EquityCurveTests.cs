using Bourse.Engine.Accounting;
using Bourse.Engine.Calendars;
using Bourse.Engine.Statistics;

namespace Bourse.Engine.Tests.Statistics;

/// <summary>Marks recorded deferred (valued from an equity line when read) give the same points as marks recorded with their equity.</summary>
public class EquityCurveTests
{
    private static readonly DateTime Monday = new(2013, 10, 7, 14, 0, 0, DateTimeKind.Utc); // 10:00 New York
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_deferred_mark_is_valued_when_read_and_when_a_new_period_begins()
    {
        var curve = new EquityCurve(EquitySampling.TradingDay, TradingCalendars.UsEquities);
        var line = new EquityLine(1_000.5m, 10m, 0);

        curve.RecordDeferred(Monday, line, 5m, Minute, inMarket: true);
        Assert.Equal(1_050.5m, Assert.Single(curve.Points).Equity);

        curve.RecordDeferred(Monday.AddMinutes(1), line, 6.25m, Minute, inMarket: true); // same trading day: replaces the point
        curve.RecordDeferred(Monday.AddDays(1), new EquityLine(2_000m, 0m, 1), 7m, Minute, inMarket: false); // next day: the first point is final

        Assert.Equal([(Monday.AddMinutes(1), 1_063m), (Monday.AddDays(1), 2_000m)], curve.Points.Select(p => (p.Timestamp, p.Equity)));
        Assert.Equal(1, curve.InMarketPoints);
    }

    [Fact]
    public void A_mark_with_its_equity_replaces_a_deferred_one_of_the_same_period()
    {
        var curve = new EquityCurve(EquitySampling.TradingDay, TradingCalendars.UsEquities);
        curve.RecordDeferred(Monday, new EquityLine(1_000m, 10m, 0), 5m, Minute, inMarket: true);
        curve.Record(Monday.AddMinutes(1), 3_000m, Minute, inMarket: true);
        curve.Record(Monday.AddDays(1), 4_000m, Minute, inMarket: true);

        Assert.Equal([3_000m, 4_000m], curve.Points.Select(p => p.Equity));
        Assert.Equal([3_000m, 4_000m], curve.Series().Select(p => p.Equity));
    }
}
