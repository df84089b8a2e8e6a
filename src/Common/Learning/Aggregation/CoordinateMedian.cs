namespace FedAvg.Common.Aggregation;

/// <summary>
/// The coordinate-wise median over clients (Yin et al. 2018): destination[i] is the median of inputs[c][start + i]
/// over every client c; with an even number of clients, the midpoint of the two middle values.
/// </summary>
internal static class CoordinateMedian
{
    /// <param name="inputs">Each client's whole tensor; at least one.</param>
    /// <param name="start">Where <paramref name="destination"/> starts in the tensors.</param>
    /// <remarks>
    /// The result does not depend on the clients' order. The midpoint is taken in double and rounded once, so it
    /// cannot overflow even between two values near ±float.MaxValue. NaN sorts below −∞ (as float.CompareTo orders
    /// it), so it would count as the smallest value: callers reject NaN first. An infinity held by fewer than half the
    /// clients does not reach the median. An empty destination is a no-op.
    /// </remarks>
    /// <exception cref="ArgumentException">No clients.</exception>
    public static void Compute(ReadOnlySpan<float[]> inputs, int start, Span<float> destination) =>
        SortedColumns.Reduce(inputs, start, destination, sorted =>
        {
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (float)((sorted[middle - 1] + (double)sorted[middle]) / 2);
        });

    /// <summary>The same over int64 buffers; an even count's midpoint is rounded half away from zero, exactly.</summary>
    public static void Compute(ReadOnlySpan<long[]> inputs, int start, Span<long> destination) =>
        SortedColumns.Reduce(inputs, start, destination, sorted =>
        {
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : IntegerMidpoint(sorted[middle - 1], sorted[middle]);
        });

    /// <summary>The midpoint of two int64 values rounded half away from zero, without overflow.</summary>
    private static long IntegerMidpoint(long a, long b)
    {
        Int128 sum = (Int128)a + b;
        return (long)(sum >= 0 ? (sum + 1) / 2 : (sum - 1) / 2);
    }
}
