namespace FedAvg.Common.Aggregation;

/// <summary>
/// Σ (a[i] − b[i])², accumulated in double: Krum's distance between two updates, and (against the global model) the
/// squared L2 norm of a client's change.
/// </summary>
internal static class SquaredDistance
{
    /// <remarks>
    /// Four double accumulators in a fixed order give the same bits on every machine, whatever its vector width (a
    /// float TensorPrimitives sum would not, and a near tie between two Krum scores could then go either way). Finite
    /// float inputs cannot overflow: each square is below 4.7e77. A NaN, or an infinity (also ∞ − ∞), gives NaN or +∞.
    /// Empty spans give 0.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The two vectors have {a.Length} and {b.Length} values.", nameof(b));
        }

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= a.Length; i += 4)
        {
            double d0 = (double)a[i] - b[i];
            double d1 = (double)a[i + 1] - b[i + 1];
            double d2 = (double)a[i + 2] - b[i + 2];
            double d3 = (double)a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }

        for (; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            s0 += d * d;
        }

        return (s0 + s1) + (s2 + s3);
    }
}
