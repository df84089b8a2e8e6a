using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// An aggregator that combines each coordinate of each tensor on its own, over the clients' values there. It is
/// unweighted: a Byzantine client could report any sample count, so counts buy no influence. Every tensor takes part,
/// BatchNorm running statistics too (a median or trimmed mean of variances is still a non-negative variance, and a
/// poisoned statistic is exactly what these aggregators should outvote); num_batches_tracked takes the same statistic
/// in exact integer arithmetic.
/// </summary>
public abstract class CoordinateWiseAggregator : IUpdateAggregator
{
    public abstract string Name { get; }

    public ModelWeights Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        UpdateChecks.ValidateFinite(updates);
        ModelWeights reference = updates[0].Weights;
        var tensors = new List<WeightTensor>(reference.Tensors.Count);
        for (int t = 0; t < reference.Tensors.Count; t++)
        {
            WeightTensor layout = reference.Tensors[t];
            long[] shape = (long[])layout.Shape.Clone();
            if (layout.IsFloat)
            {
                float[][] inputs = [.. updates.Select(u => u.Weights.Tensors[t].FloatData!)];
                float[] result = new float[layout.ElementCount];
                Combine(inputs, result);
                tensors.Add(WeightTensor.FromFloats(layout.Name, shape, layout.Kind, result));
            }
            else
            {
                long[][] inputs = [.. updates.Select(u => u.Weights.Tensors[t].IntegerData!)];
                long[] result = new long[layout.ElementCount];
                Combine(inputs, result);
                tensors.Add(WeightTensor.FromIntegers(layout.Name, shape, result));
            }
        }

        return new ModelWeights(reference.Architecture, tensors);
    }

    /// <summary>Every coordinate of one float tensor, from each client's values.</summary>
    protected abstract void Combine(float[][] inputs, Span<float> destination);

    /// <summary>Every coordinate of one int64 buffer, from each client's values.</summary>
    protected abstract void Combine(long[][] inputs, Span<long> destination);
}
