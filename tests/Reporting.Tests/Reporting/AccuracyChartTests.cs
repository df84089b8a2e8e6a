using FedAvg.Common.Reporting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Reporting;

public sealed class AccuracyChartTests
{
    private static readonly Rgb24 First = ChartPalette.Series[0];
    private static readonly Rgb24 Second = ChartPalette.Series[1];

    [Fact]
    public void Png_has_the_layout_size()
    {
        ChartSeries[] series = [new("reference", [10, 20, 30]), new("default", [5, 15])];

        using Image<Rgb24> image = Render(series);

        var layout = new AccuracyChartLayout(3, BitmapFont.TextWidth("reference", AccuracyChartLayout.LabelScale));
        Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
    }

    [Fact]
    public void Each_series_is_drawn_in_its_colour_at_its_values()
    {
        ChartSeries[] series = [new("low", Constant(20, 10)), new("high", Constant(80, 10))];
        var layout = new AccuracyChartLayout(10, 0);

        using Image<Rgb24> image = Render(series);

        int x = layout.XFor(5);
        Assert.Equal(First, image[x, AccuracyChartLayout.YFor(20)]);
        Assert.Equal(Second, image[x, AccuracyChartLayout.YFor(80)]);
        Assert.True(TopmostRow(image, x, Second) < TopmostRow(image, x, First));
    }

    [Fact]
    public void Higher_accuracy_is_drawn_higher()
    {
        double[] values = [10, 30, 50, 70, 90];
        var layout = new AccuracyChartLayout(values.Length, 0);

        using Image<Rgb24> image = Render([new ChartSeries("rising", values)]);

        int[] rows = [.. Enumerable.Range(1, values.Length).Select(round => TopmostRow(image, layout.XFor(round), First))];
        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"rows {string.Join(",", rows)}"));
    }

    [Fact]
    public void A_single_round_is_drawn_in_the_middle()
    {
        var layout = new AccuracyChartLayout(1, 0);

        using Image<Rgb24> image = Render([new ChartSeries("one", [42])]);

        Assert.Equal(First, image[layout.XFor(1), AccuracyChartLayout.YFor(42)]);
    }

    [Fact]
    public void Invalid_series_are_refused()
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

    private static Image<Rgb24> Render(IReadOnlyList<ChartSeries> series)
    {
        using var output = new MemoryStream();
        AccuracyChart.Render(series, "Test accuracy", "Accuracy (%)", output);
        return Image.Load<Rgb24>(output.ToArray());
    }

    private static double[] Constant(double value, int rounds) => [.. Enumerable.Repeat(value, rounds)];

    private static int TopmostRow(Image<Rgb24> image, int x, Rgb24 colour)
    {
        for (int y = 0; y < image.Height; y++)
        {
            if (image[x, y] == colour)
            {
                return y;
            }
        }

        throw new Xunit.Sdk.XunitException($"No pixel of {colour} in column {x}.");
    }
}
