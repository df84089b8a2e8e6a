using ScottPlot;
using SkiaSharp;

namespace FedAvg.Common.Reporting;

/// <summary>
/// Answers ScottPlot's requests for <see cref="ChartFont.Family"/> with the embedded typeface, whatever the weight
/// or slant (only the regular face is embedded); any other family is left to the next resolver.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) => Resolve(fontName);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Resolve(fontName);

    private static SKTypeface? Resolve(string fontName) =>
        string.Equals(fontName, ChartFont.Family, StringComparison.OrdinalIgnoreCase) ? ChartFont.Typeface : null;
}
