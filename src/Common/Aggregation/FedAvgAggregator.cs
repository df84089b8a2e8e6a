using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Federated averaging (McMahan et al., 2017): the new global model is the mean of the clients' weights, each
/// client weighted by its number of training samples. Every update is checked before anything is averaged.
/// </summary>
public static class FedAvgAggregator
{
    /// <exception cref="AggregationException">
    /// No updates, a non-positive sample count, a different architecture or tensor layout, or a NaN/infinite value.
    /// </exception>
    public static ModelWeights Average(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        Validate(updates);

        long totalSamples = 0;
        foreach (ClientUpdate update in updates)
        {
            totalSamples = checked(totalSamples + update.Samples);
        }

        // Weights as floats so the accumulation stays in float32 SIMD. A single client gets exactly 1f, which
        // keeps its weights bit-identical.
        float[] shares = [.. updates.Select(u => (float)((double)u.Samples / totalSamples))];
        ModelWeights reference = updates[0].Weights;
        var averaged = new WeightTensor[reference.Tensors.Count];
        for (int t = 0; t < averaged.Length; t++)
        {
            WeightTensor layout = reference.Tensors[t];
            averaged[t] = layout.IsFloat
                ? WeightTensor.FromFloats(layout.Name, (long[])layout.Shape.Clone(), layout.Kind, WeightedMean(updates, t, shares))
                : WeightTensor.FromIntegers(layout.Name, (long[])layout.Shape.Clone(), RoundedWeightedMean(updates, t, totalSamples));
        }

        return new ModelWeights(reference.Architecture, averaged);
    }

    private static float[] WeightedMean(IReadOnlyList<ClientUpdate> updates, int tensor, float[] shares)
    {
        var accumulator = new float[updates[0].Weights.Tensors[tensor].ElementCount];
        TensorPrimitives.Multiply(updates[0].Weights.Tensors[tensor].FloatData, shares[0], accumulator);
        for (int c = 1; c < updates.Count; c++)
        {
            TensorPrimitives.MultiplyAdd(updates[c].Weights.Tensors[tensor].FloatData, shares[c], accumulator, accumulator);
        }

        return accumulator;
    }

    /// <summary>
    /// Integer buffers are BatchNorm's num_batches_tracked. We take the sample-weighted mean rounded to the nearest
    /// integer rather than the maximum: the running statistics beside it are a weighted mean too, so the count
    /// then describes the averaged statistics the same way; and it is bit-exact for a single client.
    /// (The count only matters to BatchNorm with momentum = null, which our models do not use.)
    /// </summary>
    private static long[] RoundedWeightedMean(IReadOnlyList<ClientUpdate> updates, int tensor, long totalSamples)
    {
        var result = new long[updates[0].Weights.Tensors[tensor].ElementCount];
        for (int i = 0; i < result.Length; i++)
        {
            Int128 sum = 0;
            foreach (ClientUpdate update in updates)
            {
                sum += (Int128)update.Weights.Tensors[tensor].IntegerData![i] * update.Samples;
            }

            // Round half away from zero, exactly, in integers.
            Int128 half = totalSamples / 2;
            result[i] = (long)(sum >= 0 ? (sum + half) / totalSamples : (sum - half) / totalSamples);
        }

        return result;
    }

    private static void Validate(IReadOnlyList<ClientUpdate> updates)
    {
        if (updates.Count == 0)
        {
            throw new AggregationException("There are no client updates to average.", clientId: null);
        }

        ModelWeights? reference = null;
        string? referenceClient = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClientUpdate update in updates)
        {
            if (update is null)
            {
                throw new AggregationException("A client update is null.", clientId: null);
            }

            string client = update.ClientId;
            if (string.IsNullOrWhiteSpace(client) || update.Weights is null)
            {
                throw new AggregationException($"Client update '{client}' has no client id or no weights.", client);
            }

            if (!seen.Add(client))
            {
                throw new AggregationException($"Client '{client}' sent more than one update.", client);
            }

            if (update.Samples <= 0)
            {
                throw new AggregationException($"Client '{client}' reports {update.Samples} samples; a client needs at least one to be averaged.", client);
            }

            ModelWeights weights = update.Weights;
            if (reference is null)
            {
                reference = weights;
                referenceClient = client;
            }
            else
            {
                CheckLayout(reference, referenceClient!, weights, client);
            }

            foreach (WeightTensor tensor in weights.Tensors)
            {
                if (tensor.FloatData is { } values && !TensorPrimitives.IsFiniteAll<float>(values))
                {
                    int at = Array.FindIndex(values, v => !float.IsFinite(v));
                    throw new AggregationException($"Client '{client}' sent {values[at]} in tensor '{tensor.Name}' at index {at}; its training diverged.", client);
                }
            }
        }
    }

    private static void CheckLayout(ModelWeights reference, string referenceClient, ModelWeights weights, string client)
    {
        if (weights.Architecture != reference.Architecture)
        {
            throw new AggregationException($"Client '{client}' sent weights of architecture '{weights.Architecture}', but client '{referenceClient}' sent '{reference.Architecture}'.", client);
        }

        if (weights.Tensors.Count != reference.Tensors.Count)
        {
            throw new AggregationException($"Client '{client}' sent {weights.Tensors.Count} tensors, but client '{referenceClient}' sent {reference.Tensors.Count}.", client);
        }

        for (int t = 0; t < reference.Tensors.Count; t++)
        {
            WeightTensor expected = reference.Tensors[t];
            WeightTensor actual = weights.Tensors[t];
            if (!expected.HasSameLayout(actual))
            {
                throw new AggregationException($"Client '{client}' sent tensor '{actual.Name}' {actual.Kind} {actual.ShapeText} where client '{referenceClient}' sent '{expected.Name}' {expected.Kind} {expected.ShapeText}.", client);
            }
        }
    }
}
