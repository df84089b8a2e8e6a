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

    public static async Task<bool> ExistsAsync(BlobContainerClient container, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        return (await container.GetBlobClient(name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }
}
