using System.Numerics.Tensors;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// An exponential moving average, element by element: destination = decay·previous + (1 − decay)·value, as the
/// adaptive server optimisers keep their first moment (of the pseudo-gradient) and FedAdam its second (of its square).
/// </summary>
internal static class MomentAverage
{
    /// <param name="previous">The moment so far; <paramref name="destination"/> may be this very span (an update in place).</param>
    /// <param name="value">This round's value; must not overlap <paramref name="destination"/>.</param>
    /// <param name="decay">In [0, 1): 0 forgets the past.</param>
    /// <remarks>
    /// Empty spans are a no-op. A NaN in either input gives NaN there, and an infinity gives that infinity (or NaN
    /// against the opposite one). Finite inputs stay finite unless both lie within an ulp of ±float.MaxValue, where the
    /// two float-rounded weights can add up to a hair over 1 and the sum rounds to infinity.
    /// </remarks>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<float> previous, ReadOnlySpan<float> value, float decay, Span<float> destination)
    {
        if (previous.Length != destination.Length || value.Length != destination.Length)
        {
            throw new ArgumentException($"The moment ({previous.Length}), the value ({value.Length}) and the destination ({destination.Length}) must have one length.", nameof(destination));
        }

        // The previous moment is read before it is overwritten, so the update may run in place.
        TensorPrimitives.Multiply(previous, decay, destination);
        TensorPrimitives.MultiplyAdd(value, (float)(1.0 - decay), destination, destination);
    }
}
