using FedAvg.Common.Partitioning;
using FedAvg.Common.Privacy;

namespace FedAvg.Common.Tests.Privacy;

/// <summary>The clipping and noise kernels and their edge cases.</summary>
public sealed class PrivacyKernelTests
{
    [Fact]
    public void The_clipped_delta_scales_the_change_and_may_run_in_place_over_the_update()
    {
        // 1 + 0.5·(5 − 1) = 3; −2 + 0.5·(−2 − (−2)) = −2.
        float[] update = [5, -2];

        ClippedDelta.Compute([1, -2], update, 0.5, update);

        Assert.Equal([3f, -2f], update);
    }

    [Fact]
    public void The_clipped_delta_does_not_overflow_between_opposite_extremes()
    {
        // In float, Max − (−Max) is +∞; in double it is 6.8e38, and −Max + 0.25·6.8e38 = −Max/2.
        var destination = new float[1];

        ClippedDelta.Compute([-float.MaxValue], [float.MaxValue], 0.25, destination);

        Assert.Equal(-float.MaxValue / 2, destination[0]);
    }

    [Fact]
    public void The_clipped_delta_propagates_nan_and_checks_lengths()
    {
        var destination = new float[1];

        ClippedDelta.Compute([float.NaN], [1], 0.5, destination);

        Assert.True(float.IsNaN(destination[0]));
        ClippedDelta.Compute([], [], 0.5, []);
        Assert.Throws<ArgumentException>(() => ClippedDelta.Compute([1], [1, 2], 0.5, new float[1]));
    }

    [Fact]
    public void Zero_std_copies_without_drawing_and_nan_stays_nan()
    {
        var random = new DeterministicRandom(5);
        var destination = new float[2];

        GaussianNoise.Compute([1, float.NaN], 0, random, destination);

        Assert.Equal(1f, destination[0]);
        Assert.True(float.IsNaN(destination[1]));
        Assert.Equal(new DeterministicRandom(5).NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void Noise_is_the_generators_normals_times_std_in_order()
    {
        // The first two normals of seed 9, scaled by 3 and added to 10 and −1.
        var reference = new DeterministicRandom(9);
        double first = reference.Normal();
        double second = reference.Normal();
        var destination = new float[2];

        GaussianNoise.Compute([10, -1], 3, new DeterministicRandom(9), destination);

        Assert.Equal(10 + (float)(3 * first), destination[0]);
        Assert.Equal(-1 + (float)(3 * second), destination[1]);
    }

    [Fact]
    public void Noise_refuses_a_negative_std_and_mismatched_lengths_and_ignores_empty_spans()
    {
        var random = new DeterministicRandom(1);

        GaussianNoise.Compute([], 1, random, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.Compute([1], -1, random, new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.Compute([1], double.PositiveInfinity, random, new float[1]));
        Assert.Throws<ArgumentException>(() => GaussianNoise.Compute([1], 1, random, new float[2]));
    }
}
