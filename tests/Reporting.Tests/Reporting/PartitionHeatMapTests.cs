using FedAvg.Common.Reporting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Reporting;

public sealed class PartitionHeatMapTests
{
    private static readonly string[] Names = ["airplane", "automobile", "bird", "cat", "deer"];

    [Fact]
    public void Png_has_the_layout_size()
    {
        int[][] histogram = [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [0, 0, 0, 0, 100]];

        using Image<Rgb24> image = Render(histogram);

        var layout = new PartitionHeatMapLayout(3, 5, "100", [.. Names, "total"]);
        Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
    }

    [Fact]
    public void Cell_shade_darkens_with_the_count()
    {
        int[][] histogram = [[0, 10, 100, 500, 1000], [1000, 500, 100, 10, 0]];
        var layout = new PartitionHeatMapLayout(2, 5, "1610", [.. Names, "total"]);

        using Image<Rgb24> image = Render(histogram);

        double[] firstRow = [.. Enumerable.Range(0, 5).Select(c => Luminance(CellBackground(image, layout, 0, c)))];
        Assert.All(firstRow.Zip(firstRow.Skip(1)), pair => Assert.True(pair.Second < pair.First, string.Join(",", firstRow)));
        Assert.Equal(ChartPalette.HeatLow, CellBackground(image, layout, 0, 0));
        Assert.Equal(ChartPalette.HeatHigh, CellBackground(image, layout, 0, 4));
        Assert.Equal(CellBackground(image, layout, 0, 4), CellBackground(image, layout, 1, 0));
    }

    [Fact]
    public void All_zero_histogram_renders_blank_cells()
    {
        var layout = new PartitionHeatMapLayout(1, 5, "0", [.. Names, "total"]);

        using Image<Rgb24> image = Render([[0, 0, 0, 0, 0]]);

        Assert.Equal(ChartPalette.HeatLow, CellBackground(image, layout, 0, 2));
    }

    [Fact]
    public void Invalid_histograms_are_refused()
    {
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([], Names, output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1, 2, 3, 4, 5], [1, 2, 3]], Names, output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1, 2, 3, 4, 5]], ["a", "b"], output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1, 2, -3, 4, 5]], Names, output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1]], [""], output));
        Assert.Equal(0, output.Length);
    }

    private static Image<Rgb24> Render(int[][] histogram)
    {
        using var output = new MemoryStream();
        PartitionHeatMap.Render(histogram, Names, output);
        return Image.Load<Rgb24>(output.ToArray());
    }

    /// <summary>A pixel just inside the cell's corner: inside the fill, clear of the centred count.</summary>
    private static Rgb24 CellBackground(Image<Rgb24> image, PartitionHeatMapLayout layout, int client, int classIndex) =>
        image[layout.CellLeft(classIndex) + 3, layout.CellTop(client) + 3];

    private static double Luminance(Rgb24 c) => (0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B);
}
