using System.Text.Json;
using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Reporting;
using FedAvg.Common.Storage;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// Writes a completed run's files under runs/&lt;id&gt;: report.json, the accuracy and partition
/// charts, and the final global model (its bytes as stored, so two runs can be compared exactly).
/// </summary>
internal static class RunArtifacts
{
    public const string ReportFile = "report.json";
    public const string AccuracyChartFile = "accuracy.png";
    public const string PartitionChartFile = "partition.png";
    public const string ModelFile = "model.weights";

    public static async Task<RunReport> WriteAsync(string folder, string runId, TrainingRequest request, RunResult result, FedAvgStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(storage);
        Directory.CreateDirectory(folder);
        var files = new List<string>();

        using (var model = await FedAvgStorage.DownloadAsync(storage.Models, result.FinalModelBlob, cancellationToken))
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, ModelFile), model.ToArray(), cancellationToken);
            files.Add(ModelFile);
        }

        if (result.History.Count > 0)
        {
            await using var png = File.Create(Path.Combine(folder, AccuracyChartFile));
            AccuracyChart.Render(
                [new ChartSeries("test accuracy", [.. result.History.Select(r => Math.Clamp(r.TestAccuracy * 100, 0, 100))])],
                $"FedAvg {result.Model}, {result.Rounds} rounds",
                "accuracy (%)",
                png);
            files.Add(AccuracyChartFile);
        }

        if (result.Partition.Count > 0)
        {
            await using var png = File.Create(Path.Combine(folder, PartitionChartFile));
            PartitionHeatMap.Render([.. result.Partition.Select(c => c.ClassHistogram)], CifarClasses.Names, png);
            files.Add(PartitionChartFile);
        }

        var report = new RunReport(runId, request, result, DateTimeOffset.UtcNow, [ReportFile, .. files]);
        await File.WriteAllTextAsync(Path.Combine(folder, ReportFile), JsonSerializer.Serialize(report, JsonDefaults.Indented), cancellationToken);
        return report;
    }
}
