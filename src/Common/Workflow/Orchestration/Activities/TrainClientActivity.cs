using System.Diagnostics;
using FedAvg.Common.Models;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// One client's local training for one round: its shard and the current global model in, its
/// updated weights out, to a blob named by (run, round, client) so a retry overwrites itself. A simulated hostile
/// client (<see cref="TrainClientInput.Attack"/>) poisons its labels before training or its weights after.
/// </summary>
public sealed class TrainClientActivity(FedAvgRuntime runtime) : TaskActivity<TrainClientInput, TrainClientResult>
{
    public override async Task<TrainClientResult> RunAsync(TaskActivityContext context, TrainClientInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        var storage = runtime.Storage;
        await RunStop.ThrowIfStoppedAsync(storage, input.RunId).ConfigureAwait(false);
        var transfer = Stopwatch.StartNew();
        var shard = await runtime.LoadShardAsync(storage.Runs, input.ShardBlob).ConfigureAwait(false);
        // The held-out part is cut before any attack poisons labels: it is judged on the client's true data, never trained on.
        shard = input.HoldOut?.Split(shard).Train ?? shard;
        shard = input.Attack?.TrainingData(shard) ?? shard;
        var global = await ModelBlobs.ReadAsync(storage.Models, input.GlobalModelBlob, CancellationToken.None).ConfigureAwait(false);
        var controls = input.Scaffold is { } scaffold ? await ReadControlsAsync(storage, global, scaffold).ConfigureAwait(false) : null;
        transfer.Stop();

        var (update, trained) = await runtime.ComputeAsync(() =>
        {
            using var model = ModelCatalog.Create(input.Model, input.Seed);
            global.CopyTo(model);
            var result = LocalTrainer.Train(model, shard, new LocalTrainingOptions
            {
                Epochs = input.Epochs,
                BatchSize = input.BatchSize,
                LearningRate = input.LearningRate,
                Momentum = input.Momentum,
                WeightDecay = input.WeightDecay,
                Augment = input.Augmentation,
                Seed = input.Seed,
                ProximalMu = input.ProximalMu,
                LogitAdjustment = input.LogitAdjustment,
                Scaffold = controls,
            }, cancellationToken: runtime.Stopping);
            return (ModelWeights.FromModule(model, input.Model), result);
        }, whenAdmitted: () => RunStop.ThrowIfStoppedAsync(storage, input.RunId)).ConfigureAwait(false);

        update = input.Attack?.Corrupt(global, update, input.Seed) ?? update;
        transfer.Start();
        string blob = BlobNames.ClientUpdate(input.RunId, input.Round, input.Client);
        await ModelBlobs.WriteAsync(storage.Runs, blob, update, CancellationToken.None).ConfigureAwait(false);
        string? deltaBlob = null;
        if (controls is not null)
        {
            // The new c_i is named by this round, so a retry of this activity still reads the c_i it started from.
            await ModelBlobs.WriteAsync(storage.Runs, BlobNames.ClientControl(input.RunId, input.Client, input.Round), trained.ClientControl!, CancellationToken.None).ConfigureAwait(false);
            deltaBlob = BlobNames.ClientControlDelta(input.RunId, input.Round, input.Client);
            await ModelBlobs.WriteAsync(storage.Runs, deltaBlob, controls.Delta(trained.ClientControl!), CancellationToken.None).ConfigureAwait(false);
        }

        transfer.Stop();

        return new TrainClientResult(input.Client, blob, (int)trained.Samples, trained.MeanLoss, trained.TrainingAccuracy,
            trained.Duration.TotalSeconds, transfer.Elapsed.TotalSeconds, trained.ImagesPerSecond,
            new ActivityTiming(started, DateTimeOffset.UtcNow), deltaBlob);
    }

    /// <summary>The server's and this client's controls; a blob not yet written (first round, first participation) is zeros.</summary>
    private static async Task<ScaffoldControls> ReadControlsAsync(FedAvgStorage storage, ModelWeights global, ScaffoldBlobs blobs)
    {
        var zero = ScaffoldControls.Zero(global);
        var server = blobs.ServerControlBlob is null ? zero.Server : await ModelBlobs.ReadAsync(storage.Runs, blobs.ServerControlBlob, CancellationToken.None).ConfigureAwait(false);
        var client = blobs.ClientControlBlob is null ? zero.Client : await ModelBlobs.ReadAsync(storage.Runs, blobs.ClientControlBlob, CancellationToken.None).ConfigureAwait(false);
        return new ScaffoldControls(server, client);
    }
}
