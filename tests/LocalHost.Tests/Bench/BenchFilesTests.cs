using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Reporting;
using FedAvg.LocalHost.Bench;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.LocalHost.Tests.Bench;

public sealed class BenchFilesTests
{
    [Fact]
    public async Task Results_are_written_beside_the_load_tests_predict_json_and_the_comparison_shows_every_run()
    {
        using var folder = new TempFolder();
        // What scripts/bench-predict.sh leaves in bench/results: JSON, but not a run's.
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "predict.json"), """{"p50Ms": 3.1, "requestsPerSecond": 1500}""");

        await BenchFiles.WriteAsync(folder.Path, Result("reference", 0.70, 0.73), default);
        await BenchFiles.WriteAsync(folder.Path, Result("default", 0.75, 0.80), default);

        var written = JsonSerializer.Deserialize<BenchResult>(await File.ReadAllTextAsync(Path.Combine(folder.Path, "default.json")), JsonDefaults.Options)!;
        Assert.Equal([0.75, 0.80], written.Rounds.Select(r => r.TestAccuracy));
        foreach (string chart in new[] { "default.png", "reference.png", BenchFiles.ComparisonChart })
        {
            var info = Image.Identify(Path.Combine(folder.Path, chart));
            Assert.Equal((AccuracyChart.Width, AccuracyChart.Height), (info.Width, info.Height));
        }

        // Both runs are lines in the comparison (the charts' first two colours), one in a run's own chart.
        var colours = new ScottPlot.Palettes.Category10().Colors;
        Assert.True(Pixels(folder, BenchFiles.ComparisonChart, colours[0]) > 100);
        Assert.True(Pixels(folder, BenchFiles.ComparisonChart, colours[1]) > 100);
        Assert.Equal(0, Pixels(folder, "default.png", colours[1]));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
        Assert.Contains("3.1", await File.ReadAllTextAsync(Path.Combine(folder.Path, "predict.json")), StringComparison.Ordinal);
    }

    private static int Pixels(TempFolder folder, string chart, ScottPlot.Color colour)
    {
        using var image = Image.Load<Rgb24>(Path.Combine(folder.Path, chart));
        int count = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (Rgb24 pixel in rows.GetRowSpan(y))
                {
                    count += pixel.R == colour.R && pixel.G == colour.G && pixel.B == colour.B ? 1 : 0;
                }
            }
        });
        return count;
    }

    private static BenchResult Result(string name, params double[] accuracies) => new(
        name, "run-" + name, Presets.Reference, DateTimeOffset.UnixEpoch, "test", 60, accuracies[^1], 1.0, 900,
        [.. accuracies.Select((a, i) => new BenchRound(i + 1, a, 1.0, 30, 25, 1, 0.1, 2, 0.01, 0.03, 1300, 800, 900))],
        [], []);
}
