using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using FedAvg.Common.Data;
using FedAvg.Common.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Imaging;

/// <summary>Builds encoded test images: from CIFAR planes via ImageSharp, or chunk by chunk for forged PNGs.</summary>
internal static class TestImages
{
    private const int Side = CifarDataset.ImageSide;

    public static Image<Rgb24> FromPlanes(byte[] planes, int scale = 1)
    {
        var image = new Image<Rgb24>(Side * scale, Side * scale);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int offset = ((y / scale) * Side) + (x / scale);
                image[x, y] = new Rgb24(planes[offset], planes[1024 + offset], planes[2048 + offset]);
            }
        }

        return image;
    }

    public static byte[] Png<TPixel>(Image<TPixel> image, PngColorType? colorType = null)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var output = new MemoryStream();
        image.SaveAsPng(output, new PngEncoder { ColorType = colorType });
        return output.ToArray();
    }

    public static byte[] Jpeg(Image<Rgb24> image, int quality = 95)
    {
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality });
        return output.ToArray();
    }

    public static byte[] CifarPng()
    {
        using Image<Rgb24> image = FromPlanes(CifarTestImage.First());
        return Png(image);
    }

    public static byte[] CifarJpeg()
    {
        using Image<Rgb24> image = FromPlanes(CifarTestImage.First());
        return Jpeg(image);
    }

    /// <summary>A structurally perfect PNG (valid CRCs, IEND) whose IHDR claims the given size over a tiny IDAT.</summary>
    public static byte[] ForgedPng(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(new byte[64]);
        }

        using var png = new MemoryStream();
        png.Write(PngStructure.Signature);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A valid IHDR, then empty private ancillary chunks (zzZz) filling <paramref name="size"/> bytes, and no IEND.</summary>
    public static byte[] PngOfEmptyChunks(int size)
    {
        byte[] head = ForgedPng(32, 32)[..33]; // signature + IHDR
        using var empty = new MemoryStream();
        WriteChunk(empty, "zzZz", []);
        byte[] chunk = empty.ToArray();
        var png = new byte[size];
        head.CopyTo(png, 0);
        for (int offset = head.Length; offset + chunk.Length <= size; offset += chunk.Length)
        {
            chunk.CopyTo(png, offset);
        }

        return png;
    }

    /// <summary>Rewrites the width and height in a baseline JPEG's SOF0 segment.</summary>
    public static byte[] WithJpegDimensions(byte[] jpeg, ushort width, ushort height)
    {
        byte[] copy = (byte[])jpeg.Clone();
        int sof = copy.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        Assert.True(sof > 0, "The encoder wrote no SOF0 segment.");
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 7), width);
        return copy;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typeAndData));
        png.Write(word);
    }
}
