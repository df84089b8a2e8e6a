using FedAvg.Common.Reporting;
using ScottPlot;
using Image = SixLabors.ImageSharp.Image;
using Color = ScottPlot.Color;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Reporting;

/// <summary>
/// A chart rendered to PNG and decoded again, with the plot that drew it, so a test can ask where a data point
/// landed (ScottPlot's own coordinate mapping of that render) and look at the pixels there.
/// </summary>
internal sealed class RenderedChart : IDisposable
{
    private RenderedChart(Plot plot, Image<Rgb24> image)
    {
        Plot = plot;
        Image = image;
    }

    public Plot Plot { get; }

    public Image<Rgb24> Image { get; }

    /// <summary>The data area of the render: the title sits above it, the axes around it.</summary>
    public PixelRect DataRect => Plot.LastRender.DataRect;

    public static RenderedChart Of(Plot plot, int width, int height)
    {
        using var png = new MemoryStream();
        ChartImage.Write(plot, width, height, png, ChartFormat.Png);
        return new RenderedChart(plot, SixLabors.ImageSharp.Image.Load<Rgb24>(png.ToArray()));
    }

    public Rgb24 At(Coordinates point)
    {
        Pixel pixel = Plot.GetPixel(point);
        return Image[(int)Math.Round(pixel.X), (int)Math.Round(pixel.Y)];
    }

    /// <summary>Whether any pixel within <paramref name="radius"/> of the point has <paramref name="colour"/> (lines are anti-aliased at their edges).</summary>
    public bool Near(Coordinates point, Color colour, int radius = 1)
    {
        Pixel pixel = Plot.GetPixel(point);
        int x = (int)Math.Round(pixel.X);
        int y = (int)Math.Round(pixel.Y);
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                if (Same(Image[x + dx, y + dy], colour))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Dark pixels in the rows above the data area (less a margin for the top tick label): the title's text.</summary>
    public int InkAboveData()
    {
        int count = 0;
        for (int y = 0; y < DataRect.Top - 10; y++)
        {
            for (int x = 0; x < Image.Width; x++)
            {
                if (Luminance(Image[x, y]) < 128)
                {
                    count++;
                }
            }
        }

        return count;
    }

    public static bool Same(Rgb24 actual, Color expected, int tolerance = 2) =>
        Math.Abs(actual.R - expected.R) <= tolerance
        && Math.Abs(actual.G - expected.G) <= tolerance
        && Math.Abs(actual.B - expected.B) <= tolerance;

    public static double Luminance(Rgb24 c) => (0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B);

    public void Dispose()
    {
        Image.Dispose();
        Plot.Dispose();
    }
}
