using FedAvg.Common.Reporting;
using ScottPlot;

namespace FedAvg.Common.Tests.Reporting;

public sealed class ClientSampleChartTests
{
    private static readonly Color Bar = ChartPalette.Series[0];

    [Fact]
    public void Each_client_has_a_bar_as_tall_as_its_sample_count()
    {
        int[] samples = [9000, 12000, 3000, 15000];

        using var chart = RenderedChart.Of(ClientSampleChart.Build(samples, "Samples per client"), ClientSampleChart.Width, ClientSampleChart.Height);

        for (int client = 0; client < samples.Length; client++)
        {
            // Inside the bar just below its top, and clear of it just above (beside the centred count).
            Assert.True(RenderedChart.Same(chart.At(new(client + 0.3, samples[client] * 0.97)), Bar), $"client {client} inside");
            Assert.False(RenderedChart.Same(chart.At(new(client + 0.3, samples[client] * 1.03)), Bar), $"client {client} above");
        }
    }

    [Fact]
    public void Invalid_counts_are_refused_before_anything_is_written()
    {
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => ClientSampleChart.Render([], "t", output));
        Assert.Throws<ArgumentException>(() => ClientSampleChart.Render([10, -1], "t", output));
        Assert.Equal(0, output.Length);
    }
}
