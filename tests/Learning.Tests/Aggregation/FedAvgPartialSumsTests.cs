using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>
/// The fan-in tree: groups of a round's updates are summed apart (<see cref="FedAvgAccumulator.PartialSums"/>) and the
/// sums added up (<see cref="FedAvgPartialSums"/>). The mean is the round's sample-weighted mean, the same bits for the same
/// groups, and integer buffers come out exactly as the flat mean's.
/// </summary>
public sealed class FedAvgPartialSumsTests
{
    private const int Length = (2 * FedAvgAggregator.BlockLength) + 123;

    [Fact]
    public void Two_groups_of_a_hand_example_add_up_to_the_weighted_mean()
    {
        // Samples 1, 1, 2 of 4: shares 0.25, 0.25, 0.5, all exact in float32, as are the products and sums below.
        ClientUpdate[] updates =
        [
            new("a", RandomUpdates.Weights([4, 8], [1], batches: 10), 1),
            new("b", RandomUpdates.Weights([0, -8], [3], batches: 11), 1),
            new("c", RandomUpdates.Weights([2, 4], [0], batches: 21), 2),
        ];

        var mean = Combine(updates, groupSize: 2);

        Assert.Equal([2f, 2f], mean.Tensors[0].FloatData!);
        Assert.Equal([1f], mean.Tensors[1].FloatData!);

        // (10 + 11 + 2·21) / 4 = 15.75, rounded half away from zero as the flat mean rounds it.
        Assert.Equal([16L], mean.Tensors[2].IntegerData!);
    }

    [Theory]
    [InlineData(13, 2)]
    [InlineData(13, 5)]
    [InlineData(100, 7)]
    public void Groups_give_the_flat_mean_to_rounding_and_the_same_groups_give_the_same_bits(int clients, int groupSize)
    {
        var updates = RandomUpdates.Clients(clients, seed: clients + groupSize, Length);
        var flat = FedAvgAggregator.Average(updates);

        var tree = Combine(updates, groupSize);

        WeightsAssert.BitIdentical(tree, Combine(updates, groupSize));
        WeightsAssert.Close(flat, tree, 1e-6f);
    }

    [Fact]
    public void One_group_of_every_update_is_the_flat_mean_bit_for_bit()
    {
        var updates = RandomUpdates.Clients(9, seed: 4, Length);

        WeightsAssert.BitIdentical(FedAvgAggregator.Average(updates), Combine(updates, groupSize: 9));
    }

    [Fact]
    public void A_partial_of_another_layout_is_refused()
    {
        var updates = RandomUpdates.Clients(2, seed: 5, Length);
        var sums = new FedAvgPartialSums(updates.Sum(u => (long)u.Samples) + 10);
        sums.Add(Partial(updates, updates.Sum(u => (long)u.Samples) + 10), updates.Sum(u => (long)u.Samples));

        var other = RandomUpdates.Weights(new float[Length + 1], new float[5]);
        var error = Assert.Throws<AggregationException>(() => sums.Add(other, 10));

        Assert.Null(error.ClientId);
        Assert.Contains("another layout", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, sums.Count);
    }

    [Fact]
    public void Partials_holding_more_samples_than_the_round_or_fewer_are_refused()
    {
        var updates = RandomUpdates.Clients(3, seed: 6, Length);
        long total = updates.Sum(u => (long)u.Samples);
        var partial = Partial(updates, total);
        var sums = new FedAvgPartialSums(total);

        Assert.Throws<AggregationException>(() => sums.Add(partial, total + 1));
        Assert.Throws<AggregationException>(sums.Mean);
        sums.Add(partial, total - 1);
        Assert.Throws<InvalidOperationException>(sums.Mean);
    }

    [Fact]
    public void An_accumulator_with_nothing_added_has_no_partial_sums()
    {
        var error = Assert.Throws<AggregationException>(new FedAvgAccumulator(10).PartialSums);

        Assert.Null(error.ClientId);
    }

    [Fact]
    public void Partial_sums_are_a_copy_that_later_updates_do_not_change()
    {
        var updates = RandomUpdates.Clients(2, seed: 8, Length);
        var accumulator = new FedAvgAccumulator(updates.Sum(u => (long)u.Samples));
        accumulator.Add(updates[0]);
        float before = accumulator.PartialSums().Tensors[0].FloatData![0];
        var first = accumulator.PartialSums();

        accumulator.Add(updates[1]);

        Assert.Equal(before, first.Tensors[0].FloatData![0]);
    }

    private static ModelWeights Combine(IReadOnlyList<ClientUpdate> updates, int groupSize)
    {
        long total = updates.Sum(u => (long)u.Samples);
        var sums = new FedAvgPartialSums(total);
        foreach (var group in updates.Chunk(groupSize))
        {
            sums.Add(Partial(group, total), group.Sum(u => (long)u.Samples));
        }

        return sums.Mean();
    }

    private static ModelWeights Partial(IEnumerable<ClientUpdate> group, long roundSamples)
    {
        var accumulator = new FedAvgAccumulator(roundSamples);
        foreach (var update in group)
        {
            accumulator.Add(update);
        }

        return accumulator.PartialSums();
    }
}
