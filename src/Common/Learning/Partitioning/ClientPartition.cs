using FedAvg.Common.Data;

namespace FedAvg.Common.Partitioning;

/// <summary>Which samples each client holds. Record equality compares the arrays by reference.</summary>
public sealed record ClientPartition
{
    /// <param name="clientIndices">Per client, ascending sample indices.</param>
    /// <param name="classHistogram">Per client, the count of each of the 10 classes.</param>
    public ClientPartition(int[][] clientIndices, int[][] classHistogram)
    {
        ArgumentNullException.ThrowIfNull(clientIndices);
        ArgumentNullException.ThrowIfNull(classHistogram);
        if (clientIndices.Length != classHistogram.Length)
        {
            throw new ArgumentException($"{clientIndices.Length} index lists but {classHistogram.Length} histograms.", nameof(classHistogram));
        }

        for (int client = 0; client < clientIndices.Length; client++)
        {
            int[] histogram = classHistogram[client];
            if (histogram.Length != CifarDataset.ClassCount || histogram.Sum() != clientIndices[client].Length)
            {
                throw new ArgumentException($"Client {client}'s histogram does not describe its {clientIndices[client].Length} samples.", nameof(classHistogram));
            }
        }

        ClientIndices = clientIndices;
        ClassHistogram = classHistogram;
        SampleCounts = [.. clientIndices.Select(indices => indices.Length)];
    }

    public int[][] ClientIndices { get; }

    /// <summary>[client][class] sample counts.</summary>
    public int[][] ClassHistogram { get; }

    public int Clients => ClientIndices.Length;

    public int[] SampleCounts { get; }

    /// <summary>Builds the histograms from the labels the indices point into.</summary>
    internal static ClientPartition FromIndices(ReadOnlySpan<byte> labels, int[][] clientIndices)
    {
        var histograms = new int[clientIndices.Length][];
        for (int client = 0; client < clientIndices.Length; client++)
        {
            histograms[client] = new int[CifarDataset.ClassCount];
            foreach (int index in clientIndices[client])
            {
                histograms[client][labels[index]]++;
            }
        }

        return new ClientPartition(clientIndices, histograms);
    }
}
