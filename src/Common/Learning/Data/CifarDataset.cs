namespace FedAvg.Common.Data;

/// <summary>
/// Labelled 32x32 RGB images held in memory in the CIFAR-10 binary layout: each image is
/// <see cref="ImageBytes"/> bytes, the red plane, then green, then blue, each row-major.
/// </summary>
public sealed class CifarDataset
{
    public const int ImageSide = 32;
    public const int Channels = 3;
    public const int ImageBytes = Channels * ImageSide * ImageSide;
    public const int ClassCount = 10;

    public CifarDataset(byte[] labels, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)labels.Length * ImageBytes != pixels.LongLength)
        {
            throw new ArgumentException($"{labels.Length} labels need {(long)labels.Length * ImageBytes} pixel bytes, not {pixels.LongLength}.", nameof(pixels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= ClassCount)
            {
                throw new ArgumentException($"Label {labels[i]} at index {i} is outside 0..{ClassCount - 1}.", nameof(labels));
            }
        }

        Labels = labels;
        Pixels = pixels;
    }

    public static CifarDataset Empty { get; } = new([], []);

    /// <summary>One byte a sample, 0..9.</summary>
    public byte[] Labels { get; }

    /// <summary><see cref="Count"/> times <see cref="ImageBytes"/> bytes.</summary>
    public byte[] Pixels { get; }

    public int Count => Labels.Length;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * ImageBytes, ImageBytes);

    public CifarDataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var labels = new byte[indices.Count];
        var pixels = new byte[indices.Count * ImageBytes];
        for (int i = 0; i < indices.Count; i++)
        {
            int source = indices[i];
            labels[i] = Labels[source];
            Image(source).CopyTo(pixels.AsSpan(i * ImageBytes, ImageBytes));
        }

        return new CifarDataset(labels, pixels);
    }

    /// <summary>The first <paramref name="count"/> samples (all of them when there are fewer).</summary>
    public CifarDataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Count)
        {
            return this;
        }

        return new CifarDataset(Labels[..count], Pixels[..(count * ImageBytes)]);
    }

    /// <summary>How many samples carry each label.</summary>
    public int[] ClassHistogram()
    {
        var histogram = new int[ClassCount];
        foreach (byte label in Labels)
        {
            histogram[label]++;
        }

        return histogram;
    }
}
