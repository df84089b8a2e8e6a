namespace FedAvg.Common.Imaging;

/// <summary>Limits that keep one hostile upload from costing more than a bounded amount of time and memory.</summary>
public sealed record ImageDecoderOptions
{
    public const int DefaultMaxBytes = 10 * 1024 * 1024;
    public const int MaxMaxBytes = 1024 * 1024 * 1024;
    public const long DefaultMaxPixels = 4096L * 4096L;

    /// <summary>
    /// 4096x4096 decoded as RGBA is 64 MB; a progressive JPEG of that size needs roughly as much again for its
    /// coefficients, in separate buffers. 128 MB per buffer leaves headroom without letting a forged header through.
    /// </summary>
    public const int DefaultAllocationLimitMegabytes = 128;

    /// <summary>Largest accepted encoded size in bytes.</summary>
    public int MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Largest accepted width times height, checked against the header before any pixel is decoded.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>
    /// Largest single (possibly discontiguous) buffer ImageSharp may allocate. A backstop behind
    /// <see cref="MaxPixels"/>: ImageSharp's own default is 4 GB.
    /// </summary>
    public int AllocationLimitMegabytes { get; init; } = DefaultAllocationLimitMegabytes;

    internal void Validate()
    {
        // The upper bound keeps MaxBytes + 1 (the stream reader's probe byte) a valid array length.
        if (MaxBytes is <= 0 or > MaxMaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, $"MaxBytes must be in 1..{MaxMaxBytes}.");
        }

        if (MaxPixels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, "MaxPixels must be positive.");
        }

        if (AllocationLimitMegabytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AllocationLimitMegabytes), AllocationLimitMegabytes, "AllocationLimitMegabytes must be positive.");
        }
    }
}
