using FedAvg.Common.Reporting;
using ScottPlot;

namespace FedAvg.Common.Tests.Reporting;

public sealed class LossChartTests
{
    private static readonly Color First = ChartPalette.Series[0];
    private static readonly Color Second = ChartPalette.Series[1];

    [Fact]
    public void Test_and_training_loss_are_drawn_at_their_values_from_zero_up()
    {
        using var chart = Render([new("test loss", [2.0, 1.0, 0.5]), new("training loss", [1.5, 0.8, 0.3])]);

        Assert.Equal(0, chart.Plot.Axes.GetLimits().Bottom);
        Assert.True(RenderedChart.Same(chart.At(new(1, 2.0)), First));
        Assert.True(RenderedChart.Same(chart.At(new(3, 0.5)), First));
        Assert.True(RenderedChart.Same(chart.At(new(2, 0.8)), Second));
        Assert.False(chart.Near(new(3, 2.0), First, radius: 6));
    }

    [Fact]
    public void A_round_without_a_loss_is_left_out_and_the_line_goes_on()
    {
        using var chart = Render([new("training loss", [2.0, double.NaN, 1.0])]);

        Assert.True(RenderedChart.Same(chart.At(new(1, 2.0)), First));
        Assert.True(RenderedChart.Same(chart.At(new(3, 1.0)), First));
        // Straight from round 1 to round 3: through 1.5 at round 2, no point at 0 or anywhere else.
        Assert.True(chart.Near(new(2, 1.5), First));
        Assert.False(chart.Near(new(2, 0.05), First, radius: 4));
    }

    [Fact]
    public void Invalid_losses_are_refused_before_anything_is_written()
    {
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => LossChart.Render([new("negative", [1, -0.1])], "t", output));
        Assert.Throws<ArgumentException>(() => LossChart.Render([new("infinite", [double.PositiveInfinity])], "t", output));
        Assert.Throws<ArgumentException>(() => LossChart.Render([new("never measured", [double.NaN, double.NaN])], "t", output));
        Assert.Throws<ArgumentException>(() => LossChart.Render([], "t", output));
        Assert.Equal(0, output.Length);
    }

    private static RenderedChart Render(IReadOnlyList<ChartSeries> series) =>
        RenderedChart.Of(LossChart.Build(series, "Loss per round"), LossChart.Width, LossChart.Height);
}
