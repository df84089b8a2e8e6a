using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// A round's global model on each listed client's held-out samples (per-client evaluation). One activity for the whole
/// round, not one a client: the model is read and built once, the held-out parts are small (at most half of what the
/// clients trained on), and only the distribution goes back, so the round's history grows by one event whatever its size.
/// </summary>
public sealed class EvaluateClientsActivity(FedAvgRuntime runtime) : TaskActivity<EvaluateClientsInput, EvaluateClientsResult>
{
    public override async Task<EvaluateClientsResult> RunAsync(TaskActivityContext context, EvaluateClientsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        var storage = runtime.Storage;
        await RunStop.ThrowIfStoppedAsync(storage, input.RunId).ConfigureAwait(false);
        // The shards are read as the aggregate activity reads updates: a few at a time, kept in client order.
        var heldOut = new List<(int Client, CifarDataset Data)>(input.Clients.Count);
        await OrderedDownloads.ForEachAsync(input.Clients, FedAvgStorage.MaxParallelTransfers,
            client => runtime.LoadShardAsync(storage.Runs, client.ShardBlob),
            (client, shard) =>
            {
                var part = client.HoldOut.Split(shard).HeldOut;
                if (part.Count > 0)
                {
                    heldOut.Add((client.Client, part));
                }
            }).ConfigureAwait(false);

        var weights = await ModelBlobs.ReadAsync(storage.Models, input.GlobalModelBlob, CancellationToken.None).ConfigureAwait(false);
        return await runtime.ComputeAsync(() =>
        {
            var computeStarted = DateTimeOffset.UtcNow;
            using var model = ModelCatalog.Create(input.Model, seed: 0);
            weights.CopyTo(model);
            var accuracies = heldOut.Select(h => new ClientAccuracy(h.Client, h.Data.Count, Evaluator.Evaluate(model, h.Data).Accuracy)).ToList();
            return new EvaluateClientsResult(ClientAccuracyDistribution.Of(accuracies),
                (DateTimeOffset.UtcNow - computeStarted).TotalSeconds, new ActivityTiming(started, DateTimeOffset.UtcNow));
        }, whenAdmitted: () => RunStop.ThrowIfStoppedAsync(storage, input.RunId)).ConfigureAwait(false);
    }
}
