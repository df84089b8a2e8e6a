using System.Text.Json;
using FedAvg.Common.Models;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Shards;
using FedAvg.Common.Storage;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// Makes sure the data set is in storage, splits the training set among the clients (one shard
/// blob each) and writes the initial global model.
/// </summary>
public sealed class PrepareRunActivity(FedAvgRuntime runtime) : TaskActivity<PrepareRunInput, PrepareRunResult>
{
    public override async Task<PrepareRunResult> RunAsync(TaskActivityContext context, PrepareRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var storage = runtime.Storage;
        await storage.EnsureContainersAsync().ConfigureAwait(false);
        await RunStop.ThrowIfStoppedAsync(storage, input.RunId).ConfigureAwait(false);
        string source = await DatasetImport.EnsureAsync(runtime, CancellationToken.None).ConfigureAwait(false);
        // The split holds the whole training set; once it returns, that memory is garbage.
        var (shards, trainSamples) = await SplitAsync(input).ConfigureAwait(false);

        var test = await runtime.LoadShardAsync(storage.Data, BlobNames.TestSet).ConfigureAwait(false);
        ModelWeights initial = await runtime.ComputeAsync(() =>
        {
            using var model = ModelCatalog.Create(request.Model, request.Seed);
            return ModelWeights.FromModule(model, request.Model);
        }).ConfigureAwait(false);

        string initialBlob = BlobNames.GlobalModel(input.RunId, 0);
        await ModelBlobs.WriteAsync(storage.Models, initialBlob, initial, CancellationToken.None).ConfigureAwait(false);
        int testSamples = request.TestLimit is int testLimit ? Math.Min(testLimit, test.Count) : test.Count;
        return new PrepareRunResult(initialBlob, shards, trainSamples, testSamples, source);
    }

    /// <summary>Partitions the training set and writes one shard blob per client.</summary>
    private async Task<(ClientShard[] Shards, int TrainSamples)> SplitAsync(PrepareRunInput input)
    {
        var request = input.Request;
        var storage = runtime.Storage;
        // The whole training set is needed here only, once per run: read it, don't cache it.
        var train = await FedAvgRuntime.ReadShardAsync(storage.Data, BlobNames.TrainingSet).ConfigureAwait(false);
        if (request.TrainLimit is int limit)
        {
            train = train.Take(limit);
        }

        ClientPartition partition = await runtime.ComputeAsync(() => RunPartition.Split(request, train.Labels)).ConfigureAwait(false);

        // Thousands of tiny shards: their uploads overlap, a bounded number at a time.
        var shards = new ClientShard[request.Clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Clients), new ParallelOptions { MaxDegreeOfParallelism = FedAvgStorage.MaxParallelTransfers },
            async (client, token) =>
            {
                var shard = train.Subset(partition.ClientIndices[client]);
                string blob = BlobNames.ClientShard(input.RunId, client);
                await FedAvgStorage.UploadAsync(storage.Runs, blob, s => ShardFormat.Write(s, shard), token).ConfigureAwait(false);
                shards[client] = new ClientShard(client, blob, shard.Count, partition.ClassHistogram[client]);
            }).ConfigureAwait(false);

        await FedAvgStorage.UploadAsync(storage.Runs, BlobNames.Partition(input.RunId),
            s => JsonSerializer.Serialize(s, shards)).ConfigureAwait(false);
        return (shards, train.Count);
    }
}
