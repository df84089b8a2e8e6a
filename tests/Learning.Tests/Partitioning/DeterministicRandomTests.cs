using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Tests.Partitioning;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void Seed_zero_matches_reference_splitmix64_then_xoshiro256_star_star()
    {
        // From the reference C algorithms (xoshiro256** state filled by four SplitMix64 outputs of seed 0).
        var random = new DeterministicRandom(0);

        Assert.Equal(11091344671253066420UL, random.NextUInt64());
        Assert.Equal(13793997310169335082UL, random.NextUInt64());
        Assert.Equal(1900383378846508768UL, random.NextUInt64());
    }

    [Fact]
    public void Same_seed_same_sequence_and_different_seed_different_sequence()
    {
        ulong[] a = Draw(new DeterministicRandom(42));
        ulong[] b = Draw(new DeterministicRandom(42));
        ulong[] c = Draw(new DeterministicRandom(43));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);

        static ulong[] Draw(DeterministicRandom random) => [.. Enumerable.Range(0, 8).Select(_ => random.NextUInt64())];
    }

    [Fact]
    public void NextDouble_stays_in_the_half_open_unit_interval_with_mean_one_half()
    {
        var random = new DeterministicRandom(7);
        double[] values = [.. Enumerable.Range(0, 100_000).Select(_ => random.NextDouble())];

        Assert.All(values, v => Assert.InRange(v, 0.0, 0.9999999999999999));
        Assert.InRange(values.Average(), 0.495, 0.505);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1_000_000_007)]
    public void NextInt_covers_its_range_evenly(int max)
    {
        var random = new DeterministicRandom(max);
        int buckets = Math.Min(max, 10);
        var counts = new int[buckets];
        const int draws = 50_000;
        for (int i = 0; i < draws; i++)
        {
            int value = random.NextInt(max);
            Assert.InRange(value, 0, max - 1);
            counts[(int)((long)value * buckets / max)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, draws / buckets * 0.95, draws / buckets * 1.05));
    }

    [Fact]
    public void NextInt_rejects_an_empty_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeterministicRandom(1).NextInt(0));
    }

    [Fact]
    public void Shuffle_is_a_seeded_permutation()
    {
        int[] a = [.. Enumerable.Range(0, 1000)];
        int[] b = [.. Enumerable.Range(0, 1000)];
        new DeterministicRandom(5).Shuffle(a.AsSpan());
        new DeterministicRandom(5).Shuffle(b.AsSpan());

        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 1000), a);
        Assert.Equal(Enumerable.Range(0, 1000), a.Order());
    }

    [Fact]
    public void Normal_has_mean_zero_and_variance_one()
    {
        var random = new DeterministicRandom(11);
        double[] values = [.. Enumerable.Range(0, 200_000).Select(_ => random.Normal())];

        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.5)]
    public void Gamma_has_mean_and_variance_equal_to_its_shape(double shape)
    {
        var random = new DeterministicRandom(13);
        double[] values = [.. Enumerable.Range(0, 200_000).Select(_ => random.Gamma(shape))];

        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.All(values, v => Assert.True(v >= 0));
        Assert.InRange(mean, shape * 0.97, shape * 1.03);
        Assert.InRange(variance, shape * 0.93, shape * 1.07);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Gamma_rejects_shapes_that_are_not_positive_and_finite(double shape)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeterministicRandom(1).Gamma(shape));
    }
}
