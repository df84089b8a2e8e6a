using ScottPlot;

namespace FedAvg.Common.Reporting;

/// <summary>What every chart shares: the embedded font, white background, dark ink, readable sizes.</summary>
internal static class ChartStyle
{
    public const float TitleSize = 18;
    public const float LabelSize = 15;
    public const float TickSize = 12;

    public static Plot NewPlot(string title)
    {
        ChartFont.Register();
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.FigureBackground.Color = ChartPalette.Background;
        plot.DataBackground.Color = ChartPalette.Background;
        plot.Axes.Color(ChartPalette.Ink);
        plot.Title(title, TitleSize);
        plot.Axes.Title.Label.ForeColor = ChartPalette.Ink;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = LabelSize;
            axis.TickLabelStyle.FontSize = TickSize;
        }

        return plot;
    }
}
