using System.Text.Json;
using FedAvg.Common.Storage;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>Stores the run's result and points predict at its final global model.</summary>
public sealed class CompleteRunActivity(FedAvgRuntime runtime) : TaskActivity<CompleteRunInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CompleteRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = input.Result;

        // A stopped run must not become the model predict serves.
        await RunStop.ThrowIfStoppedAsync(runtime.Storage, input.RunId).ConfigureAwait(false);
        await FedAvgStorage.UploadAsync(runtime.Storage.Runs, BlobNames.Result(input.RunId),
            s => JsonSerializer.Serialize(s, result, JsonDefaults.Options)).ConfigureAwait(false);
        var latest = new LatestModel(input.RunId, result.Rounds, result.Model, result.FinalModelBlob, result.FinalAccuracy, DateTimeOffset.UtcNow);
        await FedAvgStorage.UploadAsync(runtime.Storage.Models, BlobNames.LatestModel,
            s => JsonSerializer.Serialize(s, latest, JsonDefaults.Options)).ConfigureAwait(false);
        return true;
    }
}
