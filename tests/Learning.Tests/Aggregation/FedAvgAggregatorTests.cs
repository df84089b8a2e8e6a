using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Aggregation;

public sealed class FedAvgAggregatorTests
{
    [Fact]
    public void One_client_gives_its_own_weights_bit_exact()
    {
        using var model = ModelCatalog.Create("seed-cnn", 4);
        var weights = ModelWeights.FromModule(model, "seed-cnn");

        var average = FedAvgAggregator.Average([new ClientUpdate("client-0", weights, 1234)]);

        WeightsAssert.BitIdentical(weights, average);
    }

    [Fact]
    public void Two_clients_are_weighted_by_samples()
    {
        // Shares 1/4 and 3/4: (1·1 + 3·5)/4 = 4, (1·2 + 3·6)/4 = 5, (1·(−4) + 3·0)/4 = −1; counters (1·10 + 3·20)/4 = 17.5 → 18.
        var a = Weights(p: [1, 2, -4], runningMean: [0], batches: 10);
        var b = Weights(p: [5, 6, 0], runningMean: [8], batches: 20);

        var average = FedAvgAggregator.Average([new ClientUpdate("a", a, 100), new ClientUpdate("b", b, 300)]);

        Assert.Equal([4f, 5f, -1f], average.Find("p")!.FloatData!);
        Assert.Equal([6f], average.Find("bn.running_mean")!.FloatData!);
        Assert.Equal([18L], average.Find("bn.num_batches_tracked")!.IntegerData!);
        Assert.Equal("m", average.Architecture);
    }

    [Fact]
    public void Three_clients_are_weighted_by_samples()
    {
        // Samples 1, 2, 5 of 8: p = (1·8 + 2·16 + 5·0)/8 = 5 and (1·(−8) + 2·4 + 5·1.6)/8 = 1; counters (3 + 2·3 + 5·7)/8 = 5.5 → 6.
        var average = FedAvgAggregator.Average(
        [
            new ClientUpdate("a", Weights(p: [8, -8], runningMean: [1], batches: 3), 1),
            new ClientUpdate("b", Weights(p: [16, 4], runningMean: [1], batches: 3), 2),
            new ClientUpdate("c", Weights(p: [0, 1.6f], runningMean: [1], batches: 7), 5),
        ]);

        Assert.Equal(5f, average.Find("p")!.FloatData![0]);
        Assert.Equal(1f, average.Find("p")!.FloatData![1], 1e-6f);
        Assert.Equal([1f], average.Find("bn.running_mean")!.FloatData!);
        Assert.Equal([6L], average.Find("bn.num_batches_tracked")!.IntegerData!);
    }

    [Fact]
    public void No_updates_are_rejected() =>
        Assert.Throws<AggregationException>(() => FedAvgAggregator.Average([]));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Non_positive_samples_are_rejected_naming_the_client(long samples)
    {
        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(
            [new ClientUpdate("ok", Weights([1], [0], 1), 10), new ClientUpdate("client-7", Weights([1], [0], 1), samples)]));

        Assert.Equal("client-7", error.ClientId);
        Assert.Contains("client-7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_values_are_rejected_naming_client_and_tensor(float bad)
    {
        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(
            [new ClientUpdate("ok", Weights([1, 2], [0], 1), 10), new ClientUpdate("client-3", Weights([1, 2], [bad], 1), 10)]));

        Assert.Equal("client-3", error.ClientId);
        Assert.Contains("client-3", error.Message, StringComparison.Ordinal);
        Assert.Contains("bn.running_mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shape_mismatch_is_rejected_naming_client_and_tensor()
    {
        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(
            [new ClientUpdate("ok", Weights([1, 2], [0], 1), 10), new ClientUpdate("client-2", Weights([1, 2, 3], [0], 1), 10)]));

        Assert.Equal("client-2", error.ClientId);
        Assert.Contains("'p'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_architecture_mismatch_is_rejected_naming_the_client()
    {
        var other = new ModelWeights("other", Weights([1], [0], 1).Tensors);

        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(
            [new ClientUpdate("ok", Weights([1], [0], 1), 10), new ClientUpdate("client-9", other, 10)]));

        Assert.Equal("client-9", error.ClientId);
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_client_twice_is_rejected()
    {
        var error = Assert.Throws<AggregationException>(() => FedAvgAggregator.Average(
            [new ClientUpdate("dup", Weights([1], [0], 1), 10), new ClientUpdate("dup", Weights([1], [0], 1), 10)]));

        Assert.Equal("dup", error.ClientId);
    }

    internal static ModelWeights Weights(float[] p, float[] runningMean, long batches) => new("m",
    [
        WeightTensor.FromFloats("p", [p.Length], WeightKind.Parameter, p),
        WeightTensor.FromFloats("bn.running_mean", [runningMean.Length], WeightKind.FloatBuffer, runningMean),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [batches]),
    ]);
}
