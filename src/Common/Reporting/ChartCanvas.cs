using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Reporting;

/// <summary>
/// The few drawing primitives the charts need, done with plain pixel writes on an ImageSharp image, because
/// ImageSharp.Drawing and SixLabors.Fonts are not available here. All coordinates clip silently to the image.
/// </summary>
internal sealed class ChartCanvas : IDisposable
{
    private readonly Image<Rgb24> _image;

    public ChartCanvas(int width, int height, Rgb24 background)
    {
        _image = new Image<Rgb24>(width, height, background);
    }

    public int Width => _image.Width;

    public int Height => _image.Height;

    public void FillRectangle(int left, int top, int width, int height, Rgb24 colour)
    {
        int right = Math.Min(left + width, Width);
        int bottom = Math.Min(top + height, Height);
        for (int y = Math.Max(top, 0); y < bottom; y++)
        {
            for (int x = Math.Max(left, 0); x < right; x++)
            {
                _image[x, y] = colour;
            }
        }
    }

    /// <summary>Bresenham's line, stamped with a square pen <paramref name="thickness"/> pixels wide.</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgb24 colour, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0);
        int dy = -Math.Abs(y1 - y0);
        int stepX = x0 < x1 ? 1 : -1;
        int stepY = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int offset = (thickness - 1) / 2;
        while (true)
        {
            FillRectangle(x0 - offset, y0 - offset, thickness, thickness, colour);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            int doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += stepX;
            }

            if (doubled <= dx)
            {
                error += dx;
                y0 += stepY;
            }
        }
    }

    /// <summary>Horizontal text with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void DrawText(string text, int left, int top, int scale, Rgb24 colour)
    {
        for (int i = 0; i < text.Length; i++)
        {
            byte[] rows = BitmapFont.Glyph(text[i]);
            int glyphLeft = left + (i * BitmapFont.Advance * scale);
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (int column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if (IsSet(rows, row, column))
                    {
                        FillRectangle(glyphLeft + (column * scale), top + (row * scale), scale, scale, colour);
                    }
                }
            }
        }
    }

    /// <summary>Text turned 90 degrees anticlockwise, read bottom to top, starting at (<paramref name="left"/>, <paramref name="bottom"/>).</summary>
    public void DrawTextUpwards(string text, int left, int bottom, int scale, Rgb24 colour)
    {
        for (int i = 0; i < text.Length; i++)
        {
            byte[] rows = BitmapFont.Glyph(text[i]);
            int glyphBottom = bottom - (i * BitmapFont.Advance * scale);
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (int column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if (IsSet(rows, row, column))
                    {
                        FillRectangle(left + (row * scale), glyphBottom - ((column + 1) * scale), scale, scale, colour);
                    }
                }
            }
        }
    }

    public void SaveAsPng(Stream output) => _image.SaveAsPng(output);

    public void Dispose() => _image.Dispose();

    private static bool IsSet(byte[] rows, int row, int column) =>
        (rows[row] & (1 << (BitmapFont.GlyphWidth - 1 - column))) != 0;
}
