using FedAvg.Common.Aggregation;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>The adaptive optimisers' element-wise kernels, including their edge cases.</summary>
public sealed class AdaptiveKernelTests
{
    [Fact]
    public void The_moment_average_weighs_the_past_by_the_decay_and_may_run_in_place()
    {
        // 0.25·4 + 0.75·8 = 7; 0.25·(−4) + 0.75·0 = −1.
        float[] moment = [4, -4];

        MomentAverage.Compute(moment, [8, 0], 0.25f, moment);

        Assert.Equal([7f, -1f], moment);
    }

    [Fact]
    public void The_moment_average_propagates_nan_and_infinity()
    {
        var destination = new float[3];

        MomentAverage.Compute([float.NaN, 1, float.PositiveInfinity], [0, float.NegativeInfinity, float.NegativeInfinity], 0.5f, destination);

        Assert.True(float.IsNaN(destination[0]));
        Assert.Equal(float.NegativeInfinity, destination[1]);
        Assert.True(float.IsNaN(destination[2]));
    }

    [Fact]
    public void Yogi_moves_v_toward_g_squared_by_a_fixed_fraction_of_g_squared_and_stays_non_negative()
    {
        // β₂ = 0.5: v = 1, g² = 0.25 → 1 − 0.125 = 0.875; v = 1, g² = 9 → 1 + 4.5 = 5.5; v = g² = 4 → 4;
        // v = 0.01, g² = 0.009 → 0.01 − 0.0045 = 0.0055 (a large g² just below v cannot push v below 0).
        var destination = new float[4];

        YogiSecondMoment.Compute([1, 1, 4, 0.01f], [0.25f, 9, 4, 0.009f], 0.5f, destination);

        Assert.Equal(0.875f, destination[0]);
        Assert.Equal(5.5f, destination[1]);
        Assert.Equal(4f, destination[2]);
        Assert.Equal(0.0055f, destination[3], 1e-9f);
    }

    [Fact]
    public void Yogi_does_not_hide_nan_and_saturates_at_infinity()
    {
        var destination = new float[3];

        YogiSecondMoment.Compute([1, float.NaN, 1], [float.NaN, 1, float.PositiveInfinity], 0.5f, destination);

        Assert.True(float.IsNaN(destination[0]));
        Assert.True(float.IsNaN(destination[1]));
        Assert.Equal(float.PositiveInfinity, destination[2]);
    }

    [Fact]
    public void The_adaptive_step_divides_the_moment_by_root_v_plus_tau()
    {
        // τ = 1: 2 − 0.5·3/(√9 + 1) = 1.625; 0 − 0.5·(−1)/(√0 + 1) = 0.5, the largest step η·|m|/τ, taken at v = 0.
        var destination = new float[2];

        AdaptiveStep.Compute([2, 0], [3, -1], [9, 0], 0.5f, 1f, destination);

        Assert.Equal([1.625f, 0.5f], destination);
    }

    [Fact]
    public void The_adaptive_step_freezes_at_infinite_v_and_turns_negative_v_or_nan_into_nan()
    {
        var destination = new float[3];

        AdaptiveStep.Compute([2, 2, float.NaN], [1, 1, 0], [float.PositiveInfinity, -1, 1], 1f, 1e-3f, destination);

        Assert.Equal(2f, destination[0]);
        Assert.True(float.IsNaN(destination[1]));
        Assert.True(float.IsNaN(destination[2]));
    }

    [Fact]
    public void Empty_spans_are_a_no_op_and_lengths_must_agree()
    {
        MomentAverage.Compute([], [], 0.9f, []);
        YogiSecondMoment.Compute([], [], 0.9f, []);
        AdaptiveStep.Compute([], [], [], 1f, 1f, []);

        Assert.Throws<ArgumentException>(() => MomentAverage.Compute([1], [1, 2], 0.9f, new float[1]));
        Assert.Throws<ArgumentException>(() => YogiSecondMoment.Compute([1], [1], 0.9f, new float[2]));
        Assert.Throws<ArgumentException>(() => AdaptiveStep.Compute([1], [1], [1, 1], 1f, 1f, new float[1]));
    }
}
