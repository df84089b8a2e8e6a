using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Applies the clients' average to the global model as a step along the pseudo-gradient g = global − average.
/// FedAvg (FedAvgM): v = momentum·v + g; global −= learningRate·v. FedAdam, FedYogi, FedAdagrad (Reddi et al. 2021,
/// Algorithm 2, without bias correction as there): m = β₁·m + (1 − β₁)·g; v = β₂·v + (1 − β₂)·g² (Adam),
/// v − (1 − β₂)·g²·sign(v − g²) (Yogi) or v + g² (Adagrad); global −= learningRate·m / (√v + τ). The first round starts
/// from m = 0 and v = τ², the smallest start that Algorithm 2 allows.
/// </summary>
public static class ServerOptimizer
{
    /// <summary>A FedAvg (FedAvgM) step, or an adaptive optimiser's first step (which has no state yet).</summary>
    /// <param name="global">The global model the clients started this round from.</param>
    /// <param name="average">The clients' aggregate (<see cref="FedAvgAggregator.Average(IReadOnlyList{ClientUpdate})"/> or a robust one).</param>
    /// <param name="momentum">The buffer returned by the previous round's step, or null in the first round (zeros).</param>
    /// <exception cref="ArgumentException">An adaptive optimiser given a momentum but no second moment: use the overload that takes both.</exception>
    public static ServerStep Step(ModelWeights global, ModelWeights average, ModelWeights? momentum, ServerOptimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsAdaptive && momentum is not null)
        {
            throw new ArgumentException($"{options.Optimizer} keeps a second moment beside the first; pass the previous step's {nameof(ServerStep.SecondMoment)} too.", nameof(momentum));
        }

        return Step(global, average, momentum, null, options);
    }

    /// <param name="momentum">The previous step's <see cref="ServerStep.Momentum"/>, or null in the first round.</param>
    /// <param name="secondMoment">The previous step's <see cref="ServerStep.SecondMoment"/> (adaptive optimisers only), or null in the first round.</param>
    /// <exception cref="AggregationException">The average or a state buffer has another layout than the global model.</exception>
    /// <exception cref="ArgumentException">Invalid options, or a state that does not belong to the optimiser.</exception>
    public static ServerStep Step(ModelWeights global, ModelWeights average, ModelWeights? momentum, ModelWeights? secondMoment, ServerOptimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(average);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckLayout(global, average, "the average");
        if (!options.IsAdaptive && secondMoment is not null)
        {
            throw new ArgumentException($"{options.Optimizer} keeps no second moment.", nameof(secondMoment));
        }

        if (options.IsAdaptive && (momentum is null) != (secondMoment is null))
        {
            throw new ArgumentException($"{options.Optimizer} needs both moments from the previous step, or neither in the first round.", nameof(secondMoment));
        }

        var parameters = new ModelWeights(global.Architecture, global.Tensors.Where(t => t.Kind == WeightKind.Parameter));
        if (momentum is not null)
        {
            CheckLayout(parameters, momentum, "the momentum buffer");
        }

        if (secondMoment is not null)
        {
            CheckLayout(parameters, secondMoment, "the second moment");
        }

        var newGlobal = new List<WeightTensor>(global.Tensors.Count);
        var newMomentum = new List<WeightTensor>(parameters.Tensors.Count);
        var newSecond = options.IsAdaptive ? new List<WeightTensor>(parameters.Tensors.Count) : null;
        int p = 0;
        for (int t = 0; t < global.Tensors.Count; t++)
        {
            WeightTensor current = global.Tensors[t];
            WeightTensor averaged = average.Tensors[t];
            if (current.Kind != WeightKind.Parameter)
            {
                // BatchNorm statistics are estimates, not optimised quantities: extrapolating them with momentum could
                // even make a running variance negative, so buffers take the clients' average as they are.
                newGlobal.Add(averaged);
                continue;
            }

            float[] gradient = new float[current.ElementCount];
            TensorPrimitives.Subtract(current.FloatData, averaged.FloatData, gradient);
            float[] updated;
            if (newSecond is null)
            {
                float[] velocity = gradient;
                if (momentum is not null)
                {
                    TensorPrimitives.MultiplyAdd(momentum.Tensors[p].FloatData, (float)options.Momentum, velocity, velocity);
                }

                newMomentum.Add(WeightTensor.FromFloats(current.Name, current.Shape, WeightKind.Parameter, velocity));

                // global − 1·(global − average) can differ from average in the last bit; plain FedAvg must not.
                updated = options.IsPlainFedAvg ? averaged.FloatData! : SgdStep(current.FloatData!, velocity, options.LearningRate);
            }
            else
            {
                var (first, second) = AdaptiveMoments(gradient, momentum?.Tensors[p].FloatData, secondMoment?.Tensors[p].FloatData, options);
                newMomentum.Add(WeightTensor.FromFloats(current.Name, current.Shape, WeightKind.Parameter, first));
                newSecond.Add(WeightTensor.FromFloats(current.Name, current.Shape, WeightKind.Parameter, second));
                updated = new float[current.ElementCount];
                AdaptiveStep.Compute(current.FloatData, first, second, (float)options.LearningRate, (float)options.Tau, updated);
            }

            newGlobal.Add(ReferenceEquals(updated, averaged.FloatData) ? averaged : WeightTensor.FromFloats(current.Name, current.Shape, WeightKind.Parameter, updated));
            p++;
        }

        return new ServerStep(
            new ModelWeights(global.Architecture, newGlobal),
            new ModelWeights(global.Architecture, newMomentum),
            newSecond is null ? null : new ModelWeights(global.Architecture, newSecond));
    }

    private static float[] SgdStep(float[] current, float[] velocity, double learningRate)
    {
        float[] updated = new float[current.Length];
        TensorPrimitives.MultiplyAdd(velocity, (float)-learningRate, current, updated);
        return updated;
    }

    /// <summary>This round's first and second moments from the pseudo-gradient (which is overwritten) and the last ones.</summary>
    private static (float[] First, float[] Second) AdaptiveMoments(float[] gradient, float[]? previousFirst, float[]? previousSecond, ServerOptimizerOptions options)
    {
        float[] first = new float[gradient.Length];
        float[] second = new float[gradient.Length];
        if (previousFirst is null)
        {
            // m₋₁ = 0 and v₋₁ = τ².
            second.AsSpan().Fill((float)(options.Tau * options.Tau));
        }
        else
        {
            previousFirst.CopyTo(first, 0);
            previousSecond!.CopyTo(second, 0);
        }

        MomentAverage.Compute(first, gradient, (float)options.Beta1, first);
        float[] squared = gradient;
        TensorPrimitives.Multiply(gradient, gradient, squared);
        switch (options.Optimizer)
        {
            case ServerOptimizerNames.FedAdam:
                MomentAverage.Compute(second, squared, (float)options.Beta2, second);
                break;
            case ServerOptimizerNames.FedYogi:
                YogiSecondMoment.Compute(second, squared, (float)options.Beta2, second);
                break;
            default:
                TensorPrimitives.Add(second, squared, second);
                break;
        }

        return (first, second);
    }

    private static void CheckLayout(ModelWeights expected, ModelWeights actual, string what)
    {
        if (expected.Architecture != actual.Architecture || expected.Tensors.Count != actual.Tensors.Count
            || expected.Tensors.Zip(actual.Tensors).Any(pair => !pair.First.HasSameLayout(pair.Second)))
        {
            throw new AggregationException($"The global model ('{expected.Architecture}', {expected.Tensors.Count} tensors) and {what} ('{actual.Architecture}', {actual.Tensors.Count} tensors) do not have the same tensors.", clientId: null);
        }
    }
}
