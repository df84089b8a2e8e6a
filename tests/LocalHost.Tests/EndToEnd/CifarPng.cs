using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>A CIFAR-10 image (CHW planes, as stored) as a PNG file's bytes, the way a user would send one.</summary>
internal static class CifarPng
{
    public static byte[] Encode(ReadOnlySpan<byte> chw)
    {
        const int Side = 32;
        const int Plane = Side * Side;
        using var image = new Image<Rgb24>(Side, Side);
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                int at = (y * Side) + x;
                image[x, y] = new Rgb24(chw[at], chw[Plane + at], chw[(2 * Plane) + at]);
            }
        }

        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }
}
