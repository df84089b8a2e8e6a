using FedAvg.Common.Data;
using FedAvg.Common.Shards;
using FedAvg.Common.Storage;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// Puts the CIFAR-10 training and test sets into blob storage once, as shards, so every activity
/// on every instance reads its data from storage rather than from a local disk.
/// </summary>
internal static class DatasetImport
{
    private static readonly SemaphoreSlim OneImportAtATime = new(1);

    /// <summary>Returns where the data came from: "storage" when already imported, else the folder.</summary>
    public static async Task<string> EnsureAsync(FedAvgRuntime runtime, CancellationToken cancellationToken)
    {
        var data = runtime.Storage.Data;
        if (await BothExistAsync(runtime, cancellationToken).ConfigureAwait(false))
        {
            return "storage";
        }

        await OneImportAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await BothExistAsync(runtime, cancellationToken).ConfigureAwait(false))
            {
                return "storage";
            }

            string directory = await runtime.Options.ResolveDataDirectory(cancellationToken).ConfigureAwait(false);
            // Test set first: the training set's presence is what marks a finished import.
            var test = CifarBinaryReader.ReadTestSet(directory);
            await FedAvgStorage.UploadAsync(data, BlobNames.TestSet, s => ShardFormat.Write(s, test), ShardBytes(test), cancellationToken).ConfigureAwait(false);
            var train = CifarBinaryReader.ReadTrainingSet(directory);
            await FedAvgStorage.UploadAsync(data, BlobNames.TrainingSet, s => ShardFormat.Write(s, train), ShardBytes(train), cancellationToken).ConfigureAwait(false);
            return directory;
        }
        finally
        {
            OneImportAtATime.Release();
        }
    }

    private static int ShardBytes(CifarDataset dataset) => ShardFormat.HeaderBytes + dataset.Labels.Length + dataset.Pixels.Length;

    private static async Task<bool> BothExistAsync(FedAvgRuntime runtime, CancellationToken cancellationToken) =>
        await FedAvgStorage.ExistsAsync(runtime.Storage.Data, BlobNames.TrainingSet, cancellationToken).ConfigureAwait(false)
        && await FedAvgStorage.ExistsAsync(runtime.Storage.Data, BlobNames.TestSet, cancellationToken).ConfigureAwait(false);
}
