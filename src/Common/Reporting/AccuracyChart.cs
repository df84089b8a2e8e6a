using System.Globalization;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Reporting;

/// <summary>
/// A PNG line chart of per-round test accuracy: x is the round (1..N), y is 0..100 %, one coloured line with
/// square markers per series, a legend on the right and the title on top. Drawn with a built-in bitmap font so
/// it renders identically on machines without any fonts installed.
/// </summary>
public static class AccuracyChart
{
    /// <summary>How many series can be told apart by colour.</summary>
    public static int MaxSeries => ChartPalette.Series.Count;

    /// <exception cref="ArgumentException">No series, too many, an empty or unnamed series, or a value outside 0..100.</exception>
    public static void Render(IReadOnlyList<ChartSeries> series, string title, string yLabel, Stream output)
    {
        Validate(series, title, yLabel, output);
        int rounds = series.Max(s => s.Values.Count);
        int legendWidth = series.Max(s => BitmapFont.TextWidth(s.Name, AccuracyChartLayout.LabelScale));
        var layout = new AccuracyChartLayout(rounds, legendWidth);

        using var canvas = new ChartCanvas(layout.Width, layout.Height, ChartPalette.Background);
        DrawPercentAxis(canvas, yLabel);
        DrawRoundAxis(canvas, layout);
        for (int i = 0; i < series.Count; i++)
        {
            DrawSeries(canvas, layout, series[i].Values, ChartPalette.Series[i]);
            DrawLegendEntry(canvas, layout, i, series[i].Name);
        }

        int titleWidth = BitmapFont.TextWidth(title, AccuracyChartLayout.TitleScale);
        canvas.DrawText(title, Math.Max(8, (layout.Width - titleWidth) / 2), 18, AccuracyChartLayout.TitleScale, ChartPalette.Ink);
        canvas.SaveAsPng(output);
    }

    private static void Validate(IReadOnlyList<ChartSeries> series, string title, string yLabel, Stream output)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentNullException.ThrowIfNull(output);
        if (series.Count == 0)
        {
            throw new ArgumentException("An accuracy chart needs at least one series.", nameof(series));
        }

        if (series.Count > MaxSeries)
        {
            throw new ArgumentException($"At most {MaxSeries} series can be told apart by colour; got {series.Count}.", nameof(series));
        }

        foreach (ChartSeries s in series)
        {
            if (s is null || string.IsNullOrWhiteSpace(s.Name) || s.Values is null || s.Values.Count == 0)
            {
                throw new ArgumentException("Every series needs a name and at least one value.", nameof(series));
            }

            if (s.Values.Any(v => !(v is >= 0 and <= 100)))
            {
                throw new ArgumentException($"Series '{s.Name}' has a value outside 0..100 percent (or NaN).", nameof(series));
            }
        }
    }

    private static void DrawPercentAxis(ChartCanvas canvas, string yLabel)
    {
        const int scale = AccuracyChartLayout.LabelScale;
        for (int percent = 0; percent <= 100; percent += 10)
        {
            int y = AccuracyChartLayout.YFor(percent);
            canvas.DrawLine(AccuracyChartLayout.PlotLeft, y, AccuracyChartLayout.PlotRight, y, ChartPalette.Grid);
            canvas.DrawLine(AccuracyChartLayout.PlotLeft - 6, y, AccuracyChartLayout.PlotLeft, y, ChartPalette.Ink);
            string label = percent.ToString(CultureInfo.InvariantCulture) + "%";
            int labelLeft = AccuracyChartLayout.PlotLeft - 10 - BitmapFont.TextWidth(label, scale);
            canvas.DrawText(label, labelLeft, y - (BitmapFont.TextHeight(scale) / 2), scale, ChartPalette.Ink);
        }

        canvas.DrawLine(AccuracyChartLayout.PlotLeft, AccuracyChartLayout.PlotTop, AccuracyChartLayout.PlotLeft, AccuracyChartLayout.PlotBottom, ChartPalette.Ink, 2);
        int labelBottom = AccuracyChartLayout.PlotTop + ((AccuracyChartLayout.PlotHeight + BitmapFont.TextWidth(yLabel, scale)) / 2);
        canvas.DrawTextUpwards(yLabel, 14, labelBottom, scale, ChartPalette.Ink);
    }

    private static void DrawRoundAxis(ChartCanvas canvas, AccuracyChartLayout layout)
    {
        const int scale = AccuracyChartLayout.LabelScale;
        int bottom = AccuracyChartLayout.PlotBottom;
        canvas.DrawLine(AccuracyChartLayout.PlotLeft, bottom, AccuracyChartLayout.PlotRight, bottom, ChartPalette.Ink, 2);
        int step = layout.RoundTickStep();
        for (int round = 1; round <= layout.Rounds; round++)
        {
            if (round != 1 && round % step != 0)
            {
                continue;
            }

            int x = layout.XFor(round);
            canvas.DrawLine(x, bottom, x, bottom + 6, ChartPalette.Ink);
            string label = round.ToString(CultureInfo.InvariantCulture);
            canvas.DrawText(label, x - (BitmapFont.TextWidth(label, scale) / 2), bottom + 12, scale, ChartPalette.Ink);
        }

        const string axisLabel = "Round";
        int axisLabelLeft = AccuracyChartLayout.PlotLeft + ((AccuracyChartLayout.PlotWidth - BitmapFont.TextWidth(axisLabel, scale)) / 2);
        canvas.DrawText(axisLabel, axisLabelLeft, bottom + 44, scale, ChartPalette.Ink);
    }

    private static void DrawSeries(ChartCanvas canvas, AccuracyChartLayout layout, IReadOnlyList<double> values, Rgb24 colour)
    {
        for (int i = 1; i < values.Count; i++)
        {
            canvas.DrawLine(layout.XFor(i), AccuracyChartLayout.YFor(values[i - 1]), layout.XFor(i + 1), AccuracyChartLayout.YFor(values[i]), colour, 3);
        }

        // Markers only while they stay apart; on long runs they would merge into a thick line.
        if (values.Count <= 60)
        {
            for (int i = 0; i < values.Count; i++)
            {
                canvas.FillRectangle(layout.XFor(i + 1) - 3, AccuracyChartLayout.YFor(values[i]) - 3, 7, 7, colour);
            }
        }
    }

    private static void DrawLegendEntry(ChartCanvas canvas, AccuracyChartLayout layout, int index, string name)
    {
        int top = AccuracyChartLayout.LegendRowTop(index);
        int middle = top + (BitmapFont.TextHeight(AccuracyChartLayout.LabelScale) / 2);
        canvas.DrawLine(layout.LegendLeft, middle, layout.LegendTextLeft - 8, middle, ChartPalette.Series[index], 3);
        canvas.FillRectangle(((layout.LegendLeft + layout.LegendTextLeft - 8) / 2) - 3, middle - 3, 7, 7, ChartPalette.Series[index]);
        canvas.DrawText(name, layout.LegendTextLeft, top, AccuracyChartLayout.LabelScale, ChartPalette.Ink);
    }
}
