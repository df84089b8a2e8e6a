using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>
/// Folding updates one at a time must give the all-at-once aggregator's mean bit for bit, for any number of
/// clients (the aggregator sums four clients per pass, so counts around multiples of four matter).
/// </summary>
public sealed class FedAvgAccumulatorTests
{
    private const int Length = (2 * FedAvgAggregator.BlockLength) + 123;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(100)]
    public void Folding_in_client_order_is_bit_identical_to_the_aggregator(int clients)
    {
        var updates = Clients(clients, seed: clients);

        var accumulator = new FedAvgAccumulator(updates.Sum(u => u.Samples));
        foreach (var update in updates)
        {
            accumulator.Add(update);
        }

        WeightsAssert.BitIdentical(FedAvgAggregator.Average(updates), accumulator.Mean());
        Assert.Equal(clients, accumulator.Count);
    }

    [Fact]
    public void Another_order_is_a_different_sum_so_the_order_is_what_keeps_the_bits()
    {
        var updates = Clients(13, seed: 7);
        var accumulator = new FedAvgAccumulator(updates.Sum(u => u.Samples));
        foreach (var update in updates.Reverse())
        {
            accumulator.Add(update);
        }

        Assert.True(WeightsAssert.AnyDifference(FedAvgAggregator.Average(updates), accumulator.Mean()));
    }

    [Fact]
    public void An_update_with_nan_is_rejected_naming_its_client_and_leaves_the_sums_as_they_were()
    {
        var updates = Clients(3, seed: 1);
        updates[1].Weights.Tensors[0].FloatData![Length - 1] = float.NaN;
        var accumulator = new FedAvgAccumulator(updates[0].Samples + updates[2].Samples);

        accumulator.Add(updates[0]);
        var error = Assert.Throws<AggregationException>(() => accumulator.Add(updates[1]));
        accumulator.Add(updates[2]);

        Assert.Equal("client-1", error.ClientId);
        Assert.Equal($"Client 'client-1' sent NaN in tensor 'big' at index {Length - 1}; its training diverged.", error.Message);
        WeightsAssert.BitIdentical(FedAvgAggregator.Average([updates[0], updates[2]]), accumulator.Mean());
    }

    [Fact]
    public void An_update_of_another_shape_is_rejected_naming_its_client()
    {
        var updates = Clients(2, seed: 2);
        var other = new ClientUpdate("client-9", Weights(new float[Length + 1], new float[5]), 10);
        var accumulator = new FedAvgAccumulator(updates.Sum(u => u.Samples) + other.Samples);
        accumulator.Add(updates[0]);

        var error = Assert.Throws<AggregationException>(() => accumulator.Check(other));

        Assert.Equal("client-9", error.ClientId);
        Assert.Contains("[8316]", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, accumulator.Count);
    }

    [Fact]
    public void A_finite_mean_that_overflows_names_no_client()
    {
        var accumulator = new FedAvgAccumulator(10);
        for (int c = 0; c < 10; c++)
        {
            accumulator.Add(new ClientUpdate($"client-{c}", Weights(new float[Length], [1, float.MaxValue, 0, 0, 0]), 1));
        }

        var error = Assert.Throws<AggregationException>(accumulator.Mean);

        Assert.Null(error.ClientId);
        Assert.Contains("overflowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mean_missing_samples_it_was_set_up_for_is_refused()
    {
        var updates = Clients(2, seed: 3);
        var accumulator = new FedAvgAccumulator(updates.Sum(u => u.Samples));
        accumulator.Add(updates[0]);

        Assert.Throws<InvalidOperationException>(accumulator.Mean);
    }

    private static ClientUpdate[] Clients(int count, int seed) => RandomUpdates.Clients(count, seed, Length);

    private static ModelWeights Weights(float[] big, float[] small) => RandomUpdates.Weights(big, small);
}
