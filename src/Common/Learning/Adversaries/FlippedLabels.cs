using FedAvg.Common.Data;

namespace FedAvg.Common.Adversaries;

/// <summary>destination[i] = 9 − labels[i]: each CIFAR-10 class swapped for another (airplane ↔ truck, cat ↔ dog, ...).</summary>
internal static class FlippedLabels
{
    /// <remarks>No label maps to itself, so every sample is mislabelled. Empty spans are a no-op.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length, or a label is outside 0..9.</exception>
    public static void Compute(ReadOnlySpan<byte> labels, Span<byte> destination)
    {
        if (labels.Length != destination.Length)
        {
            throw new ArgumentException($"The labels ({labels.Length}) and the destination ({destination.Length}) must have one length.", nameof(destination));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= CifarDataset.ClassCount)
            {
                throw new ArgumentException($"Label {labels[i]} at index {i} is outside 0..{CifarDataset.ClassCount - 1}.", nameof(labels));
            }

            destination[i] = (byte)(CifarDataset.ClassCount - 1 - labels[i]);
        }
    }
}
