using ScottPlot;

namespace FedAvg.Common.Reporting;

/// <summary>Colours shared by the charts: Tableau's Category10 for series, a white-to-dark-blue ramp for counts.</summary>
internal static class ChartPalette
{
    public static readonly Color Background = Colors.White;
    public static readonly Color Ink = Color.FromHex("#212121");

    /// <summary>One colour per series, chosen by Tableau to stay apart for common colour blindness.</summary>
    public static readonly IReadOnlyList<Color> Series = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>Heat-map ramp: near-white for zero, dark blue for the largest count (ScottPlot's Blues runs the other way).</summary>
    public static readonly IColormap Heat = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
}
