using System.Runtime.InteropServices;
using Azure.Storage.Blobs.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.LocalHost.Runs;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Bench;

/// <summary>
/// Runs one configuration end to end through the local durable engine and measures it: the run's own
/// per-round timings, and this process's resident memory as each round completes.
/// </summary>
internal static class BenchRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<BenchResult> RunAsync(
        string name, TrainingRequest request, DurableTaskClient client, FedAvgStorage storage, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(progress);
        ProcessMemory.ResetPeak();
        var started = DateTimeOffset.UtcNow;
        string id = await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, request, cancellationToken);
        await progress.WriteLineAsync($"bench {name}: run {id}");

        // This process's memory as each round is first seen done; the status holds only the latest rounds, so by number.
        var memory = new Dictionary<int, (double Resident, double Peak)>();
        OrchestrationMetadata metadata = await RunWatcher.WatchAsync(client, id, PollInterval, async polled =>
        {
            var history = polled.SerializedCustomStatus is null ? [] : polled.ReadCustomStatusAs<RunStatus>()?.History ?? [];
            foreach (var round in history.Where(r => !memory.ContainsKey(r.Round)))
            {
                var sample = (Resident: ProcessMemory.ResidentMegabytes(), Peak: ProcessMemory.PeakResidentMegabytes());
                memory[round.Round] = sample;
                await progress.WriteLineAsync(
                    $"bench {name}: round {round.Round}/{request.Rounds} accuracy {round.TestAccuracy:P2} in {round.WallSeconds:F0} s, rss {sample.Resident:F0} MB");
            }
        }, cancellationToken);

        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"bench {name}: run {id} {metadata.RuntimeStatus}: {RunFailure.Reason(metadata)}");
        }

        var result = metadata.ReadOutputAs<RunResult>()!;
        double wall = (DateTimeOffset.UtcNow - started).TotalSeconds;

        // The run's own training throughput (images over the seconds spent training them), the yardstick of pure training.
        double trainSeconds = result.History.Sum(r => r.TrainSeconds);
        double throughput = trainSeconds > 0 ? result.History.Sum(r => r.Samples * (double)request.LocalEpochs) / trainSeconds : 0;
        var rounds = result.History.Select(r =>
        {
            (double Resident, double Peak)? seen = memory.TryGetValue(r.Round, out var sample) ? sample : null;
            return new BenchRound(
                r.Round, r.TestAccuracy, r.TestLoss, r.WallSeconds, r.TrainSeconds, r.TransferSeconds, r.AggregationSeconds,
                r.EvaluationSeconds, r.OverheadSeconds, r.WallSeconds > 0 ? 100 * r.OverheadSeconds / r.WallSeconds : 0, r.ImagesPerSecond,
                seen?.Resident, seen?.Peak,
                r.Participants, r.Samples * request.LocalEpochs, throughput > 0 ? r.Samples * request.LocalEpochs / throughput : 0);
        }).ToList();
        var (blobs, bytes) = await StorageLeftAsync(storage, id, cancellationToken);
        return new BenchResult(
            name, id, request, started, Machine(), wall, result.FinalAccuracy, result.FinalLoss,
            ProcessMemory.PeakResidentMegabytes(), rounds, result.FailedClients,
            BenchChecks.Evaluate(name, wall, result.FinalAccuracy, rounds), blobs, bytes);
    }

    /// <summary>The blobs a run left behind in the runs and models containers.</summary>
    private static async Task<(int Blobs, long Bytes)> StorageLeftAsync(FedAvgStorage storage, string runId, CancellationToken cancellationToken)
    {
        int blobs = 0;
        long bytes = 0;
        foreach (var container in new[] { storage.Runs, storage.Models })
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, runId + "/", cancellationToken))
            {
                blobs++;
                bytes += blob.Properties.ContentLength ?? 0;
            }
        }

        return (blobs, bytes);
    }

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, torch threads {TorchSharp.torch.get_num_threads()}";
}
