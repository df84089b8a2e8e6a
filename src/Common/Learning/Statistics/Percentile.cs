namespace FedAvg.Common.Statistics;

/// <summary>
/// The <c>fraction</c>-quantile of a sample by linear interpolation between the closest ranks (Hyndman and Fan's
/// type 7, numpy's and R's default): with the n values sorted, rank h = (n − 1)·fraction, and the value between
/// sorted[⌊h⌋] and sorted[⌊h⌋ + 1] at h's fractional part. Fraction 0 is the minimum, 1 the maximum, 0.5 the median.
/// </summary>
public static class Percentile
{
    /// <remarks>
    /// Empty values give NaN (no sample, no quantile), and so does any NaN among them: a NaN has no rank, and silently
    /// dropping it would report a distribution of fewer clients than were measured. Between a finite value and an
    /// infinity the result is that infinity, between −∞ and +∞ NaN. The values are copied, not reordered, so the result
    /// does not depend on their order.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1] or NaN.</exception>
    public static double Compute(ReadOnlySpan<double> values, double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A quantile's fraction must be in [0, 1].");
        }

        foreach (double value in values)
        {
            if (double.IsNaN(value))
            {
                return double.NaN;
            }
        }

        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        double rank = (sorted.Length - 1) * fraction;
        int below = Math.Min((int)Math.Floor(rank), sorted.Length - 1);
        double weight = rank - below;
        double low = sorted[below];
        if (weight == 0)
        {
            return low;
        }

        double high = sorted[below + 1];
        if (double.IsInfinity(low) || double.IsInfinity(high))
        {
            // low + weight·(high − low) would be ∞ − ∞ even where one infinity dominates.
            return double.IsInfinity(low) && double.IsInfinity(high) && low != high ? double.NaN : double.IsInfinity(low) ? low : high;
        }

        // Equal neighbours return themselves exactly; low + weight·(high − low) stays within [low, high].
        return low == high ? low : low + (weight * (high - low));
    }
}
