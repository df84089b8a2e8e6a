using System.Text;
using FedAvg.Common.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Tests.Imaging;

/// <summary>Every rejection must be fast and cheap: each is timed, and both managed and ImageSharp allocations are counted.</summary>
public sealed class ImageDecoderRejectionTests
{
    private const long SmallAllocation = 1024 * 1024;

    [Fact]
    public void Empty_input_is_rejected() =>
        AssertRejected([], ImageRejectionReason.Empty);

    [Fact]
    public void Random_bytes_are_rejected_as_unsupported()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x42;

        AssertRejected(bytes, ImageRejectionReason.UnsupportedFormat);
    }

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("BM")]
    [InlineData("RIFF\0\0\0\0WEBP")]
    public void Other_formats_are_rejected_as_unsupported(string header)
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes(header), .. new byte[256]];

        ImageRejectedException rejection = AssertRejected(bytes, ImageRejectionReason.UnsupportedFormat);
        Assert.Contains("PNG and JPEG", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_bmp_is_rejected_as_unsupported()
    {
        using var image = new Image<Rgb24>(32, 32);
        using var bmp = new MemoryStream();
        image.SaveAsBmp(bmp);

        AssertRejected(bmp.ToArray(), ImageRejectionReason.UnsupportedFormat);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Truncated_png_is_rejected(double keep)
    {
        byte[] png = TestImages.CifarPng();

        AssertRejected(png[..(int)(png.Length * keep)], ImageRejectionReason.Truncated);
    }

    [Fact]
    public void Png_missing_only_its_iend_chunk_is_rejected()
    {
        byte[] png = TestImages.CifarPng();

        AssertRejected(png[..^12], ImageRejectionReason.Truncated);
    }

    [Fact]
    public void Png_cut_inside_its_signature_is_rejected_as_truncated() =>
        AssertRejected(TestImages.CifarPng()[..5], ImageRejectionReason.Truncated);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Truncated_jpeg_is_rejected(double keep)
    {
        byte[] jpeg = TestImages.CifarJpeg();

        AssertRejected(jpeg[..(int)(jpeg.Length * keep)], ImageRejectionReason.Truncated);
    }

    [Fact]
    public void Jpeg_missing_only_its_eoi_marker_is_rejected()
    {
        byte[] jpeg = TestImages.CifarJpeg();

        AssertRejected(jpeg[..^2], ImageRejectionReason.Truncated);
    }

    [Fact]
    public void Jpeg_with_trailing_zeros_after_eoi_is_accepted()
    {
        byte[] jpeg = [.. TestImages.CifarJpeg(), .. new byte[100]];

        Assert.Equal(SourceImageFormat.Jpeg, new ImageDecoder().Decode(jpeg).Format);
    }

    [Fact]
    public void Png_with_a_flipped_data_byte_fails_its_crc()
    {
        byte[] png = TestImages.CifarPng();
        png[png.Length / 2] ^= 0x10;

        AssertRejected(png, ImageRejectionReason.Corrupt);
    }

    [Fact]
    public void Png_header_claiming_20000x20000_is_rejected_before_decoding()
    {
        byte[] forged = TestImages.ForgedPng(20000, 20000);
        Assert.True(forged.Length < 1024);

        AssertRejected(forged, ImageRejectionReason.DimensionsTooLarge);
    }

    [Fact]
    public void Jpeg_header_claiming_20000x20000_is_rejected_before_decoding()
    {
        byte[] forged = TestImages.WithJpegDimensions(TestImages.CifarJpeg(), 20000, 20000);

        AssertRejected(forged, ImageRejectionReason.DimensionsTooLarge);
    }

    [Fact]
    public void Max_size_png_of_empty_chunks_without_iend_is_walked_quickly()
    {
        // Worst case for the chunk walk: ~870,000 chunks, each with a CRC to check, then no IEND.
        byte[] png = TestImages.PngOfEmptyChunks(ImageDecoderOptions.DefaultMaxBytes);

        AssertRejected(png, ImageRejectionReason.Truncated);
    }

    [Fact]
    public void Max_size_jpeg_scan_of_stuffed_bytes_without_eoi_is_walked_quickly()
    {
        // Worst case for the scan walk: FF 00 (a stuffed FF) everywhere, then no EOI.
        byte[] jpeg = TestImages.CifarJpeg();
        int scanStart = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xDA });
        var big = new byte[ImageDecoderOptions.DefaultMaxBytes];
        jpeg.AsSpan(0, scanStart + 14).CopyTo(big);
        for (int i = scanStart + 14; i + 1 < big.Length; i += 2)
        {
            big[i] = 0xFF;
        }

        AssertRejected(big, ImageRejectionReason.Truncated);
    }

    [Fact]
    public void Input_over_max_bytes_is_rejected()
    {
        var options = new ImageDecoderOptions { MaxBytes = 1000 };
        byte[] png = TestImages.CifarPng();
        Assert.True(png.Length > 1000);

        AssertRejected(png, ImageRejectionReason.TooLarge, options);
    }

    [Fact]
    public void Allocation_limit_stops_a_decode_the_pixel_limit_let_through()
    {
        // 1024x1024 RGBA needs 4 MB; with a 1 MB cap the backstop alone must refuse it.
        var options = new ImageDecoderOptions { AllocationLimitMegabytes = 1 };
        using var image = new Image<Rgb24>(1024, 1024);
        byte[] png = TestImages.Png(image);

        var rejection = Assert.Throws<ImageRejectedException>(() => new ImageDecoder(options).Decode(png));

        Assert.Equal(ImageRejectionReason.DimensionsTooLarge, rejection.Reason);
    }

    [Fact]
    public void Forged_png_past_a_lifted_pixel_limit_still_meets_the_allocation_cap()
    {
        // Defence in depth: with MaxPixels lifted, ImageSharp sees the 20000x20000 header and asks for 1.6 GB.
        var decoder = new ImageDecoder(new ImageDecoderOptions { MaxPixels = long.MaxValue });
        var rejection = Assert.Throws<ImageRejectedException>(() => decoder.Decode(TestImages.ForgedPng(20000, 20000)));

        Assert.Equal(ImageRejectionReason.DimensionsTooLarge, rejection.Reason);
    }

    private static ImageRejectedException AssertRejected(byte[] data, ImageRejectionReason expected, ImageDecoderOptions? options = null)
    {
        var allocator = new CountingAllocator();
        var decoder = new ImageDecoder(options ?? new ImageDecoderOptions(), allocator);

        long managedBefore = GC.GetAllocatedBytesForCurrentThread();
        ImageRejectedException? rejection = null;
        try
        {
            decoder.Decode(data);
        }
        catch (ImageRejectedException ex)
        {
            rejection = ex;
        }

        long managed = GC.GetAllocatedBytesForCurrentThread() - managedBefore;

        Assert.NotNull(rejection);
        Assert.Equal(expected, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
        Assert.True(managed < SmallAllocation, $"Rejection allocated {managed} managed bytes.");
        Assert.Equal(0, allocator.BytesRequested);
        return rejection;
    }
}
