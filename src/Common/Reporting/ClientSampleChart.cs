using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FedAvg.Common.Reporting;

/// <summary>How many training samples each client holds: one bar per client, its count on top while there is room.</summary>
public static class ClientSampleChart
{
    public const int Width = 800;
    public const int Height = 450;

    // Above this many clients the counts would overlap; the y axis still gives them.
    private const int MaxLabelledBars = 20;

    /// <param name="samples"><c>samples[client]</c>: that client's number of training samples.</param>
    /// <exception cref="ArgumentException">No clients, or a negative count; nothing is written then.</exception>
    public static void Render(IReadOnlyList<int> samples, string title, Stream output, ChartFormat format = ChartFormat.Png)
    {
        ArgumentNullException.ThrowIfNull(output);
        using Plot plot = Build(samples, title);
        ChartImage.Write(plot, Width, Height, output, format);
    }

    internal static Plot Build(IReadOnlyList<int> samples, string title)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(title);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A sample chart needs at least one client.", nameof(samples));
        }

        if (samples.Any(count => count < 0))
        {
            throw new ArgumentException("A client cannot hold a negative number of samples.", nameof(samples));
        }

        Plot plot = ChartStyle.NewPlot(title);
        bool labelled = samples.Count <= MaxLabelledBars;
        var bars = samples.Select((count, client) => new Bar
        {
            Position = client,
            Value = count,
            FillColor = ChartPalette.Series[0],
            LineWidth = 0,
            Label = labelled ? count.ToString(CultureInfo.InvariantCulture) : string.Empty,
        }).ToArray();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = ChartStyle.TickSize;
        plottable.ValueLabelStyle.ForeColor = ChartPalette.Ink;

        plot.XLabel("client");
        plot.YLabel("training samples");
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(-0.6, samples.Count - 0.4);
        // Room above the tallest bar for its label.
        plot.Axes.SetLimitsY(0, Math.Max(1, samples.Max()) * 1.1);
        return plot;
    }
}
