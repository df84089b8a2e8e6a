using System.Globalization;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Reporting;

/// <summary>
/// A PNG heat map of how a partition spread the classes over the clients: one row per client, one column per
/// class, each cell shaded by its count (linear, white to dark blue, scaled to the largest count) with the count
/// written in it, and each client's total at the end of its row.
/// </summary>
public static class PartitionHeatMap
{
    private const string Title = "Samples per client and class";
    private const string TotalHeader = "total";

    /// <param name="histogram"><c>histogram[client][class]</c>: how many samples of each class each client holds.</param>
    /// <exception cref="ArgumentException">No clients, ragged rows, a negative count, or class names that do not match the columns.</exception>
    public static void Render(int[][] histogram, IReadOnlyList<string> classNames, Stream output)
    {
        Validate(histogram, classNames, output);
        int max = histogram.Max(row => row.Max());
        long[] totals = [.. histogram.Select(row => row.Sum(count => (long)count))];
        string widest = totals.Max().ToString(CultureInfo.InvariantCulture);
        var layout = new PartitionHeatMapLayout(histogram.Length, classNames.Count, widest, [.. classNames, TotalHeader]);

        using var canvas = new ChartCanvas(layout.Width, layout.Height, ChartPalette.Background);
        canvas.DrawText(Title, layout.GridLeft, PartitionHeatMapLayout.TitleTop, PartitionHeatMapLayout.Scale, ChartPalette.Ink);
        DrawHeaders(canvas, layout, classNames);
        for (int client = 0; client < histogram.Length; client++)
        {
            DrawRow(canvas, layout, client, histogram[client], max, totals[client]);
        }

        canvas.SaveAsPng(output);
    }

    private static void Validate(int[][] histogram, IReadOnlyList<string> classNames, Stream output)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(output);
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

    private static void DrawHeaders(ChartCanvas canvas, PartitionHeatMapLayout layout, IReadOnlyList<string> classNames)
    {
        const int scale = PartitionHeatMapLayout.Scale;
        int textHeight = BitmapFont.TextHeight(scale);
        int headerBottom = layout.GridTop - 8;
        for (int c = 0; c <= classNames.Count; c++)
        {
            bool isTotal = c == classNames.Count;
            int columnLeft = isTotal ? layout.TotalLeft : layout.CellLeft(c);
            canvas.DrawTextUpwards(isTotal ? TotalHeader : classNames[c], columnLeft + ((layout.CellWidth - textHeight) / 2), headerBottom, scale, isTotal ? ChartPalette.MutedInk : ChartPalette.Ink);
        }

        const string axisTitle = "Client";
        int gridHeight = layout.Clients * PartitionHeatMapLayout.CellHeight;
        int axisBottom = layout.GridTop + ((gridHeight + BitmapFont.TextWidth(axisTitle, scale)) / 2);
        canvas.DrawTextUpwards(axisTitle, 16, Math.Min(axisBottom, layout.Height - 4), scale, ChartPalette.Ink);
    }

    private static void DrawRow(ChartCanvas canvas, PartitionHeatMapLayout layout, int client, int[] counts, int max, long total)
    {
        const int scale = PartitionHeatMapLayout.Scale;
        const int gap = PartitionHeatMapLayout.CellGap;
        int top = layout.CellTop(client);
        int textTop = top + ((PartitionHeatMapLayout.CellHeight - BitmapFont.TextHeight(scale)) / 2);
        string rowLabel = client.ToString(CultureInfo.InvariantCulture);
        canvas.DrawText(rowLabel, layout.GridLeft - 10 - BitmapFont.TextWidth(rowLabel, scale), textTop, scale, ChartPalette.Ink);

        for (int c = 0; c < counts.Length; c++)
        {
            double intensity = max == 0 ? 0 : (double)counts[c] / max;
            int left = layout.CellLeft(c);
            canvas.FillRectangle(left + gap, top + gap, layout.CellWidth - (2 * gap), PartitionHeatMapLayout.CellHeight - (2 * gap), ChartPalette.Heat(intensity));

            // Light text on the dark half of the ramp, dark text on the light half.
            Rgb24 ink = intensity > 0.5 ? ChartPalette.Background : ChartPalette.Ink;
            string text = counts[c].ToString(CultureInfo.InvariantCulture);
            canvas.DrawText(text, left + ((layout.CellWidth - BitmapFont.TextWidth(text, scale)) / 2), textTop, scale, ink);
        }

        string totalText = total.ToString(CultureInfo.InvariantCulture);
        canvas.DrawText(totalText, layout.TotalLeft + ((layout.CellWidth - BitmapFont.TextWidth(totalText, scale)) / 2), textTop, scale, ChartPalette.MutedInk);
    }
}
