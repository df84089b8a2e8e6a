namespace FedAvg.Common.Partitioning;

/// <summary>Splits samples uniformly at random into near-equal client shares (sizes differ by at most one).</summary>
public static class IidPartitioner
{
    public static ClientPartition Partition(ReadOnlySpan<byte> labels, int clients, int seed)
    {
        PartitionArguments.CheckClients(clients, labels.Length, nameof(clients));
        PartitionArguments.CheckLabels(labels, nameof(labels));

        int[] order = [.. Enumerable.Range(0, labels.Length)];
        new DeterministicRandom(seed).Shuffle(order.AsSpan());

        var clientIndices = new int[clients][];
        for (int client = 0; client < clients; client++)
        {
            int start = (int)((long)client * labels.Length / clients);
            int end = (int)((long)(client + 1) * labels.Length / clients);
            clientIndices[client] = order[start..end];
            Array.Sort(clientIndices[client]);
        }

        return ClientPartition.FromIndices(labels, clientIndices);
    }
}
