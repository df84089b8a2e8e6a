using System.Diagnostics;
using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Federated averaging (McMahan et al., 2017): the new global model is the mean of the clients' weights, each
/// client weighted by its number of training samples. Every update's layout is checked before anything is
/// averaged; NaN and infinities are caught in the averaged result, which any of them would poison.
/// </summary>
public static class FedAvgAggregator
{
    /// <summary>
    /// Floats per block (16 KB). A block's running sum stays in L1 while every client's slice of it streams past,
    /// so the sum is written to memory once instead of being read and written back once per client.
    /// </summary>
    internal const int BlockLength = 4096;

    /// <exception cref="AggregationException">
    /// No updates, a non-positive sample count, a different architecture or tensor layout, a NaN/infinite value, or
    /// a weighted mean that overflows float32.
    /// </exception>
    public static ModelWeights Average(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        UpdateChecks.Validate(updates);
        ModelWeights reference = updates[0].Weights;
        var destination = new ModelWeights(reference.Architecture, reference.Tensors.Select(t => t.IsFloat
            ? WeightTensor.FromFloats(t.Name, (long[])t.Shape.Clone(), t.Kind, GC.AllocateUninitializedArray<float>(t.FloatData!.Length))
            : WeightTensor.FromIntegers(t.Name, (long[])t.Shape.Clone(), new long[t.IntegerData!.Length])));
        AverageValidated(updates, destination);
        return destination;
    }

    /// <summary>
    /// The same average, written over <paramref name="destination"/>'s tensors instead of new ones: for a caller
    /// that averages again and again (a simulation, a long-lived server), which then neither allocates nor faults
    /// in a fresh result (2.5 MB for seed-cnn) each time. After an exception its contents are unspecified.
    /// </summary>
    /// <exception cref="AggregationException">As <see cref="Average(IReadOnlyList{ClientUpdate})"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has another layout, or is one of the updates.</exception>
    public static void Average(IReadOnlyList<ClientUpdate> updates, ModelWeights destination)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(destination);
        UpdateChecks.Validate(updates);
        ModelWeights reference = updates[0].Weights;
        if (destination.Architecture != reference.Architecture || destination.Tensors.Count != reference.Tensors.Count
            || reference.Tensors.Where((t, i) => !t.HasSameLayout(destination.Tensors[i])).Any())
        {
            throw new ArgumentException($"The destination must have the layout of the updates' '{reference.Architecture}' weights.", nameof(destination));
        }

        // The failure diagnosis rescans the inputs after the sums are written, so the two must not share memory.
        if (updates.Any(u => u.Weights.Tensors.Where((t, i) => t.FloatData is { } data && ReferenceEquals(data, destination.Tensors[i].FloatData)).Any()))
        {
            throw new ArgumentException("The destination cannot be one of the updates being averaged.", nameof(destination));
        }

        AverageValidated(updates, destination);
    }

    private static void AverageValidated(IReadOnlyList<ClientUpdate> updates, ModelWeights destination)
    {
        long totalSamples = 0;
        foreach (ClientUpdate update in updates)
        {
            totalSamples = checked(totalSamples + update.Samples);
        }

        // Weights as floats so the accumulation stays in float32 SIMD. A single client gets exactly 1f, which
        // keeps its weights bit-identical.
        float[] shares = [.. updates.Select(u => Share(u.Samples, totalSamples))];
        int count = destination.Tensors.Count;
        var means = new float[]?[count];
        var inputs = new float[count][][];
        for (int t = 0; t < count; t++)
        {
            WeightTensor target = destination.Tensors[t];
            if (target.IsFloat)
            {
                means[t] = target.FloatData;
                inputs[t] = [.. updates.Select(u => u.Weights.Tensors[t].FloatData!)];
            }
            else
            {
                RoundedWeightedMean(updates, t, totalSamples, target.IntegerData!);
            }
        }

        if (!WeightedMeans(means, inputs, shares))
        {
            throw NonFinite(updates, destination.Tensors);
        }
    }

    /// <summary>
    /// Fills each float tensor's mean (<paramref name="means"/>[t], null for integer tensors) from the clients'
    /// tensors (<paramref name="inputs"/>[t]) and tells whether every mean is finite.
    /// </summary>
    private static bool WeightedMeans(float[]?[] means, float[][][] inputs, float[] shares)
    {
        var blocks = new List<(int Tensor, int Start)>();
        for (int t = 0; t < means.Length; t++)
        {
            for (int start = 0; start < (means[t]?.Length ?? 0); start += BlockLength)
            {
                blocks.Add((t, start));
            }
        }

        // Blocks are fixed by the tensor, not by the thread count, and each is summed the same way on any thread,
        // so more cores add speed without changing a bit.
        bool allFinite = true;
        Parallel.For(0, blocks.Count, b =>
        {
            (int t, int start) = blocks[b];
            float[] mean = means[t]!;
            Span<float> block = mean.AsSpan(start, Math.Min(BlockLength, mean.Length - start));
            WeightedBlockSum.Compute(block, inputs[t], shares, start);

            // Every share is > 0 (at least 1/long.MaxValue), so a NaN or infinity in any client's slice survives
            // into the sum (Inf·w = Inf, Inf + −Inf = NaN). A finite sum therefore proves the inputs finite, and
            // checking it while it is still in L1 spares a separate pass over every client's weights.
            if (!TensorPrimitives.IsFiniteAll<float>(block))
            {
                allFinite = false;
            }
        });

        return allFinite;
    }

    /// <summary>
    /// Integer buffers are BatchNorm's num_batches_tracked. We take the sample-weighted mean rounded to the nearest
    /// integer rather than the maximum: the running statistics beside it are a weighted mean too, so the count
    /// then describes the averaged statistics the same way; and it is bit-exact for a single client.
    /// (The count only matters to BatchNorm with momentum = null, which our models do not use.)
    /// </summary>
    private static void RoundedWeightedMean(IReadOnlyList<ClientUpdate> updates, int tensor, long totalSamples, long[] result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            Int128 sum = 0;
            foreach (ClientUpdate update in updates)
            {
                sum += (Int128)update.Weights.Tensors[tensor].IntegerData![i] * update.Samples;
            }

            result[i] = RoundedMean(sum, totalSamples);
        }
    }

    /// <summary>
    /// Explains a non-finite mean: the first NaN or infinity in client order, as a client whose training diverged;
    /// failing that, the finite weights overflowed float32 when summed. That needs values near float.MaxValue and
    /// shares whose float rounding adds up to more than 1, so it names no client.
    /// </summary>
    private static AggregationException NonFinite(IReadOnlyList<ClientUpdate> updates, IReadOnlyList<WeightTensor> averaged)
    {
        return UpdateChecks.Diverged(updates)
            ?? Overflowed(averaged)
            ?? throw new UnreachableException("A weighted mean was reported non-finite, but no value in it or its inputs is.");
    }

    /// <summary>
    /// A running fold's mean as weights laid out like <paramref name="reference"/>: the float sums as they are (they already
    /// hold each share), the integer sums divided by the samples and rounded as <see cref="RoundedMean"/> rounds.
    /// </summary>
    /// <exception cref="AggregationException">The float sums overflowed float32 (<see cref="Overflowed"/>).</exception>
    internal static ModelWeights FoldedMean(ModelWeights reference, float[]?[] sums, Int128[]?[] integerSums, long totalSamples)
    {
        var tensors = reference.Tensors.Select((t, i) => t.IsFloat
            ? WeightTensor.FromFloats(t.Name, (long[])t.Shape.Clone(), t.Kind, sums[i]!)
            : WeightTensor.FromIntegers(t.Name, (long[])t.Shape.Clone(), [.. integerSums[i]!.Select(sum => RoundedMean(sum, totalSamples))])).ToList();
        if (Overflowed(tensors) is { } overflow)
        {
            throw overflow;
        }

        return new ModelWeights(reference.Architecture, tensors);
    }

    /// <summary>The first non-finite value of a mean of finite inputs, as an error naming no client; null when there is none.</summary>
    internal static AggregationException? Overflowed(IReadOnlyList<WeightTensor> averaged)
    {
        foreach (WeightTensor tensor in averaged)
        {
            if (UpdateChecks.FirstNonFinite(tensor) is int at)
            {
                return new AggregationException($"The weighted mean of tensor '{tensor.Name}' overflowed to {tensor.FloatData![at]} at index {at}, although every client sent finite values.", clientId: null);
            }
        }

        return null;
    }

    /// <summary>A client's weight in the mean, as float32: what every summation of the sample-weighted mean multiplies by.</summary>
    internal static float Share(long samples, long totalSamples) => (float)((double)samples / totalSamples);

    /// <summary>Round half away from zero, exactly, in integers: the mean of integer buffers.</summary>
    internal static long RoundedMean(Int128 sum, long totalSamples)
    {
        Int128 half = totalSamples / 2;
        return (long)(sum >= 0 ? (sum + half) / totalSamples : (sum - half) / totalSamples);
    }
}
