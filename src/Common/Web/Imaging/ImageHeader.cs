namespace FedAvg.Common.Imaging;

/// <summary>What a structural check learned from a file's header, before any pixel is decoded.</summary>
internal readonly record struct ImageHeader(SourceImageFormat Format, int Width, int Height)
{
    public long PixelCount => (long)Width * Height;
}
