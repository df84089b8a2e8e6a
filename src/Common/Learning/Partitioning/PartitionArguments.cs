using FedAvg.Common.Data;

namespace FedAvg.Common.Partitioning;

/// <summary>Argument checks shared by the partitioners.</summary>
internal static class PartitionArguments
{
    public static void CheckLabels(ReadOnlySpan<byte> labels, string parameterName)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= CifarDataset.ClassCount)
            {
                throw new ArgumentException($"Label {labels[i]} at index {i} is outside 0..{CifarDataset.ClassCount - 1}.", parameterName);
            }
        }
    }

    public static void CheckClients(int clients, int samples, string parameterName)
    {
        if (clients < 1 || clients > samples)
        {
            throw new ArgumentOutOfRangeException(parameterName, clients, $"Need between 1 and {samples} clients (one a sample at most).");
        }
    }
}
