using FedAvg.Common.Reporting;

namespace FedAvg.Common.Tests.Reporting;

public sealed class BitmapFontTests
{
    [Fact]
    public void Every_printable_ascii_character_has_a_five_by_seven_glyph()
    {
        for (char c = ' '; c <= '~'; c++)
        {
            byte[] rows = BitmapFont.Glyph(c);
            Assert.Equal(BitmapFont.GlyphHeight, rows.Length);
            Assert.All(rows, row => Assert.True(row < 1 << BitmapFont.GlyphWidth));
        }
    }

    [Fact]
    public void Unknown_characters_fall_back_to_a_question_mark() =>
        Assert.Same(BitmapFont.Glyph('?'), BitmapFont.Glyph('é'));

    [Fact]
    public void Text_width_counts_one_blank_column_between_glyphs() =>
        Assert.Equal(((3 * 6) - 1) * 2, BitmapFont.TextWidth("abc", 2));
}
