namespace FedAvg.Common.Partitioning;

/// <summary>
/// A seeded xoshiro256** generator (state filled by SplitMix64) that gives the same sequence on every
/// runtime and platform, unlike <see cref="Random"/>, whose algorithm .NET may change. Integer and
/// uniform draws are bit-exact everywhere; <see cref="Normal"/> and <see cref="Gamma"/> also call
/// <see cref="Math.Log"/> and <see cref="Math.Pow"/>, which the IEEE standard does not require to be
/// correctly rounded, so in principle they may differ in the last bit across C libraries.
/// Not thread-safe; not for security.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    public DeterministicRandom(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1), a multiple of 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on 0 .. <paramref name="maxExclusive"/> - 1, without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        // Lemire's multiply-shift with rejection of the biased low range.
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold)
            {
                return (int)high;
            }
        }
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Standard normal (mean 0, variance 1), by Marsaglia's polar method.</summary>
    public double Normal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>
    /// Gamma(<paramref name="shape"/>, scale 1) by Marsaglia and Tsang (2000). For shape &lt; 1 it draws
    /// Gamma(shape + 1) times U^(1/shape); for very small shapes that product can underflow to 0.
    /// </summary>
    public double Gamma(double shape)
    {
        if (!double.IsFinite(shape) || shape <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The Gamma shape must be positive and finite.");
        }

        if (shape < 1)
        {
            return GammaAtLeastOne(shape + 1) * Math.Pow(OpenUnit(), 1 / shape);
        }

        return GammaAtLeastOne(shape);
    }

    /// <summary>Uniform on (0, 1]: safe to take the logarithm of.</summary>
    internal double OpenUnit() => 1.0 - NextDouble();

    internal double GammaAtLeastOne(double shape)
    {
        double d = shape - (1.0 / 3);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal();
            double v = 1 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = OpenUnit();
            double x2 = x * x;

            // The cheap squeeze accepts most draws without a logarithm.
            if (u < 1 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
