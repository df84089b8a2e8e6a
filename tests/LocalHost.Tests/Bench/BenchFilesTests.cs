using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Bench;

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
        Assert.True(new FileInfo(Path.Combine(folder.Path, "default.png")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(folder.Path, BenchFiles.ComparisonChart)).Length > 0);
        Assert.Contains("3.1", await File.ReadAllTextAsync(Path.Combine(folder.Path, "predict.json")), StringComparison.Ordinal);
    }

    private static BenchResult Result(string name, params double[] accuracies) => new(
        name, "run-" + name, Presets.Reference, DateTimeOffset.UnixEpoch, "test", 60, accuracies[^1], 1.0, 900,
        [.. accuracies.Select((a, i) => new BenchRound(i + 1, a, 1.0, 30, 25, 1, 0.1, 2, 0.01, 0.03, 1300, 800, 900))],
        [], []);
}
