using System.Text;
using System.Xml.Linq;
using FedAvg.Common.Reporting;
using ScottPlot;
using Color = ScottPlot.Color;
using Image = SixLabors.ImageSharp.Image;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Reporting;

public sealed class AccuracyChartTests
{
    private static readonly Color First = ChartPalette.Series[0];
    private static readonly Color Second = ChartPalette.Series[1];

    [Fact]
    public void Png_has_the_chart_size()
    {
        using var png = new MemoryStream();
        AccuracyChart.Render([new("reference", [10, 20, 30]), new("default", [5, 15])], "t", "y", png);

        using var image = Image.Load<Rgb24>(png.ToArray());
        Assert.Equal((AccuracyChart.Width, AccuracyChart.Height), (image.Width, image.Height));
    }

    [Fact]
    public void Each_series_is_drawn_in_its_colour_at_its_values_and_nowhere_near_the_other()
    {
        using var chart = Render([new("low", Constant(20, 10)), new("high", Constant(80, 10))]);

        Assert.True(chart.Near(new(5, 20), First));
        Assert.True(chart.Near(new(5, 80), Second));
        Assert.False(chart.Near(new(5, 80), First, radius: 6));
        Assert.False(chart.Near(new(5, 20), Second, radius: 6));
        Assert.False(chart.Near(new(5, 50), First, radius: 6));
    }

    [Fact]
    public void Every_round_is_marked_at_its_own_accuracy()
    {
        double[] values = [10, 30, 55, 70, 90];

        using var chart = Render([new ChartSeries("rising", values)]);

        for (int round = 1; round <= values.Length; round++)
        {
            Assert.True(RenderedChart.Same(chart.At(new(round, values[round - 1])), First), $"round {round}");
            // The mirrored value (90 where 10 was drawn, ...) is somewhere else on the chart.
            Assert.False(chart.Near(new(round, 100 - values[round - 1]), First, radius: 4), $"round {round} mirrored");
        }
    }

    [Fact]
    public void A_single_round_is_drawn_in_the_middle()
    {
        using var chart = Render([new ChartSeries("one", [42])]);

        Pixel point = chart.Plot.GetPixel(new(1, 42));
        Assert.InRange(point.X, chart.DataRect.HorizontalCenter - 2, chart.DataRect.HorizontalCenter + 2);
        Assert.True(RenderedChart.Same(chart.At(new(1, 42)), First));
    }

    [Fact]
    public void The_title_is_written_as_text_above_the_data()
    {
        using var titled = Render([new ChartSeries("s", [50])], "Test accuracy per round");
        using var untitled = Render([new ChartSeries("s", [50])], string.Empty);

        Assert.True(titled.InkAboveData() > 200, $"{titled.InkAboveData()} dark pixels");
        Assert.Equal(0, untitled.InkAboveData());
    }

    [Fact]
    public void Svg_keeps_the_title_and_labels_as_text_in_the_embedded_font()
    {
        using var svg = new MemoryStream();
        AccuracyChart.Render([new("reference", [10, 20, 30])], "Test accuracy per round", "accuracy (%)", svg, ChartFormat.Svg);

        string xml = Encoding.UTF8.GetString(svg.ToArray());
        Assert.Equal("svg", XDocument.Parse(xml).Root!.Name.LocalName);
        Assert.Contains("Test accuracy per round", xml, StringComparison.Ordinal);
        Assert.Contains("accuracy (%)", xml, StringComparison.Ordinal);
        Assert.Contains("reference", xml, StringComparison.Ordinal);
        Assert.Contains($"font-family=\"{ChartFont.Family}\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_series_are_refused_before_anything_is_written()
    {
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => AccuracyChart.Render([], "t", "y", output));
        Assert.Throws<ArgumentException>(() => AccuracyChart.Render([new ChartSeries("empty", [])], "t", "y", output));
        Assert.Throws<ArgumentException>(() => AccuracyChart.Render([new ChartSeries("", [1])], "t", "y", output));
        Assert.Throws<ArgumentException>(() => AccuracyChart.Render([new ChartSeries("over", [101])], "t", "y", output));
        Assert.Throws<ArgumentException>(() => AccuracyChart.Render([new ChartSeries("nan", [double.NaN])], "t", "y", output));
        ChartSeries[] tooMany = [.. Enumerable.Range(0, AccuracyChart.MaxSeries + 1).Select(i => new ChartSeries($"s{i}", [50]))];
        Assert.Throws<ArgumentException>(() => AccuracyChart.Render(tooMany, "t", "y", output));
        Assert.Equal(0, output.Length);
    }

    private static RenderedChart Render(IReadOnlyList<ChartSeries> series, string title = "Test accuracy") =>
        RenderedChart.Of(AccuracyChart.Build(series, title, "accuracy (%)"), AccuracyChart.Width, AccuracyChart.Height);

    private static double[] Constant(double value, int rounds) => [.. Enumerable.Repeat(value, rounds)];
}
