using System.Numerics.Tensors;

namespace FedAvg.Common.Adversaries;

/// <summary>destination = origin + factor · (values − origin): a change from <c>origin</c> stretched, or reversed by a negative factor.</summary>
internal static class ScaledChange
{
    /// <remarks>
    /// Element by element, each subtraction, product and sum rounded to float32 on its own, so the bits do not depend on
    /// the machine's vector width. Factor 1 gives <c>values</c> back up to the rounding of (v − o) + o. NaN stays NaN; a
    /// large factor can overflow to ±∞, which aggregation then rejects as it rejects any diverged update. Empty spans
    /// are a no-op. <paramref name="destination"/> may be <paramref name="values"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<float> origin, ReadOnlySpan<float> values, float factor, Span<float> destination)
    {
        if (origin.Length != values.Length || values.Length != destination.Length)
        {
            throw new ArgumentException($"The origin ({origin.Length}), values ({values.Length}) and destination ({destination.Length}) must have one length.", nameof(destination));
        }

        TensorPrimitives.Subtract(values, origin, destination);
        TensorPrimitives.MultiplyAdd(destination, factor, origin, destination);
    }
}
