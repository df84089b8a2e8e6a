using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Reporting;
using FedAvg.LocalHost.Train;

namespace FedAvg.LocalHost.Bench;

/// <summary>bench/results: one JSON and one chart per configuration, and a chart comparing them all.</summary>
internal static class BenchFiles
{
    public const string ComparisonChart = "accuracy.png";

    public static async Task WriteAsync(string folder, BenchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, result.Name + ".json"), JsonSerializer.Serialize(result, JsonDefaults.Indented), cancellationToken);
        await WriteChartsAsync(folder, cancellationToken);
    }

    /// <summary>Draws every configuration's chart and the comparison again from the JSON in <paramref name="folder"/>.</summary>
    public static async Task WriteChartsAsync(string folder, CancellationToken cancellationToken)
    {
        // The folder also holds other results (predict.json from the load test): only a run's file has rounds.
        var results = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(f), JsonDefaults.Options))
            .Where(r => r?.Rounds is { Count: > 0 })
            .Select(r => r!)
            .ToList();
        foreach (BenchResult result in results)
        {
            await ChartFile.WriteAsync(
                Path.Combine(folder, result.Name + ".png"),
                png => AccuracyChart.Render([Series(result)], $"{result.Name}: test accuracy per round", "test accuracy (%)", png),
                cancellationToken);
        }

        await ChartFile.WriteAsync(
            Path.Combine(folder, ComparisonChart),
            png => AccuracyChart.Render([.. results.Take(AccuracyChart.MaxSeries).Select(Series)], "FedAvg on CIFAR-10, 5 clients, alpha 0.5", "test accuracy (%)", png),
            cancellationToken);
    }

    private static ChartSeries Series(BenchResult result) => ChartSeries.Percent(result.Name, result.Rounds.Select(r => r.TestAccuracy));
}
