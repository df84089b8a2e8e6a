namespace FedAvg.Common.Imaging;

/// <summary>Why <see cref="ImageDecoder"/> refused an upload; the HTTP layer maps each to a status code.</summary>
public enum ImageRejectionReason
{
    /// <summary>No bytes at all (400).</summary>
    Empty,

    /// <summary>More bytes than <see cref="ImageDecoderOptions.MaxBytes"/> (413).</summary>
    TooLarge,

    /// <summary>Neither PNG nor JPEG by its magic bytes (415).</summary>
    UnsupportedFormat,

    /// <summary>The file ends before its format says it should (400).</summary>
    Truncated,

    /// <summary>The structure or the compressed data is invalid (400).</summary>
    Corrupt,

    /// <summary>The header claims more pixels than <see cref="ImageDecoderOptions.MaxPixels"/>, or decoding would need more memory than allowed (413).</summary>
    DimensionsTooLarge,
}
