using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The root of a fan-in tree: the sample-weighted mean of a round from its groups' <see cref="FedAvgAccumulator.PartialSums"/>,
/// added in group order (sum = p₀, then sum = pᵍ + sum, each addition rounded to float32), so a round gives the same mean
/// bit for bit whenever it is split into the same groups. The groups' sums round differently from one flat fold, so the
/// mean differs from <see cref="FedAvgAggregator"/>'s in the last bits; integer buffers are summed exactly and agree.
/// Memory is one model plus the partial being added, whatever the number of groups.
/// </summary>
public sealed class FedAvgPartialSums
{
    private readonly long _totalSamples;
    private long _addedSamples;
    private ModelWeights? _reference;
    private float[]?[]? _sums;
    private Int128[]?[]? _integerSums;

    /// <param name="totalSamples">The samples of every update behind the partials: the round's, which their shares were taken of.</param>
    public FedAvgPartialSums(long totalSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSamples);
        _totalSamples = totalSamples;
    }

    /// <summary>Partials added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a group's sums.</summary>
    /// <param name="partial">The group's <see cref="FedAvgAccumulator.PartialSums"/>, taken with this round's total samples.</param>
    /// <param name="samples">The samples of the group's updates.</param>
    /// <exception cref="AggregationException">The partial's layout differs from the first one's, or the samples exceed the total.</exception>
    public void Add(ModelWeights partial, long samples)
    {
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        if (_addedSamples + samples > _totalSamples)
        {
            throw new AggregationException($"Partial sum {Count} brings the samples to {_addedSamples + samples}, more than the {_totalSamples} of the round.", clientId: null);
        }

        var tensors = partial.Tensors;
        if (_reference is null)
        {
            _reference = partial;
            _sums = [.. tensors.Select(t => t.FloatData is { } values ? (float[])values.Clone() : null)];
            _integerSums = [.. tensors.Select(t => t.IntegerData is { } values ? values.Select(v => (Int128)v).ToArray() : null)];
        }
        else
        {
            if (partial.Architecture != _reference.Architecture || tensors.Count != _reference.Tensors.Count
                || tensors.Where((t, i) => !t.HasSameLayout(_reference.Tensors[i])).Any())
            {
                throw new AggregationException($"Partial sum {Count} has another layout than the first one.", clientId: null);
            }

            for (int t = 0; t < tensors.Count; t++)
            {
                if (tensors[t].FloatData is { } values)
                {
                    TensorPrimitives.Add(values, _sums![t]!, _sums[t]!);
                }
                else
                {
                    Int128[] sum = _integerSums![t]!;
                    long[] integers = tensors[t].IntegerData!;
                    for (int i = 0; i < integers.Length; i++)
                    {
                        sum[i] += integers[i];
                    }
                }
            }
        }

        _addedSamples += samples;
        Count++;
    }

    /// <summary>The round's mean, once every group's partial is in.</summary>
    /// <exception cref="AggregationException">Nothing was added, or the mean overflows float32.</exception>
    public ModelWeights Mean()
    {
        if (_reference is null)
        {
            throw new AggregationException("There are no partial sums to combine.", clientId: null);
        }

        if (_addedSamples != _totalSamples)
        {
            throw new InvalidOperationException($"The mean was set up for {_totalSamples} samples, but the partials added hold {_addedSamples}.");
        }

        return FedAvgAggregator.FoldedMean(_reference, _sums!, _integerSums!, _totalSamples);
    }
}
