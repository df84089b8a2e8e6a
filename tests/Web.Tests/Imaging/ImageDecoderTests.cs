using FedAvg.Common.Data;
using FedAvg.Common.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new();

    [Fact]
    public void Cifar_image_round_trips_through_png_bit_for_bit()
    {
        byte[] original = CifarTestImage.First();

        DecodedImage decoded = _decoder.Decode(TestImages.CifarPng());

        Assert.Equal(original, decoded.Pixels);
        Assert.Equal((32, 32, SourceImageFormat.Png), (decoded.OriginalWidth, decoded.OriginalHeight, decoded.Format));
    }

    [Fact]
    public void Cifar_image_through_jpeg_comes_back_close()
    {
        byte[] original = CifarTestImage.First();

        DecodedImage decoded = _decoder.Decode(TestImages.CifarJpeg());

        Assert.Equal(SourceImageFormat.Jpeg, decoded.Format);
        Assert.InRange(MeanAbsoluteDifference(original, decoded.Pixels), 0.0, 6.0);
    }

    [Fact]
    public void Larger_image_is_resized_to_32x32()
    {
        byte[] original = CifarTestImage.First();
        using Image<Rgb24> doubled = TestImages.FromPlanes(original, scale: 2);

        DecodedImage decoded = _decoder.Decode(TestImages.Png(doubled));

        Assert.Equal((64, 64), (decoded.OriginalWidth, decoded.OriginalHeight));
        Assert.Equal(CifarDataset.ImageBytes, decoded.Pixels.Length);
        Assert.InRange(MeanAbsoluteDifference(original, decoded.Pixels), 0.0, 8.0);
    }

    [Fact]
    public void Non_square_image_is_stretched_not_cropped()
    {
        // Left half red, right half blue, 128x32: a crop would lose one colour, a stretch keeps both halves.
        using var image = new Image<Rgb24>(128, 32);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 128; x++)
            {
                image[x, y] = x < 64 ? new Rgb24(255, 0, 0) : new Rgb24(0, 0, 255);
            }
        }

        DecodedImage decoded = _decoder.Decode(TestImages.Png(image));

        Assert.Equal(255, decoded.Pixels[Index(0, x: 2, y: 16)]);
        Assert.Equal(0, decoded.Pixels[Index(2, x: 2, y: 16)]);
        Assert.Equal(0, decoded.Pixels[Index(0, x: 29, y: 16)]);
        Assert.Equal(255, decoded.Pixels[Index(2, x: 29, y: 16)]);
    }

    [Fact]
    public void Grayscale_png_becomes_equal_rgb_planes()
    {
        using var image = new Image<L8>(32, 32);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                image[x, y] = new L8((byte)((x * 8) + y));
            }
        }

        DecodedImage decoded = _decoder.Decode(TestImages.Png(image, PngColorType.Grayscale));

        for (int i = 0; i < 1024; i++)
        {
            byte expected = (byte)(((i % 32) * 8) + (i / 32));
            Assert.Equal(expected, decoded.Pixels[i]);
            Assert.Equal(expected, decoded.Pixels[1024 + i]);
            Assert.Equal(expected, decoded.Pixels[2048 + i]);
        }
    }

    [Fact]
    public void Palette_png_decodes_to_its_colours()
    {
        using Image<Rgb24> image = SolidImage(new Rgb24(10, 200, 30));

        DecodedImage decoded = _decoder.Decode(TestImages.Png(image, PngColorType.Palette));

        Assert.Equal((10, 200, 30), PixelAt(decoded, 5, 5));
    }

    [Fact]
    public void Rgba_png_is_composited_on_black()
    {
        using var image = new Image<Rgba32>(32, 32);
        image[0, 0] = new Rgba32(200, 100, 50, 255);
        image[1, 0] = new Rgba32(200, 100, 50, 128);
        image[2, 0] = new Rgba32(200, 100, 50, 0);

        DecodedImage decoded = _decoder.Decode(TestImages.Png(image, PngColorType.RgbWithAlpha));

        Assert.Equal((200, 100, 50), PixelAt(decoded, 0, 0));
        Assert.Equal((100, 50, 25), PixelAt(decoded, 1, 0));
        Assert.Equal((0, 0, 0), PixelAt(decoded, 2, 0));
    }

    [Fact]
    public void One_decoder_serves_parallel_callers()
    {
        byte[] png = TestImages.CifarPng();
        byte[] expected = CifarTestImage.First();

        Parallel.For(0, 32, _ => Assert.Equal(expected, _decoder.Decode(png).Pixels));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new ImageDecoderOptions { MaxBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new ImageDecoderOptions { MaxPixels = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new ImageDecoderOptions { AllocationLimitMegabytes = 0 }));
    }

    private static Image<Rgb24> SolidImage(Rgb24 colour)
    {
        var image = new Image<Rgb24>(32, 32);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                image[x, y] = colour;
            }
        }

        return image;
    }

    private static int Index(int channel, int x, int y) => (channel * 1024) + (y * 32) + x;

    private static (int R, int G, int B) PixelAt(DecodedImage image, int x, int y) =>
        (image.Pixels[Index(0, x, y)], image.Pixels[Index(1, x, y)], image.Pixels[Index(2, x, y)]);

    private static double MeanAbsoluteDifference(byte[] a, byte[] b) =>
        a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
}
