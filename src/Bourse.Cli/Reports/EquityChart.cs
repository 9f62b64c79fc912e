using Bourse.Engine.Backtesting;
using Bourse.Engine.Statistics;
using ScottPlot;

namespace Bourse.Cli.Reports;

/// <summary>
/// The equity curve (top) and its drawdown in percent below the running peak (bottom) on a shared UTC time axis,
/// rendered headless to PNG with ScottPlot (SkiaSharp).
/// </summary>
internal static class EquityChart
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 1200;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 800;

    /// <summary>Renders <paramref name="series"/> (starting equity, then one point per bar close) as PNG bytes.</summary>
    public static byte[] Png(IReadOnlyList<EquityPoint> series, string currency)
    {
        var times = series.Select(p => p.Timestamp.ToOADate()).ToArray();
        var drawdowns = PerformanceMath.Drawdowns(series).Select(d => -(double)d * 100d).ToArray();

        var equity = new Plot();
        var line = equity.Add.ScatterLine(times, series.Select(p => (double)p.Equity).ToArray());
        line.LineWidth = 1.5f;
        equity.Axes.DateTimeTicksBottom();
        equity.Title("Equity");
        equity.YLabel($"Equity ({currency})");

        var drawdown = new Plot();
        var area = drawdown.Add.ScatterLine(times, drawdowns);
        area.FillY = true;
        area.Color = Colors.Red;
        area.FillYColor = Colors.Red.WithAlpha(0.3);
        drawdown.Axes.DateTimeTicksBottom();
        drawdown.Title("Drawdown");
        drawdown.YLabel("Below peak (%)");
        drawdown.XLabel("Time (UTC)");

        // The same left axis width on both panels keeps their time axes aligned.
        equity.Axes.Left.MinimumSize = 90;
        drawdown.Axes.Left.MinimumSize = 90;
        var chart = new Multiplot();
        chart.Reset(equity);
        chart.AddPlot(drawdown);
        chart.SharedAxes.ShareX([equity, drawdown]);
        using var image = chart.Render(Width, Height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }
}
