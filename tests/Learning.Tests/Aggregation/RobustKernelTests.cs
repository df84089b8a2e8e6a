using FedAvg.Common.Aggregation;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>The robust aggregators' kernels and their edge cases.</summary>
public sealed class RobustKernelTests
{
    [Fact]
    public void The_median_reads_from_start_and_does_not_depend_on_client_order()
    {
        // Coordinates 1 and 2 of {[9, 5, 1], [9, 3, 2], [9, 4, 3]}: medians 4 and 2, in any client order.
        float[][] inputs = [[9, 5, 1], [9, 3, 2], [9, 4, 3]];
        var forward = new float[2];
        var backward = new float[2];

        CoordinateMedian.Compute(inputs, 1, forward);
        CoordinateMedian.Compute([inputs[2], inputs[1], inputs[0]], 1, backward);

        Assert.Equal([4f, 2f], forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void The_median_midpoint_does_not_overflow_and_outvotes_a_minority_infinity()
    {
        // (Max + Max)/2 in float would be +∞; in double it is Max. {−∞, 1, 2}: the median 1 ignores the infinity.
        var midpoint = new float[1];
        var outvoted = new float[1];

        CoordinateMedian.Compute([[float.MaxValue], [float.MaxValue]], 0, midpoint);
        CoordinateMedian.Compute([[float.NegativeInfinity], [1], [2]], 0, outvoted);

        Assert.Equal(float.MaxValue, midpoint[0]);
        Assert.Equal(1f, outvoted[0]);
    }

    [Fact]
    public void The_median_counts_nan_as_the_smallest_value()
    {
        // Documented so callers know to reject NaN: {NaN, 1, 2} sorts as NaN, 1, 2 and the median is 1.
        var median = new float[1];

        CoordinateMedian.Compute([[float.NaN], [2], [1]], 0, median);

        Assert.Equal(1f, median[0]);
    }

    [Fact]
    public void The_integer_median_rounds_an_even_midpoint_half_away_from_zero_without_overflow()
    {
        var result = new long[3];

        // {−3, −2} → −2.5 → −3; {1, 2} → 1.5 → 2; {Max, Max} → Max (the sum would overflow int64).
        CoordinateMedian.Compute([[-3, 1, long.MaxValue], [-2, 2, long.MaxValue]], 0, result);

        Assert.Equal([-3L, 2L, long.MaxValue], result);
    }

    [Fact]
    public void The_trimmed_mean_drops_nan_as_the_smallest_and_cannot_overflow()
    {
        // {NaN, 1, 2, 3, 4} trimming 1 at each end keeps 1, 2, 3 → 2. {Max, Max, Max} untrimmed is Max: the sum is in double.
        var trimmed = new float[1];
        var extreme = new float[1];

        CoordinateTrimmedMean.Compute([[float.NaN], [4], [1], [3], [2]], 1, 0, trimmed);
        CoordinateTrimmedMean.Compute([[float.MaxValue], [float.MaxValue], [float.MaxValue]], 0, 0, extreme);

        Assert.Equal(2f, trimmed[0]);
        Assert.Equal(float.MaxValue, extreme[0]);
    }

    [Fact]
    public void The_trimmed_mean_keeps_an_infinity_it_does_not_trim()
    {
        var result = new float[1];

        CoordinateTrimmedMean.Compute([[1], [float.PositiveInfinity], [2]], 0, 0, result);

        Assert.Equal(float.PositiveInfinity, result[0]);
    }

    [Fact]
    public void Trimming_that_leaves_nothing_or_no_clients_is_refused_and_an_empty_destination_is_a_no_op()
    {
        Assert.Throws<ArgumentException>(() => CoordinateTrimmedMean.Compute([[1f], [2f]], 1, 0, new float[1]));
        Assert.Throws<ArgumentException>(() => CoordinateTrimmedMean.Compute([[1L], [2L]], 1, 0, new long[1]));
        Assert.Throws<ArgumentException>(() => CoordinateMedian.Compute(ReadOnlySpan<float[]>.Empty, 0, new float[1]));

        CoordinateMedian.Compute([[1f]], 0, Span<float>.Empty);
        CoordinateTrimmedMean.Compute([[1f]], 0, 0, Span<float>.Empty);
    }

    [Fact]
    public void More_clients_than_the_stack_column_holds_still_work()
    {
        // 301 clients holding 0..300 in a shuffled order (10 is coprime to 301, so i·10 mod 301 hits each once): the median is 150.
        float[][] inputs = [.. Enumerable.Range(0, 301).Select(i => new[] { (float)((i * 10) % 301) })];
        var median = new float[1];

        CoordinateMedian.Compute(inputs, 0, median);

        Assert.Equal(150f, median[0]);
    }

    [Fact]
    public void The_squared_distance_is_the_hand_sum_and_handles_every_edge()
    {
        // (1−4)² + (2−6)² + (3−3)² + (0−1)² + (5−3)² = 9 + 16 + 0 + 1 + 4 = 30 (five values: one past the four-wide loop).
        Assert.Equal(30.0, SquaredDistance.Compute([1, 2, 3, 0, 5], [4, 6, 3, 1, 3]));
        Assert.Equal(0.0, SquaredDistance.Compute([], []));

        // (Max − (−Max))² ≈ 4.6e77 overflows float but not double.
        double extreme = 2.0 * float.MaxValue * (2.0 * float.MaxValue);
        Assert.Equal(extreme, SquaredDistance.Compute([float.MaxValue], [-float.MaxValue]));
        Assert.True(double.IsNaN(SquaredDistance.Compute([float.NaN], [0])));
        Assert.True(double.IsNaN(SquaredDistance.Compute([float.PositiveInfinity], [float.PositiveInfinity])));
        Assert.Equal(double.PositiveInfinity, SquaredDistance.Compute([float.PositiveInfinity], [0]));
        Assert.Throws<ArgumentException>(() => SquaredDistance.Compute([1], [1, 2]));
    }
}
