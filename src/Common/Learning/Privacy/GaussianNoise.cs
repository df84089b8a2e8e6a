using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Privacy;

/// <summary>destination = values + N(0, std²) per element, drawn in order from a seeded generator.</summary>
internal static class GaussianNoise
{
    /// <param name="values">The clean values; <paramref name="destination"/> may be this very span.</param>
    /// <param name="std">≥ 0. At 0 the values are copied and nothing is drawn.</param>
    /// <remarks>
    /// The same generator state gives the same noise on every machine, up to the last bit of the logarithm in the polar
    /// method (<see cref="DeterministicRandom.Normal"/>). The draw is made in double and added in float. A NaN value stays
    /// NaN; a value within a noise's width of ±float.MaxValue can round to ±∞. Empty spans are a no-op.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length, or std is negative or not finite.</exception>
    public static void Compute(ReadOnlySpan<float> values, double std, DeterministicRandom random, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (values.Length != destination.Length)
        {
            throw new ArgumentException($"The values ({values.Length}) and the destination ({destination.Length}) must have one length.", nameof(destination));
        }

        if (!(double.IsFinite(std) && std >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "The noise's standard deviation must be finite and ≥ 0.");
        }

        if (std == 0)
        {
            values.CopyTo(destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = values[i] + (float)(std * random.Normal());
        }
    }
}
