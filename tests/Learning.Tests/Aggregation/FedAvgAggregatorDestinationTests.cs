using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>Averaging over a caller's destination instead of into new arrays.</summary>
public sealed class FedAvgAggregatorDestinationTests
{
    private const int Length = (2 * FedAvgAggregator.BlockLength) + 45;

    [Fact]
    public void A_reused_destination_gets_exactly_the_allocating_average_every_time()
    {
        ModelWeights destination = Weights(new float[Length], new float[5], 0);
        foreach (int seed in new[] { 1, 2 })
        {
            var updates = Clients(5, seed);

            FedAvgAggregator.Average(updates, destination);

            WeightsAssert.BitIdentical(FedAvgAggregator.Average(updates), destination);
        }
    }

    [Fact]
    public void A_destination_of_another_layout_or_one_of_the_updates_is_refused()
    {
        var updates = Clients(3, seed: 3);

        Assert.Throws<ArgumentException>(() => FedAvgAggregator.Average(updates, Weights(new float[Length - 1], new float[5], 0)));
        Assert.Throws<ArgumentException>(() => FedAvgAggregator.Average(updates, updates[1].Weights));
    }

    [Fact]
    public void A_nan_is_still_reported_naming_the_client()
    {
        var updates = Clients(4, seed: 4);
        updates[3].Weights.Tensors[1].FloatData![2] = float.NaN;

        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(updates, Weights(new float[Length], new float[5], 0)));

        Assert.Equal("client-3", error.ClientId);
    }

    private static ClientUpdate[] Clients(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(c => new ClientUpdate(
            $"client-{c}",
            Weights(
                [.. Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 2) - 1))],
                [.. Enumerable.Range(0, 5).Select(_ => (float)random.NextDouble())],
                random.Next(0, 1000)),
            random.Next(1, 5000)))];
    }

    private static ModelWeights Weights(float[] big, float[] small, long batches) => new("m",
    [
        WeightTensor.FromFloats("big", [big.Length], WeightKind.Parameter, big),
        WeightTensor.FromFloats("small", [small.Length], WeightKind.FloatBuffer, small),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [batches]),
    ]);
}
