namespace FedAvg.Common.Reporting;

/// <summary>What a chart is written as: a PNG, or an SVG whose text stays text (for pages and the notebook).</summary>
public enum ChartFormat
{
    Png,
    Svg,
}
