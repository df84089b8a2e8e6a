using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FedAvg.Common.Storage;

/// <summary>
/// The product's blob storage. Uploads go through block blobs, which become visible only when the
/// block list is committed, so a crash mid-upload never leaves a half-written blob behind.
/// </summary>
public sealed class FedAvgStorage
{
    /// <summary>
    /// Blob requests one activity keeps in flight at once: enough to hide a round trip behind the others, few
    /// enough that a round of hundreds of clients neither floods the account nor holds hundreds of buffers.
    /// </summary>
    public const int MaxParallelTransfers = 8;

    public FedAvgStorage(BlobServiceClient service, StorageContainers? containers = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        containers ??= new StorageContainers();
        Service = service;
        Data = service.GetBlobContainerClient(containers.Data);
        Runs = service.GetBlobContainerClient(containers.Runs);
        Models = service.GetBlobContainerClient(containers.Models);
    }

    public BlobServiceClient Service { get; }

    public BlobContainerClient Data { get; }

    public BlobContainerClient Runs { get; }

    public BlobContainerClient Models { get; }

    public static FedAvgStorage FromConnectionString(string connectionString) => new(new BlobServiceClient(connectionString));

    /// <summary>Identity-based access (managed identity in Azure, developer sign-in locally).</summary>
    public static FedAvgStorage FromServiceUri(Uri blobServiceUri) => new(new BlobServiceClient(blobServiceUri, new DefaultAzureCredential()));

    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in new[] { Data, Runs, Models })
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task UploadAsync(BlobContainerClient container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        var options = new BlobUploadOptions
        {
            TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = 8 << 20, MaximumTransferSize = 8 << 20, MaximumConcurrency = 4 },
        };
        await container.GetBlobClient(name).UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="write"/>'s output as one blob; nothing appears unless it completes.</summary>
    public static Task UploadAsync(BlobContainerClient container, string name, Action<Stream> write, CancellationToken cancellationToken = default) =>
        UploadAsync(container, name, write, expectedBytes: 0, cancellationToken);

    /// <summary>As above, for output of a known size.</summary>
    /// <param name="expectedBytes">The output's size when known: the buffer is then allocated once, not regrown.</param>
    public static async Task UploadAsync(BlobContainerClient container, string name, Action<Stream> write, int expectedBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream(expectedBytes);
        write(buffer);
        buffer.Position = 0;
        await UploadAsync(container, name, buffer, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<MemoryStream> DownloadAsync(BlobContainerClient container, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        var buffer = new MemoryStream();
        try
        {
            await container.GetBlobClient(name).DownloadToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw new BlobMissingException(container.Name, name, e);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Deletes the blobs whose names start with <paramref name="prefix"/>, a bounded number at a time.</summary>
    /// <returns>How many blobs and bytes were deleted; a blob already gone (a retry, a replay) counts for nothing.</returns>
    public static async Task<(int Blobs, long Bytes)> DeletePrefixAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var found = new List<(string Name, long Bytes)>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            found.Add((item.Name, item.Properties.ContentLength ?? 0));
        }

        int blobs = 0;
        long bytes = 0;
        await Parallel.ForEachAsync(found, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransfers, CancellationToken = cancellationToken }, async (blob, token) =>
        {
            if (await DeleteIfExistsAsync(container, blob.Name, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref blobs);
                Interlocked.Add(ref bytes, blob.Bytes);
            }
        }).ConfigureAwait(false);
        return (blobs, bytes);
    }

    /// <returns>Whether the blob was there: deleting one that is already gone is not an error.</returns>
    public static async Task<bool> DeleteIfExistsAsync(BlobContainerClient container, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        return (await container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
    }

    public static async Task<bool> ExistsAsync(BlobContainerClient container, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        return (await container.GetBlobClient(name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }
}
