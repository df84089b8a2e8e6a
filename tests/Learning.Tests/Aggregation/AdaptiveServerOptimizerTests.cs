using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>
/// FedAdam, FedYogi and FedAdagrad (Reddi et al. 2021, Algorithm 2) against hand computations. All use τ = 1, so
/// v starts at τ² = 1, β₁ = 0.5, β₂ = 0.75 and η = 0.5 on global x = [1.75, 3, 1] and average [1, 1, 0]:
/// g = x − average = [0.75, 2, 1], g² = [0.5625, 4, 1], m = 0.5·0 + 0.5·g = [0.375, 1, 0.5].
/// </summary>
public sealed class AdaptiveServerOptimizerTests
{
    private static readonly ServerOptimizerOptions Options = new() { LearningRate = 0.5, Beta1 = 0.5, Beta2 = 0.75, Tau = 1 };

    [Fact]
    public void One_fedadam_step_is_the_hand_computation()
    {
        // v = 0.75·1 + 0.25·g² = [0.890625, 1.75, 1]; x − 0.5·m/(√v + 1):
        // 1.75 − 0.1875/(√0.890625 + 1) = 1.6535360, 3 − 0.5/(√1.75 + 1) = 2.7847496, 1 − 0.25/2 = 0.875.
        var step = First(ServerOptimizerNames.FedAdam);

        AssertClose([0.375f, 1f, 0.5f], step.Momentum.Find("p")!.FloatData!);
        AssertClose([0.890625f, 1.75f, 1f], step.SecondMoment!.Find("p")!.FloatData!);
        AssertClose([1.6535360f, 2.7847496f, 0.875f], step.Global.Find("p")!.FloatData!);
    }

    [Fact]
    public void One_fedyogi_step_is_the_hand_computation()
    {
        // v = 1 − 0.25·g²·sign(1 − g²) = [1 − 0.140625, 1 + 1, 1 (sign 0)] = [0.859375, 2, 1];
        // 1.75 − 0.1875/(√0.859375 + 1) = 1.6526997, 3 − 0.5/(√2 + 1) = 2.7928932, 0.875.
        var step = First(ServerOptimizerNames.FedYogi);

        AssertClose([0.375f, 1f, 0.5f], step.Momentum.Find("p")!.FloatData!);
        AssertClose([0.859375f, 2f, 1f], step.SecondMoment!.Find("p")!.FloatData!);
        AssertClose([1.6526997f, 2.7928932f, 0.875f], step.Global.Find("p")!.FloatData!);
    }

    [Fact]
    public void One_fedadagrad_step_is_the_hand_computation()
    {
        // v = 1 + g² = [1.5625, 5, 2] (β₂ plays no part); 1.75 − 0.1875/(1.25 + 1) = 1.6666667,
        // 3 − 0.5/(√5 + 1) = 2.8454915, 1 − 0.25/(√2 + 1) = 0.8964466.
        var step = First(ServerOptimizerNames.FedAdagrad);

        AssertClose([0.375f, 1f, 0.5f], step.Momentum.Find("p")!.FloatData!);
        AssertClose([1.5625f, 5f, 2f], step.SecondMoment!.Find("p")!.FloatData!);
        AssertClose([1.6666667f, 2.8454915f, 0.8964466f], step.Global.Find("p")!.FloatData!);
    }

    [Fact]
    public void The_second_fedadam_step_continues_from_the_first_steps_moments()
    {
        // Third coordinate after step 1: x = 0.875, m = 0.5, v = 1. A new average 0.375 gives g = 0.5:
        // m = 0.5·0.5 + 0.5·0.5 = 0.5, v = 0.75·1 + 0.25·0.25 = 0.8125, x = 0.875 − 0.5·0.5/(√0.8125 + 1) = 0.7435171.
        var options = Options with { Optimizer = ServerOptimizerNames.FedAdam };
        var first = First(ServerOptimizerNames.FedAdam);
        float[] x = first.Global.Find("p")!.FloatData!;

        var second = ServerOptimizer.Step(first.Global, Weights([x[0], x[1], 0.375f], 9), first.Momentum, first.SecondMoment, options);

        Assert.Equal(0.5f, second.Momentum.Find("p")!.FloatData![2], 1e-6f);
        Assert.Equal(0.8125f, second.SecondMoment!.Find("p")!.FloatData![2], 1e-6f);
        Assert.Equal(0.7435171f, second.Global.Find("p")!.FloatData![2], 1e-6f);

        // A coordinate whose clients agree with the server (g = 0) still moves: the momentum carries it.
        // m = 0.5·0.375 = 0.1875, v = 0.75·0.890625 = 0.66796875, x = 1.6535360 − 0.5·0.1875/(√0.66796875 + 1) = 1.6019482.
        Assert.Equal(1.6019482f, second.Global.Find("p")!.FloatData![0], 1e-6f);
    }

    [Fact]
    public void Buffers_take_the_average_unchanged()
    {
        var step = First(ServerOptimizerNames.FedYogi);

        // The global's buffers were 3 and the average's 7.
        Assert.Equal([7f], step.Global.Find("bn.running_mean")!.FloatData!);
        Assert.Equal([7L], step.Global.Find("bn.num_batches_tracked")!.IntegerData!);
        Assert.All(step.SecondMoment!.Tensors, t => Assert.Equal(WeightKind.Parameter, t.Kind));
    }

    [Fact]
    public void Adaptive_state_that_is_missing_half_or_belongs_to_fedavg_is_refused()
    {
        var first = First(ServerOptimizerNames.FedAdam);
        var adam = Options with { Optimizer = ServerOptimizerNames.FedAdam };
        var global = first.Global;

        Assert.Throws<ArgumentException>(() => ServerOptimizer.Step(global, global, first.Momentum, adam));
        Assert.Throws<ArgumentException>(() => ServerOptimizer.Step(global, global, first.Momentum, null, adam));
        Assert.Throws<ArgumentException>(() => ServerOptimizer.Step(global, global, first.Momentum, first.SecondMoment, new ServerOptimizerOptions { Momentum = 0.9 }));
    }

    [Fact]
    public void Fedavg_keeps_no_second_moment() =>
        Assert.Null(ServerOptimizer.Step(Weights([1, 2, 3], 1), Weights([0, 0, 0], 1), null, new ServerOptimizerOptions { Momentum = 0.5 }).SecondMoment);

    [Theory]
    [InlineData(nameof(ServerOptimizerOptions.Optimizer))]
    [InlineData(nameof(ServerOptimizerOptions.Momentum))]
    [InlineData(nameof(ServerOptimizerOptions.Beta1))]
    [InlineData(nameof(ServerOptimizerOptions.Beta2))]
    [InlineData(nameof(ServerOptimizerOptions.Tau))]
    public void An_invalid_field_is_named(string field)
    {
        var adam = new ServerOptimizerOptions { Optimizer = ServerOptimizerNames.FedAdam };
        var options = field switch
        {
            nameof(ServerOptimizerOptions.Optimizer) => adam with { Optimizer = "fedsgd" },
            // Momentum belongs to FedAvgM; an adaptive optimiser with it would silently ignore it.
            nameof(ServerOptimizerOptions.Momentum) => adam with { Momentum = 0.9 },
            nameof(ServerOptimizerOptions.Beta1) => adam with { Beta1 = 1 },
            nameof(ServerOptimizerOptions.Beta2) => adam with { Beta2 = -0.1 },
            _ => adam with { Tau = 0 },
        };

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_for_every_optimizer()
    {
        foreach (string name in ServerOptimizerNames.All)
        {
            new ServerOptimizerOptions { Optimizer = name }.Validate();
        }
    }

    private static ServerStep First(string optimizer) =>
        ServerOptimizer.Step(Weights([1.75f, 3, 1], 3), Weights([1, 1, 0], 7), null, null, Options with { Optimizer = optimizer });

    private static ModelWeights Weights(float[] p, long batches) => new("m",
    [
        WeightTensor.FromFloats("p", [p.Length], WeightKind.Parameter, p),
        WeightTensor.FromFloats("bn.running_mean", [1], WeightKind.FloatBuffer, [batches]),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [batches]),
    ]);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"Index {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }
}
