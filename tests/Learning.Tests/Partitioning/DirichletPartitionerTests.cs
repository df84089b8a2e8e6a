using FedAvg.Common.Data;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Tests.Data;

namespace FedAvg.Common.Tests.Partitioning;

public sealed class DirichletPartitionerTests
{
    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 0.1, 2)]
    [InlineData(5, 0.5, 42)]
    [InlineData(10, 1.0, 3)]
    [InlineData(20, 0.3, 4)]
    [InlineData(50, 100.0, 5)]
    [InlineData(7, 0.05, 6)]
    public void Every_sample_goes_to_exactly_one_client_and_every_client_meets_the_minimum(int clients, double alpha, int seed)
    {
        byte[] labels = Labels.Balanced(600);

        ClientPartition partition = DirichletPartitioner.Partition(labels, clients, alpha, seed, minSamplesPerClient: 20);

        PartitionAssert.IsValid(partition, labels, clients);
        Assert.Equal(Enumerable.Repeat(600, 10), PartitionAssert.ClassTotals(partition));
        Assert.All(partition.SampleCounts, count => Assert.True(count >= 20, $"A client has {count} samples."));
    }

    [RealDataFact]
    public void Real_training_labels_split_over_five_clients()
    {
        byte[] labels = CifarBinaryReader.ReadTrainingSet(RealCifar.Directory!).Labels;

        ClientPartition partition = DirichletPartitioner.Partition(labels, clients: 5, alpha: 0.5, seed: 42);

        Assert.Equal(50_000, labels.Length);
        PartitionAssert.IsValid(partition, labels, 5);
        Assert.Equal(50_000, partition.SampleCounts.Sum());
        Assert.Equal(Enumerable.Repeat(5_000, 10), PartitionAssert.ClassTotals(partition));
    }

    [Fact]
    public void Same_seed_gives_the_same_partition_and_another_seed_a_different_one()
    {
        byte[] labels = Labels.Balanced(300);

        ClientPartition a = DirichletPartitioner.Partition(labels, 8, 0.5, seed: 1);
        ClientPartition b = DirichletPartitioner.Partition(labels, 8, 0.5, seed: 1);
        ClientPartition c = DirichletPartitioner.Partition(labels, 8, 0.5, seed: 2);

        Assert.Equal(a.ClientIndices, b.ClientIndices);
        Assert.NotEqual(a.ClientIndices, c.ClientIndices);
    }

    [Fact]
    public void Small_alpha_concentrates_clients_on_fewer_classes_than_large_alpha()
    {
        byte[] labels = Labels.Balanced(1000);

        double skewed = MeanClassesHeld(DirichletPartitioner.Partition(labels, 20, 0.1, seed: 3, minSamplesPerClient: 0));
        double even = MeanClassesHeld(DirichletPartitioner.Partition(labels, 20, 100, seed: 3, minSamplesPerClient: 0));

        Assert.True(skewed < 5, $"alpha 0.1: clients hold {skewed:F1} classes on average.");
        Assert.True(even > 9.9, $"alpha 100: clients hold {even:F1} classes on average.");

        // A class counts as held when it is at least 5% of the client's samples.
        static double MeanClassesHeld(ClientPartition partition) =>
            partition.ClassHistogram.Select((h, k) => h.Count(n => n >= 0.05 * partition.SampleCounts[k])).Average();
    }

    [Fact]
    public void Impossible_minimum_under_tiny_alpha_fails_after_the_bounded_redraws_with_a_clear_message()
    {
        byte[] labels = Labels.Balanced(5_000);
        var error = Assert.Throws<PartitionException>(
            () => DirichletPartitioner.Partition(labels, clients: 100, alpha: 0.001, seed: 1, minSamplesPerClient: 400, maxRedraws: 100));

        Assert.Contains("100 clients", error.Message, StringComparison.Ordinal);
        Assert.Contains("alpha 0.001", error.Message, StringComparison.Ordinal);
        Assert.Contains("below 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("101 draws", error.Message, StringComparison.Ordinal);
        Assert.Contains("smallest client had", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_demanding_but_reachable_minimum_is_met_by_redrawing()
    {
        byte[] labels = Labels.Balanced(100);

        // The first draw of this seed misses the minimum, so success proves the redraw.
        Assert.Throws<PartitionException>(() => DirichletPartitioner.Partition(labels, 10, 0.3, seed: 8, minSamplesPerClient: 60, maxRedraws: 0));
        ClientPartition partition = DirichletPartitioner.Partition(labels, 10, 0.3, seed: 8, minSamplesPerClient: 60, maxRedraws: 10_000);

        PartitionAssert.IsValid(partition, labels, 10);
        Assert.All(partition.SampleCounts, count => Assert.True(count >= 60, $"A client has {count} samples."));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Alpha_must_be_positive_and_finite(double alpha)
    {
        byte[] labels = Labels.Balanced(10);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DirichletPartitioner.Partition(labels, 2, alpha, 1));

        Assert.Equal("alpha", error.ParamName);
    }

    [Fact]
    public void Other_arguments_are_checked_before_any_work()
    {
        byte[] labels = Labels.Balanced(10);

        Assert.Equal("clients", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletPartitioner.Partition(labels, 0, 1, 1)).ParamName);
        Assert.Equal("minSamplesPerClient", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletPartitioner.Partition(labels, 11, 1, 1, minSamplesPerClient: 10)).ParamName);
        Assert.Equal("maxRedraws", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletPartitioner.Partition(labels, 2, 1, 1, maxRedraws: -1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => DirichletPartitioner.Partition([1, 2, 10, 3], 1, 1, 1, minSamplesPerClient: 0)).ParamName);
    }
}
