using FedAvg.Common.Privacy;

namespace FedAvg.Common.Tests.Privacy;

public sealed class LogErfcTests
{
    /// <summary>
    /// Expected values are log(math.erfc(x)) from CPython's math module (correctly rounded to a few ulps), on both
    /// sides of the switch from the series to the continued fraction at 2.5.
    /// </summary>
    [Theory]
    [InlineData(-3, 0.6931361352504468)]
    [InlineData(-1, 0.6112323176780705)]
    [InlineData(0, 0.0)]
    [InlineData(0.5, -0.7350111298370844)]
    [InlineData(1, -1.8496055099332482)]
    [InlineData(2, -5.364941264616638)]
    [InlineData(2.4999, -7.806280014091091)]
    [InlineData(2.5, -7.806815272727264)]
    [InlineData(3, -10.720363041981113)]
    [InlineData(5, -27.200889545537436)]
    [InlineData(10, -102.87988902484489)]
    public void Matches_the_c_library_erfc(double x, double expected) =>
        Assert.Equal(expected, LogErfc.Compute(x), 1e-12 * Math.Max(1, Math.Abs(expected)));

    /// <summary>
    /// Where erfc underflows (erfc(27) ≈ 1e-318, erfc(100) ≈ 1e-4345) the reference is the asymptotic series
    /// log erfc(x) ≈ −x² − log(x√π) + log(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶) + 105/(16x⁸)), whose next term is below 1e-11 here.
    /// </summary>
    [Theory]
    [InlineData(27, -732.8688865078973)]
    [InlineData(100, -10005.177585122665)]
    public void Stays_accurate_where_erfc_itself_underflows(double x, double expected) =>
        Assert.Equal(expected, LogErfc.Compute(x), 1e-9);

    [Fact]
    public void Edges_are_nan_log_two_and_minus_infinity()
    {
        Assert.True(double.IsNaN(LogErfc.Compute(double.NaN)));
        Assert.Equal(Math.Log(2), LogErfc.Compute(double.NegativeInfinity), 1e-15);
        Assert.Equal(double.NegativeInfinity, LogErfc.Compute(double.PositiveInfinity));
    }
}
