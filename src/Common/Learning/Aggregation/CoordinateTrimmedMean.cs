namespace FedAvg.Common.Aggregation;

/// <summary>
/// The coordinate-wise β-trimmed mean over clients (Yin et al. 2018): at every coordinate the <c>trim</c> smallest and
/// <c>trim</c> largest client values are dropped and the rest averaged.
/// </summary>
internal static class CoordinateTrimmedMean
{
    /// <param name="inputs">Each client's whole tensor; more than 2·<paramref name="trim"/> of them.</param>
    /// <param name="trim">Values dropped at each end, ⌊β·n⌋.</param>
    /// <param name="start">Where <paramref name="destination"/> starts in the tensors.</param>
    /// <remarks>
    /// The kept values are summed in double in sorted order and rounded once, so the result does not depend on the
    /// clients' order and cannot overflow (it lies between the kept extremes). NaN sorts below −∞ and would be trimmed
    /// as the smallest value: callers reject NaN first. An infinity among the kept values makes the result that
    /// infinity, or NaN beside the opposite one. With trim 0 this is the plain unweighted mean. An empty destination is
    /// a no-op.
    /// </remarks>
    /// <exception cref="ArgumentException">Trimming would leave no value.</exception>
    public static void Compute(ReadOnlySpan<float[]> inputs, int trim, int start, Span<float> destination)
    {
        int kept = Kept(inputs.Length, trim);
        SortedColumns.Reduce(inputs, start, destination, sorted =>
        {
            double sum = 0;
            foreach (float value in sorted.Slice(trim, kept))
            {
                sum += value;
            }

            return (float)(sum / kept);
        });
    }

    /// <summary>The same over int64 buffers, exactly, rounded half away from zero.</summary>
    public static void Compute(ReadOnlySpan<long[]> inputs, int trim, int start, Span<long> destination)
    {
        int kept = Kept(inputs.Length, trim);
        SortedColumns.Reduce(inputs, start, destination, sorted =>
        {
            Int128 sum = 0;
            foreach (long value in sorted.Slice(trim, kept))
            {
                sum += value;
            }

            Int128 half = kept / 2;
            return (long)(sum >= 0 ? (sum + half) / kept : (sum - half) / kept);
        });
    }

    private static int Kept(int clients, int trim)
    {
        if (trim < 0 || clients - (2 * trim) < 1)
        {
            throw new ArgumentException($"Trimming {trim} values at each end of {clients} leaves none to average.", nameof(trim));
        }

        return clients - (2 * trim);
    }
}
