using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Training;

/// <summary>
/// SCAFFOLD's server control after a round (Karimireddy et al. 2020, Algorithm 1, line 17):
/// c⁺ = c + (1/N)·Σ_{i∈S} (c_i⁺ − c_i), N being every client of the federation, not only the round's. The deltas are
/// summed as they arrive, in the order given (the aggregation's client order), so memory stays at two models and the
/// result is the same for the same order.
/// </summary>
public sealed class ScaffoldServerControl
{
    private ModelWeights? _first;
    private float[][]? _sums;

    /// <summary>Deltas added so far.</summary>
    public int Count { get; private set; }

    /// <exception cref="ArgumentException">The delta has other tensors than the ones added before.</exception>
    public void Add(ModelWeights delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (_first is null)
        {
            _first = delta;
            _sums = [.. delta.Tensors.Select(t => (float[])t.FloatData!.Clone())];
        }
        else
        {
            CheckLayout(_first, delta, nameof(delta));
            for (int i = 0; i < _sums!.Length; i++)
            {
                TensorPrimitives.Add(_sums[i], delta.Tensors[i].FloatData, _sums[i]);
            }
        }

        Count++;
    }

    /// <summary>c⁺ from the previous control (null in the first round: zeros) and the deltas added.</summary>
    /// <param name="clients">N, the federation's clients: at least the deltas added.</param>
    /// <exception cref="InvalidOperationException">No delta was added.</exception>
    /// <exception cref="ArgumentException">The previous control has other tensors than the deltas, or N is too small.</exception>
    public ModelWeights Result(ModelWeights? previous, int clients)
    {
        if (_first is null)
        {
            throw new InvalidOperationException("The server control moves by the deltas of the round's clients; none was added.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(clients, Count);
        if (previous is not null)
        {
            CheckLayout(_first, previous, nameof(previous));
        }

        float scale = (float)(1.0 / clients);
        return new ModelWeights(_first.Architecture, _first.Tensors.Select((t, i) =>
        {
            float[] result = new float[t.ElementCount];
            if (previous is null)
            {
                TensorPrimitives.Multiply(_sums![i], scale, result);
            }
            else
            {
                TensorPrimitives.MultiplyAdd(_sums![i], scale, previous.Tensors[i].FloatData, result);
            }

            return WeightTensor.FromFloats(t.Name, (long[])t.Shape.Clone(), WeightKind.Parameter, result);
        }));
    }

    private static void CheckLayout(ModelWeights expected, ModelWeights actual, string parameter)
    {
        if (expected.Tensors.Count != actual.Tensors.Count || expected.Tensors.Zip(actual.Tensors).Any(pair => !pair.First.HasSameLayout(pair.Second)))
        {
            throw new ArgumentException($"Control variates must all have the same tensors: {actual.Tensors.Count} given, {expected.Tensors.Count} expected.", parameter);
        }
    }
}
