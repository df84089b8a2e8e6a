using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FedAvg.Common.Reporting;

/// <summary>
/// How a partition spread the classes over the clients: one row per client (client 0 on top), one column per
/// class, each cell shaded by its count (white to dark blue, scaled to the largest count). While the grid is
/// small enough to read, each cell also shows its count and each row its client's total on the right.
/// </summary>
public static class PartitionHeatMap
{
    public const int Width = 900;
    public const string Title = "Samples per client and class";

    private const int MaxLabelledClients = 20;
    private const int MaxClientTicks = 25;

    /// <summary>The image's height: rows of 30 pixels while the counts are written in them, then a fixed height.</summary>
    public static int HeightFor(int clients) => clients <= MaxLabelledClients ? 200 + (30 * clients) : 820;

    /// <param name="histogram"><c>histogram[client][class]</c>: how many samples of each class each client holds.</param>
    /// <exception cref="ArgumentException">No clients, ragged rows, a negative count, or class names that do not match the columns; nothing is written then.</exception>
    public static void Render(int[][] histogram, IReadOnlyList<string> classNames, Stream output, ChartFormat format = ChartFormat.Png)
    {
        ArgumentNullException.ThrowIfNull(output);
        using Plot plot = Build(histogram, classNames);
        ChartImage.Write(plot, Width, HeightFor(histogram.Length), output, format);
    }

    /// <summary>The centre of a cell in plot coordinates, as the plot places it.</summary>
    internal static Coordinates CellCentre(int clients, int client, int classIndex) =>
        new(classIndex + 0.5, clients - client - 0.5);

    internal static Plot Build(int[][] histogram, IReadOnlyList<string> classNames)
    {
        Validate(histogram, classNames);
        int clients = histogram.Length;
        int classes = classNames.Count;
        int max = histogram.Max(row => row.Max());
        bool labelled = clients <= MaxLabelledClients;

        Plot plot = ChartStyle.NewPlot(Title);
        var cells = new double[clients, classes];
        for (int client = 0; client < clients; client++)
        {
            for (int c = 0; c < classes; c++)
            {
                cells[client, c] = histogram[client][c];
            }
        }

        var heat = plot.Add.Heatmap(cells);
        heat.Colormap = ChartPalette.Heat;
        heat.ManualRange = new ScottPlot.Range(0, Math.Max(1, max));
        // Row 0 of the array is drawn on top: client 0 heads the map.
        heat.Rectangle = new CoordinateRect(0, classes, 0, clients);
        plot.Add.ColorBar(heat).Label = "samples";

        var classTicks = new NumericManual();
        for (int c = 0; c < classes; c++)
        {
            classTicks.AddMajor(c + 0.5, classNames[c]);
        }

        plot.Axes.Bottom.TickGenerator = classTicks;
        plot.Axes.Left.TickGenerator = ClientTicks(clients, client => client.ToString(CultureInfo.InvariantCulture));
        plot.YLabel("client");
        plot.Axes.SetLimits(0, classes, 0, clients);
        plot.Grid.IsVisible = false;

        if (labelled)
        {
            LabelCells(plot, histogram, max);
            plot.Axes.Right.TickGenerator = ClientTicks(clients, client => histogram[client].Sum(count => (long)count).ToString(CultureInfo.InvariantCulture));
            plot.Axes.Right.Label.Text = "total";
            plot.Axes.SetLimitsY(0, clients, plot.Axes.Right);
        }

        return plot;
    }

    private static void LabelCells(Plot plot, int[][] histogram, int max)
    {
        for (int client = 0; client < histogram.Length; client++)
        {
            for (int c = 0; c < histogram[client].Length; c++)
            {
                var text = plot.Add.Text(histogram[client][c].ToString(CultureInfo.InvariantCulture), CellCentre(histogram.Length, client, c));
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = ChartStyle.TickSize;
                // Light text on the dark half of the ramp, dark text on the light half.
                text.LabelFontColor = max > 0 && histogram[client][c] > max / 2.0 ? ChartPalette.Background : ChartPalette.Ink;
            }
        }
    }

    private static NumericManual ClientTicks(int clients, Func<int, string> label)
    {
        int step = TickStep(clients);
        var ticks = new NumericManual();
        for (int client = 0; client < clients; client += step)
        {
            ticks.AddMajor(clients - client - 0.5, label(client));
        }

        return ticks;
    }

    // A tick every 1, 2, 5, 10, 20, 50, ... clients: the smallest step that leaves at most MaxClientTicks.
    private static int TickStep(int clients)
    {
        for (int magnitude = 1; ; magnitude *= 10)
        {
            foreach (int multiple in (ReadOnlySpan<int>)[1, 2, 5])
            {
                if (clients / (multiple * magnitude) <= MaxClientTicks)
                {
                    return multiple * magnitude;
                }
            }
        }
    }

    private static void Validate(int[][] histogram, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(classNames);
        if (histogram.Length == 0)
        {
            throw new ArgumentException("A heat map needs at least one client.", nameof(histogram));
        }

        if (classNames.Count == 0 || classNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A heat map needs at least one class, each with a name.", nameof(classNames));
        }

        for (int client = 0; client < histogram.Length; client++)
        {
            int[]? row = histogram[client];
            if (row is null || row.Length != classNames.Count)
            {
                throw new ArgumentException($"Client {client} has {row?.Length ?? 0} counts; every client needs one per class ({classNames.Count}).", nameof(histogram));
            }

            if (row.Any(count => count < 0))
            {
                throw new ArgumentException($"Client {client} has a negative count.", nameof(histogram));
            }
        }
    }
}
