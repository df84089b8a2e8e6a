using System.Text.Json;
using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Reporting;
using FedAvg.Common.Storage;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// Writes a completed run's files under runs/&lt;id&gt;: report.json, the charts (accuracy and loss per round,
/// samples per client, the partition heat map), and the final global model (its bytes as stored, so two runs
/// can be compared exactly).
/// </summary>
internal static class RunArtifacts
{
    public const string ReportFile = "report.json";
    public const string AccuracyChartFile = "accuracy.png";
    public const string LossChartFile = "loss.png";
    public const string ClientChartFile = "clients.png";
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

        async Task ChartAsync(string file, Action<Stream> draw)
        {
            await ChartFile.WriteAsync(Path.Combine(folder, file), draw, cancellationToken);
            files.Add(file);
        }

        if (result.History.Count > 0)
        {
            string run = $"FedAvg {result.Model}, {result.Rounds} rounds";
            await ChartAsync(AccuracyChartFile, png => AccuracyChart.Render(
                [ChartSeries.Percent("test accuracy", result.History.Select(r => r.TestAccuracy))], run, "test accuracy (%)", png));
            await ChartAsync(LossChartFile, png => LossChart.Render(
                [new("test loss", [.. result.History.Select(r => r.TestLoss)]), new("training loss", [.. result.History.Select(r => r.TrainLoss)])],
                $"{run}: loss per round",
                png));
        }

        if (result.Partition.Count > 0)
        {
            var clients = result.Partition.OrderBy(c => c.Client).ToList();
            await ChartAsync(ClientChartFile, png => ClientSampleChart.Render([.. clients.Select(c => c.Samples)], "Training samples per client", png));
            await ChartAsync(PartitionChartFile, png => PartitionHeatMap.Render([.. clients.Select(c => c.ClassHistogram)], CifarClasses.Names, png));
        }

        var report = new RunReport(runId, request, result, DateTimeOffset.UtcNow, [ReportFile, .. files]);
        await File.WriteAllTextAsync(Path.Combine(folder, ReportFile), JsonSerializer.Serialize(report, JsonDefaults.Indented), cancellationToken);
        return report;
    }
}
