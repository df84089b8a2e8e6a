using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using static FedAvg.Common.Tests.Aggregation.FedAvgAggregatorTests;

namespace FedAvg.Common.Tests.Aggregation;

public sealed class ServerOptimizerTests
{
    [Fact]
    public void Momentum_zero_and_learning_rate_one_is_plain_fedavg_bit_exact()
    {
        using var start = ModelCatalog.Create("seed-cnn", 1);
        using var clientA = ModelCatalog.Create("seed-cnn", 2);
        using var clientB = ModelCatalog.Create("seed-cnn", 3);
        var global = ModelWeights.FromModule(start, "seed-cnn");
        var average = FedAvgAggregator.Average(
        [
            new ClientUpdate("a", ModelWeights.FromModule(clientA, "seed-cnn"), 300),
            new ClientUpdate("b", ModelWeights.FromModule(clientB, "seed-cnn"), 700),
        ]);

        var step = ServerOptimizer.Step(global, average, momentum: null, new ServerOptimizerOptions());

        WeightsAssert.BitIdentical(average, step.Global);
        Assert.All(step.Momentum.Tensors, t => Assert.Equal(WeightKind.Parameter, t.Kind));
    }

    [Fact]
    public void Momentum_accumulates_the_deltas_across_rounds()
    {
        var options = new ServerOptimizerOptions { LearningRate = 1, Momentum = 0.5 };

        // Round 1: delta = 10 − 8 = 2, v = 2, global = 10 − 2 = 8.
        var first = ServerOptimizer.Step(Weights([10], [1], 5), Weights([8], [3], 7), null, options);
        Assert.Equal([8f], first.Global.Find("p")!.FloatData!);
        Assert.Equal([2f], first.Momentum.Find("p")!.FloatData!);
        // Buffers are the clients' average, not extrapolated.
        Assert.Equal([3f], first.Global.Find("bn.running_mean")!.FloatData!);
        Assert.Equal([7L], first.Global.Find("bn.num_batches_tracked")!.IntegerData!);

        // Round 2: delta = 8 − 7 = 1, v = 0.5·2 + 1 = 2, global = 8 − 2 = 6.
        var second = ServerOptimizer.Step(first.Global, Weights([7], [3], 9), first.Momentum, options);
        Assert.Equal([6f], second.Global.Find("p")!.FloatData!);
        Assert.Equal([2f], second.Momentum.Find("p")!.FloatData!);
    }

    [Fact]
    public void Server_learning_rate_scales_the_step()
    {
        // delta = 4, v = 4, global = 10 − 0.5·4 = 8.
        var step = ServerOptimizer.Step(Weights([10], [0], 1), Weights([6], [0], 1), null, new ServerOptimizerOptions { LearningRate = 0.5 });

        Assert.Equal([8f], step.Global.Find("p")!.FloatData!);
    }

    [Fact]
    public void A_momentum_buffer_of_another_model_is_rejected()
    {
        var wrong = new ModelWeights("m", [WeightTensor.FromFloats("p", [2], WeightKind.Parameter, [0, 0])]);

        Assert.Throws<AggregationException>(() => ServerOptimizer.Step(Weights([1], [0], 1), Weights([1], [0], 1), wrong, new ServerOptimizerOptions { Momentum = 0.9 }));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(double.NaN, 0)]
    public void Invalid_options_are_rejected(double learningRate, double momentum) =>
        Assert.ThrowsAny<ArgumentException>(() => new ServerOptimizerOptions { LearningRate = learningRate, Momentum = momentum }.Validate());
}
