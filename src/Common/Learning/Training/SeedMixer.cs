namespace FedAvg.Common.Training;

/// <summary>
/// Derives independent seeds from a run seed with SplitMix64 steps, so each (round, client) and each use of
/// randomness within it gets its own stream while the whole run stays reproducible from one number. The values
/// are part of the reproducibility contract: changing this function changes every run.
/// </summary>
public static class SeedMixer
{
    /// <summary>The seed for <paramref name="client"/>'s training in <paramref name="round"/>.</summary>
    public static long Mix(long runSeed, int round, int client)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfNegative(client);
        ulong state = SplitMix64(unchecked((ulong)runSeed));
        state = SplitMix64(state ^ (uint)round);
        state = SplitMix64(state ^ (uint)client);
        return unchecked((long)state);
    }

    /// <summary>A seed for one purpose (<paramref name="stream"/>: shuffling, augmentation, ...) under <paramref name="seed"/>.</summary>
    public static long Derive(long seed, long stream) =>
        unchecked((long)SplitMix64(SplitMix64(unchecked((ulong)seed)) ^ unchecked((ulong)stream)));

    /// <summary>A seed for <see cref="Random"/>, which takes 32 bits.</summary>
    internal static int ToRandomSeed(long seed) => unchecked((int)(seed ^ (seed >>> 32)));

    private static ulong SplitMix64(ulong x)
    {
        unchecked
        {
            ulong z = x + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
