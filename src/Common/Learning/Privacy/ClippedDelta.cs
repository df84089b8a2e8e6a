namespace FedAvg.Common.Privacy;

/// <summary>
/// A client's change scaled toward the global model: destination = global + scale·(update − global), which with
/// scale = min(1, C/‖update − global‖) is the update clipped to L2 norm C.
/// </summary>
internal static class ClippedDelta
{
    /// <param name="global">The global model's values; must not overlap <paramref name="destination"/>.</param>
    /// <param name="update">The client's values; <paramref name="destination"/> may be this very span.</param>
    /// <param name="scale">In [0, 1].</param>
    /// <remarks>
    /// Each element is computed in double and rounded once: in float, update − global overflows to ±∞ for values of
    /// opposite sign near float.MaxValue, and the clipped value would then be infinite although it lies within C of the
    /// global one. A NaN gives NaN; an infinite input gives ±∞ or NaN (callers reject both first). Empty spans are a no-op.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<float> global, ReadOnlySpan<float> update, double scale, Span<float> destination)
    {
        if (global.Length != destination.Length || update.Length != destination.Length)
        {
            throw new ArgumentException($"The global values ({global.Length}), the update ({update.Length}) and the destination ({destination.Length}) must have one length.", nameof(destination));
        }

        for (int i = 0; i < destination.Length; i++)
        {
            double g = global[i];
            destination[i] = (float)(g + (scale * (update[i] - g)));
        }
    }
}
