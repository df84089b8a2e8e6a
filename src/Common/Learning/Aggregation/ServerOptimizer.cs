using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Applies the clients' average to the global model as a pseudo-gradient step with server momentum (FedAvgM):
/// delta = global − average; v = momentum·v + delta; global −= learningRate·v.
/// </summary>
public static class ServerOptimizer
{
    /// <param name="global">The global model the clients started this round from.</param>
    /// <param name="average">The clients' <see cref="FedAvgAggregator.Average"/>.</param>
    /// <param name="momentum">The buffer returned by the previous round's step, or null in the first round (zeros).</param>
    public static ServerStep Step(ModelWeights global, ModelWeights average, ModelWeights? momentum, ServerOptimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(average);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckLayout(global, average, "the average");

        var parameters = global.Tensors.Where(t => t.Kind == WeightKind.Parameter).ToList();
        if (momentum is not null)
        {
            CheckLayout(new ModelWeights(global.Architecture, parameters), momentum, "the momentum buffer");
        }

        var newGlobal = new List<WeightTensor>(global.Tensors.Count);
        var newMomentum = new List<WeightTensor>(parameters.Count);
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

            float[] velocity = new float[current.ElementCount];
            TensorPrimitives.Subtract(current.FloatData, averaged.FloatData, velocity);
            if (momentum is not null)
            {
                TensorPrimitives.MultiplyAdd(momentum.Tensors[p].FloatData, (float)options.Momentum, velocity, velocity);
            }

            newMomentum.Add(WeightTensor.FromFloats(current.Name, current.Shape, WeightKind.Parameter, velocity));
            if (options.IsPlainFedAvg)
            {
                // global − 1·(global − average) can differ from average in the last bit; plain FedAvg must not.
                newGlobal.Add(averaged);
            }
            else
            {
                float[] updated = new float[current.ElementCount];
                TensorPrimitives.MultiplyAdd(velocity, (float)-options.LearningRate, current.FloatData, updated);
                newGlobal.Add(WeightTensor.FromFloats(current.Name, current.Shape, WeightKind.Parameter, updated));
            }

            p++;
        }

        return new ServerStep(new ModelWeights(global.Architecture, newGlobal), new ModelWeights(global.Architecture, newMomentum));
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
