using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Fixtures;

/// <summary>Encodes CIFAR-layout images (R, G, B planes) as real image files.</summary>
public static class TestImages
{
    public static byte[] Png(ReadOnlySpan<byte> planes)
    {
        using var image = ToImage(planes);
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    public static byte[] Jpeg(ReadOnlySpan<byte> planes)
    {
        using var image = ToImage(planes);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    private static Image<Rgb24> ToImage(ReadOnlySpan<byte> planes)
    {
        var image = new Image<Rgb24>(32, 32);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                int i = (y * 32) + x;
                image[x, y] = new Rgb24(planes[i], planes[1024 + i], planes[2048 + i]);
            }
        }

        return image;
    }
}
