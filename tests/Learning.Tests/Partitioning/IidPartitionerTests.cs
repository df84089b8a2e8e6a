using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Tests.Partitioning;

public sealed class IidPartitionerTests
{
    [Theory]
    [InlineData(50_000, 7, 1)]
    [InlineData(10, 3, 2)]
    [InlineData(30, 30, 3)]
    [InlineData(1001, 1, 4)]
    [InlineData(997, 10, 5)]
    public void Client_sizes_differ_by_at_most_one_and_cover_every_sample_once(int samples, int clients, int seed)
    {
        byte[] labels = [.. Labels.Balanced((samples / 10) + 1).Take(samples)];

        ClientPartition partition = IidPartitioner.Partition(labels, clients, seed);

        PartitionAssert.IsValid(partition, labels, clients);
        Assert.InRange(partition.SampleCounts.Max() - partition.SampleCounts.Min(), 0, 1);
    }

    [Fact]
    public void Same_seed_same_partition_and_another_seed_a_different_one()
    {
        byte[] labels = Labels.Balanced(100);

        Assert.Equal(IidPartitioner.Partition(labels, 4, 9).ClientIndices, IidPartitioner.Partition(labels, 4, 9).ClientIndices);
        Assert.NotEqual(IidPartitioner.Partition(labels, 4, 9).ClientIndices, IidPartitioner.Partition(labels, 4, 10).ClientIndices);
    }

    [Fact]
    public void Clients_get_a_mix_of_classes_not_contiguous_runs()
    {
        byte[] sorted = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i / 1000))];

        ClientPartition partition = IidPartitioner.Partition(sorted, 5, 1);

        Assert.All(partition.ClassHistogram, histogram => Assert.All(histogram, count => Assert.InRange(count, 150, 250)));
    }

    [Fact]
    public void More_clients_than_samples_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IidPartitioner.Partition([1, 2], 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IidPartitioner.Partition([1, 2], 0, 1));
    }
}
