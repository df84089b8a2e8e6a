using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FedAvg.LocalHost.Engine;
using FedAvg.LocalHost.Storage;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>
/// A look into a fedavg state folder from the test: its Azurite (started here, or shared with a
/// fedavg process that is running on the folder), the task hub's activity queue and a run's blobs.
/// </summary>
internal sealed class LocalState : IAsyncDisposable
{
    private readonly LocalStorage _storage;

    private LocalState(LocalStorage storage) => _storage = storage;

    public static async Task<LocalState> OpenAsync(string folder) =>
        new(await LocalStorage.OpenAsync(folder, CancellationToken.None));

    public string ConnectionString => _storage.ConnectionString;

    /// <summary>Activities queued (or running) in the task hub, of every run.</summary>
    public async Task<int> QueuedActivitiesAsync()
    {
        var queue = new QueueClient(_storage.ConnectionString, $"{LocalDurableEngineOptions.DefaultTaskHubName}-workitems");
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    /// <summary>Every blob the run has written, in the runs and models containers.</summary>
    public async Task<List<string>> RunBlobsAsync(string runId)
    {
        var service = new BlobServiceClient(_storage.ConnectionString);
        var names = new List<string>();
        foreach (string container in new[] { "runs", "models" })
        {
            await foreach (var blob in service.GetBlobContainerClient(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, runId + "/", CancellationToken.None))
            {
                names.Add($"{container}/{blob.Name}");
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public ValueTask DisposeAsync() => _storage.DisposeAsync();
}
