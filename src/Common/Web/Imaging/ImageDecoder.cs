using FedAvg.Common.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Imaging;

/// <summary>
/// Turns an uploaded PNG or JPEG into a 32x32 CIFAR-layout image, refusing anything else quickly and with bounded
/// memory. Thread-safe and meant to be shared: it holds only immutable options and an ImageSharp configuration.
/// </summary>
/// <remarks>
/// Order of checks, cheapest first: empty, size, magic bytes, a structural walk of the whole file (truncation,
/// CRCs, dimensions from IHDR/SOF against <see cref="ImageDecoderOptions.MaxPixels"/>), and only then ImageSharp,
/// whose allocator is capped as a backstop. See <see cref="CifarImageConverter"/> for resizing and alpha.
/// </remarks>
public sealed class ImageDecoder
{
    private readonly ImageDecoderOptions _options;
    private readonly Configuration _configuration;

    public ImageDecoder()
        : this(new ImageDecoderOptions())
    {
    }

    public ImageDecoder(ImageDecoderOptions options)
        : this(options, allocator: null)
    {
    }

    /// <summary>Lets tests count what ImageSharp allocates; production code uses a capped pooling allocator.</summary>
    internal ImageDecoder(ImageDecoderOptions options, MemoryAllocator? allocator)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;

        // Only the two accepted formats are registered, so ImageSharp cannot be talked into a GIF/BMP/TIFF decoder.
        _configuration = new Configuration(new PngConfigurationModule(), new JpegConfigurationModule())
        {
            MemoryAllocator = allocator ?? MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                AllocationLimitMegabytes = options.AllocationLimitMegabytes,
                MaximumPoolSizeMegabytes = options.AllocationLimitMegabytes,
            }),
        };
    }

    public ImageDecoderOptions Options => _options;

    /// <exception cref="ImageRejectedException">The bytes are not an acceptable PNG or JPEG.</exception>
    public DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        ImageHeader header = Inspect(data);
        try
        {
            using Image<Rgba32> image = Image.Load<Rgba32>(_configuration, data);
            return new DecodedImage(CifarImageConverter.ToCifarPlanes(image), header.Width, header.Height, header.Format);
        }
        catch (Exception ex) when (ex is ImageFormatException or InvalidMemoryOperationException or NotSupportedException)
        {
            throw Translate(ex, header);
        }
    }

    private ImageHeader Inspect(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectionReason.Empty, "The image is empty.");
        }

        if (data.Length > _options.MaxBytes)
        {
            throw new ImageRejectedException(ImageRejectionReason.TooLarge, $"The image is {data.Length} bytes; the limit is {_options.MaxBytes}.");
        }

        ImageHeader header = FormatSniffer.Sniff(data) switch
        {
            SourceImageFormat.Png => PngStructure.Validate(data),
            _ => JpegStructure.Validate(data),
        };
        if (header.PixelCount > _options.MaxPixels)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.DimensionsTooLarge,
                $"The image claims {header.Width}x{header.Height} pixels; the limit is {_options.MaxPixels} pixels.");
        }

        return header;
    }

    private static ImageRejectedException Translate(Exception ex, ImageHeader header)
    {
        // ImageSharp wraps an allocation refused by the capped allocator in InvalidImageContentException.
        if (ex is InvalidMemoryOperationException || ex.InnerException is InvalidMemoryOperationException)
        {
            return new ImageRejectedException(
                ImageRejectionReason.DimensionsTooLarge,
                $"Decoding the {header.Width}x{header.Height} {header.Format} image would need more memory than allowed.",
                ex);
        }

        // ImageSharp 2.1 throws NotSupportedException for valid but unsupported variants (e.g. arithmetic-coded JPEG).
        if (ex is NotSupportedException)
        {
            return new ImageRejectedException(ImageRejectionReason.UnsupportedFormat, $"This {header.Format} variant is not supported: {ex.Message}", ex);
        }

        return new ImageRejectedException(ImageRejectionReason.Corrupt, $"The {header.Format} image data is invalid: {ex.Message}", ex);
    }
}
