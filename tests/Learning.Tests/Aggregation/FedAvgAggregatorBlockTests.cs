using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>
/// The aggregator sums tensors block by block and looks for NaN and infinities only in the sums; these tests use
/// tensors longer than a block, whose length is not a multiple of it, so the later and the partial last blocks count.
/// </summary>
public sealed class FedAvgAggregatorBlockTests
{
    private const int Block = FedAvgAggregator.BlockLength;
    private const int Length = (2 * Block) + 123;

    [Theory]
    [InlineData(float.NaN, 1, 77)]
    [InlineData(float.PositiveInfinity, 2, 0)]
    [InlineData(float.NegativeInfinity, 2, 122)]
    public void A_non_finite_value_in_a_later_client_and_block_is_reported_exactly(float bad, int block, int offset)
    {
        int at = (block * Block) + offset;
        var updates = Clients(4, Length, seed: 1);
        updates[2].Weights.Tensors[0].FloatData![at] = bad;

        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(updates));

        Assert.Equal("client-2", error.ClientId);
        Assert.Equal($"Client 'client-2' sent {bad} in tensor 'big' at index {at}; its training diverged.", error.Message);
    }

    [Fact]
    public void Opposite_infinities_that_cancel_into_nan_name_the_first_client_in_order()
    {
        var updates = Clients(3, Length, seed: 2);
        updates[1].Weights.Tensors[1].FloatData![3] = float.PositiveInfinity;
        updates[2].Weights.Tensors[1].FloatData![3] = float.NegativeInfinity;

        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(updates));

        Assert.Equal("client-1", error.ClientId);
        Assert.Equal("Client 'client-1' sent Infinity in tensor 'small' at index 3; its training diverged.", error.Message);
    }

    [Fact]
    public void A_mean_of_finite_values_that_overflows_float32_is_rejected_without_naming_a_client()
    {
        // Ten equal clients get the share (float)0.1, a little above 1/10, and ten times float.MaxValue times it
        // rounds past float.MaxValue.
        var updates = Enumerable.Range(0, 10)
            .Select(c => new ClientUpdate($"client-{c}", Weights(new float[Length], [1, float.MaxValue]), 1))
            .ToArray();

        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(updates));

        Assert.Null(error.ClientId);
        Assert.Equal("The weighted mean of tensor 'small' overflowed to Infinity at index 1, although every client sent finite values.", error.Message);
    }

    [Fact]
    public void The_blocked_mean_matches_a_double_precision_reference()
    {
        var updates = Clients(7, Length, seed: 3);
        double total = updates.Sum(u => u.Samples);

        float[] mean = FedAvgAggregator.Average(updates).Tensors[0].FloatData!;

        Assert.Equal(Length, mean.Length);
        for (int i = 0; i < Length; i++)
        {
            double expected = updates.Sum(u => u.Weights.Tensors[0].FloatData![i] * (u.Samples / total));
            Assert.True(Math.Abs(mean[i] - expected) <= 1e-6, $"Index {i}: {mean[i]} vs {expected}.");
        }
    }

    [Fact]
    public void The_blocked_mean_is_bit_identical_to_one_scalar_pass_per_client()
    {
        // The same float operations in the same order per element as a plain loop: block boundaries, vector width
        // and threads cannot change a bit, which keeps the global model reproducible run to run. Nine clients: two
        // passes of four clients each, then one on its own.
        var updates = Clients(9, Length, seed: 4);
        double total = updates.Sum(u => u.Samples);
        float[] shares = [.. updates.Select(u => (float)(u.Samples / total))];
        var expected = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            float sum = updates[0].Weights.Tensors[0].FloatData![i] * shares[0];
            for (int c = 1; c < updates.Length; c++)
            {
                sum = (updates[c].Weights.Tensors[0].FloatData![i] * shares[c]) + sum;
            }

            expected[i] = sum;
        }

        float[] mean = FedAvgAggregator.Average(updates).Tensors[0].FloatData!;

        Assert.Equal(
            expected.Select(BitConverter.SingleToInt32Bits),
            mean.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void One_client_keeps_every_bit_across_blocks()
    {
        var updates = Clients(1, Length, seed: 5);
        float[] values = updates[0].Weights.Tensors[0].FloatData!;
        values[Block - 1] = -0f;
        values[Block] = float.MaxValue;
        values[Length - 1] = float.Epsilon;

        var average = FedAvgAggregator.Average(updates);

        WeightsAssert.BitIdentical(updates[0].Weights, average);
    }

    private static ClientUpdate[] Clients(int count, int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(c => new ClientUpdate(
            $"client-{c}",
            Weights(
                [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))],
                [.. Enumerable.Range(0, 5).Select(_ => (float)random.NextDouble())]),
            random.Next(1, 5000)))];
    }

    private static ModelWeights Weights(float[] big, float[] small) => new("m",
    [
        WeightTensor.FromFloats("big", [big.Length], WeightKind.Parameter, big),
        WeightTensor.FromFloats("small", [small.Length], WeightKind.FloatBuffer, small),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [3]),
    ]);
}
