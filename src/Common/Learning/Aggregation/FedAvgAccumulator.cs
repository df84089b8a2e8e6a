using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The sample-weighted mean of <see cref="FedAvgAggregator"/>, folded one update at a time, so a round of any number
/// of clients needs the memory of one model plus the update being folded, not of every update at once. Each element
/// is summed as the aggregator sums it (sum = x₀·w₀, then sum = xᵢ·wᵢ + sum in the order updates are added, every
/// product and addition rounded to float32 on its own), so adding the updates in the aggregator's order gives its
/// result bit for bit. The shares need the total number of samples up front: an update rejected on the way makes
/// the sums wrong for the others, so a caller then starts over without it (<see cref="Check"/> finds the rest).
/// </summary>
public sealed class FedAvgAccumulator
{
    private readonly long _totalSamples;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _addedSamples;
    private ModelWeights? _reference;
    private string? _referenceClient;
    private float[]?[]? _sums;
    private Int128[]?[]? _integerSums;

    /// <param name="totalSamples">The samples of every update that will be added: the denominator of each share.</param>
    public FedAvgAccumulator(long totalSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSamples);
        _totalSamples = totalSamples;
    }

    /// <summary>Updates added so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Checks <paramref name="update"/> as <see cref="Add"/> does (a client id not seen before, samples, the first
    /// update's layout, no NaN or infinity) without folding it in.
    /// </summary>
    /// <exception cref="AggregationException">The update cannot be averaged; <see cref="AggregationException.ClientId"/> names it.</exception>
    public void Check(ClientUpdate update)
    {
        UpdateChecks.CheckUpdate(update, _seen);
        if (_reference is null)
        {
            _reference = update.Weights;
            _referenceClient = update.ClientId;
        }
        else
        {
            UpdateChecks.CheckLayout(_reference, _referenceClient!, update.Weights, update.ClientId);
        }

        if (UpdateChecks.Diverged(update) is { } diverged)
        {
            throw diverged;
        }
    }

    /// <summary>Checks <paramref name="update"/> and folds it into the running sums. A rejected update changes nothing.</summary>
    /// <exception cref="AggregationException">As <see cref="Check"/>, or the samples added exceed the total given.</exception>
    public void Add(ClientUpdate update)
    {
        Check(update);
        if (_addedSamples + update.Samples > _totalSamples)
        {
            throw new AggregationException($"Client '{update.ClientId}' brings the samples to {_addedSamples + update.Samples}, more than the {_totalSamples} the mean was set up for.", update.ClientId);
        }

        float share = FedAvgAggregator.Share(update.Samples, _totalSamples);
        var tensors = update.Weights.Tensors;
        if (_sums is null)
        {
            _sums = new float[]?[tensors.Count];
            _integerSums = new Int128[]?[tensors.Count];
            for (int t = 0; t < tensors.Count; t++)
            {
                if (tensors[t].FloatData is { } first)
                {
                    _sums[t] = new float[first.Length];
                    TensorPrimitives.Multiply(first, share, _sums[t]);
                }
                else
                {
                    _integerSums[t] = new Int128[tensors[t].IntegerData!.Length];
                }
            }
        }
        else
        {
            for (int t = 0; t < tensors.Count; t++)
            {
                if (tensors[t].FloatData is { } values)
                {
                    TensorPrimitives.MultiplyAdd(values, share, _sums[t]!, _sums[t]!);
                }
            }
        }

        for (int t = 0; t < tensors.Count; t++)
        {
            if (tensors[t].IntegerData is { } integers)
            {
                Int128[] sum = _integerSums![t]!;
                for (int i = 0; i < integers.Length; i++)
                {
                    sum[i] += (Int128)integers[i] * update.Samples;
                }
            }
        }

        _addedSamples += update.Samples;
        Count++;
    }

    /// <summary>
    /// The running sums of the updates added so far, for a fan-in tree: a group's share of the mean, its float tensors
    /// Σ xᵢ·wᵢ (wᵢ the share of the whole round, as <see cref="Add"/> folds them) and its integer buffers Σ xᵢ·samplesᵢ.
    /// <see cref="FedAvgPartialSums"/> adds the groups' sums up into the round's mean.
    /// </summary>
    /// <exception cref="AggregationException">Nothing was added, or an integer sum does not fit 64 bits.</exception>
    public ModelWeights PartialSums()
    {
        if (_reference is null || _sums is null)
        {
            throw new AggregationException("There are no client updates to sum.", clientId: null);
        }

        var tensors = _reference.Tensors.Select((t, i) => t.IsFloat
            ? WeightTensor.FromFloats(t.Name, (long[])t.Shape.Clone(), t.Kind, (float[])_sums[i]!.Clone())
            : WeightTensor.FromIntegers(t.Name, (long[])t.Shape.Clone(), [.. _integerSums![i]!.Select(sum => ToInt64(t.Name, sum))])).ToList();
        return new ModelWeights(_reference.Architecture, tensors);
    }

    /// <summary>The mean of the updates added, which must hold every sample the accumulator was set up for.</summary>
    /// <exception cref="AggregationException">Nothing was added, samples are missing, or the mean overflows float32.</exception>
    public ModelWeights Mean()
    {
        if (_reference is null || _sums is null)
        {
            throw new AggregationException("There are no client updates to average.", clientId: null);
        }

        if (_addedSamples != _totalSamples)
        {
            throw new InvalidOperationException($"The mean was set up for {_totalSamples} samples, but the updates added hold {_addedSamples}.");
        }

        return FedAvgAggregator.FoldedMean(_reference, _sums!, _integerSums!, _totalSamples);
    }

    private static long ToInt64(string tensor, Int128 sum) =>
        sum >= long.MinValue && sum <= long.MaxValue
            ? (long)sum
            : throw new AggregationException($"The sample-weighted sum of integer tensor '{tensor}' does not fit 64 bits ({sum}).", clientId: null);
}
