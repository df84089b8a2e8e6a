using System.Text;
using ScottPlot;

namespace FedAvg.Common.Reporting;

/// <summary>Renders a finished plot into the caller's stream as PNG or SVG.</summary>
internal static class ChartImage
{
    public static void Write(Plot plot, int width, int height, Stream output, ChartFormat format)
    {
        byte[] bytes = format switch
        {
            ChartFormat.Png => plot.GetImageBytes(width, height, ImageFormat.Png),
            ChartFormat.Svg => Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "PNG or SVG."),
        };
        output.Write(bytes);
    }
}
