using ScottPlot;
using SkiaSharp;

namespace FedAvg.Common.Reporting;

/// <summary>
/// The typeface every chart writes with: DejaVu Sans, embedded in this assembly (Fonts/LICENSE.txt). ScottPlot
/// ships no font, and the SkiaSharp build it brings for Linux (no fontconfig) only finds what lies in
/// /usr/share/fonts, so on a machine without fonts (a container, a bare CI image) every label came out blank.
/// Embedding it also makes a chart's pixels the same on every machine, whatever fonts it has.
/// </summary>
internal static class ChartFont
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> Loaded = new(Load);

    // ScottPlot's resolver list is process-wide; the embedded font goes first, once.
    private static readonly Lazy<EmbeddedFontResolver> Registration = new(() =>
    {
        var resolver = new EmbeddedFontResolver();
        Fonts.FontResolvers.Insert(0, resolver);
        return resolver;
    });

    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>Makes <see cref="Family"/> resolve to the embedded font in ScottPlot; safe to call any number of times.</summary>
    public static void Register() => _ = Registration.Value;

    private static SKTypeface Load()
    {
        string name = typeof(ChartFont).Assembly.GetName().Name + ".DejaVuSans.ttf";
        using Stream font = typeof(ChartFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The chart font {name} is missing from the assembly.");
        return SKTypeface.FromStream(font)
            ?? throw new InvalidOperationException($"The chart font {name} cannot be read.");
    }
}
