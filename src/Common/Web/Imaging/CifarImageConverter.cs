using FedAvg.Common.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace FedAvg.Common.Imaging;

/// <summary>
/// Brings a decoded image to what the model was trained on: upright, 32x32, opaque RGB, in the CIFAR plane layout.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>EXIF orientation is applied first, so phone photos are not fed to the model sideways.</item>
/// <item>Any other size is stretched to exactly 32x32 (aspect ratio not kept, nothing cropped) with ImageSharp's
/// bicubic resampler, which widens its kernel when shrinking and so averages rather than aliases. A 32x32 upload is
/// not resampled at all, so a lossless CIFAR image comes back bit for bit.</item>
/// <item>Alpha is composited onto black (colour times alpha): the RGB under a transparent pixel is often junk, and
/// black is what a zero-padded tensor would hold. Grey, palette and 16-bit images arrive as RGBA from ImageSharp.</item>
/// </list>
/// </remarks>
internal static class CifarImageConverter
{
    private const int Side = CifarDataset.ImageSide;
    private const int PlaneBytes = Side * Side;

    public static byte[] ToCifarPlanes(Image<Rgba32> image)
    {
        image.Mutate(context =>
        {
            context.AutoOrient();
            if (context.GetCurrentSize() != new Size(Side, Side))
            {
                context.Resize(Side, Side, KnownResamplers.Bicubic);
            }
        });

        var planes = new byte[CifarDataset.ImageBytes];
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < Side; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                for (int x = 0; x < Side; x++)
                {
                    Rgba32 pixel = row[x];
                    int offset = (y * Side) + x;
                    planes[offset] = OverBlack(pixel.R, pixel.A);
                    planes[PlaneBytes + offset] = OverBlack(pixel.G, pixel.A);
                    planes[(2 * PlaneBytes) + offset] = OverBlack(pixel.B, pixel.A);
                }
            }
        });

        return planes;
    }

    /// <summary>Rounded colour * alpha / 255; exact for opaque pixels.</summary>
    private static byte OverBlack(byte colour, byte alpha) =>
        alpha == byte.MaxValue ? colour : (byte)(((colour * alpha) + 127) / 255);
}
