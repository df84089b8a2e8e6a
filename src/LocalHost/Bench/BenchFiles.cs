using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Reporting;

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
        await using (var png = File.Create(Path.Combine(folder, result.Name + ".png")))
        {
            AccuracyChart.Render([Series(result)], $"{result.Name}: test accuracy per round", "accuracy (%)", png);
        }

        // The folder also holds other results (predict.json from the load test): only a run's file has rounds.
        var all = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(f), JsonDefaults.Options))
            .Where(r => r?.Rounds is { Count: > 0 })
            .Select(r => Series(r!))
            .Take(AccuracyChart.MaxSeries)
            .ToList();
        await using var comparison = File.Create(Path.Combine(folder, ComparisonChart));
        AccuracyChart.Render(all, "FedAvg on CIFAR-10, 5 clients, alpha 0.5", "test accuracy (%)", comparison);
    }

    private static ChartSeries Series(BenchResult result) =>
        new(result.Name, [.. result.Rounds.Select(r => Math.Clamp(r.TestAccuracy * 100, 0, 100))]);
}
