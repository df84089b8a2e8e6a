namespace FedAvg.Common.Imaging;

/// <summary>Decides PNG or JPEG from the magic bytes alone, before anything else looks at the data.</summary>
internal static class FormatSniffer
{
    public static SourceImageFormat Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngStructure.Signature))
        {
            return SourceImageFormat.Png;
        }

        if (data.StartsWith(JpegStructure.Signature))
        {
            return SourceImageFormat.Jpeg;
        }

        // A few bytes that begin a signature are a cut-off upload, not a foreign format.
        if (PngStructure.Signature.StartsWith(data) || JpegStructure.Signature.StartsWith(data))
        {
            throw new ImageRejectedException(ImageRejectionReason.Truncated, $"The image is only {data.Length} bytes long.");
        }

        string start = Convert.ToHexString(data[..Math.Min(8, data.Length)]);
        throw new ImageRejectedException(
            ImageRejectionReason.UnsupportedFormat,
            $"Only PNG and JPEG images are accepted; the data starts with 0x{start}.");
    }
}
