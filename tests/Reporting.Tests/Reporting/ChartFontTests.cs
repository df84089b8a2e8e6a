using FedAvg.Common.Reporting;

namespace FedAvg.Common.Tests.Reporting;

public sealed class ChartFontTests
{
    [Fact]
    public void The_charts_family_resolves_to_the_embedded_typeface_ahead_of_any_installed_font()
    {
        ChartFont.Register();

        // Same instance: ScottPlot took it from our resolver, not from a system copy of the family.
        Assert.Same(ChartFont.Typeface, ScottPlot.Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false));
        Assert.Same(ChartFont.Typeface, ScottPlot.Fonts.GetTypeface(ChartFont.Family, bold: true, italic: false));
        Assert.Equal(ChartFont.Family, ChartFont.Typeface.FamilyName);
    }

    [Fact]
    public void The_embedded_typeface_draws_every_character_the_charts_write()
    {
        string printable = new([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c)]);

        Assert.True(ChartFont.Typeface.ContainsGlyphs(printable));
        Assert.True(ChartFont.Typeface.ContainsGlyphs("−×·…"));
    }

    [Fact]
    public void Other_families_are_left_to_the_next_resolver() =>
        Assert.Null(new EmbeddedFontResolver().CreateTypeface("Some Other Sans", bold: false, italic: false));
}
