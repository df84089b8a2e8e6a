using FedAvg.Common.Data;

namespace FedAvg.Common.Imaging;

/// <summary>
/// A decoded upload as the model sees it: <see cref="CifarDataset.ImageBytes"/> bytes in the CIFAR layout
/// (red plane, green plane, blue plane, each 32x32 row-major), plus what the file said about itself.
/// </summary>
public sealed record DecodedImage
{
    public DecodedImage(byte[] pixels, int originalWidth, int originalHeight, SourceImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != CifarDataset.ImageBytes)
        {
            throw new ArgumentException($"An image is {CifarDataset.ImageBytes} bytes, not {pixels.Length}.", nameof(pixels));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(originalWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(originalHeight);
        Pixels = pixels;
        OriginalWidth = originalWidth;
        OriginalHeight = originalHeight;
        Format = format;
    }

    /// <summary>3072 bytes: R plane, G plane, B plane.</summary>
    public byte[] Pixels { get; }

    /// <summary>Width as stored in the file, before any EXIF rotation or resizing.</summary>
    public int OriginalWidth { get; }

    /// <summary>Height as stored in the file, before any EXIF rotation or resizing.</summary>
    public int OriginalHeight { get; }

    public SourceImageFormat Format { get; }
}
