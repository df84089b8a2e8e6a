using FedAvg.Common.Reporting;
using ScottPlot;
using Color = ScottPlot.Color;
using Image = SixLabors.ImageSharp.Image;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Reporting;

public sealed class PartitionHeatMapTests
{
    private static readonly string[] Names = ["airplane", "automobile", "bird", "cat", "deer"];

    [Fact]
    public void Png_has_the_chart_size()
    {
        using var png = new MemoryStream();
        PartitionHeatMap.Render([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [0, 0, 0, 0, 100]], Names, png);

        using var image = Image.Load<Rgb24>(png.ToArray());
        Assert.Equal((PartitionHeatMap.Width, PartitionHeatMap.HeightFor(3)), (image.Width, image.Height));
    }

    [Fact]
    public void Cell_shade_darkens_with_the_count_from_white_to_the_ramps_end()
    {
        int[][] histogram = [[0, 10, 100, 500, 1000], [1000, 500, 100, 10, 0]];

        using var chart = Render(histogram);

        double[] firstRow = [.. Enumerable.Range(0, 5).Select(c => RenderedChart.Luminance(CellBackground(chart, 2, 0, c)))];
        Assert.All(firstRow.Zip(firstRow.Skip(1)), pair => Assert.True(pair.Second < pair.First, string.Join(",", firstRow)));
        Assert.True(RenderedChart.Same(CellBackground(chart, 2, 0, 0), ChartPalette.Heat.GetColor(0)));
        Assert.True(RenderedChart.Same(CellBackground(chart, 2, 0, 4), ChartPalette.Heat.GetColor(1)));
        // Client 0 is the top row: its last class is the dark one, client 1's first.
        Assert.True(RenderedChart.Same(CellBackground(chart, 2, 1, 0), ChartPalette.Heat.GetColor(1)));
        Assert.True(chart.Plot.GetPixel(PartitionHeatMap.CellCentre(2, 0, 0)).Y < chart.Plot.GetPixel(PartitionHeatMap.CellCentre(2, 1, 0)).Y);
    }

    [Fact]
    public void Counts_are_written_in_the_cells_of_a_small_map_only()
    {
        using var small = Render([[0, 0, 0, 0, 0], [1, 1, 1, 1, 1]]);
        int[][] many = [.. Enumerable.Range(0, 40).Select(_ => new[] { 0, 0, 0, 0, 1 })];
        using var large = Render(many);

        // A white cell's centre holds the dark "0" on the small map and nothing on the large one.
        Assert.True(DarkPixelsAround(small, PartitionHeatMap.CellCentre(2, 0, 1), 6) > 5);
        Assert.Equal(0, DarkPixelsAround(large, PartitionHeatMap.CellCentre(40, 0, 1), 3));
    }

    [Fact]
    public void All_zero_histogram_renders_blank_cells()
    {
        using var chart = Render([[0, 0, 0, 0, 0]]);

        Assert.True(RenderedChart.Same(CellBackground(chart, 1, 0, 2), ChartPalette.Heat.GetColor(0)));
    }

    [Fact]
    public void Invalid_histograms_are_refused_before_anything_is_written()
    {
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([], Names, output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1, 2, 3, 4, 5], [1, 2, 3]], Names, output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1, 2, 3, 4, 5]], ["a", "b"], output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1, 2, -3, 4, 5]], Names, output));
        Assert.Throws<ArgumentException>(() => PartitionHeatMap.Render([[1]], [""], output));
        Assert.Equal(0, output.Length);
    }

    private static RenderedChart Render(int[][] histogram) =>
        RenderedChart.Of(PartitionHeatMap.Build(histogram, Names), PartitionHeatMap.Width, PartitionHeatMap.HeightFor(histogram.Length));

    /// <summary>A point a third of the way from the cell's centre to its top-left corner: inside the fill, clear of the centred count.</summary>
    private static Rgb24 CellBackground(RenderedChart chart, int clients, int client, int classIndex)
    {
        Coordinates centre = PartitionHeatMap.CellCentre(clients, client, classIndex);
        return chart.At(new(centre.X - 0.33, centre.Y + 0.33));
    }

    private static int DarkPixelsAround(RenderedChart chart, Coordinates point, int radius)
    {
        Pixel centre = chart.Plot.GetPixel(point);
        int count = 0;
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                if (RenderedChart.Luminance(chart.Image[(int)centre.X + dx, (int)centre.Y + dy]) < 128)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
