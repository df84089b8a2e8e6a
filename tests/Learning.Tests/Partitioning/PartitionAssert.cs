using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Tests.Partitioning;

/// <summary>Invariants every partition must satisfy, whatever the scheme.</summary>
public static class PartitionAssert
{
    public static void IsValid(ClientPartition partition, byte[] labels, int clients)
    {
        Assert.Equal(clients, partition.Clients);
        Assert.Equal(clients, partition.ClientIndices.Length);
        Assert.Equal(labels.Length, partition.SampleCounts.Sum());

        var seen = new bool[labels.Length];
        for (int client = 0; client < clients; client++)
        {
            int[] indices = partition.ClientIndices[client];
            Assert.Equal(indices.Length, partition.SampleCounts[client]);
            var histogram = new int[10];
            for (int i = 0; i < indices.Length; i++)
            {
                Assert.False(seen[indices[i]], $"Index {indices[i]} is given out twice.");
                seen[indices[i]] = true;
                histogram[labels[indices[i]]]++;
                if (i > 0)
                {
                    Assert.True(indices[i - 1] < indices[i], $"Client {client}'s indices are not ascending at position {i}.");
                }
            }

            Assert.Equal(histogram, partition.ClassHistogram[client]);
        }

        Assert.All(seen, Assert.True);
    }

    public static int[] ClassTotals(ClientPartition partition) =>
        [.. Enumerable.Range(0, 10).Select(c => partition.ClassHistogram.Sum(h => h[c]))];
}
