using ScottPlot;
using ScottPlot.TickGenerators;

namespace FedAvg.Common.Reporting;

/// <summary>
/// The line chart behind <see cref="AccuracyChart"/> and <see cref="LossChart"/>: x is the round (1..N, whole
/// numbers), one coloured line per series with a marker per round, NaN points left out.
/// </summary>
internal static class RoundChart
{
    public const int Width = 800;
    public const int Height = 500;

    // Beyond this many rounds markers merge into a thick line; the line alone reads better.
    private const int MaxMarkedRounds = 60;

    /// <summary>The caller has validated <paramref name="series"/>.</summary>
    public static Plot Build(IReadOnlyList<ChartSeries> series, string title, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(yLabel);
        int rounds = series.Max(s => s.Values.Count);
        Plot plot = ChartStyle.NewPlot(title);
        for (int i = 0; i < series.Count; i++)
        {
            var points = series[i].Values
                .Select((value, index) => (Round: index + 1.0, Value: value))
                .Where(p => !double.IsNaN(p.Value))
                .ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.Round).ToArray(), points.Select(p => p.Value).ToArray(), ChartPalette.Series[i]);
            line.LegendText = series[i].Name;
            line.LineWidth = 2.5f;
            line.MarkerSize = rounds <= MaxMarkedRounds ? 8 : 0;
        }

        plot.XLabel("round");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0.5, rounds + 0.5);
        return plot;
    }
}
