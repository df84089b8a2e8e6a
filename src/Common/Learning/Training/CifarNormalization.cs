using FedAvg.Common.Data;
using static TorchSharp.torch;

namespace FedAvg.Common.Training;

/// <summary>
/// Turns CIFAR-10 pixels (bytes, CHW) into the network's input: value/255, minus the channel mean, divided by the
/// channel standard deviation, with the usual CIFAR-10 training-set statistics. Training, evaluation and
/// prediction must all use this one mapping.
/// </summary>
public static class CifarNormalization
{
    public static IReadOnlyList<float> Mean { get; } = [0.4914f, 0.4822f, 0.4465f];

    public static IReadOnlyList<float> StandardDeviation { get; } = [0.2470f, 0.2435f, 0.2616f];

    private const int PlaneBytes = CifarDataset.ImageSide * CifarDataset.ImageSide;

    // Normalised value of every byte in every channel: a lookup is cheaper than the arithmetic per pixel.
    private static readonly float[][] Lookup = [.. Enumerable.Range(0, CifarDataset.Channels).Select(BuildLookup)];

    /// <summary>N images of <see cref="CifarDataset.ImageBytes"/> bytes each → a float tensor [N,3,32,32].</summary>
    public static Tensor ToTensor(ReadOnlySpan<byte> images)
    {
        if (images.Length == 0 || images.Length % CifarDataset.ImageBytes != 0)
        {
            throw new ArgumentException($"Expected a positive multiple of {CifarDataset.ImageBytes} bytes, got {images.Length}.", nameof(images));
        }

        int count = images.Length / CifarDataset.ImageBytes;
        var values = new float[images.Length];
        for (int i = 0; i < count; i++)
        {
            int offset = i * CifarDataset.ImageBytes;
            Normalize(images.Slice(offset, CifarDataset.ImageBytes), values.AsSpan(offset, CifarDataset.ImageBytes));
        }

        return tensor(values, [count, CifarDataset.Channels, CifarDataset.ImageSide, CifarDataset.ImageSide]);
    }

    /// <summary>One image, unchanged in layout.</summary>
    internal static void Normalize(ReadOnlySpan<byte> image, Span<float> destination)
    {
        for (int channel = 0; channel < CifarDataset.Channels; channel++)
        {
            float[] lookup = Lookup[channel];
            ReadOnlySpan<byte> plane = image.Slice(channel * PlaneBytes, PlaneBytes);
            Span<float> target = destination.Slice(channel * PlaneBytes, PlaneBytes);
            for (int p = 0; p < PlaneBytes; p++)
            {
                target[p] = lookup[plane[p]];
            }
        }
    }

    /// <summary>The normalised value of pixel byte <paramref name="value"/> in <paramref name="channel"/>.</summary>
    internal static float Value(int channel, byte value) => Lookup[channel][value];

    private static float[] BuildLookup(int channel)
    {
        var lookup = new float[256];
        for (int value = 0; value < 256; value++)
        {
            lookup[value] = (value / 255f - Mean[channel]) / StandardDeviation[channel];
        }

        return lookup;
    }
}
