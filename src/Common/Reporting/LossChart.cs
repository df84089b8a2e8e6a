using ScottPlot;

namespace FedAvg.Common.Reporting;

/// <summary>Loss per round (test loss, and training loss where known): y from 0, the legend in the upper right (loss falls away from it).</summary>
public static class LossChart
{
    public const int Width = RoundChart.Width;
    public const int Height = RoundChart.Height;

    /// <param name="series">Finite, non-negative losses; NaN for a round without one (no update accepted).</param>
    /// <exception cref="ArgumentException">No series, too many, an unnamed series or one without any value, or a negative or infinite loss; nothing is written then.</exception>
    public static void Render(IReadOnlyList<ChartSeries> series, string title, Stream output, ChartFormat format = ChartFormat.Png)
    {
        ArgumentNullException.ThrowIfNull(output);
        using Plot plot = Build(series, title);
        ChartImage.Write(plot, Width, Height, output, format);
    }

    internal static Plot Build(IReadOnlyList<ChartSeries> series, string title)
    {
        SeriesCheck.Validate(series, v => double.IsNaN(v) || (double.IsFinite(v) && v >= 0), "below 0 or infinite");
        Plot plot = RoundChart.Build(series, title, "loss");
        double highest = series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).Max();
        plot.Axes.SetLimitsY(0, highest > 0 ? highest * 1.08 : 1);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
