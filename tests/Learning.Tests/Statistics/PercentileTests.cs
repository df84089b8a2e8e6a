using FedAvg.Common.Statistics;

namespace FedAvg.Common.Tests.Statistics;

public sealed class PercentileTests
{
    [Theory]
    // numpy.percentile([1, 2, 3, 4], [0, 10, 50, 90, 100]) = 1, 1.3, 2.5, 3.7, 4.
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 1.3)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(1.0, 4.0)]
    public void Interpolates_linearly_between_ranks_as_numpy_does(double fraction, double expected) =>
        Assert.Equal(expected, Percentile.Compute([4, 1, 3, 2], fraction), 12);

    [Fact]
    public void Does_not_reorder_its_input_nor_depend_on_its_order()
    {
        double[] values = [0.9, 0.1, 0.5, 0.3];

        double p = Percentile.Compute(values, 0.5);

        Assert.Equal(new[] { 0.9, 0.1, 0.5, 0.3 }, values);
        Assert.Equal(p, Percentile.Compute([0.1, 0.3, 0.5, 0.9], 0.5));
    }

    [Fact]
    public void One_value_is_every_percentile_and_equal_neighbours_return_themselves_exactly()
    {
        Assert.Equal(0.7, Percentile.Compute([0.7], 0.1));
        Assert.Equal(0.1, Percentile.Compute([0.1, 0.1, 0.1], 0.37));
    }

    [Fact]
    public void Empty_or_with_a_NaN_is_NaN()
    {
        Assert.True(double.IsNaN(Percentile.Compute([], 0.5)));
        Assert.True(double.IsNaN(Percentile.Compute([0.1, double.NaN, 0.3], 0.5)));
    }

    [Fact]
    public void An_infinity_dominates_its_finite_neighbour_and_opposite_infinities_are_NaN()
    {
        Assert.Equal(double.NegativeInfinity, Percentile.Compute([double.NegativeInfinity, 0], 0.5));
        Assert.Equal(double.PositiveInfinity, Percentile.Compute([0, double.PositiveInfinity], 0.5));
        Assert.True(double.IsNaN(Percentile.Compute([double.NegativeInfinity, double.PositiveInfinity], 0.5)));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_to_one_is_refused(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Compute([1.0], fraction));
}
