using ScottPlot;

namespace FedAvg.Common.Reporting;

/// <summary>Test accuracy per round: y is 0..100 %, one line per series, the legend in the lower right (accuracy rises away from it).</summary>
public static class AccuracyChart
{
    public const int Width = RoundChart.Width;
    public const int Height = RoundChart.Height;

    /// <summary>How many series can be told apart by colour.</summary>
    public static int MaxSeries => ChartPalette.Series.Count;

    /// <exception cref="ArgumentException">No series, too many, an empty or unnamed series, or a value outside 0..100 (NaN included); nothing is written then.</exception>
    public static void Render(IReadOnlyList<ChartSeries> series, string title, string yLabel, Stream output, ChartFormat format = ChartFormat.Png)
    {
        ArgumentNullException.ThrowIfNull(output);
        using Plot plot = Build(series, title, yLabel);
        ChartImage.Write(plot, Width, Height, output, format);
    }

    internal static Plot Build(IReadOnlyList<ChartSeries> series, string title, string yLabel)
    {
        SeriesCheck.Validate(series, v => v is >= 0 and <= 100, "outside 0..100 percent (or NaN)");
        Plot plot = RoundChart.Build(series, title, yLabel);
        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
